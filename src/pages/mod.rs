//! One file per portal page.

pub mod access;
pub mod enterprise;
pub mod not_found;
pub mod organization;
pub mod pricing;
pub mod usage;
