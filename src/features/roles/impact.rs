//! Who gains and who loses what, before a role or a user's roles change: the core's dry run of
//! the very request Save would send (`api::impact`), with seed 004's warning that a role's
//! changes apply to the tokens and users that hold it.

use leptos::prelude::*;
use portal_core::api::impact::{Grant, Impact, PrincipalImpact};
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::rbac::Permission;
use serde_json::Value;

use crate::portal::use_portal;

/// Enough to recognise who is affected; a role held by thousands says how many more.
const SHOWN: usize = 50;

/// The request whose impact is shown: its method, target and body.
pub type Proposed = (Method, String, Value);

#[component]
pub fn ImpactPreview(
    #[prop(into)] scope: Signal<Scope>,
    /// The request Save would send; `None` while the form can't make one.
    #[prop(into)]
    proposed: Signal<Option<Proposed>>,
) -> impl IntoView {
    let portal = use_portal();
    let impact = Memo::new(move |_| {
        let (method, target, body) = proposed.get()?;
        // A refusal is the dialog's to show, on its button.
        portal.impact(&scope.get(), method, &target, &body).ok()
    });
    view! {
        <section class="impact" aria-labelledby="impact-title" aria-live="polite">
            <h3 id="impact-title">"Who gains and who loses"</h3>
            {move || impact.get().map(|impact| view! { <ImpactList impact/> })}
        </section>
    }
}

#[component]
fn ImpactList(impact: Impact) -> impl IntoView {
    let Impact {
        note,
        principals,
        unlisted,
        ..
    } = impact;
    let total = principals.len();
    let summary = if total + unlisted == 0 {
        "No user or application token gains or loses a permission.".to_owned()
    } else {
        let count = total + unlisted;
        let verb = if count == 1 {
            "gains or loses"
        } else {
            "gain or lose"
        };
        format!(
            "{} {verb} permissions.",
            plural(count, "user or token", "users or tokens")
        )
    };
    view! {
        <p class="impact-summary">{summary}</p>
        <p class="impact-note">{note}</p>
        <ul class="impact-principals">
            {principals.into_iter().take(SHOWN).map(|p| view! { <Principal impact=p/> }).collect_view()}
        </ul>
        {(total > SHOWN).then(|| view! { <p>{format!("and {} more", total - SHOWN)}</p> })}
        {(unlisted > 0).then(|| view! {
            <p class="impact-unlisted">{format!(
                "and {} you may not list here (the users and tokens you may read are listed)",
                plural(unlisted, "other", "others")
            )}</p>
        })}
    }
}

#[component]
fn Principal(impact: PrincipalImpact) -> impl IntoView {
    let what = match (impact.kind.as_str(), impact.pending) {
        ("token", _) => "application token",
        (_, true) => "user, invitation pending",
        _ => "user",
    };
    view! {
        <li class="impact-principal">
            <strong>{impact.name}</strong>" ("{what}")"
            <GrantList label="Gains" class="impact-gains" grants=impact.gains/>
            <GrantList label="Loses" class="impact-loses" grants=impact.loses/>
        </li>
    }
}

#[component]
fn GrantList(label: &'static str, class: &'static str, grants: Vec<Grant>) -> impl IntoView {
    (!grants.is_empty()).then(|| {
        let items = grants
            .into_iter()
            .map(|grant| {
                let name = Permission::parse(&grant.permission)
                    .map_or_else(|_| grant.permission.clone(), |p| p.name().to_owned());
                view! {
                    <li>{name}" ("<code>{grant.permission}</code>") on "<code>{grant.resource}</code></li>
                }
            })
            .collect_view();
        view! {
            <div class=class>
                <span>{label}</span>
                <ul>{items}</ul>
            </div>
        }
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
