//! The seed files' rules restated as tables: the permission catalog, the default roles and the
//! roles recommended for each access method.

mod advisor;
mod catalog;
mod default_roles;
mod environment;
