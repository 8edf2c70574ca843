//! The request handlers, one file for each resource the API serves. The route table
//! ([`super::routes`]) names a handler for each endpoint and runs it once the gate has let the
//! request through; what the handlers share (their signature, the path's parameters) lives here,
//! so that the route table depends on the handlers and never the other way round.

pub mod audit_log;
pub mod billing;
pub mod changes;
pub mod customer_keys;
pub mod databases;
pub mod emails;
pub mod enterprise;
pub mod invoices;
pub mod organizations;
pub mod regions;
pub mod roles;
pub mod tokens;
pub mod users;

use super::access::Actor;
use super::effects::Effects;
use super::error::ApiError;
use super::request::{Request, Response};
use super::Context;
use crate::model::{ChangeSet, State};

/// A handler's result: the response and what it changes, or a refusal.
pub type Handled = Result<(Response, ChangeSet), ApiError>;

/// Path parameters, in the order the pattern has them.
pub type Params<'a> = [&'a str];

/// What the route table runs for an endpoint.
pub type Handler = fn(Call, &mut Context) -> Handled;

/// One request as its handler receives it: the state it reads, who asks, what they sent and the
/// path's parameters. The context (time, randomness) travels beside it because it is the one
/// thing a handler changes as it works.
#[derive(Copy, Clone)]
pub struct Call<'a> {
    pub state: &'a State,
    pub actor: &'a Actor,
    pub request: &'a Request,
    pub params: &'a Params<'a>,
}

impl<'a> Call<'a> {
    /// The path's one `{}` segment (the route always has it; an empty ID finds nothing).
    pub fn path_id(&self) -> &'a str {
        self.params.first().copied().unwrap_or_default()
    }

    /// The changes this request makes, recorded in the audit log as the actor's, now.
    pub fn effects(&self, ctx: &Context) -> Effects<'a> {
        Effects::new(self.state, self.actor, ctx.now)
    }
}

/// An answer that changes nothing: a read, or a change that found nothing to do.
pub fn unchanged(response: Response) -> Handled {
    Ok((response, ChangeSet::default()))
}
