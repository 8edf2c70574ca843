//! One region's private link: the endpoint service to connect to, the principals allowed to, and
//! the endpoints accepted.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::{Datacenter, PrivateLink};
use serde_json::json;

use super::endpoints::EndpointRow;
use super::list::Dialogs;
use super::{endpoints_target, principals_target, Chosen};
use crate::features::regions::region_label;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::copy_button::CopyButton;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::table::DataTable;

#[component]
pub fn RegionLink(
    database: String,
    datacenter: Datacenter,
    /// The spec's `serviceName`.
    service: String,
    link: PrivateLink,
    primary: bool,
    dialogs: Dialogs,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let heading_id = format!("private-link-{}", datacenter.id);
    let labelled_by = heading_id.clone();
    let label = region_label(&datacenter.cloud_provider, &datacenter.region);
    let heading = if primary {
        format!("{label}, primary region")
    } else {
        label
    };
    let chosen = {
        let (dc, region) = (datacenter.id.clone(), datacenter.region.clone());
        move |item: &str, description: &str| Chosen {
            datacenter: dc.clone(),
            region: region.clone(),
            item: item.to_owned(),
            description: description.to_owned(),
        }
    };
    let principals = principals_target(&database, &datacenter.id);
    let may_allow = Signal::derive({
        let target = principals.clone();
        move || {
            let body = json!({"allowedPrincipals": []});
            portal.permits(&scope.get(), Method::Post, &target, &body)
        }
    });
    let endpoints = endpoints_target(&database, &datacenter.id);
    let may_accept = Signal::derive(move || {
        let body = json!({"endpointID": ""});
        portal.permits(&scope.get(), Method::Post, &endpoints, &body)
    });
    let add_principal = {
        let chosen = chosen.clone();
        move || dialogs.open(dialogs.add_principal, chosen("", ""))
    };
    let accept = {
        let chosen = chosen.clone();
        move || dialogs.open(dialogs.accept, chosen("", ""))
    };
    let allowed = if link.allowed_principals.is_empty() {
        view! { <p>"No principal is allowed yet: add the cloud account your endpoints belong to."</p> }.into_any()
    } else {
        view! {
            <ul class="allowed-principals">
                {link.allowed_principals.iter().map(|principal| {
                    let body = json!({"allowedPrincipal": principal});
                    let target = principals.clone();
                    let may_remove = Signal::derive(move || {
                        portal.permits(&scope.get(), Method::Delete, &target, &body)
                    });
                    let picked = chosen(principal, "");
                    view! {
                        <li>
                            <code class="principal">{principal.clone()}</code>
                            <GuardedButton label="Remove" class="danger" allowed=may_remove aria_label=format!("Remove principal {principal}") on_click=move || dialogs.open(dialogs.remove_principal, picked.clone())/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any()
    };
    let accepted = if link.endpoints.is_empty() {
        view! { <p>"No endpoint accepted yet: create an endpoint to the service name in your cloud account, then accept it here with its endpoint ID."</p> }.into_any()
    } else {
        view! {
            <DataTable class="data private-endpoints" columns=["Endpoint ID", "Description", "Link ID", "Status", "Accepted", "Actions"]>
                {link.endpoints.iter().map(|endpoint| view! {
                    <EndpointRow database=database.clone() chosen=chosen(&endpoint.endpoint_id, &endpoint.description) endpoint=endpoint.clone() dialogs/>
                }).collect_view()}
            </DataTable>
        }.into_any()
    };
    view! {
        <section class="private-link" data-datacenter=datacenter.id.clone() aria-labelledby=labelled_by>
            <h3 id=heading_id>{heading}</h3>
            <dl class="private-link-service">
                <dt>"Service name"</dt>
                <dd><code>{service.clone()}</code><CopyButton text=service what="service name"/></dd>
            </dl>
            <h4>"Allowed principals"</h4>
            {allowed}
            <div class="actions">
                <GuardedButton label="Add Principal" allowed=may_allow aria_label=format!("Add Principal in {}", datacenter.region) on_click=add_principal/>
            </div>
            <h4>"Endpoints"</h4>
            {accepted}
            <div class="actions">
                <GuardedButton label="Accept Endpoint" allowed=may_accept aria_label=format!("Accept Endpoint in {}", datacenter.region) on_click=accept/>
            </div>
        </section>
    }
}
