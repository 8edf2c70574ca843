//! What a change would do to who may do what, before it is made (AWS's CheckNoNewAccess and GCP's
//! Policy Simulator are the anchors; seed 004, "Edit a custom role": "consider the effects that
//! your changes can have on existing tokens and users assigned to that role"). Any request that
//! writes can be asked with `?dryRun=true`: it goes through the gate and its handler as usual,
//! nothing is kept, and the answer lists each user and token whose permissions the change set would
//! change, with what they would gain and lose, as the evaluator decides them ([`grant::beyond`]
//! both ways). The page asks the same of its own state before Edit Role, Delete Role and a user's
//! roles are saved.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::access::Actor;
use super::visibility::Visibility;
use super::{routes, ApiError, Context, Request};
use crate::model::{ChangeSet, Collection, MemberStatus, Scope, State};
use crate::rbac::{grant, Role};

/// The note the answer carries: seed 004's warning.
pub const NOTE: &str = "Changes to a role apply to the existing tokens and users assigned to it: \
     revoking necessary permissions from a production token can cause an application to fail \
     (seed 004).";

/// What a request would do, had it not been a dry run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Impact {
    pub dry_run: bool,
    /// The status the request would have been answered with.
    pub status: u16,
    pub note: String,
    pub principals: Vec<PrincipalImpact>,
    /// Principals whose permissions change but whom the actor may not list.
    pub unlisted: usize,
}

/// One user (in one organization or the enterprise) or token whose permissions change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalImpact {
    /// `user` or `token`.
    pub kind: String,
    pub id: String,
    /// A user's email, a token's description (or clientId when it has none).
    pub name: String,
    pub scope: Scope,
    /// A user whose invitation there is still pending: it applies once accepted.
    pub pending: bool,
    pub gains: Vec<Grant>,
    pub loses: Vec<Grant>,
}

/// A permission on a resource (a DRN pattern).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub permission: String,
    pub resource: String,
}

/// Runs the request as a dry run: its answer's status and the change set's impact, or the
/// refusal it would get.
pub fn dry_run(
    state: &State,
    actor: &Actor,
    request: &Request,
    ctx: &mut Context,
) -> Result<Impact, ApiError> {
    let (response, changes) = routes::dispatch(state, actor, request, ctx)?;
    let visibility = Visibility::of(state, actor);
    let (principals, unlisted) = of_changes(state, &changes)
        .into_iter()
        .partition::<Vec<_>, _>(|p| visibility.lists(p));
    Ok(Impact {
        dry_run: true,
        status: response.status,
        note: NOTE.to_owned(),
        principals,
        unlisted: unlisted.len(),
    })
}

/// Whether a request asks for a dry run (`dryRun=true`), and the request without that parameter.
pub fn dry(request: &Request) -> Option<Request> {
    let asked = request
        .query
        .iter()
        .any(|(key, value)| key == "dryRun" && value == "true");
    asked.then(|| Request {
        query: request
            .query
            .iter()
            .filter(|(key, _)| key != "dryRun")
            .cloned()
            .collect(),
        ..request.clone()
    })
}

/// Every user membership and token whose permissions `changes` would change, in the order of
/// their IDs.
pub fn of_changes(before: &State, changes: &ChangeSet) -> Vec<PrincipalImpact> {
    let mut after = before.clone();
    after.apply(changes);
    let keys = changes.keys();
    let touched = |collection: Collection| -> BTreeSet<&str> {
        keys.iter()
            .filter(|k| k.collection == collection)
            .map(|k| k.id.as_str())
            .collect()
    };
    // A custom role's record is under its ID; changing it changes what its holders may do.
    let roles = touched(Collection::Roles);
    let holds_changed = |ids: &[String]| ids.iter().any(|r| roles.contains(r.as_str()));
    let mut impacts = Vec::new();
    let users = touched(Collection::Users);
    // Users are only changed or added by a change set, never removed: `before` and the new ones
    // of `after` cover them all, once each.
    let added = after
        .users
        .values()
        .filter(|u| !before.users.contains_key(&u.id));
    for user in before.users.values().chain(added) {
        let holds = user
            .scopes()
            .any(|s| user.membership(&s).is_some_and(|m| holds_changed(&m.roles)));
        if !users.contains(user.id.as_str()) && !holds {
            continue;
        }
        let scopes: BTreeSet<Scope> = [before.users.get(&user.id), after.users.get(&user.id)]
            .into_iter()
            .flatten()
            .flat_map(|u| u.scopes())
            .collect();
        for scope in scopes {
            let held = |state: &State| -> (Vec<Role>, bool) {
                state
                    .users
                    .get(&user.id)
                    .and_then(|u| u.membership(&scope))
                    .map_or((Vec::new(), false), |m| {
                        (
                            state.resolve_roles(&scope, &m.roles),
                            m.status == MemberStatus::Invited,
                        )
                    })
            };
            let ((was, _), (will, pending)) = (held(before), held(&after));
            if let Some(impact) = compared(&was, &will) {
                impacts.push(PrincipalImpact {
                    kind: "user".into(),
                    id: user.id.clone(),
                    name: user.email.clone(),
                    scope,
                    pending,
                    gains: impact.0,
                    loses: impact.1,
                });
            }
        }
    }
    let tokens = touched(Collection::Tokens);
    for token in before.tokens.values() {
        if !tokens.contains(token.client_id.as_str()) && !holds_changed(&token.roles) {
            continue;
        }
        let was = before.resolve_roles(&token.scope, &token.roles);
        let will = after
            .tokens
            .get(&token.client_id)
            .map_or_else(Vec::new, |t| after.resolve_roles(&t.scope, &t.roles));
        if let Some((gains, loses)) = compared(&was, &will) {
            impacts.push(PrincipalImpact {
                kind: "token".into(),
                id: token.client_id.clone(),
                name: if token.description.is_empty() {
                    token.client_id.clone()
                } else {
                    token.description.clone()
                },
                scope: token.scope.clone(),
                pending: false,
                gains,
                loses,
            });
        }
    }
    impacts
}

/// What `will` gives beyond `was`, and the reverse; `None` when neither gives anything more.
fn compared(was: &[Role], will: &[Role]) -> Option<(Vec<Grant>, Vec<Grant>)> {
    let grants = |missing: Vec<grant::Ungranted>| -> Vec<Grant> {
        missing
            .into_iter()
            .map(|m| Grant {
                permission: m.permission.api().to_owned(),
                resource: m.resource.to_string(),
            })
            .collect()
    };
    let gains = grants(grant::beyond(was, will));
    let loses = grants(grant::beyond(will, was));
    (!gains.is_empty() || !loses.is_empty()).then_some((gains, loses))
}

impl Visibility<'_> {
    /// Whether the actor may list this principal: the user's membership there, or the token.
    fn lists(&self, impact: &PrincipalImpact) -> bool {
        match impact.kind.as_str() {
            "user" => self.lists_member(&impact.id, &impact.scope),
            _ => self.lists_token(&impact.id),
        }
    }
}
