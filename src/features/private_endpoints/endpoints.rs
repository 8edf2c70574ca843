//! One accepted endpoint: Edit Description (PUT with the description) and Reject (confirmed;
//! DELETE).

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::PrivateEndpoint;
use portal_core::time::format_second;
use serde_json::{json, Value};

use super::list::Dialogs;
use super::{endpoint_target, Chosen};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::guarded_button::GuardedButton;

#[component]
pub fn EndpointRow(
    database: String,
    endpoint: PrivateEndpoint,
    /// The region and this endpoint, for the dialogs.
    chosen: Chosen,
    dialogs: Dialogs,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let target = endpoint_target(&database, &chosen.datacenter, &endpoint.endpoint_id);
    let may_describe = Signal::derive({
        let (target, body) = (target.clone(), json!({"description": endpoint.description}));
        move || portal.permits(&scope.get(), Method::Put, &target, &body)
    });
    let may_reject =
        Signal::derive(move || portal.permits(&scope.get(), Method::Delete, &target, &Value::Null));
    let id = endpoint.endpoint_id.clone();
    let picked = chosen.clone();
    view! {
        <tr data-endpoint=id.clone()>
            <th scope="row"><code>{id.clone()}</code></th>
            <td>{endpoint.description.clone()}</td>
            <td>{endpoint.link_id.clone()}</td>
            <td><span class="badge">"Accepted"</span></td>
            <td>{format_second(endpoint.created_at)}</td>
            <td class="endpoint-actions">
                <GuardedButton label="Edit Description" allowed=may_describe aria_label=format!("Edit Description of {id}") on_click=move || dialogs.open(dialogs.describe, picked.clone())/>
                <GuardedButton label="Reject" class="danger" allowed=may_reject aria_label=format!("Reject {id}") on_click=move || dialogs.open(dialogs.reject, chosen.clone())/>
            </td>
        </tr>
    }
}
