//! The emails the portal wrote (`portal_core::model::mail`): the outbox a person reads them in,
//! and an invitation's link.

pub mod invitation;
pub mod outbox;
