//! The page on the main thread: a yew application ([`App`]) that talks to
//! the engine worker through [`engine_client::EngineClient`] and shows the
//! run report — the editor with its timeline on the left, the panels on
//! the right ([`panels`]).

mod app;
mod browser;
mod editor;
mod engine_client;
mod example;
mod layout;
mod panels;
mod split;
mod timeline;

pub use app::App;

/// Mounts the application on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
