//! The portal page: a Leptos single-page app whose backend (the core crate) runs in the page.

mod app;
mod components;
mod pages;
pub mod portal;
pub mod scope;
pub mod store;

pub use app::App;
