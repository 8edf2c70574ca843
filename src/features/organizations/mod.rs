pub mod delete;
pub mod form;
