//! The portal page: a Leptos single-page app whose backend (the core crate) runs in the page.

mod app;
mod components;
pub mod connection;
mod pages;
pub mod portal;
pub mod scope;
pub mod store;

pub use app::App;
