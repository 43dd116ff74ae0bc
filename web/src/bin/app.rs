//! The page's main-thread binary: mounts the yew application.

#[cfg(target_arch = "wasm32")]
fn main() {
    retort_web::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("retort-web runs in the browser: use `cargo xtask serve`.");
    std::process::exit(2);
}
