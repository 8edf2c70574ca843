//! One file per portal page; the settings pages only one scope has are under its folder.

pub mod access;
pub mod audit;
pub mod emails;
pub mod enterprise;
pub mod invitation;
pub mod lazy;
pub mod manage_organizations;
pub mod not_found;
pub mod organization;
pub mod pricing;
pub mod roles;
pub mod settings_heading;
pub mod tokens;
pub mod usage;
pub mod users;
