//! The list's own switch, the spec's `accessListEnabled`: off, every address may connect; on, only
//! those of its enabled entries.

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::json;

use super::target;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::Notice;
use crate::ui::request::Submission;

#[component]
pub fn AccessListSwitch(
    database: String,
    /// Whether the list is on now.
    #[prop(into)]
    enabled: Signal<bool>,
    notice: RwSignal<Option<Notice>>,
    submission: Submission,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let target = target(&database);
    let body = move || json!({"configurations": {"accessListEnabled": !enabled.get()}});
    let allowed = Signal::derive({
        let target = target.clone();
        move || portal.permits(&scope.get(), Method::Patch, &target, &body())
    });
    let flip = move || {
        let on = !enabled.get_untracked();
        let told = if on {
            "Turned the access list on: only its enabled addresses may connect."
        } else {
            "Turned the access list off: every address may connect."
        };
        let then = move |_| notice.set(Some(Notice::Done(told.to_owned())));
        let body = json!({"configurations": {"accessListEnabled": on}});
        submission.send(
            scope.get_untracked(),
            Method::Patch,
            target.clone(),
            Some(body),
            then,
        );
    };
    view! {
        <div class="access-list-switch">
            <p class="access-list-state" role="status">
                {move || if enabled.get() {
                    "The access list is on: only the enabled addresses below may connect."
                } else {
                    "The access list is off: every address may connect."
                }}
            </p>
            {move || {
                let flip = flip.clone();
                let label = if enabled.get() { "Turn Off Access List" } else { "Turn On Access List" };
                view! { <GuardedButton label allowed busy=submission.busy on_click=flip/> }
            }}
        </div>
    }
}
