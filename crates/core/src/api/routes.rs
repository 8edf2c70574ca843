//! The route table: DevOps API v2 paths where the spec defines the operation, and paths in the
//! same style for what the seeds describe but the spec lacks (README, "API").

use super::access::Actor;
use super::error::{ApiError, ErrorId};
use super::request::{Method, Request, Response};
use super::{
    audit_log, billing, databases, enterprise, organizations, roles, tokens, users, Context,
};
use crate::model::{ChangeSet, State};

/// A handler's result: the response and what it changes, or a refusal.
pub type Handled = Result<(Response, ChangeSet), ApiError>;

/// Path parameters, in the order the pattern has them.
pub type Params<'a> = [&'a str];

type Handler = fn(&State, &Actor, &Request, &mut Context, &Params) -> Handled;

use Method::{Delete, Get, Patch, Post, Put};

/// `{}` stands for one path parameter.
// One route per line reads as the table it is.
#[rustfmt::skip]
pub const ROUTES: &[(Method, &str, Handler)] = &[
    (Get, "/v2/currentOrg", organizations::current),
    (Patch, "/v2/currentOrg", organizations::update),
    (Delete, "/v2/currentOrg", organizations::delete),
    (Get, "/v2/organizations", organizations::list),
    (Post, "/v2/organizations", organizations::create_standalone),
    (Get, "/v2/enterprises/current", enterprise::get),
    (Patch, "/v2/enterprises/current", enterprise::rename),
    (Get, "/v2/enterprises/organizations", enterprise::list_organizations),
    (Post, "/v2/enterprises/organizations", enterprise::create_organization),
    (Delete, "/v2/enterprises/organizations/{}", enterprise::delete_organization),
    (Get, "/v2/enterprises/organizations/{}/users", users::list_from_enterprise),
    (Get, "/v2/organizations/users", users::list),
    (Put, "/v2/organizations/users", users::invite),
    (Get, "/v2/organizations/users/{}", users::get),
    (Delete, "/v2/organizations/users/{}", users::remove),
    (Put, "/v2/organizations/users/{}/roles", users::update_roles),
    (Post, "/v2/organizations/invitation/accept", users::accept),
    (Get, "/v2/enterprises/users", users::list),
    (Put, "/v2/enterprises/users", users::invite),
    (Get, "/v2/enterprises/users/{}", users::get),
    (Delete, "/v2/enterprises/users/{}", users::remove),
    (Put, "/v2/enterprises/users/{}/roles", users::update_roles),
    (Post, "/v2/enterprises/invitation/accept", users::accept),
    (Get, "/v2/organizations/roles", roles::list),
    (Post, "/v2/organizations/roles", roles::create),
    (Get, "/v2/organizations/roles/{}", roles::get),
    (Put, "/v2/organizations/roles/{}", roles::update),
    (Delete, "/v2/organizations/roles/{}", roles::delete),
    (Get, "/v2/tokens", tokens::list),
    (Post, "/v2/tokens", tokens::generate),
    (Delete, "/v2/tokens/{}", tokens::revoke),
    (Get, "/v2/clientIdSecrets", tokens::list),
    (Post, "/v2/clientIdSecrets", tokens::generate),
    (Delete, "/v2/clientIdSecrets/{}", tokens::revoke),
    (Post, "/v2/databases/{}/tokens", tokens::generate_for_database),
    (Get, "/v2/databases", databases::list),
    (Post, "/v2/databases", databases::create),
    (Get, "/v2/databases/{}", databases::get),
    (Delete, "/v2/databases/{}", databases::terminate),
    (Post, "/v2/databases/{}/keyspaces/{}", databases::create_keyspace),
    (Delete, "/v2/databases/{}/keyspaces/{}", databases::drop_keyspace),
    (Post, "/v2/databases/{}/keyspaces/{}/tables/{}", databases::create_table),
    (Delete, "/v2/databases/{}/keyspaces/{}/tables/{}", databases::drop_table),
    (Get, "/v2/organizations/audits", audit_log::organization),
    (Get, "/v2/enterprises/audits", audit_log::enterprise),
    (Get, "/v2/organizations/billing", billing::get),
    (Put, "/v2/organizations/billing/payment-method", billing::set_payment_method),
    (Delete, "/v2/organizations/billing/payment-method", billing::remove_payment_method),
    (Get, "/v2/organizations/usage", billing::usage_download),
    (Post, "/v2/enterprises/consumption", billing::consumption),
    (Post, "/v2/enterprises/billing-reports/generate-report", billing::generate_report),
    (Get, "/v2/enterprises/billing-reports/{}", billing::report),
    (Get, "/v2/enterprises/billing-reports/{}/csv", billing::report_csv),
];

/// The path's one `{}` segment (the route always has it; an empty ID finds nothing).
pub fn path_id<'p>(params: &Params<'p>) -> &'p str {
    params.first().copied().unwrap_or_default()
}

fn matches<'p>(pattern: &str, path: &'p str) -> Option<Vec<&'p str>> {
    let mut params = Vec::new();
    let mut pattern_parts = pattern.split('/');
    let mut path_parts = path.trim_end_matches('/').split('/');
    loop {
        match (pattern_parts.next(), path_parts.next()) {
            (None, None) => return Some(params),
            (Some("{}"), Some(part)) if !part.is_empty() => params.push(part),
            (Some(a), Some(b)) if a == b => {}
            _ => return None,
        }
    }
}

pub fn dispatch(state: &State, actor: &Actor, request: &Request, ctx: &mut Context) -> Handled {
    let mut allowed = Vec::new();
    for (method, pattern, handler) in ROUTES {
        if let Some(params) = matches(pattern, &request.path) {
            if *method == request.method {
                return handler(state, actor, request, ctx, &params);
            }
            allowed.push(method.as_str());
        }
    }
    if allowed.is_empty() {
        Err(ApiError::new(
            ErrorId::UnknownRoute,
            format!(
                "there is no endpoint {}: see the README's API section for the paths",
                request.path
            ),
        ))
    } else {
        Err(ApiError::new(
            ErrorId::MethodNotAllowed,
            format!(
                "{} {} is not an operation: use {}",
                request.method.as_str(),
                request.path,
                allowed.join(" or ")
            ),
        ))
    }
}
