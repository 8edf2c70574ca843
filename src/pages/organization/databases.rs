use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::{Database, Scope, State};
use serde_json::json;

use super::CONTEXT;
use crate::clock::ticking;
use crate::features::databases::create::CreateDatabase;
use crate::features::databases::row::DatabaseRow;
use crate::features::databases::terminate::TerminateDatabase;
use crate::features::databases::visible::visible_databases;
use crate::features::tokens::reveal::{forget_on_scope_change, IssuedToken, TokenReveal};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::page_heading::PageHeading;
use crate::ui::request::{RefusalLine, Submission};
use crate::ui::table::DataTable;

/// Whether the scope already has the database's role, found by name as the backend finds it.
fn has_role(state: &State, scope: &Scope, database: &Database) -> bool {
    state
        .roles_named(scope, &database.token_role_name())
        .next()
        .is_some()
}

/// The organization's databases inventory, and a database's token with its
/// "DATABASE_NAME Database Administrator" role.
#[component]
pub fn Databases() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let notice = RwSignal::new(None::<Notice>);
    let submission = Submission::default();
    let busy = submission.busy;
    // The only place the secret and token are kept, with the database they are for.
    let issued = RwSignal::new(None::<(IssuedToken, String)>);
    forget_on_scope_change(scope, move || {
        notice.set(None);
        submission.clear();
        issued.set(None);
    });
    // Drawn again when a database's status moves on (a step of its life cycle ends).
    let clock = ticking(move |shown, now| {
        portal.state_untracked().is_some_and(|state| {
            state
                .databases
                .values()
                .any(|db| db.status(shown) != db.status(now))
        })
    });
    // The organization's databases, and of them those the actor may view (org-db-view on each).
    let inventory = Memo::new(move |_| {
        let now = clock.get();
        portal.state().map_or((Vec::new(), None), |state| {
            visible_databases(portal, &state, &scope.get(), now)
        })
    });
    let listing = portal.allows(scope, Method::Get, "/v2/databases");
    let may_create = portal.allows(scope, Method::Post, "/v2/databases");
    let creating = RwSignal::new(false);
    let doomed = RwSignal::new(None::<Database>);
    let terminating = RwSignal::new(false);
    let terminate = move |database: Database| {
        doomed.set(Some(database));
        terminating.set(true);
    };
    let generate = move |database: Database| {
        let scope = scope.get_untracked();
        let reused = portal
            .state_untracked()
            .is_some_and(|state| has_role(&state, &scope, &database));
        notice.set(None);
        let made = async move {
            let target = format!("/v2/databases/{}/tokens", database.id);
            let response = portal
                .request(&scope, Method::Post, &target, Some(json!({})))
                .await;
            let role_of = |body: &serde_json::Value| {
                body["role"]["Name"]
                    .as_str()
                    .map(|name| vec![name.to_owned()])
                    .unwrap_or_default()
            };
            IssuedToken::from_response(&response, role_of).map(|token| (token, database))
        };
        submission.run(made, move |(token, database)| {
            let how = if reused {
                "the existing role"
            } else {
                "the new role"
            };
            notice.set(Some(Notice::Done(format!(
                "Generated token {} for {} with {how} {}.",
                token.client_id,
                database.name,
                token.roles.join(", ")
            ))));
            issued.set(Some((token, database.id)));
        });
    };
    view! {
        <PageHeading
            context=CONTEXT
            title="Databases"
            intro="The organization's databases: create one and follow its status, generate its token, park or terminate it. Custom roles can be scoped to their keyspaces and tables."
        />
        <div class="actions">
            <GuardedButton label="Create Database" class="primary" allowed=may_create on_click=move || creating.set(true)/>
        </div>
        <NoticeLine notice/>
        <RefusalLine submission/>
        {move || {
            let (databases, refusal) = inventory.get();
            let hidden = refusal.map(|why| view! {
                <p class="notice">{format!("Some of this organization's databases are hidden: {why}")}</p>
            });
            let table = (!databases.is_empty()).then(|| view! {
                <DataTable class="data databases" columns=["Name", "Status", "Provider", "Region", "Keyspaces", "Actions"]>
                        {databases.into_iter().map(|database| view! {
                            <DatabaseRow database clock busy generate terminate notice submission/>
                        }).collect_view()}
                    </DataTable>
            });
            // None to show: GET /v2/databases refuses an actor who may view none, and a
            // connected portal's copy holds only the databases its token may view.
            let empty = (table.is_none() && hidden.is_none()).then(|| match listing.get() {
                Err(why) => view! {
                    <p class="notice error databases-hidden" role="status">
                        {format!("The databases are hidden: {why}")}
                    </p>
                }.into_any(),
                Ok(()) => view! { <p>"This organization has no databases yet."</p> }.into_any(),
            });
            view! { {hidden} {table} {empty} }
        }}
        {move || issued.get().map(|(issued, database)| view! { <TokenReveal issued database/> })}
        <CreateDatabase open=creating allowed=may_create done=notice/>
        <TerminateDatabase database=doomed open=terminating done=notice/>
    }
}
