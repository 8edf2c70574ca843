pub mod generator;
pub mod list;
pub mod reveal;
