//! Create Database: a Serverless database in one of the price book's regions, with its first
//! keyspace (POST /v2/databases, seed 004's Create DB). It is PENDING, then INITIALIZING, then
//! ACTIVE, which the Databases page shows as it goes.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::pricing::regions::{serverless_regions, ServerlessRegion};
use portal_core::validation::{CQL_IDENTIFIER_MAX, DATABASE_NAME_MAX};
use serde_json::json;

use crate::portal::Allowed;
use crate::scope::use_scope;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::{SelectField, TextField};
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

/// The providers, as the regions list them (AWS, GCP, AZURE).
fn providers() -> Vec<&'static str> {
    let mut providers: Vec<&str> = Vec::new();
    for region in serverless_regions() {
        if !providers.contains(&region.provider.api()) {
            providers.push(region.provider.api());
        }
    }
    providers
}

/// The price book's Serverless regions of a provider (what `GET /v2/regions/serverless` lists).
pub fn regions_of(provider: &str) -> impl Iterator<Item = &'static ServerlessRegion> + '_ {
    serverless_regions()
        .iter()
        .filter(move |r| r.provider.api() == provider)
}

#[component]
pub fn CreateDatabase(
    open: RwSignal<bool>,
    allowed: Signal<Allowed>,
    /// The page's notice, which says what was created.
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let scope = use_scope();
    let [name, provider, region, keyspace] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let submission = Submission::default();
    // The region follows the provider: its first one, whenever the provider changes.
    Effect::new(move |_| {
        let first = regions_of(&provider.get()).next();
        region.set(first.map(|r| r.name.clone()).unwrap_or_default());
    });
    let fresh = move || {
        name.set(String::new());
        keyspace.set(String::new());
        provider.set(providers()[0].to_owned());
    };
    let create = move || {
        let name = name.get_untracked();
        let body = json!({
            "name": name,
            "cloudProvider": provider.get_untracked(),
            "region": region.get_untracked(),
            "keyspace": keyspace.get_untracked(),
            "tier": "serverless",
            "capacityUnits": 1,
        });
        let told = format!(
            "Created database {}: it is ready once its status is ACTIVE.",
            name.trim()
        );
        let then = close_and_tell(open, done, told);
        let here = scope.get_untracked();
        submission.send(here, Method::Post, "/v2/databases", Some(body), then);
    };
    view! {
        <FormDialog title="Create Database" open label="Create Database" allowed submission on_open=fresh on_submit=create>
            <TextField label="Database name" value=name max=DATABASE_NAME_MAX required=true/>
            <SelectField label="Provider" value=provider>
                {providers().into_iter().map(|p| view! {
                    <option value=p selected=move || provider.get() == p>{p}</option>
                }).collect_view()}
            </SelectField>
            <SelectField label="Region" value=region>
                {move || regions_of(&provider.get()).map(|r| {
                    let name = r.name.clone();
                    let chosen = name.clone();
                    view! {
                        <option value=name selected=move || region.get() == chosen>
                            {format!("{} ({})", r.display_name, r.name)}
                        </option>
                    }
                }).collect_view()}
            </SelectField>
            <TextField label="Keyspace name" value=keyspace max=CQL_IDENTIFIER_MAX required=true/>
        </FormDialog>
    }
}
