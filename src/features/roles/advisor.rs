//! "Which role should I assign?" (seed 001, "Database Access Method Roles"), beside the role
//! choice of Invite User and Generate Token: one checkbox per access method, and the default roles
//! the seed recommends for all the chosen ones, each with the methods it is recommended for.

use std::collections::BTreeSet;

use leptos::prelude::*;
use portal_core::rbac::advisor::recommended_roles;
use portal_core::rbac::{AccessMethod, DefaultRole, ACCESS_METHODS};

use crate::ui::check::{membership, CheckBox};

/// The chosen methods, in the seed's order.
fn methods(chosen: &BTreeSet<&'static str>) -> Vec<&'static AccessMethod> {
    ACCESS_METHODS
        .iter()
        .filter(|method| chosen.contains(method.name))
        .collect()
}

/// The least privileged role that serves every chosen method, by ID.
fn pick(chosen: &BTreeSet<&'static str>) -> Option<&'static str> {
    recommended_roles(&methods(chosen))
        .first()
        .map(|role| role.id)
}

/// The access method checkboxes and their advice. `on_advice` is told, each time the chosen
/// methods change, the role ID the advice had selected and the one it selects now, so that the
/// dialog swaps one for the other and keeps whatever roles were chosen by hand.
#[component]
pub fn RoleAdvisor(
    on_advice: impl Fn(Option<&'static str>, Option<&'static str>) + Clone + 'static,
) -> impl IntoView {
    let chosen = RwSignal::new(BTreeSet::<&'static str>::new());
    let boxes = ACCESS_METHODS
        .iter()
        .map(|method| {
            let (checked, toggle) = membership(chosen, method.name);
            let on_advice = on_advice.clone();
            let on_toggle = move |on: bool| {
                let before = chosen.with_untracked(pick);
                toggle(on);
                on_advice(before, chosen.with_untracked(pick));
            };
            view! { <CheckBox class="role-advisor-method" name="access-method" value=method.name checked on_toggle>{method.name}</CheckBox> }
        })
        .collect_view();
    let advice = move || {
        let methods = chosen.with(methods);
        (!methods.is_empty()).then(|| view! { <Advice methods/> })
    };
    view! {
        <fieldset class="role-advisor">
            <legend>"Which role should I assign?"</legend>
            <p class="help">
                "Choose what the person or application will do: the least privileged recommended \
                 role is selected, and you can still change the roles."
            </p>
            {boxes}
            <div class="role-advice" role="status">{advice}</div>
        </fieldset>
    }
}

/// The recommended roles for `methods`, each with the seed's reason: the methods it serves.
#[component]
fn Advice(methods: Vec<&'static AccessMethod>) -> impl IntoView {
    let roles: Vec<&'static DefaultRole> = recommended_roles(&methods);
    if roles.is_empty() {
        return view! {
            <p class="role-advice-none">
                "No default role is recommended for all of these access methods: choose roles \
                 for each, or create a custom role."
            </p>
        }
        .into_any();
    }
    let reason = methods
        .iter()
        .map(|method| method.name)
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <p>"Recommended roles, least privileged first:"</p>
        <ul class="role-advice-roles">
            {roles.into_iter().map(|role| view! {
                <li>
                    <span class="role-advice-role">{role.name}</span>
                    " — "
                    <span class="role-advice-reason">{reason.clone()}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
