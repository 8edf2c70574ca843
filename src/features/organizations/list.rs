//! Manage Organizations: every organization the acting principal belongs to, standalone and
//! enterprise alike (seed 000: "Organizations are either standalone or part of an enterprise"),
//! as GET /v2/organizations lists them, each linking to its settings.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use portal_core::api::{ApiError, Method};
use portal_core::model::{OrgType, Scope};
use serde::Deserialize;

use crate::portal::use_portal;
use crate::scope::SettingsScope;
use crate::ui::request::answer;
use crate::ui::table::DataTable;

#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Listed {
    id: String,
    name: String,
    org_type: OrgType,
    default_organization: bool,
    /// The acting user's membership there; none for a token.
    status: Option<String>,
}

#[derive(Deserialize)]
struct Organizations {
    organizations: Vec<Listed>,
}

const COLUMNS: [&str; 4] = ["Organization", "Type", "Default", "Your membership"];

#[component]
pub fn OrganizationList() -> impl IntoView {
    let portal = use_portal();
    let listed = RwSignal::new(None::<Result<Vec<Listed>, ApiError>>);
    Effect::new(move |_| {
        // Asked again after every change, and when someone else signs in.
        portal.state();
        portal.principal();
        spawn_local(async move {
            // Where a principal belongs doesn't depend on where it acts: any scope asks the same.
            let response = portal
                .request(&Scope::Enterprise, Method::Get, "/v2/organizations", None)
                .await;
            listed.try_set(Some(
                answer::<Organizations>(&response).map(|o| o.organizations),
            ));
        });
    });
    let table = move || match listed.get() {
        None => view! { <p role="status">"Reading your organizations..."</p> }.into_any(),
        Some(Err(refusal)) => {
            view! { <p class="notice error" role="alert">{refusal.to_string()}</p> }.into_any()
        }
        Some(Ok(organizations)) if organizations.is_empty() => {
            view! { <p role="status">"You belong to no organization yet."</p> }.into_any()
        }
        Some(Ok(organizations)) => view! {
            <DataTable class="data organization-list" columns=COLUMNS>
                {organizations.into_iter().map(|org| view! { <Row org/> }).collect_view()}
            </DataTable>
        }
        .into_any(),
    };
    view! { <div aria-live="polite">{table}</div> }
}

#[component]
fn Row(org: Listed) -> impl IntoView {
    let href = SettingsScope::Organization(org.id).href("general");
    let kind = match org.org_type {
        OrgType::Standalone => "Standalone",
        OrgType::Enterprise => "Enterprise",
    };
    let membership = match org.status.as_deref() {
        Some("invited") => "Invited (pending)",
        Some("active") => "Active",
        _ => "—",
    };
    view! {
        <tr>
            <th scope="row"><A href=href>{org.name}</A></th>
            <td>{kind}</td>
            <td>{if org.default_organization { "Yes (personal)" } else { "No" }}</td>
            <td>{membership}</td>
        </tr>
    }
}
