//! The portal's domain core.
//!
//! Everything the portal decides lives here, once: the permission catalog and default roles, DRN
//! resource scopes and the RBAC evaluator, the domain model and its invariants, pricing, the
//! limits and formats of what requests give (`validation`), how times are written and read
//! (`time`), and the DevOps-API handlers. It has no web, DOM or I/O dependencies, so the same
//! code runs inside the page (WebAssembly), in the `portal` command and in the server.

/// The product's name as the portal shows it.
pub const PRODUCT_NAME: &str = "Astra Portal";

pub mod api;
pub mod environment;
#[cfg(feature = "fixtures")]
pub mod fixtures;
pub mod model;
pub mod pricing;
pub mod rbac;
pub mod spreadsheet;
pub mod store;
pub mod sync;
pub mod time;
pub mod usage;
pub mod validation;
