//! "Can P do A on R?" and "Who can do A on R?", answered by the core's evaluator with every
//! reason it gives.

use leptos::prelude::*;
use portal_core::rbac::drn::DrnKind;
use portal_core::rbac::evaluator::{applies_to, explain, who_can};
use portal_core::rbac::{Drn, Permission};

use crate::features::access::subjects::{Resource, Subject};
use crate::ui::pager::{PagedFilter, Pager, Paging};

/// The decision for one principal, announced in a live region as the pickers change.
#[component]
pub fn AccessDecision(
    #[prop(into)] subject: Signal<Option<Subject>>,
    #[prop(into)] permission: Signal<Option<Permission>>,
    #[prop(into)] resource: Signal<Option<Resource>>,
) -> impl IntoView {
    let answer = move || {
        let (subject, permission, resource) = (subject.get()?, permission.get()?, resource.get()?);
        let question = format!(
            "Can {} do {permission} on {}?",
            subject.label, resource.label
        );
        let body = match explain(&subject.roles, permission, &resource.drn) {
            Ok(decision) => {
                let (class, verdict) = if decision.allowed {
                    ("access-verdict allowed", "Allowed")
                } else {
                    ("access-verdict denied", "Denied")
                };
                let reasons = decision
                    .reasons
                    .iter()
                    .map(|r| view! { <li>{r.to_string()}</li> })
                    .collect_view();
                view! {
                    <p class=class>{verdict}</p>
                    <ul class="access-reasons">{reasons}</ul>
                }
                .into_any()
            }
            // Not a refusal but a question with no answer: say which resources would have one.
            Err(not_applicable) => view! {
                <p class="access-guidance not-applicable">
                    {format!(
                        "No answer: {not_applicable}. Choose {} as the resource, or another permission.",
                        fitting_kinds(permission)
                    )}
                </p>
            }
            .into_any(),
        };
        Some(view! { <h3>{question}</h3> {body} })
    };
    view! {
        <div class="access-decision" role="status" aria-live="polite">
            {answer}
        </div>
    }
}

/// The kinds of resource `permission` applies to: "a keyspace or a table".
fn fitting_kinds(permission: Permission) -> String {
    DrnKind::ALL
        .iter()
        .filter(|k| applies_to(permission, **k))
        .map(|k| k.article_name())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Every user and token of the organization that may do the permission on the resource, with a
/// filter and pages for large organizations.
#[component]
pub fn AccessWhoCan(
    #[prop(into)] subjects: Signal<Vec<Subject>>,
    #[prop(into)] permission: Signal<Option<Permission>>,
    #[prop(into)] resource: Signal<Option<Drn>>,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let able = Memo::new(move |_| {
        let (Some(permission), Some(resource)) = (permission.get(), resource.get()) else {
            return Ok(Vec::new());
        };
        let subjects = subjects.get();
        who_can(&subjects, |s| s.roles.as_slice(), permission, &resource)
            .map(|able| {
                able.into_iter()
                    .map(|s| s.label.clone())
                    .collect::<Vec<_>>()
            })
            .map_err(|e| e.to_string())
    });
    let shown = Memo::new(move |_| {
        let wanted = filter.get().to_lowercase();
        able.get().map(|all| {
            all.into_iter()
                .filter(|label| label.to_lowercase().contains(&wanted))
                .collect::<Vec<_>>()
        })
    });
    let paging = Paging::new(move || shown.with(|s| s.as_ref().map_or(0, Vec::len)));
    let answer = move || {
        match shown.get() {
        Err(not_applicable) => {
            view! { <p class="access-who-can empty">{not_applicable}</p> }.into_any()
        }
        Ok(list) if list.is_empty() => {
            view! { <p class="access-who-can empty">"No user or token of this organization can."</p> }
                .into_any()
        }
        Ok(list) => {
            let items = paging
                .page_of(&list)
                .into_iter()
                .map(|label| view! { <li>{label}</li> })
                .collect_view();
            view! { <ul class="access-who-can">{items}</ul> }.into_any()
        }
    }
    };
    view! {
        <PagedFilter class="access-filter" id="access-who-filter" value=filter paging/>
        <div aria-live="polite">{answer}</div>
        <Pager paging label="Pages of who can"/>
    }
}
