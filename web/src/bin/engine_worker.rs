//! The engine worker's binary: owns the database inside a dedicated Web Worker.

#[cfg(all(target_arch = "wasm32", feature = "engine"))]
fn main() {
    retort_web::engine::start();
}

#[cfg(not(all(target_arch = "wasm32", feature = "engine")))]
fn main() {
    eprintln!("retort-web runs in the browser: use `cargo xtask serve`.");
    std::process::exit(2);
}
