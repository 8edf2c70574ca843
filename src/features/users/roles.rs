//! The role checkboxes of Invite User and Edit User, in seed 002's groups: "Multiple roles are
//! available within each group of roles for Organization Access, Database, Keyspace, or Table
//! Access, and API Access."

use std::collections::BTreeSet;

use leptos::prelude::*;
use portal_core::model::{Scope, State};
use portal_core::rbac::{Category, Role};

use crate::portal::use_portal;
use crate::ui::check::{membership, CheckBox};
use crate::ui::field_error::{FieldError, FieldMessage};

const ORGANIZATION_ACCESS: &str = "Organization Access";
const DATA_ACCESS: &str = "Database, Keyspace, or Table Access";
const API_ACCESS: &str = "API Access";
const ENTERPRISE_ROLES: &str = "Enterprise roles";

/// A titled group of role checkboxes: (role ID, role name) in the order shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleGroup {
    pub title: &'static str,
    pub roles: Vec<(String, String)>,
}

/// The seeds group roles without saying how; the names do: the "API ..." roles limit CQL access,
/// the Read Only and Read/Write ones are about data, and a custom role granting only data
/// (keyspace, table and API access) permissions is too. Everything else acts on the organization.
fn group_of(role: &Role) -> &'static str {
    let data_only = !role.policy.actions.is_empty()
        && role.policy.actions.iter().all(|p| {
            matches!(
                p.info().category,
                Category::Keyspace | Category::Table | Category::ApiAccess
            )
        });
    if role.name.starts_with("API ") {
        API_ACCESS
    } else if role.name.starts_with("Read Only")
        || role.name.starts_with("Read/Write")
        || (!role.is_default() && data_only)
    {
        DATA_ACCESS
    } else {
        ORGANIZATION_ACCESS
    }
}

/// The roles one can assign in a scope: the default roles in the seeds' order, then the custom
/// roles by name; grouped for an organization, one group for the enterprise.
pub fn role_groups(state: &State, scope: &Scope) -> Vec<RoleGroup> {
    let (defaults, mut custom): (Vec<Role>, Vec<Role>) = state
        .roles_in(scope)
        .into_iter()
        .partition(Role::is_default);
    custom.sort_by_cached_key(|r| r.name.to_lowercase());
    let roles = defaults.into_iter().chain(custom);
    let titles: &[&'static str] = match scope {
        Scope::Enterprise => &[ENTERPRISE_ROLES],
        Scope::Organization(_) => &[ORGANIZATION_ACCESS, DATA_ACCESS, API_ACCESS],
    };
    let mut groups: Vec<RoleGroup> = titles
        .iter()
        .map(|title| RoleGroup {
            title,
            roles: Vec::new(),
        })
        .collect();
    for role in roles {
        let title = match scope {
            Scope::Enterprise => ENTERPRISE_ROLES,
            Scope::Organization(_) => group_of(&role),
        };
        if let Some(group) = groups.iter_mut().find(|g| g.title == title) {
            group.roles.push((role.id, role.name));
        }
    }
    groups.retain(|g| !g.roles.is_empty());
    groups
}

/// A member holds at least one role: said before the backend would refuse an empty list.
pub fn at_least_one_role(selected: RwSignal<BTreeSet<String>>) -> FieldError {
    FieldError::new("user-roles", move || {
        selected
            .with(BTreeSet::is_empty)
            .then_some("Choose at least one role.")
    })
}

/// Checkboxes for the roles of `scope`, one fieldset per group; `selected` holds the checked IDs,
/// and `error` says when none is.
#[component]
pub fn UserRolePicker(
    #[prop(into)] scope: Signal<Scope>,
    selected: RwSignal<BTreeSet<String>>,
    error: FieldError,
) -> impl IntoView {
    let portal = use_portal();
    let groups = move || {
        portal
            .state()
            .map(|state| role_groups(&state, &scope.get()))
            .unwrap_or_default()
    };
    view! {
        <div class="user-roles">
            <FieldMessage error/>
            {move || groups().into_iter().map(|group| view! {
                <fieldset>
                    <legend>{group.title}</legend>
                    {group.roles.into_iter().map(|(id, name)| {
                        let (checked, on_toggle) = membership(selected, id);
                        view! { <CheckBox class="user-role" error checked on_toggle>{name}</CheckBox> }
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
        </div>
    }
}
