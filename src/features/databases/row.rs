//! One database of the Databases page: its status as it changes, and what can be done to it.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::api::Method;
use portal_core::model::Database;
use serde_json::{json, Value};

use super::settings::database_page;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::Notice;
use crate::ui::request::Submission;

/// Park and Unpark: POST /v2/databases/{id}/park and /unpark (Suspend DB), each offered while the
/// core lists it among the status's actions.
#[derive(Copy, Clone)]
enum Step {
    Park,
    Unpark,
}

impl Step {
    fn label(self) -> &'static str {
        match self {
            Step::Park => "Park",
            Step::Unpark => "Unpark",
        }
    }

    /// Its path under the database, and its name among the status's actions.
    fn action(self) -> &'static str {
        match self {
            Step::Park => "park",
            Step::Unpark => "unpark",
        }
    }

    fn told(self, name: &str) -> String {
        match self {
            Step::Park => format!(
                "Parking database {name}: once PARKED it takes no change until it is unparked."
            ),
            Step::Unpark => format!("Unparking database {name}: it is ACTIVE again shortly."),
        }
    }
}

#[component]
pub fn DatabaseRow(
    database: Database,
    clock: ReadSignal<DateTime<Utc>>,
    busy: RwSignal<bool>,
    generate: impl Fn(Database) + Copy + Send + Sync + 'static,
    terminate: impl Fn(Database) + Copy + Send + Sync + 'static,
    /// The page's notice and the submission whose refusal it shows.
    notice: RwSignal<Option<Notice>>,
    submission: Submission,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let guarded = database.clone();
    // The core answers for the request the button sends: Write Token, Write Role too while the
    // database's role is still to be made, and a role within what the actor holds.
    let target = format!("/v2/databases/{}/tokens", guarded.id);
    let allowed =
        Signal::derive(move || portal.permits(&scope.get(), Method::Post, &target, &json!({})));
    let chosen = database.clone();
    let key = database.name.clone();
    let name = format!("Generate Token for {}", database.name);
    let lifecycle = database.lifecycle;
    let status = Memo::new(move |_| lifecycle.status(clock.get()));
    let doomed = database.clone();
    let terminate_target = format!("/v2/databases/{}/terminate", database.id);
    // Terminate DB on this database, offered while the core lists it (not once asked).
    let may_terminate = Signal::derive(move || {
        portal.permits(&scope.get(), Method::Post, &terminate_target, &Value::Null)
    });
    let terminate_name = format!("Terminate Database {}", database.name);
    let (id, display) = (database.id.clone(), database.name.clone());
    // Its own pages, under the Databases page.
    let pages = [
        ("Access list", "access-list"),
        ("Regions", "regions"),
        ("Private endpoints", "private-endpoints"),
    ]
    .map(|(label, page)| {
        let href = database_page(&database.org_id, &database.id, page);
        let name = format!("{label} of {}", database.name);
        view! { <A href=href attr:aria-label=name>{label}</A> }
    });
    view! {
        <tr data-database=key>
            <th scope="row">{database.name}</th>
            <td><span class="badge database-status">{move || status.get().as_str()}</span></td>
            <td>{database.cloud_provider}</td>
            <td>{database.region}</td>
            <td>
                <ul class="database-keyspaces">
                    {database.keyspaces.into_iter().map(|(keyspace, tables)| view! {
                        <li><strong>{keyspace}</strong>": "{tables.join(", ")}</li>
                    }).collect_view()}
                </ul>
            </td>
            <td class="database-actions">
                <span class="database-pages">{pages}</span>
                <GuardedButton label="Generate Token" allowed busy aria_label=name on_click=move || generate(chosen.clone())/>
                {[Step::Park, Step::Unpark].map(|step| {
                    let target = format!("/v2/databases/{id}/{}", step.action());
                    let allowed = Signal::derive({
                        let target = target.clone();
                        move || portal.permits(&scope.get(), Method::Post, &target, &Value::Null)
                    });
                    let aria_label = format!("{} Database {display}", step.label());
                    let told = step.told(&display);
                    let send = move || {
                        let told = told.clone();
                        let then = move |_| notice.set(Some(Notice::Done(told)));
                        submission.send(scope.get_untracked(), Method::Post, target.clone(), None, then);
                    };
                    move || status.get().actions().contains(&step.action()).then(|| view! {
                        <GuardedButton label=step.label() allowed busy aria_label=aria_label.clone() on_click=send.clone()/>
                    })
                })}
                {move || status.get().actions().contains(&"terminate").then(|| view! {
                    <GuardedButton label="Terminate" class="danger" allowed=may_terminate aria_label=terminate_name.clone() on_click={
                        let doomed = doomed.clone();
                        move || terminate(doomed.clone())
                    }/>
                })}
            </td>
        </tr>
    }
}
