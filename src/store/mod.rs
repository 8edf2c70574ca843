//! Where the page keeps the portal's state.

pub mod indexed_db;
