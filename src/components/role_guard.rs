//! Which permission guards each thing done with roles, and on which resource: the same that the
//! backend's role handlers check (`crates/core/src/api/roles.rs`), so that a control is enabled
//! exactly when its request would pass.

use portal_core::model::Scope;
use portal_core::rbac::Drn;

use crate::portal::Portal;

#[derive(Copy, Clone)]
pub enum RoleAction {
    Read,
    Write,
    Delete,
}

/// The evaluator's answer for the acting principal (tracked: follows the state and who acts).
pub fn role_permission(portal: Portal, scope: &Scope, action: RoleAction) -> Result<(), String> {
    let state = portal.state().ok_or("the portal is still loading")?;
    let (permission, resource) = match scope {
        Scope::Organization(org) => {
            let permission = match action {
                RoleAction::Read => "org-role-read",
                RoleAction::Write => "org-role-write",
                RoleAction::Delete => "org-role-delete",
            };
            (permission, Drn::organization(org))
        }
        // Seed 000: "ent-role-write: Create, edit, and delete enterprise-level custom roles."
        Scope::Enterprise => {
            let permission = match action {
                RoleAction::Read => "ent-role-read",
                RoleAction::Write | RoleAction::Delete => "ent-role-write",
            };
            (permission, Drn::enterprise(&state.enterprise.id))
        }
    };
    portal.check(scope, permission, &resource)
}
