//! The portal page: a Leptos single-page app whose backend (the core crate) runs in the page.

mod app;
pub mod clock;
mod components;
pub mod connection;
mod pages;
pub mod portal;
pub mod scope;
pub mod store;

pub use app::App;
