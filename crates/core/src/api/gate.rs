//! The one gate: `routes::dispatch` checks the route's [`Need`] here before its handler runs, so a
//! rule about who may call a route is written once, in the route table. Handlers keep only the
//! checks that depend on the request's data (what a grant grants, which token a revoke names),
//! each a named function of the core that the page's dry run reaches through the same dispatch.
//!
//! A refusal is a 403 that says who lacks what, where, and what to do about it.

use super::access::{self, Actor};
use super::error::{ApiError, ErrorId};
use super::handlers::Params;
use super::routes::{Check, On, Route};
use crate::model::state::realm_of;
use crate::model::{Scope, State};
use crate::rbac::{DefaultRole, Drn, Permission, Realm};

/// Whether the actor meets the route's need where it acts, or the refusal that says why not.
pub fn admit(state: &State, actor: &Actor, route: &Route, params: &Params) -> Result<(), ApiError> {
    let realm = realm_of(&actor.scope);
    let asked = Asked {
        state,
        actor,
        params,
        what: route.what,
        realm,
    };
    asked.meets(route.need.of(realm))
}

/// One request's question to the gate.
struct Asked<'a> {
    state: &'a State,
    actor: &'a Actor,
    params: &'a Params<'a>,
    /// What the route does, as a refusal says it ("change the enterprise display name").
    what: &'static str,
    realm: Realm,
}

impl Asked<'_> {
    fn meets(&self, check: Check) -> Result<(), ApiError> {
        let (state, actor, what) = (self.state, self.actor, self.what);
        match check {
            Check::Authenticated => Ok(()),
            Check::User => match actor.user_id() {
                Some(_) => Ok(()),
                None => Err(refused(format!(
                    "application tokens can't {what}: sign in as a user"
                ))),
            },
            Check::AnyRole => {
                if !access::roles(state, actor).is_empty() {
                    return Ok(());
                }
                let realm = realm_name(self.realm);
                Err(refused(format!(
                    "{} has no {realm} role, and it takes one to {what}: ask an {} to assign \
                     you one",
                    actor.name(state),
                    administrator(self.realm)
                )))
            }
            Check::Permission(permission, on) => self.permitted(permission, on),
            // Any one will do; the refusal names the first.
            Check::AnyPermission(permissions, on) => {
                let mut first = None;
                for permission in permissions {
                    match self.permitted(*permission, on) {
                        Ok(()) => return Ok(()),
                        Err(refusal) => {
                            first.get_or_insert(refusal);
                        }
                    }
                }
                first.map_or(Ok(()), Err)
            }
            Check::Role(name) => {
                if holds(state, actor, name) {
                    return Ok(());
                }
                Err(refused(format!(
                    "{} needs the {name} role to {what}: ask an {name} to do it or to give you \
                     the role",
                    actor.name(state)
                )))
            }
            Check::PathOrganizationRole(name) => {
                let org = path(self.params, 0);
                // A user's roles there are their active membership's; a token's never resolve in
                // another scope than its own.
                let there = Actor {
                    principal: actor.principal.clone(),
                    scope: Scope::Organization(org.to_owned()),
                };
                if holds(state, &there, name) {
                    return Ok(());
                }
                Err(refused(format!(
                    "{} needs an active {name} membership in {} to {what}: an {name} can do it \
                     from the organization level",
                    actor.name(state),
                    access::scope_name(state, &there.scope)
                )))
            }
            Check::AllOf(checks) => checks.iter().try_for_each(|check| self.meets(*check)),
            Check::NotInRealm => Err(refused(match self.realm {
                Realm::Enterprise if actor.user_id().is_some() => format!(
                    "{} acts at the enterprise level: switch to an organization to {what}",
                    actor.name(state)
                ),
                // Seed 000: "you can't use an enterprise token for database operations".
                Realm::Enterprise => format!(
                    "{} acts at the enterprise level, and to {what} needs an organization \
                     application token, not an enterprise one: generate a token for the \
                     organization (POST /v2/tokens with its orgId), or switch to the organization",
                    actor.name(state)
                ),
                Realm::Organization => format!(
                    "{} acts in {}: switch to the enterprise to {what} (an organization token \
                     can't; use an enterprise token)",
                    actor.name(state),
                    access::scope_name(state, &actor.scope)
                ),
            })),
        }
    }

    fn permitted(&self, permission: Permission, on: On) -> Result<(), ApiError> {
        if on == On::SomeDatabase {
            return self.permitted_somewhere(permission);
        }
        let resource = resource(self.state, self.actor, self.params, on).ok_or_else(|| {
            // Only an organization-level actor has an organization to check a database in, and
            // every route that checks one turns the others away first.
            refused(format!(
                "{} has no organization to {} in: switch to one",
                self.actor.name(self.state),
                self.what
            ))
        })?;
        access::require(self.state, self.actor, permission, &resource)
    }
}

impl Asked<'_> {
    /// The permission on the organization, or else on one of its databases; the refusal is the
    /// organization's.
    fn permitted_somewhere(&self, permission: Permission) -> Result<(), ApiError> {
        let (state, actor) = (self.state, self.actor);
        let refusal = match self.permitted(permission, On::Organization) {
            Ok(()) => return Ok(()),
            Err(refusal) => refusal,
        };
        let org = actor.scope.organization().unwrap_or_default();
        let on_one = state.databases.values().any(|db| {
            db.org_id == org
                && access::explain(state, actor, permission, &Drn::database(org, &db.id))
                    .is_ok_and(|decision| decision.allowed)
        });
        if on_one {
            Ok(())
        } else {
            Err(refusal)
        }
    }
}

/// The DRN a permission is checked on (for [`On::SomeDatabase`], the organization's).
fn resource(state: &State, actor: &Actor, params: &Params, on: On) -> Option<Drn> {
    let org = actor.scope.organization();
    let param = |i: usize| params.get(i).copied();
    Some(match on {
        On::Organization | On::SomeDatabase => Drn::organization(org?),
        On::Enterprise => Drn::enterprise(&state.enterprise.id),
        On::PathEnterpriseOrganization => {
            Drn::enterprise_organization(&state.enterprise.id, param(0)?)
        }
        On::Database => Drn::database(org?, param(0)?),
        On::Keyspace => Drn::keyspace(org?, param(0)?, param(1)?),
        On::Table => Drn::table(org?, param(0)?, param(1)?, param(2)?),
    })
}

fn path<'p>(params: &Params<'p>, i: usize) -> &'p str {
    params.get(i).copied().unwrap_or_default()
}

fn holds(state: &State, actor: &Actor, name: &str) -> bool {
    DefaultRole::find(name).is_some_and(|role| access::has_role(state, actor, role))
}

fn realm_name(realm: Realm) -> &'static str {
    match realm {
        Realm::Organization => "organization",
        Realm::Enterprise => "enterprise",
    }
}

fn administrator(realm: Realm) -> &'static str {
    match realm {
        Realm::Organization => "Organization Administrator",
        Realm::Enterprise => "Enterprise Administrator",
    }
}

fn refused(message: String) -> ApiError {
    ApiError::new(ErrorId::Forbidden, message)
}
