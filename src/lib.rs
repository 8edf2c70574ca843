//! The portal page: a Leptos single-page app whose backend (the core crate) runs in the page.

mod app;
pub mod clock;
pub mod connection;
mod features;
mod pages;
pub mod portal;
pub mod scope;
mod shell;
pub mod store;
mod ui;

pub use app::App;
