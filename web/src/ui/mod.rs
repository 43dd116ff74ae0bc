//! The page on the main thread: a yew application that talks to the engine
//! worker through [`engine_client::EngineClient`] and renders its answers.

mod app;
mod engine_client;
mod results;

pub use app::App;

/// Mounts the application on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
