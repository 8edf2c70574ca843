//! A role's permissions, grouped as the seeds' permission tables group them (seed 004:
//! Organization, Keyspace, Table, API access; seed 003: Streaming; seed 000: enterprise).

use leptos::prelude::*;
use portal_core::model::Scope;
use portal_core::rbac::advisor::{missing_to_see_the_ui, SEE_THE_UI};
use portal_core::rbac::policy::ENTERPRISE_VIEWS;
use portal_core::rbac::{Category, Permission, PermissionSet, Status};

use crate::ui::check::CheckBox;

/// The permissions a custom role of this scope may grant: an organization's are every
/// organization-realm permission; an enterprise's the `ent-*` ones and the organization views
/// the core lets enterprise roles carry (`org-user-read`, seed 000).
pub fn grantable(scope: &Scope) -> PermissionSet {
    match scope {
        Scope::Organization(_) => PermissionSet::filtered(|p| !p.is_enterprise()),
        Scope::Enterprise => {
            PermissionSet::filtered(|p| p.is_enterprise() || ENTERPRISE_VIEWS.contains(&p.api()))
        }
    }
}

/// The non-empty groups of `permissions`, enterprise first: an enterprise role's own permissions
/// before the organization views it may also carry.
fn grouped(permissions: PermissionSet) -> Vec<(&'static str, Vec<Permission>)> {
    let mut groups = Category::groups(permissions.iter());
    groups.sort_by_key(|(category, _)| *category != Category::Enterprise);
    groups
        .into_iter()
        .map(|(category, members)| (category.title(), members))
        .collect()
}

/// Marks a permission that the newest seed no longer lists, or that no seed lists.
fn status_badge(permission: Permission) -> Option<impl IntoView> {
    let text = match permission.info().status {
        Status::Current => return None,
        Status::Legacy => "legacy",
        Status::Undocumented => "undocumented",
    };
    Some(view! { <span class="badge">{text}</span> })
}

/// A role's permissions, folded: "Permissions (6)", opening to the groups.
#[component]
pub fn PermissionList(actions: PermissionSet) -> impl IntoView {
    view! {
        <details class="role-permission-list">
            <summary>{format!("Permissions ({})", actions.len())}</summary>
            <dl>
                {grouped(actions).into_iter().map(|(title, members)| view! {
                    <dt>{title}</dt>
                    <dd>
                        <ul>
                            {members.into_iter().map(|p| view! {
                                <li>{p.name()}" "<code>{p.api()}</code>{status_badge(p)}</li>
                            }).collect_view()}
                        </ul>
                    </dd>
                }).collect_view()}
            </dl>
        </details>
    }
}

/// The permission checkboxes of the role editor: every permission the scope's roles may grant,
/// with its portal name, API name and description.
#[component]
pub fn PermissionPicker(
    scope: Scope,
    chosen: RwSignal<PermissionSet>,
    read_only: bool,
) -> impl IntoView {
    let toggle = move |permission: Permission, on: bool| {
        chosen.update(|set| {
            if on {
                set.insert(permission);
            } else {
                *set = set.difference(std::iter::once(permission).collect());
            }
        })
    };
    // Only an organization's roles open the portal's pages; an enterprise's are its own.
    let hint = (matches!(scope, Scope::Organization(_)) && !read_only)
        .then(|| view! { <SeeTheUiHint chosen/> });
    view! {
        <fieldset class="role-permission-picker">
            <legend>"Permissions"</legend>
            <p class="help">"Select permissions to grant to the role."</p>
            {hint}
            {grouped(grantable(&scope)).into_iter().map(|(title, members)| view! {
                <fieldset>
                    <legend>{title}</legend>
                    <ul>
                        {members.into_iter().map(|p| {
                            let help = format!("permission-help-{}", p.api());
                            view! {
                                <li>
                                    <CheckBox
                                        name="permissions"
                                        value=p.api()
                                        disabled=read_only
                                        help=help.clone()
                                        checked=Signal::derive(move || chosen.get().contains(p))
                                        on_toggle=move |on| toggle(p, on)
                                    >
                                        <span>{p.name()}</span>
                                        <code>{p.api()}</code>
                                        {status_badge(p)}
                                    </CheckBox>
                                    <p class="help" id=help>{p.info().description}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
            }).collect_view()}
        </fieldset>
    }
}

/// Seed 001's advice while the chosen permissions lack Read User or View DB, naming those that
/// are missing. The live region is always there, so that its advice is announced as it comes.
#[component]
fn SeeTheUiHint(chosen: RwSignal<PermissionSet>) -> impl IntoView {
    let missing = move || {
        let missing = missing_to_see_the_ui(chosen.get());
        (!missing.is_empty()).then(|| {
            let names: Vec<&str> = missing.iter().map(|p| p.name()).collect();
            format!("{SEE_THE_UI} Not selected: {}.", names.join(", "))
        })
    };
    view! { <p class="role-ui-hint" role="status">{missing}</p> }
}
