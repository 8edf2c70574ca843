//! Whose users a path means (`/v2/enterprises/...` the enterprise, `/v2/organizations/...` the
//! actor's organization), and how a member is shown.

use serde::Serialize;

use crate::api::access::{self, Actor};
use crate::api::effects::Effects;
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Request;
use crate::model::{MemberStatus, Membership, Scope, State, User};
use crate::rbac::{DefaultRole, Role};

/// The users of one organization or of the enterprise, as the path names them: where they
/// belong, and the role that makes an administrator there.
pub(super) struct Members {
    pub(super) scope: Scope,
    pub(super) admin: &'static DefaultRole,
    /// The endpoints' path prefix, for messages that name an endpoint.
    pub(super) base: &'static str,
}

const ENTERPRISE_BASE: &str = "/v2/enterprises";
const ORGANIZATION_BASE: &str = "/v2/organizations";

impl Members {
    /// The enterprise for `/v2/enterprises/...`; otherwise the actor's organization.
    pub(super) fn of(actor: &Actor, request: &Request) -> Result<Members, ApiError> {
        if request.path.starts_with(ENTERPRISE_BASE) {
            return Ok(Members {
                scope: Scope::Enterprise,
                admin: access::default_role("Enterprise Administrator"),
                base: ENTERPRISE_BASE,
            });
        }
        access::organization_of(actor).map(Members::organization)
    }

    /// The users of an organization.
    pub(super) fn organization(org: &str) -> Members {
        Members {
            scope: Scope::Organization(org.to_owned()),
            admin: access::default_role("Organization Administrator"),
            base: ORGANIZATION_BASE,
        }
    }

    pub(super) fn name(&self, state: &State) -> String {
        access::scope_name(state, &self.scope)
    }

    /// A user with a membership here (active or invited), or a 404.
    pub(super) fn member<'s>(
        &self,
        state: &'s State,
        user_id: &str,
    ) -> Result<(&'s User, &'s Membership), ApiError> {
        state
            .users
            .get(user_id)
            .and_then(|user| user.membership(&self.scope).map(|m| (user, m)))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorId::NotFound,
                    format!(
                        "user '{user_id}' is not a member of {}: check the ID, or list the users \
                         with GET {}/users",
                        self.name(state),
                        self.base
                    ),
                )
            })
    }

    /// The user as the API shows them. seed 000, "Manage enterprise users": "The Admin flag
    /// indicates users with the Enterprise Administrator."
    pub(super) fn view(&self, state: &State, user: &User, membership: &Membership) -> UserView {
        UserView {
            user_id: user.id.clone(),
            email: user.email.clone(),
            status: membership.status.as_str(),
            roles: state.resolve_roles(&self.scope, &membership.roles),
            admin: (self.scope == Scope::Enterprise).then(|| self.is_admin_role(membership)),
        }
    }

    /// Records that the actor did `action` to `user` here.
    pub(super) fn audit(&self, effects: &mut Effects, action: &str, user: &User, summary: String) {
        effects.audit(self.scope.clone(), action, vec![user.id.clone()], summary);
    }

    pub(super) fn is_admin_role(&self, membership: &Membership) -> bool {
        membership.roles.iter().any(|r| r == self.admin.id)
    }

    pub(super) fn is_active_admin(&self, membership: &Membership) -> bool {
        membership.status == MemberStatus::Active && self.is_admin_role(membership)
    }
}

/// A user as the real API answers (`astra-cli-fixtures/Users.json`): PascalCase keys; enterprise
/// users also carry the Admin flag.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct UserView {
    #[serde(rename = "UserID")]
    user_id: String,
    email: String,
    status: &'static str,
    roles: Vec<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin: Option<bool>,
}
