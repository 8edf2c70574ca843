//! The effective permissions of one user, token or role over the organization's databases and
//! keyspaces: a row per resource, a column per permission table of the seeds.

use leptos::prelude::*;
use portal_core::rbac::evaluator::permissions_on;
use portal_core::rbac::Role;

use crate::features::access::subjects::{organization_categories, Resource};

#[component]
pub fn AccessMatrix(
    /// Whose permissions, for the caption.
    #[prop(into)]
    label: Signal<String>,
    #[prop(into)] roles: Signal<Vec<Role>>,
    /// The databases and keyspaces.
    #[prop(into)]
    rows: Signal<Vec<Resource>>,
) -> impl IntoView {
    let headers = organization_categories()
        .map(|category| view! { <th scope="col">{category.title()}</th> })
        .collect_view();
    let body = move || {
        let roles = roles.get();
        rows.get()
            .into_iter()
            .map(|row| {
                let allowed = permissions_on(&roles, &row.drn);
                let cells = organization_categories()
                    .map(|category| {
                        let names: Vec<&str> = allowed
                            .iter()
                            .filter(|p| p.info().category == category)
                            .map(|p| p.name())
                            .collect();
                        if names.is_empty() {
                            view! { <td class="none" aria-label="none">"—"</td> }.into_any()
                        } else {
                            view! { <td>{names.join(", ")}</td> }.into_any()
                        }
                    })
                    .collect_view();
                let class = format!("depth-{}", row.depth);
                view! {
                    <tr data-drn=row.drn.to_string()>
                        <th scope="row" class=class>{row.label}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };
    // The matrix may be wider than the page: its scroller takes focus, so a keyboard can scroll it.
    view! {
        <div class="access-matrix-wrap" tabindex="0" role="region" aria-label="Permission matrix">
            <table class="access-matrix">
                <caption>{move || format!("Effective permissions of {}", label.get())}</caption>
                <thead>
                    <tr><th scope="col">"Resource"</th>{headers}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
