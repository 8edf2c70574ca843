//! Tokens whose roles grant far more than a token needs (issue 6): a token is a service's
//! credential, so managing the organization's people, roles or credentials is rarely its job and
//! is what a leaked token would be abused for.

use leptos::prelude::*;
use portal_core::rbac::evaluator::permissions_on;
use portal_core::rbac::{DefaultRole, Drn, Permission};

use super::access_subjects::Subject;

/// The permissions no token should need across the whole organization.
const OVERREACHING: [&str; 3] = ["org-user-write", "org-role-write", "org-token-write"];

/// Why the token is flagged, or nothing when it is not.
fn flags(token: &Subject, org: &str) -> Vec<String> {
    let mut why = Vec::new();
    if let Some(admin) = DefaultRole::find("Organization Administrator") {
        if token.roles.iter().any(|r| r.id == admin.id) {
            why.push("holds Organization Administrator, which grants every permission".to_owned());
        }
    }
    let allowed = permissions_on(&token.roles, &Drn::organization(org));
    let grants: Vec<String> = OVERREACHING
        .iter()
        .filter_map(|api| Permission::parse(api).ok())
        .filter(|p| allowed.contains(*p))
        .map(|p| p.to_string())
        .collect();
    if !grants.is_empty() {
        why.push(format!(
            "its roles grant {}: it can manage the organization's users, roles or tokens",
            grants.join(", ")
        ));
    }
    why
}

#[component]
pub fn AccessFlags(
    #[prop(into)] subjects: Signal<Vec<Subject>>,
    #[prop(into)] org: Signal<String>,
) -> impl IntoView {
    move || {
        let org = org.get();
        let flagged: Vec<_> = subjects
            .get()
            .into_iter()
            .filter(Subject::is_token)
            .filter_map(|t| {
                let why = flags(&t, &org);
                (!why.is_empty()).then_some((t.label, why))
            })
            .collect();
        if flagged.is_empty() {
            return view! { <p>"No token of this organization holds more than a token needs."</p> }
                .into_any();
        }
        let items = flagged
            .into_iter()
            .map(|(label, why)| {
                view! {
                    <li>
                        <strong>{label}</strong>
                        ": "
                        {why.join("; ")}
                        ". Generate a token with only the roles its service needs, then delete this one."
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="access-flags">{items}</ul> }.into_any()
    }
}
