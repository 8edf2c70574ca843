//! The roles of an organization or the enterprise: the default roles, locked, and the custom
//! roles with their permissions, scope and last change, each with a More menu.

use leptos::html;
use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::{Scope, State};
use portal_core::rbac::Role;
use portal_core::time::format_minute;
use serde_json::{json, Value};

use crate::features::roles::permissions::PermissionList;
use crate::features::roles::scope::scope_summary;
use crate::portal::{use_portal, Allowed};
use crate::ui::guarded_button::GuardedButton;
use crate::ui::menu::close_on_escape;
use crate::ui::pager::{Pager, Paging};
use crate::ui::table::DataTable;

/// Where a scope's roles are, for the acting principal's organization or enterprise.
pub const ROLES: &str = "/v2/organizations/roles";

#[component]
pub fn RoleList(
    scope: Memo<Scope>,
    /// Asked with a custom role's ID from its More menu.
    on_edit: Callback<String>,
    on_delete: Callback<String>,
) -> impl IntoView {
    let portal = use_portal();
    let memo = scope;
    // An organization may hold a thousand custom roles: a page of them is drawn at a time.
    let paging = Paging::new(move || {
        portal.state().map_or(0, |state| {
            state
                .roles_in(&scope.get())
                .iter()
                .filter(|role| !role.is_default())
                .count()
        })
    });
    move || {
        let state = portal.state()?;
        let scope = scope.get();
        let (defaults, custom): (Vec<Role>, Vec<Role>) = state
            .roles_in(&scope)
            .into_iter()
            .partition(Role::is_default);
        let default_note = match scope {
            Scope::Organization(_) => {
                "Default roles can't be edited or deleted. They have access to resources in your \
                 entire organization, including all databases."
            }
            Scope::Enterprise => {
                "Default roles can't be edited or deleted. They have access to all organizations \
                 of the enterprise."
            }
        };
        let custom_table = if custom.is_empty() {
            view! { <p>"No custom roles yet."</p> }.into_any()
        } else {
            let rows = paging
                .page_of(&custom)
                .into_iter()
                .map(|role| {
                    // The core answers for each role's own PUT and DELETE: deleting a role its
                    // holders lose is bounded like granting it.
                    let target = format!("{ROLES}/{}", role.id);
                    let asked = target.clone();
                    let can_write = Signal::derive(move || {
                        portal.permits(&memo.get(), Method::Put, &asked, &json!({}))
                    });
                    let can_delete = Signal::derive(move || {
                        portal.permits(&memo.get(), Method::Delete, &target, &Value::Null)
                    });
                    let summary = scope_summary(&state, &scope, &role.policy.resources);
                    let updated = last_update(&state, &role.id);
                    view! {
                        <tr>
                            <th scope="row">{role.name.clone()}</th>
                            <td><PermissionList actions=role.policy.actions/></td>
                            <td>{summary}</td>
                            <td>{updated}</td>
                            <td>
                                <MoreMenu role can_write can_delete on_edit on_delete/>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <DataTable class="data roles" columns=["Role", "Permissions", "Resource scope", "Last updated", "Actions"]>{rows}</DataTable>
                <Pager paging label="Pages of custom roles"/>
            }
            .into_any()
        };
        Some(view! {
            <section class="role-list" aria-labelledby="custom-roles">
                <h2 id="custom-roles">"Custom roles"</h2>
                {custom_table}
            </section>
            <section class="role-list" aria-labelledby="default-roles">
                <h2 id="default-roles">"Default roles"</h2>
                <p class="help">{default_note}</p>
                <DataTable class="data roles" columns=["Role", "Permissions"]>
                        {defaults.into_iter().map(|role| view! {
                            <tr>
                                <th scope="row">{role.name}" "<span class="badge">"Default"</span></th>
                                <td><PermissionList actions=role.policy.actions/></td>
                            </tr>
                        }).collect_view()}
                    </DataTable>
            </section>
        })
    }
}

/// "2026-10-23 10:00 UTC by dana.admin@acme.example": when the custom role last changed, and by
/// whom (a user's email, or a token).
fn last_update(state: &State, role_id: &str) -> Option<String> {
    let stored = state.roles.get(role_id)?;
    let by = match state.users.get(&stored.last_update_userid) {
        Some(user) => user.email.clone(),
        None => format!("token {}", stored.last_update_userid),
    };
    let when = format_minute(stored.last_update_datetime);
    Some(format!("{when} by {by}"))
}

/// A custom role's "More": Edit Role, Delete Role.
#[component]
fn MoreMenu(
    role: Role,
    can_write: Signal<Allowed>,
    can_delete: Signal<Allowed>,
    on_edit: Callback<String>,
    on_delete: Callback<String>,
) -> impl IntoView {
    let menu = NodeRef::<html::Details>::new();
    // The menu folds away once it has done its job, so that it is not open behind the dialog.
    let close = move || {
        if let Some(details) = menu.get_untracked() {
            details.set_open(false);
        }
    };
    // The buttons, and with them the core's answers for this role's requests, exist only while
    // the menu is open: asking about every role's DELETE at once costs a scan of the users each.
    let open = RwSignal::new(false);
    let toggled = move |_| open.set(menu.get_untracked().is_some_and(|d| d.open()));
    let (edit_id, delete_id) = (role.id.clone(), role.id);
    view! {
        <details class="more" node_ref=menu on:toggle=toggled on:keydown=close_on_escape>
            <summary aria-label=format!("More actions for {}", role.name)>"More"</summary>
            {move || open.get().then(|| {
                let (edit_id, delete_id) = (edit_id.clone(), delete_id.clone());
                view! {
                    <div class="menu">
                        <GuardedButton label="Edit Role" allowed=can_write on_click=move || {
                            close();
                            on_edit.run(edit_id.clone());
                        }/>
                        <GuardedButton label="Delete Role" allowed=can_delete class="danger" on_click=move || {
                            close();
                            on_delete.run(delete_id.clone());
                        }/>
                    </div>
                }
            })}
        </details>
    }
}
