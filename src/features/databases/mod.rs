pub mod create;
pub mod environment;
pub mod row;
pub mod settings;
pub mod terminate;
pub mod visible;
