//! The seed files' rules restated as tables: the permission catalog and the default roles.

mod catalog;
mod default_roles;
mod environment;
