//! Accept Endpoint (the spec's "Complete Private Link connection by providing your endpoint":
//! its endpoint ID and a description) and Edit Description (the spec's "Update the description
//! for a private link endpoint").

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::validation::{ENDPOINT_DESCRIPTION, ENDPOINT_ID_MAX};
use serde_json::{json, Value};

use super::{endpoint_target, endpoints_target, Chosen};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::TextField;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

#[component]
pub fn EndpointForm(
    /// "Accept Endpoint" or "Edit Description": the dialog's title and its action.
    title: &'static str,
    database: String,
    /// The region, and the endpoint edited (none for a new one).
    chosen: RwSignal<Chosen>,
    open: RwSignal<bool>,
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let submission = Submission::default();
    let [endpoint, description] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let accepting = title == "Accept Endpoint";
    // What the action sends, as it stands.
    let request = move |c: &Chosen| -> (Method, String, Value) {
        let description = description.get().trim().to_owned();
        if accepting {
            let body = json!({"endpointID": endpoint.get().trim(), "description": description});
            (
                Method::Post,
                endpoints_target(&database, &c.datacenter),
                body,
            )
        } else {
            let body = json!({"description": description});
            (
                Method::Put,
                endpoint_target(&database, &c.datacenter, &c.item),
                body,
            )
        }
    };
    let allowed = Signal::derive({
        let request = request.clone();
        move || {
            let (method, target, body) = chosen.with(&request);
            portal.permits(&scope.get(), method, &target, &body)
        }
    });
    let incomplete = Signal::derive(move || accepting && endpoint.with(|e| e.trim().is_empty()));
    let fill = move |_| {
        let c = chosen.get_untracked();
        endpoint.set(if accepting { String::new() } else { c.item });
        description.set(if accepting {
            String::new()
        } else {
            c.description
        });
    };
    let save = move || {
        let c = chosen.get_untracked();
        let (method, target, body) = chosen.with_untracked(|c| {
            // Read once, untracked: the dialog sends what was typed.
            untrack(|| request(c))
        });
        let told = if accepting {
            format!(
                "Accepted the endpoint {} in {}.",
                endpoint.get_untracked().trim(),
                c.region
            )
        } else {
            format!("Saved the description of {}.", c.item)
        };
        let then = close_and_tell(open, done, told);
        submission.send(scope.get_untracked(), method, target, Some(body), then);
    };
    let about = move || {
        let region = chosen.with(|c| c.region.clone());
        if accepting {
            format!(
                "The ID of the endpoint you created in your cloud account to the service in \
                 {region}, from an allowed principal's account."
            )
        } else {
            format!("Endpoint {} in {region}.", chosen.with(|c| c.item.clone()))
        }
    };
    view! {
        <FormDialog title open label=title allowed incomplete submission class="endpoint-form" on_open=Callback::new(fill) on_submit=save>
            <p>{about}</p>
            {accepting.then(|| view! {
                <TextField label="Endpoint ID" name="endpoint" value=endpoint max=ENDPOINT_ID_MAX placeholder="vpce-0a1b2c3d4e5f67890" autocomplete="off" required=true/>
            })}
            <TextField label="Description" name="description" value=description max=ENDPOINT_DESCRIPTION.max/>
        </FormDialog>
    }
}
