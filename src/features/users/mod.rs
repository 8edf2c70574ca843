pub mod edit;
pub mod invitation;
pub mod invite;
pub mod management;
pub mod remove;
pub mod roles;
pub mod scope;
pub mod table;
