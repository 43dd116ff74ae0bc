//! The page on the main thread: a yew application that talks to the engine
//! worker through [`engine_client::EngineClient`] and renders its answers —
//! a Python run's report ([`python_view`]) or typed SQL's rows ([`results`]).

mod app;
mod engine_client;
mod example;
mod python_view;
mod results;

pub use app::App;

/// Mounts the application on the document body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
