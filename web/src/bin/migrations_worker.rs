//! The migrations worker's binary: `flask db ...` on the project the page
//! keeps, in a dedicated Web Worker started when the Migrations view is
//! first used (so the page's first load does not carry `retort-migrate`).

#[cfg(all(target_arch = "wasm32", feature = "migrate"))]
fn main() {
    retort_web::engine::start_migrations();
}

#[cfg(not(all(target_arch = "wasm32", feature = "migrate")))]
fn main() {
    eprintln!("retort-web runs in the browser: use `cargo xtask serve`.");
    std::process::exit(2);
}
