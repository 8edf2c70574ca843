pub mod advisor;
pub mod delete;
pub mod editor;
pub mod impact;
pub mod list;
pub mod manager;
pub mod permissions;
pub mod scope;
