pub mod create;
pub mod row;
pub mod terminate;
