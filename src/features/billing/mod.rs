pub mod consumption;
pub mod payment;
pub mod plan;
pub mod reports;
pub mod response;
pub mod usage;
