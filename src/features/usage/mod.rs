pub mod bad_rows;
pub mod reconciliation;
pub mod source;
