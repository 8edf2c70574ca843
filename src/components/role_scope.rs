//! A custom role's resource scope, in the portal's two forms (seed 004, "Define resource
//! scopes": all databases, or specific databases and keyspaces; seed 000: all or some of the
//! enterprise's organizations), edited as checkboxes and summarised by name. The DRNs are always
//! made and read by the core's `ResourceScope` and `EnterpriseScope`.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use portal_core::model::{Scope, State};
use portal_core::rbac::{DatabaseKeyspaces, Drn, DrnKind, EnterpriseScope, ResourceScope};

use crate::portal::use_portal;

/// The scope being edited.
#[derive(Copy, Clone)]
pub struct ScopeDraft {
    /// "Apply permissions to all databases in this organization", or all organizations.
    all: RwSignal<bool>,
    /// Database ID → its chosen keyspaces; for an enterprise role, organization ID → nothing.
    chosen: RwSignal<BTreeMap<String, BTreeSet<String>>>,
}

impl ScopeDraft {
    /// A new role's: nothing chosen yet.
    pub fn empty() -> ScopeDraft {
        ScopeDraft {
            all: RwSignal::new(false),
            chosen: RwSignal::new(BTreeMap::new()),
        }
    }

    /// A role's resources in the form's terms, or `None` for DRNs that neither form makes (a
    /// scope written with the DevOps API).
    pub fn read(scope: &Scope, resources: &[Drn]) -> Option<ScopeDraft> {
        let (all, chosen) = match scope {
            Scope::Organization(org) => match ResourceScope::from_drns(org, resources)? {
                ResourceScope::AllDatabases => (true, BTreeMap::new()),
                ResourceScope::Specific(databases) => (
                    false,
                    databases
                        .into_iter()
                        .map(|d| (d.database, d.keyspaces.into_iter().collect()))
                        .collect(),
                ),
            },
            Scope::Enterprise => match EnterpriseScope::from_drns(resources)? {
                EnterpriseScope::AllOrganizations => (true, BTreeMap::new()),
                EnterpriseScope::Organizations(orgs) => (
                    false,
                    orgs.into_iter().map(|o| (o, BTreeSet::new())).collect(),
                ),
            },
        };
        Some(ScopeDraft {
            all: RwSignal::new(all),
            chosen: RwSignal::new(chosen),
        })
    }

    /// The role's resources as chosen.
    pub fn drns(self, state: &State, scope: &Scope) -> Vec<Drn> {
        let all = self.all.get_untracked();
        let chosen = self.chosen.get_untracked();
        match scope {
            Scope::Organization(org) => {
                let form = if all {
                    ResourceScope::AllDatabases
                } else {
                    ResourceScope::Specific(
                        chosen
                            .into_iter()
                            .map(|(database, keyspaces)| DatabaseKeyspaces {
                                database,
                                keyspaces: keyspaces.into_iter().collect(),
                            })
                            .collect(),
                    )
                };
                form.to_drns(org)
            }
            Scope::Enterprise => {
                let form = if all {
                    EnterpriseScope::AllOrganizations
                } else {
                    EnterpriseScope::Organizations(chosen.into_keys().collect())
                };
                form.to_drns(&state.enterprise.id)
            }
        }
    }
}

/// Something a scope can name: a database and its keyspaces, or an organization.
#[derive(Clone)]
struct Target {
    id: String,
    name: String,
    keyspaces: Vec<String>,
}

/// What the editor offers: the organization's databases (or the enterprise's organizations), by
/// name, and whatever the role names that no longer exists, so that saving never drops it
/// unseen.
fn targets(
    state: &State,
    scope: &Scope,
    chosen: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<Target> {
    let mut targets: Vec<Target> = match scope {
        Scope::Organization(org) => state
            .databases
            .values()
            .filter(|d| &d.org_id == org)
            .map(|d| Target {
                id: d.id.clone(),
                name: d.name.clone(),
                keyspaces: d.keyspaces.keys().cloned().collect(),
            })
            .collect(),
        Scope::Enterprise => state
            .enterprise_organizations()
            .map(|o| Target {
                id: o.id.clone(),
                name: o.name.clone(),
                keyspaces: Vec::new(),
            })
            .collect(),
    };
    targets.sort_by(|a, b| a.name.cmp(&b.name));
    for (id, keyspaces) in chosen {
        match targets.iter_mut().find(|t| &t.id == id) {
            Some(target) => {
                for ks in keyspaces {
                    if !target.keyspaces.contains(ks) {
                        target.keyspaces.push(ks.clone());
                    }
                }
            }
            None => targets.push(Target {
                id: id.clone(),
                name: format!("{id} (no longer exists)"),
                keyspaces: keyspaces.iter().cloned().collect(),
            }),
        }
    }
    targets
}

/// The scope part of the role editor: "Add Databases" for an organization role, "Organizations"
/// for an enterprise role.
#[component]
pub fn ScopeEditor(scope: Scope, draft: ScopeDraft) -> impl IntoView {
    let portal = use_portal();
    let targets = portal
        .state_now()
        .map(|state| targets(&state, &scope, &draft.chosen.get_untracked()))
        .unwrap_or_default();
    let (legend, help, all_label, empty) = match scope {
        Scope::Organization(_) => (
            "Add Databases",
            "Select specific databases and keyspaces, or apply the permissions to all current and \
             future databases and their keyspaces. Specific keyspaces include their future \
             tables, but not future keyspaces.",
            "Apply permissions to all databases in this organization",
            "This organization has no databases.",
        ),
        Scope::Enterprise => (
            "Organizations",
            "The resource scope determines the organizations that the role can view at the \
             enterprise level.",
            "All organizations",
            "This enterprise has no organizations.",
        ),
    };
    let is_organization = matches!(scope, Scope::Organization(_));
    let list = move || {
        if draft.all.get() {
            return None;
        }
        if targets.is_empty() {
            return Some(view! { <p class="help">{empty}</p> }.into_any());
        }
        let items = targets
            .iter()
            .cloned()
            .map(|target| view! { <TargetChoice target draft keyspaces=is_organization/> })
            .collect_view();
        Some(view! { <ul class="role-scope-targets">{items}</ul> }.into_any())
    };
    view! {
        <fieldset class="role-scope">
            <legend>{legend}</legend>
            <p class="help">{help}</p>
            <label class="check">
                <input
                    type="checkbox"
                    name="all"
                    prop:checked=move || draft.all.get()
                    on:change=move |ev| draft.all.set(event_target_checked(&ev))
                />
                {all_label}
            </label>
            {list}
        </fieldset>
    }
}

/// One database (with its keyspaces, once chosen) or organization.
#[component]
fn TargetChoice(target: Target, draft: ScopeDraft, keyspaces: bool) -> impl IntoView {
    let Target {
        id,
        name,
        keyspaces: existing,
    } = target;
    let chosen = {
        let id = id.clone();
        move || draft.chosen.with(|c| c.contains_key(&id))
    };
    let toggle = {
        let (id, existing) = (id.clone(), existing.clone());
        // seed 004: "You can choose either all existing keyspaces or specific existing
        // keyspaces": a database starts with all of them.
        move |on: bool| {
            draft.chosen.update(|c| {
                if on {
                    c.insert(id.clone(), existing.iter().cloned().collect());
                } else {
                    c.remove(&id);
                }
            })
        }
    };
    let keyspace_list = {
        let (chosen, name, id) = (chosen.clone(), name.clone(), id.clone());
        move || {
            (keyspaces && chosen()).then(|| {
                view! { <KeyspaceChoice database=id.clone() name=name.clone() existing=existing.clone() draft/> }
            })
        }
    };
    view! {
        <li>
            <label class="check">
                <input
                    type="checkbox"
                    name=if keyspaces { "databases" } else { "organizations" }
                    value=id
                    prop:checked=chosen
                    on:change=move |ev| toggle(event_target_checked(&ev))
                />
                {name}
            </label>
            {keyspace_list}
        </li>
    }
}

/// The keyspaces of one chosen database: all existing ones, or some.
#[component]
fn KeyspaceChoice(
    database: String,
    name: String,
    existing: Vec<String>,
    draft: ScopeDraft,
) -> impl IntoView {
    if existing.is_empty() {
        return view! { <p class="help">{format!("{name} has no keyspaces.")}</p> }.into_any();
    }
    let every = existing.len();
    let all_chosen = {
        let database = database.clone();
        move || {
            draft
                .chosen
                .with(|c| c.get(&database).is_some_and(|k| k.len() == every))
        }
    };
    let choose_all = {
        let (database, existing) = (database.clone(), existing.clone());
        move |on: bool| {
            let keyspaces = if on {
                existing.iter().cloned().collect()
            } else {
                BTreeSet::new()
            };
            draft.chosen.update(|c| {
                c.insert(database.clone(), keyspaces);
            })
        }
    };
    let items = existing
        .into_iter()
        .map(|ks| {
            let group = format!("keyspaces-{database}");
            let (database, keyspace) = (database.clone(), ks.clone());
            let checked = {
                let (database, keyspace) = (database.clone(), keyspace.clone());
                move || {
                    draft
                        .chosen
                        .with(|c| c.get(&database).is_some_and(|k| k.contains(&keyspace)))
                }
            };
            let toggle = move |on: bool| {
                draft.chosen.update(|c| {
                    let keyspaces = c.entry(database.clone()).or_default();
                    if on {
                        keyspaces.insert(keyspace.clone());
                    } else {
                        keyspaces.remove(&keyspace);
                    }
                })
            };
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        name=group
                        value=ks.clone()
                        prop:checked=checked
                        on:change=move |ev| toggle(event_target_checked(&ev))
                    />
                    {ks.clone()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="role-scope-keyspaces">
            <legend>{format!("Keyspaces in {name}")}</legend>
            <label class="check">
                <input
                    type="checkbox"
                    name=format!("all-keyspaces-{database}")
                    prop:checked=all_chosen
                    on:change=move |ev| choose_all(event_target_checked(&ev))
                />
                "All existing keyspaces"
            </label>
            {items}
        </fieldset>
    }
    .into_any()
}

/// A role's scope in words: "All databases", "orders: orders, inventory", "All organizations",
/// "Acme Production", or, for DRNs neither form makes, the DRNs with names for IDs.
pub fn scope_summary(state: &State, scope: &Scope, resources: &[Drn]) -> String {
    let database_name = |id: &str| {
        state
            .databases
            .get(id)
            .map_or_else(|| id.to_owned(), |d| d.name.clone())
    };
    let organization_name = |id: &str| {
        state
            .organizations
            .get(id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    };
    let summary = match scope {
        Scope::Organization(org) => {
            ResourceScope::from_drns(org, resources).map(|form| match form {
                ResourceScope::AllDatabases => "All databases".to_owned(),
                ResourceScope::Specific(databases) if databases.is_empty() => {
                    "No databases".to_owned()
                }
                ResourceScope::Specific(databases) => databases
                    .iter()
                    .map(|d| {
                        let existing = state
                            .databases
                            .get(&d.database)
                            .map(|db| db.keyspaces.keys().cloned().collect::<BTreeSet<_>>());
                        let chosen: BTreeSet<String> = d.keyspaces.iter().cloned().collect();
                        let keyspaces = if chosen.is_empty() {
                            "no keyspaces".to_owned()
                        } else if existing.as_ref() == Some(&chosen) {
                            "all existing keyspaces".to_owned()
                        } else {
                            d.keyspaces.join(", ")
                        };
                        format!("{}: {keyspaces}", database_name(&d.database))
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            })
        }
        Scope::Enterprise => EnterpriseScope::from_drns(resources).map(|form| match form {
            EnterpriseScope::AllOrganizations => "All organizations".to_owned(),
            EnterpriseScope::Organizations(orgs) if orgs.is_empty() => {
                "No organizations".to_owned()
            }
            EnterpriseScope::Organizations(orgs) => orgs
                .iter()
                .map(|o| organization_name(o))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    };
    summary.unwrap_or_else(|| {
        let named = resources
            .iter()
            .filter_map(|drn| {
                let ids = drn.ids();
                match drn.kind() {
                    DrnKind::Organization | DrnKind::Enterprise => None,
                    DrnKind::Database | DrnKind::Keyspace | DrnKind::Table => {
                        let database = ids[1].id().map_or_else(|| "*".to_owned(), database_name);
                        let rest = ids[2..].iter().map(ToString::to_string);
                        Some(
                            std::iter::once(database)
                                .chain(rest)
                                .collect::<Vec<_>>()
                                .join("."),
                        )
                    }
                    DrnKind::EnterpriseOrganization => Some(
                        ids[1]
                            .id()
                            .map_or_else(|| "*".to_owned(), organization_name),
                    ),
                    _ => Some(drn.to_string()),
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!("Set with the DevOps API: {named}")
    })
}
