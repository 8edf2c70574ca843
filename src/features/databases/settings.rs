//! The frame of a database's own pages (Access list, Regions, Private endpoints), reached from
//! the Databases page: the way back, the database the address names (in the organization the
//! page is about), a heading naming it, and the page's body once the actor may read what it
//! shows, else the evaluator's reason.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_core::api::Method;
use portal_core::model::Scope;
use serde_json::Value;

use crate::pages::organization::CONTEXT;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::page_heading::PageHeading;

/// A database's page under the Databases page, such as `regions`.
pub fn database_page(org: &str, database: &str, page: &str) -> String {
    format!("/settings/organizations/{org}/databases/{database}/{page}")
}

#[component]
pub fn DatabaseSettings(
    title: &'static str,
    intro: &'static str,
    /// What the page shows, for the refusal ("The access list").
    what: &'static str,
    /// The request that reads it, for the database's ID: the actor may see the page if the core
    /// would answer it.
    read: fn(&str) -> String,
    /// The page's body, for the database's ID and name.
    body: fn(String, String) -> AnyView,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("db").unwrap_or_default()));
    // The database's ID and name: the body follows its own changes without being drawn again
    // (which would forget a form's answer).
    let database = Memo::new(move |_| {
        let org = scope.get();
        portal.state().and_then(|state| {
            state
                .databases
                .get(&id.get())
                .filter(|db| Scope::Organization(db.org_id.clone()) == org)
                .map(|db| (db.id.clone(), db.name.clone()))
        })
    });
    let readable = Memo::new(move |_| {
        portal.permits(&scope.get(), Method::Get, &read(&id.get()), &Value::Null)
    });
    let back = move || match scope.get() {
        Scope::Organization(org) => format!("/settings/organizations/{org}/databases"),
        Scope::Enterprise => "/settings/enterprise/overview".to_owned(),
    };
    view! {
        <PageHeading context=CONTEXT title intro/>
        <p><A href=back>"← Databases"</A></p>
        {move || match (database.get(), readable.get()) {
            (None, _) => view! {
                <p class="notice error" role="status">"This organization has no such database: pick one on the Databases page."</p>
            }.into_any(),
            (Some((_, name)), Err(why)) => view! {
                <h2 class="database-heading">{format!("Database {name}")}</h2>
                <p class="notice error database-page-hidden" role="status">{format!("{what} is hidden: {why}")}</p>
            }.into_any(),
            (Some((database, name)), Ok(())) => view! {
                <h2 class="database-heading">{format!("Database {name}")}</h2>
                {body(database, name)}
            }.into_any(),
        }}
    }
}
