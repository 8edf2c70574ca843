//! The list's entries, one row each: Edit, Enable or Disable (PATCH with the entry), and Remove
//! (confirmed; DELETE with `addresses`).

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::AccessAddress;
use portal_core::time::format_second;
use serde_json::json;

use super::{address_request, target};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::Notice;
use crate::ui::request::Submission;

#[component]
pub fn EntryRow(
    database: String,
    entry: AccessAddress,
    /// Its place in the list.
    at: usize,
    edit: impl Fn(usize) + Copy + Send + Sync + 'static,
    remove: impl Fn(AccessAddress) + Copy + Send + Sync + 'static,
    #[prop(into)] may_write: Signal<crate::portal::Allowed>,
    notice: RwSignal<Option<Notice>>,
    submission: Submission,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let target = target(&database);
    let flipped = address_request(&entry.address, !entry.enabled, &entry.description);
    let body = json!({"addresses": [flipped]});
    let may_flip = Signal::derive({
        let (target, body) = (target.clone(), body.clone());
        move || portal.permits(&scope.get(), Method::Patch, &target, &body)
    });
    let (label, told) = if entry.enabled {
        (
            "Disable",
            format!("Disabled {}: it allows no address now.", entry.address),
        )
    } else {
        ("Enable", format!("Enabled {}.", entry.address))
    };
    let flip = move || {
        let told = told.clone();
        let then = move |_| notice.set(Some(Notice::Done(told)));
        submission.send(
            scope.get_untracked(),
            Method::Patch,
            target.clone(),
            Some(body.clone()),
            then,
        );
    };
    let doomed = entry.clone();
    let name = entry.address.clone();
    view! {
        <tr data-address=entry.address.clone()>
            <th scope="row">{entry.address.clone()}</th>
            <td>{entry.description.clone()}</td>
            <td><span class="badge">{if entry.enabled { "Enabled" } else { "Disabled" }}</span></td>
            <td>{format_second(entry.updated_at)}</td>
            <td class="access-entry-actions">
                <GuardedButton label="Edit" allowed=may_write busy=submission.busy aria_label=format!("Edit {name}") on_click=move || edit(at)/>
                <GuardedButton label allowed=may_flip busy=submission.busy aria_label=format!("{label} {name}") on_click=flip/>
                <GuardedButton label="Remove" class="danger" allowed=may_write busy=submission.busy aria_label=format!("Remove {name}") on_click=move || remove(doomed.clone())/>
            </td>
        </tr>
    }
}
