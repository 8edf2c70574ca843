//! The form of "Add Custom Role" and "Edit Role" (seed 004, "Create a custom role", "Edit a
//! custom role"; seed 000, "Manage enterprise roles"): a name, permissions, a resource scope.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::rbac::{Permission, PermissionSet};
use portal_core::validation::ROLE_NAME;
use serde_json::json;

use crate::features::roles::impact::ImpactPreview;
use crate::features::roles::list::ROLES;
use crate::features::roles::permissions::PermissionPicker;
use crate::features::roles::scope::{scope_summary, ScopeDraft, ScopeEditor};
use crate::portal::use_portal;
use crate::ui::field::TextField;
use crate::ui::field_error::FieldError;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, DialogActions, Submission};

/// The dialog's content; it is made afresh each time the dialog opens.
#[component]
pub fn RoleEditor(
    scope: Memo<Scope>,
    /// The custom role to edit, or `None` to add one.
    role_id: Option<String>,
    /// The dialog's; closed once the role is saved.
    open: RwSignal<bool>,
    /// The page's notice, which says what was saved.
    saved: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let here = scope.get_untracked();
    let existing = role_id
        .as_ref()
        .zip(portal.state_untracked())
        .and_then(|(id, state)| state.role(&here, id));
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.name.clone())
            .unwrap_or_default(),
    );
    let chosen = RwSignal::new(
        existing
            .as_ref()
            .map_or(PermissionSet::EMPTY, |r| r.policy.actions),
    );
    let draft = match &existing {
        Some(role) => ScopeDraft::read(&here, &role.policy.resources),
        None => Some(ScopeDraft::empty()),
    };
    let read_only = draft.is_none();
    let unnamed = FieldError::new("role-name", move || {
        name.with(|n| n.trim().is_empty())
            .then_some("Give the role a name.")
    });
    let submission = Submission::default();
    // Who may save here, as the core answers for the request Save sends (what the role would
    // grant is checked when it is sent, and refused with the reason).
    let (save_method, save_target) = match &role_id {
        Some(id) => (Method::Put, format!("{ROLES}/{id}")),
        None => (Method::Post, ROLES.to_owned()),
    };
    let can_write =
        Signal::derive(move || portal.permits(&scope.get(), save_method, &save_target, &json!({})));
    // The policy's description follows the name unless someone gave it words of its own.
    let description = existing
        .as_ref()
        .and_then(|r| (r.policy.description != r.name).then(|| r.policy.description.clone()));

    // The body Save sends, from the form as it is now (read untracked).
    let body = move |draft: ScopeDraft| {
        let state = portal.state_untracked()?;
        let scope = scope.get_untracked();
        let name = name.get_untracked().trim().to_owned();
        let resources: Vec<String> = draft
            .drns(&state, &scope)
            .iter()
            .map(ToString::to_string)
            .collect();
        let actions: Vec<&str> = chosen.get_untracked().iter().map(Permission::api).collect();
        Some(json!({
            "name": name,
            "policy": {
                "description": description.clone().unwrap_or_else(|| name.clone()),
                "resources": resources,
                "actions": actions,
                "effect": "allow",
            },
        }))
    };
    let submit = {
        let (role_id, body) = (role_id.clone(), body.clone());
        move |draft: ScopeDraft| {
            if !FieldError::all_pass(&[unnamed]) {
                return;
            }
            let Some(body) = body(draft) else {
                return;
            };
            let name = name.get_untracked().trim().to_owned();
            let (method, target, verb) = match &role_id {
                Some(id) => (Method::Put, format!("{ROLES}/{id}"), "Saved"),
                None => (Method::Post, ROLES.to_owned(), "Created"),
            };
            let done = close_and_tell(open, saved, format!("{verb} role {name}."));
            submission.send(scope.get_untracked(), method, target, Some(body), done);
        }
    };
    // Before an edit is saved: who gains and who loses what (no one holds a role being added).
    let impact = role_id.clone().zip(draft).map(|(id, draft)| {
        let proposed = Signal::derive(move || {
            draft.track();
            name.track();
            chosen.track();
            body(draft).map(|body| (Method::Put, format!("{ROLES}/{id}"), body))
        });
        view! { <ImpactPreview scope proposed/> }
    });
    let label = match (&role_id, &here) {
        (Some(_), _) => "Edit Role",
        (None, Scope::Organization(_)) => "Create Role",
        (None, Scope::Enterprise) => "Create Custom Role",
    };
    let scope_part = match draft {
        Some(draft) => view! { <ScopeEditor scope=here.clone() draft/> }.into_any(),
        None => {
            let summary = portal
                .state_untracked()
                .zip(existing.as_ref())
                .map(|(state, role)| scope_summary(&state, &here, &role.policy.resources))
                .unwrap_or_default();
            view! {
                <p class="notice" role="note">
                    "This role's scope was set with the DevOps API; edit it there."
                </p>
                <p>{summary}</p>
            }
            .into_any()
        }
    };
    // A role whose scope was set elsewhere is shown, not saved.
    let actions = match draft {
        Some(draft) => view! {
            <DialogActions submission label allowed=can_write on_click=move || submit(draft) class="primary" open/>
        }
        .into_any(),
        None => view! {
            <div class="actions">
                <button type="button" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="role-editor">
            <TextField
                label="Role name"
                name="role-name"
                max=ROLE_NAME.max
                placeholder="Enter a name for the role"
                disabled=read_only
                value=name
                error=unnamed
            />
            <div class="role-editor-choices">
                <PermissionPicker scope=here.clone() chosen read_only/>
                {scope_part}
            </div>
            {impact}
            {actions}
        </div>
    }
}
