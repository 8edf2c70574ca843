//! Test fixtures, behind the `fixtures` feature: a state grown through the handlers to many users,
//! roles and tokens ([`bulk`]), and a harmless request for every route with the answer each actor
//! must get ([`probe`]). Tests and benchmarks use them; the product never does.

pub mod bulk;
pub mod probe;
