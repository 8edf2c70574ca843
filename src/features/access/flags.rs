//! Tokens whose roles grant far more than a token needs; the rule is the core's
//! (`rbac::overbroad`).

use leptos::prelude::*;
use portal_core::rbac::overbroad::overbroad_reasons;

use crate::features::access::subjects::Subject;

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
                let why = overbroad_reasons(&t.roles, &org);
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
