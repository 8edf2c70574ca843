//! Where the page keeps the portal's state.

pub mod early;
pub mod indexed_db;
