pub mod create;
pub mod ticking;
