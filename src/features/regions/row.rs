//! One region of the database: where it runs, its status and since when, and Terminate for a
//! region added (the primary runs as long as the database).

use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::api::Method;
use portal_core::model::Datacenter;
use portal_core::time::format_second;
use serde_json::Value;

use super::{place, terminate_target};
use crate::features::databases::settings::database_page;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::guarded_button::GuardedButton;

#[component]
pub fn RegionRow(
    org: String,
    database: String,
    datacenter: Datacenter,
    primary: bool,
    /// How many private endpoints it has: they keep it from being terminated.
    endpoints: usize,
    terminate: impl Fn(Datacenter) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let target = terminate_target(&database, &datacenter.id);
    let allowed =
        Signal::derive(move || portal.permits(&scope.get(), Method::Post, &target, &Value::Null));
    let place = place(&datacenter.cloud_provider, &datacenter.region);
    let since = format_second(datacenter.terminated_at.unwrap_or(datacenter.created_at));
    let region = datacenter.region.clone();
    let actions = if primary {
        view! { <span class="region-note">"The primary region runs as long as the database."</span> }
            .into_any()
    } else if datacenter.is_active() {
        let doomed = datacenter.clone();
        // The core's refusal says to reject them first; their page is one step away.
        let endpoints_page = (endpoints > 0).then(|| {
            let href = database_page(&org, &database, "private-endpoints");
            view! { <A href=href>{format!("Remove the private endpoints of {region} first")}</A> }
        });
        view! {
            <GuardedButton label="Terminate" class="danger" allowed aria_label=format!("Terminate region {region}") on_click=move || terminate(doomed.clone())/>
            {endpoints_page}
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <tr data-datacenter=datacenter.id.clone() data-region=datacenter.region.clone()>
            <th scope="row">
                <code>{datacenter.region.clone()}</code>
                {primary.then(|| view! { " " <span class="badge">"Primary"</span> })}
                {place.map(|place| view! { <span class="region-place">{place}</span> })}
            </th>
            <td>{datacenter.cloud_provider.clone()}</td>
            <td><span class="badge region-status">{datacenter.status()}</span></td>
            <td>{since}</td>
            <td class="region-actions">{actions}</td>
        </tr>
    }
}
