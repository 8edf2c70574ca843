//! A custom role's resource scope, in the portal's two forms (seed 004, "Define resource
//! scopes": all databases, or specific databases and keyspaces, a database's keyspaces being
//! some or all existing ones or, as for the role a database's token gets, all present and
//! future ones; seed 000: all or some of the enterprise's organizations), edited as checkboxes
//! and summarised by name. The DRNs are always made and read by the core's `ResourceScope` and
//! `EnterpriseScope`.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use portal_core::model::{Scope, State};
use portal_core::rbac::{
    DatabaseKeyspaces, Drn, DrnKind, EnterpriseScope, Keyspaces, ResourceScope,
};

use crate::portal::use_portal;
use crate::ui::check::CheckBox;

/// The scope being edited.
#[derive(Copy, Clone)]
pub struct ScopeDraft {
    /// "Apply permissions to all databases in this organization", or all organizations.
    all: RwSignal<bool>,
    /// Database ID → its chosen keyspaces; for an enterprise role, organization ID → none listed.
    chosen: RwSignal<BTreeMap<String, Keyspaces>>,
}

impl ScopeDraft {
    /// A new role's: nothing chosen yet.
    pub fn empty() -> ScopeDraft {
        ScopeDraft {
            all: RwSignal::new(false),
            chosen: RwSignal::new(BTreeMap::new()),
        }
    }

    /// Subscribes the running effect or memo to the draft's choices (its DRNs are read untracked,
    /// as Save reads them).
    pub fn track(self) {
        self.all.track();
        self.chosen.track();
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
                        .map(|d| (d.database, d.keyspaces))
                        .collect(),
                ),
            },
            Scope::Enterprise => match EnterpriseScope::from_drns(resources)? {
                EnterpriseScope::AllOrganizations => (true, BTreeMap::new()),
                EnterpriseScope::Organizations(orgs) => (
                    false,
                    orgs.into_iter()
                        .map(|o| (o, Keyspaces::Listed(Vec::new())))
                        .collect(),
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
                                keyspaces,
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
fn targets(state: &State, scope: &Scope, chosen: &BTreeMap<String, Keyspaces>) -> Vec<Target> {
    let mut targets: Vec<Target> = match scope {
        Scope::Organization(org) => state
            .databases
            .values()
            // A database being terminated is offered for no new scope.
            .filter(|d| &d.org_id == org && !d.is_terminating())
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
        let keyspaces = match keyspaces {
            // A whole database names no keyspace that might since have been dropped.
            Keyspaces::All => &[][..],
            Keyspaces::Listed(listed) => listed,
        };
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
                keyspaces: keyspaces.to_vec(),
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
        .state_untracked()
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
            <CheckBox name="all" checked=draft.all on_toggle=move |on| draft.all.set(on)>
                {all_label}
            </CheckBox>
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
    // A memo, so that choosing a keyspace does not rebuild the database's keyspace list.
    let chosen = {
        let id = id.clone();
        Memo::new(move |_| draft.chosen.with(|c| c.contains_key(&id)))
    };
    let toggle = {
        let (id, existing) = (id.clone(), existing.clone());
        // seed 004: "You can choose either all existing keyspaces or specific existing
        // keyspaces": a database starts with all of them.
        move |on: bool| {
            draft.chosen.update(|c| {
                if on {
                    c.insert(id.clone(), Keyspaces::Listed(existing.clone()));
                } else {
                    c.remove(&id);
                }
            })
        }
    };
    let keyspace_list = {
        let (name, id) = (name.clone(), id.clone());
        move || {
            (keyspaces && chosen.get()).then(|| {
                view! { <KeyspaceChoice database=id.clone() name=name.clone() existing=existing.clone() draft/> }
            })
        }
    };
    view! {
        <li>
            <CheckBox name=if keyspaces { "databases" } else { "organizations" } value=id checked=chosen on_toggle=toggle>
                {name}
            </CheckBox>
            {keyspace_list}
        </li>
    }
}

/// The keyspaces of one chosen database: all of them, present and future, or existing ones.
#[component]
fn KeyspaceChoice(
    database: String,
    name: String,
    existing: Vec<String>,
    draft: ScopeDraft,
) -> impl IntoView {
    let whole = {
        let database = database.clone();
        Memo::new(move |_| {
            draft
                .chosen
                .with(|c| c.get(&database) == Some(&Keyspaces::All))
        })
    };
    // Leaving "present and future" starts from every existing keyspace, as choosing the
    // database does.
    let choose_whole = {
        let (database, existing) = (database.clone(), existing.clone());
        move |on: bool| {
            let keyspaces = if on {
                Keyspaces::All
            } else {
                Keyspaces::Listed(existing.clone())
            };
            draft.chosen.update(|c| {
                c.insert(database.clone(), keyspaces);
            })
        }
    };
    let listed = {
        let (database, name) = (database.clone(), name.clone());
        move || {
            (!whole.get()).then(|| {
                view! { <ExistingKeyspaces database=database.clone() name=name.clone() existing=existing.clone() draft/> }
            })
        }
    };
    view! {
        <fieldset class="role-scope-keyspaces">
            <legend>{format!("Keyspaces in {name}")}</legend>
            <CheckBox name=format!("whole-{database}") checked=whole on_toggle=choose_whole>
                "All keyspaces, present and future"
            </CheckBox>
            {listed}
        </fieldset>
    }
}

/// A database's existing keyspaces: all of them, or some.
#[component]
fn ExistingKeyspaces(
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
            draft.chosen.with(
                |c| matches!(c.get(&database), Some(Keyspaces::Listed(l)) if l.len() == every),
            )
        }
    };
    let choose_all = {
        let (database, existing) = (database.clone(), existing.clone());
        move |on: bool| {
            let keyspaces = if on { existing.clone() } else { Vec::new() };
            draft.chosen.update(|c| {
                c.insert(database.clone(), Keyspaces::Listed(keyspaces));
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
                    draft.chosen.with(|c| {
                        matches!(c.get(&database), Some(Keyspaces::Listed(l)) if l.contains(&keyspace))
                    })
                }
            };
            let toggle = move |on: bool| {
                draft.chosen.update(|c| {
                    if let Some(Keyspaces::Listed(listed)) = c.get_mut(&database) {
                        listed.retain(|k| k != &keyspace);
                        if on {
                            listed.push(keyspace.clone());
                        }
                    }
                })
            };
            view! {
                <CheckBox name=group value=ks.clone() checked=checked on_toggle=toggle>
                    {ks.clone()}
                </CheckBox>
            }
        })
        .collect_view();
    view! {
        <CheckBox name=format!("all-keyspaces-{database}") checked=all_chosen on_toggle=choose_all>
            "All existing keyspaces"
        </CheckBox>
        {items}
    }
    .into_any()
}

/// A role's scope in words: "All databases", "orders: orders, inventory", "orders: all
/// keyspaces, present and future", "All organizations", "Acme Production", or, for DRNs neither
/// form makes, the DRNs with names for IDs.
pub fn scope_summary(state: &State, scope: &Scope, resources: &[Drn]) -> String {
    let database_name = |id: &str| {
        state
            .databases
            .get(id)
            .map_or_else(|| id.to_owned(), |d| d.name.clone())
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
                        let keyspaces = keyspaces_summary(state, d);
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
                .map(|o| state.organization_name(o))
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
                            .map_or_else(|| "*".to_owned(), |id| state.organization_name(id)),
                    ),
                    _ => Some(drn.to_string()),
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!("Set with the DevOps API: {named}")
    })
}

/// The keyspaces a specific scope covers in one database, in words.
fn keyspaces_summary(state: &State, database: &DatabaseKeyspaces) -> String {
    let listed = match &database.keyspaces {
        Keyspaces::All => return "all keyspaces, present and future".to_owned(),
        Keyspaces::Listed(listed) => listed,
    };
    let existing = state
        .databases
        .get(&database.database)
        .map(|db| db.keyspaces.keys().collect::<BTreeSet<_>>());
    if listed.is_empty() {
        "no keyspaces".to_owned()
    } else if existing == Some(listed.iter().collect()) {
        "all existing keyspaces".to_owned()
    } else {
        listed.join(", ")
    }
}
