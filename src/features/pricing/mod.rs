pub mod bill;
pub mod form;
pub mod plans;
pub mod rate_card;
