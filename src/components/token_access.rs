//! The permission that guards a scope's application tokens, on the resource the backend's token
//! handlers check: seed 004's org-token-read/-write on the organization, seed 000's
//! ent-token-read/-write on the enterprise.

use portal_core::model::Scope;
use portal_core::rbac::Drn;

use crate::portal::Portal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenAccess {
    Read,
    Write,
}

/// The evaluator's answer for reading or writing the tokens of `scope` (tracked).
pub fn check_tokens(portal: &Portal, scope: &Scope, access: TokenAccess) -> Result<(), String> {
    let (permission, resource) = match (scope, access) {
        (Scope::Organization(org), TokenAccess::Read) => ("org-token-read", Drn::organization(org)),
        (Scope::Organization(org), TokenAccess::Write) => {
            ("org-token-write", Drn::organization(org))
        }
        (Scope::Enterprise, access) => {
            let state = portal.state().ok_or("the portal is still loading")?;
            let permission = match access {
                TokenAccess::Read => "ent-token-read",
                TokenAccess::Write => "ent-token-write",
            };
            (permission, Drn::enterprise(&state.enterprise.id))
        }
    };
    portal.check(scope, permission, &resource)
}
