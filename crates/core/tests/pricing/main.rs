//! The pricing engine: classic and serverless estimates, and the price book they read.

mod classic;
mod databases;
mod price_book;
mod serverless;
