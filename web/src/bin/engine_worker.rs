//! The engine worker's binary: owns the database inside a dedicated Web Worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    retort_web::engine::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("retort-web runs in the browser: use `cargo xtask serve`.");
    std::process::exit(2);
}
