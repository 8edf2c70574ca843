//! The pricing engine: classic and serverless estimates, and the price book they read.

mod classic;
mod price_book;
mod serverless;
