//! The page on the main thread: a yew application ([`App`]) that talks to
//! the engine worker through [`engine_client::EngineClient`] and shows the
//! run report — the editor with its timeline and [`console`] on the left,
//! the panels on the right ([`panels`]) — and persistent mode's
//! [`database`] bar; the migrated project is kept across reloads by
//! [`project_store`]. A first visit shows the build's report of the
//! example ([`prerendered`]) until the engine's own confirms it.

mod app;
mod browser;
mod console;
mod console_state;
mod database;
mod editor;
mod engine_client;
mod layout;
mod panels;
mod prerendered;
mod project_store;
mod split;
mod timeline;

pub use app::App;

/// Mounts the application on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
