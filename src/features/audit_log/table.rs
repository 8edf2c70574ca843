//! An audit log (organization or enterprise): who changed what and when, newest first, filtered
//! by the backend's own query (`actor`, `action` prefix, `from`, `to`). The log is read through
//! the DevOps API as the acting principal, so a principal who may not read it sees the backend's
//! refusal, with the evaluator's reasons, instead of the entries.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::{ApiError, Method};
use portal_core::model::audit::COLUMNS;
use portal_core::model::{AuditEntry, Scope};
use portal_core::time::{end_of_day, format_second, format_timestamp, midnight, parse_day};
use serde::Deserialize;

use crate::features::audit_log::download::AuditLogDownload;
use crate::portal::use_portal;
use crate::ui::field::{SelectField, TextField};
use crate::ui::request::answer;
use crate::ui::table::DataTable;

/// The newest entries the page shows, within the backend's
/// [`portal_core::validation::AUDIT_LOG_LIMIT_MAX`].
const LIMIT: usize = 500;

/// A date field's day as the RFC 3339 instant the backend expects; `next_day` makes "to" take in
/// the whole day it names.
fn instant(date: &str, next_day: bool) -> Option<String> {
    let day = parse_day(date)?;
    Some(format_timestamp(if next_day {
        end_of_day(day)
    } else {
        midnight(day)
    }))
}

fn query(actor: &str, action: &str, from: &str, to: &str) -> String {
    let mut pairs = vec![format!("limit={LIMIT}")];
    let encode = |v: &str| String::from(js_sys::encode_uri_component(v));
    if !actor.trim().is_empty() {
        pairs.push(format!("actor={}", encode(actor.trim())));
    }
    if !action.is_empty() {
        pairs.push(format!("action={}", encode(action)));
    }
    if let Some(from) = instant(from, false) {
        pairs.push(format!("from={}", encode(&from)));
    }
    if let Some(to) = instant(to, true) {
        pairs.push(format!("to={}", encode(&to)));
    }
    pairs.join("&")
}

/// What the log endpoint answers.
#[derive(Deserialize)]
struct Log {
    entries: Vec<AuditEntry>,
}

/// The filter's action choices: each family ("role.") and each action present in the log.
fn action_choices(log: &[&AuditEntry]) -> Vec<(String, String)> {
    let actions: BTreeSet<&str> = log.iter().map(|e| e.action.as_str()).collect();
    let mut choices = Vec::new();
    let mut family_seen = BTreeSet::new();
    for action in actions {
        if let Some((family, _)) = action.split_once('.') {
            if family_seen.insert(family) {
                choices.push((format!("{family}."), format!("{family}.* (all)")));
            }
        }
        choices.push((action.to_owned(), action.to_owned()));
    }
    choices
}

#[component]
pub fn AuditLog(
    #[prop(into)] scope: Signal<Scope>,
    /// `/v2/organizations/audits` or `/v2/enterprises/audits`.
    endpoint: &'static str,
) -> impl IntoView {
    let portal = use_portal();
    let actor = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let log = RwSignal::new(None::<Result<Vec<AuditEntry>, ApiError>>);
    // A slower, older answer must not replace a newer one.
    let asked = StoredValue::new(0u64);

    let filtered =
        Signal::derive(move || query(&actor.get(), &action.get(), &from.get(), &to.get()));
    Effect::new(move |_| {
        let scope = scope.get();
        // Asked again after every change, and when someone else signs in.
        portal.state();
        portal.principal();
        let target = format!("{endpoint}?{}", filtered.get());
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        spawn_local(async move {
            let response = portal.request(&scope, Method::Get, &target, None).await;
            if asked.try_get_value() == Some(this) {
                log.try_set(Some(answer::<Log>(&response).map(|log| log.entries)));
            }
        });
    });

    let choices = Memo::new(move |_| {
        let scope = scope.get();
        portal.state().map_or_else(Vec::new, |s| {
            let present: Vec<&AuditEntry> = s.audit.values().filter(|e| e.scope == scope).collect();
            action_choices(&present)
        })
    });
    let action_options = move || {
        choices
            .get()
            .into_iter()
            .map(|(value, label)| {
                let selected = action.get() == value;
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view()
    };

    let filters = view! {
        <div class="audit-filters">
            <TextField label="Actor" kind="search" id="audit-actor" placeholder="Email, name or ID" value=actor/>
            <SelectField label="Action" id="audit-action" value=action>
                <option value="" selected=move || action.get().is_empty()>"All actions"</option>
                {action_options}
            </SelectField>
            <TextField label="From" kind="date" id="audit-from" value=from/>
            <TextField label="To" kind="date" id="audit-to" value=to/>
        </div>
    };

    let table = move || match log.get() {
        None => view! { <p role="status">"Reading the audit log..."</p> }.into_any(),
        Some(Err(refusal)) => {
            view! { <p class="notice error audit-refusal" role="alert">{refusal.to_string()}</p> }
                .into_any()
        }
        Some(Ok(entries)) if entries.is_empty() => {
            view! { <p class="audit-empty" role="status">"No entries match these filters."</p> }
                .into_any()
        }
        Some(Ok(entries)) => {
            let rows = entries
                .into_iter()
                .map(|e| {
                    view! {
                        <tr>
                            <td><time datetime=format_timestamp(e.at)>{format_second(e.at)}</time></td>
                            <td>{e.actor_name}</td>
                            <td><code>{e.action}</code></td>
                            <td>{e.summary}</td>
                            <td class="audit-ids">{e.targets.join(", ")}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <DataTable class="audit-log" columns=COLUMNS>{rows}</DataTable>
            }
            .into_any()
        }
    };

    view! {
        {filters}
        <AuditLogDownload scope endpoint query=filtered/>
        <div aria-live="polite">{table}</div>
    }
}
