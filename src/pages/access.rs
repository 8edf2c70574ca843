//! The Access page: can a user or token do a permission on a resource, and why; who
//! can; the effective permissions of a user, token or role over an organization's databases and
//! keyspaces; the tokens that hold far more than they need, and those unused for 90 days. Every
//! answer is the core's, computed from the stored state, so it follows every change.

use leptos::prelude::*;
use portal_core::model::Scope;
use portal_core::rbac::evaluator::applies_to;
use portal_core::rbac::{Permission, Role};

use crate::features::access::check::{AccessDecision, AccessWhoCan};
use crate::features::access::flags::AccessFlags;
use crate::features::access::matrix::AccessMatrix;
use crate::features::access::subject_picker::SubjectPicker;
use crate::features::access::subjects::{
    organization_categories, resources, subjects, Resource, Subject,
};
use crate::features::access::unused::UnusedTokens;
use crate::portal::use_portal;
use crate::ui::field::SelectField;
use crate::ui::page_heading::PageHeading;

/// The chosen value, or the first choice when it is not (or no longer) among them: a changed
/// organization or a deleted token must not leave the page asking about nothing.
fn chosen<T: Clone>(choices: &[T], wanted: &str, key: impl Fn(&T) -> String) -> Option<T> {
    choices
        .iter()
        .find(|c| key(c) == wanted)
        .or_else(|| choices.first())
        .cloned()
}

#[component]
pub fn Access() -> impl IntoView {
    let portal = use_portal();
    let org_choice = RwSignal::new(String::new());
    let subject_choice = RwSignal::new(String::new());
    let permission_choice = RwSignal::new(Permission::DB_TABLE_SELECT.api().to_owned());
    let resource_choice = RwSignal::new(String::new());
    let matrix_choice = RwSignal::new(String::new());

    let organizations = Memo::new(move |_| {
        portal.state().map_or_else(Vec::new, |s| {
            s.organizations
                .values()
                .map(|o| (o.id.clone(), o.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let org = Memo::new(move |_| {
        chosen(&organizations.get(), &org_choice.get(), |o| o.0.clone())
            .map(|o| o.0)
            .unwrap_or_default()
    });
    let all_subjects = Memo::new(move |_| {
        portal
            .state()
            .map_or_else(Vec::new, |s| subjects(&s, &org.get()))
    });
    let all_resources = Memo::new(move |_| {
        portal
            .state()
            .map_or_else(Vec::new, |s| resources(&s, &org.get()))
    });
    let subject = Memo::new(move |_| {
        chosen(&all_subjects.get(), &subject_choice.get(), |s| {
            s.key.clone()
        })
    });
    let permission = Memo::new(move |_| Permission::parse(&permission_choice.get()).ok());
    // Until a resource is chosen, the first one the permission applies to: the page opens on a
    // question that has an answer (Select Table is asked of a keyspace, not the organization).
    let resource = Memo::new(move |_| {
        let resources = all_resources.get();
        let wanted = resource_choice.get();
        if let Some(r) = resources.iter().find(|r| r.drn.to_string() == wanted) {
            return Some(r.clone());
        }
        let fits = |r: &&Resource| permission.get().is_none_or(|p| applies_to(p, r.drn.kind()));
        resources
            .iter()
            .find(fits)
            .or_else(|| resources.first())
            .cloned()
    });
    let resource_drn = Signal::derive(move || resource.get().map(|r| r.drn));
    let roles = Memo::new(move |_| {
        portal
            .state()
            .map_or_else(Vec::new, |s| s.roles_in(&Scope::Organization(org.get())))
    });

    // The matrix is for a user or token of the organization, or for one of its roles.
    let matrix_subject = Memo::new(move |_| {
        let wanted = matrix_choice.get();
        if let Some(id) = wanted.strip_prefix("role:") {
            if let Some(role) = roles.get().into_iter().find(|r| r.id == id) {
                return (format!("role {}", role.name), vec![role]);
            }
        }
        chosen(&all_subjects.get(), &wanted, |s| s.key.clone())
            .map(|s| (s.label, s.roles))
            .unwrap_or_default()
    });
    let matrix_rows = Signal::derive(move || {
        all_resources
            .get()
            .into_iter()
            .filter(|r| matches!(r.depth, 1 | 2))
            .collect::<Vec<_>>()
    });

    let org_options = move || {
        organizations
            .get()
            .into_iter()
            .map(|(id, name)| view! { <option value=id.clone() selected=move || org.get() == id>{name}</option> })
            .collect_view()
    };
    let chosen_subject = Signal::derive(move || subject.get().map(|s| s.key).unwrap_or_default());
    let chosen_matrix = Signal::derive(move || {
        let wanted = matrix_choice.get();
        if wanted.starts_with("role:") {
            wanted
        } else {
            chosen_subject_key(&all_subjects.get(), &wanted)
        }
    });
    let permission_options = organization_categories()
        .map(|category| {
            let options = Permission::all()
                .filter(|p| p.info().category == category)
                .map(|p| {
                    let api = p.api();
                    view! {
                        <option value=api selected=move || permission_choice.get() == api>
                            {p.to_string()}
                        </option>
                    }
                })
                .collect_view();
            view! { <optgroup label=category.title()>{options}</optgroup> }
        })
        .collect_view();
    let resource_options = move || {
        let selected = resource.get().map(|r| r.drn);
        all_resources
            .get()
            .into_iter()
            .map(|r: Resource| {
                let indent = "\u{a0}\u{a0}".repeat(r.depth);
                let is_selected = selected.as_ref() == Some(&r.drn);
                view! {
                    <option value=r.drn.to_string() selected=is_selected>
                        {format!("{indent}{}", r.label)}
                    </option>
                }
            })
            .collect_view()
    };
    let role_options = move || {
        roles
            .get()
            .into_iter()
            .map(|r: Role| {
                let value = format!("role:{}", r.id);
                let selected = matrix_choice.get() == value;
                view! { <option value=value selected=selected>{r.name}</option> }
            })
            .collect_view()
    };

    view! {
        <PageHeading
            title="Access"
            intro="Who can do what: check a permission for a user or token on a resource, and see why."
        />
        <section class="access-question" aria-labelledby="access-check-heading">
            <h2 id="access-check-heading">"Check access"</h2>
            <div class="access-pickers">
                <SelectField label="Organization" id="access-org" value=org_choice>{org_options}</SelectField>
                <SubjectPicker
                    id="access-principal"
                    label="User or token"
                    filter_label="Filter principals"
                    subjects=all_subjects
                    selected=chosen_subject
                    choice=subject_choice
                />
                <SelectField label="Permission" id="access-permission" value=permission_choice>{permission_options}</SelectField>
                <SelectField label="Resource" id="access-resource" value=resource_choice>{resource_options}</SelectField>
            </div>
            <AccessDecision subject=subject permission=permission resource=resource/>
        </section>
        <section class="access-who" aria-labelledby="access-who-heading">
            <h2 id="access-who-heading">"Who can"</h2>
            <p>"Every user and token of the organization that may do the chosen permission on the chosen resource."</p>
            <AccessWhoCan subjects=all_subjects permission=permission resource=resource_drn/>
        </section>
        <section class="access-effective" aria-labelledby="access-matrix-heading">
            <h2 id="access-matrix-heading">"Effective permissions"</h2>
            <SubjectPicker
                id="access-matrix-subject"
                label="Of"
                filter_label="Filter principals of the matrix"
                subjects=all_subjects
                selected=chosen_matrix
                choice=matrix_choice
            >
                <optgroup label="Roles">{role_options}</optgroup>
            </SubjectPicker>
            <AccessMatrix
                label=Signal::derive(move || matrix_subject.get().0)
                roles=Signal::derive(move || matrix_subject.get().1)
                rows=matrix_rows
            />
        </section>
        <section class="access-overbroad" aria-labelledby="access-flags-heading">
            <h2 id="access-flags-heading">"Tokens that hold more than they need"</h2>
            <AccessFlags subjects=all_subjects org=org/>
        </section>
        <section class="access-unused-tokens" aria-labelledby="access-unused-heading">
            <h2 id="access-unused-heading">"Tokens unused for 90 days"</h2>
            <p>"Tokens whose last use was 90 days ago or more, or that were never used and were generated 90 days ago or more."</p>
            <UnusedTokens org=org/>
        </section>
    }
}

/// The key of the user or token the matrix shows: the chosen one, or the first.
fn chosen_subject_key(subjects: &[Subject], wanted: &str) -> String {
    chosen(subjects, wanted, |s| s.key.clone())
        .map(|s| s.key)
        .unwrap_or_default()
}
