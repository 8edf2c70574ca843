pub mod add;
pub mod delete;
pub mod form;
pub mod list;
