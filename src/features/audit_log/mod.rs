pub mod download;
pub mod table;
