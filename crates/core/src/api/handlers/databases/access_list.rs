//! A database's IP access list, as the spec's "Access List" operations serve it (seeds 001 and
//! 004: Read IP Access List `accesslist-read`, Write IP Access List `accesslist-write`, each
//! "depends on the role's resource scopes", so the route table checks them on the database).
//! The list's rules (CIDR ranges, duplicates, overlaps, what it allows) are
//! [`crate::model::access_list`]'s.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ensure_not_terminating, located, save};
use crate::api::access;
use crate::api::error::{bounded, ApiError, ErrorEntry, ErrorId};
use crate::api::handlers::{unchanged, Call, Handled};
use crate::api::request::{Request, Response};
use crate::api::Context;
use crate::model::access_list::{check_entries, Cidr, EntryInput, EntryProblem};
use crate::model::{AccessAddress, AccessList, Database};
use crate::rbac::{Drn, Permission};

/// The spec's AddressRequest.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressRequest {
    address: String,
    enabled: bool,
    description: String,
}

/// The spec's AccessListRequest.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ListRequest {
    #[serde(default)]
    addresses: Vec<AddressRequest>,
    /// Left out keeps the switch; `null` is refused, as the spec's field is an object.
    #[serde(default, deserialize_with = "given")]
    configurations: Option<Configurations>,
}

fn given<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Configurations>, D::Error> {
    Configurations::deserialize(deserializer).map(Some)
}

/// The spec's AccessListConfigurations.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Configurations {
    access_list_enabled: bool,
}

/// The spec's AccessListResponse.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListView<'a> {
    organization_id: &'a str,
    database_id: &'a str,
    addresses: Vec<AddressView<'a>>,
    configurations: Configurations,
}

/// The spec's AddressResponse.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AddressView<'a> {
    address: &'a str,
    enabled: bool,
    description: &'a str,
    last_update_date_time: String,
}

/// The spec's example writes the last update as Go prints a time: "2021-01-21 17:32:28 +0000 UTC".
fn last_update(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S +0000 UTC").to_string()
}

fn view(db: &Database) -> ListView<'_> {
    ListView {
        organization_id: &db.org_id,
        database_id: &db.id,
        addresses: db
            .access_list
            .addresses
            .iter()
            .map(|a| AddressView {
                address: &a.address,
                enabled: a.enabled,
                description: &a.description,
                last_update_date_time: last_update(a.updated_at),
            })
            .collect(),
        configurations: Configurations {
            access_list_enabled: db.access_list.enabled,
        },
    }
}

/// The entries' problems as one 400, each naming its field under `path` ("addresses" for a
/// list's body, "" for POST's bare array).
fn refusal(problems: Vec<EntryProblem>, path: &str) -> ApiError {
    let entries = problems
        .iter()
        .map(|p| ErrorEntry {
            id: ErrorId::InvalidField.code(),
            message: p.message_with_field(path),
        })
        .collect();
    ApiError {
        status: ErrorId::InvalidField.status(),
        errors: bounded(entries),
    }
}

fn inputs(addresses: &[AddressRequest]) -> Vec<EntryInput<'_>> {
    addresses
        .iter()
        .map(|a| EntryInput {
            address: &a.address,
            description: &a.description,
        })
        .collect()
}

/// `GET /v2/access-lists`: the access list of each of the organization's databases the actor may
/// read it of (seed 004: "Visibility of database access lists depends on the role's resource
/// scopes"), terminated ones aside.
pub fn list_all(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor) = (call.state, call.actor);
    let org = access::organization_of(actor)?;
    let readable = |db: &Database| {
        let drn = Drn::database(org, &db.id);
        access::require(state, actor, Permission::ACCESSLIST_READ, &drn).is_ok()
    };
    let body: Vec<ListView> = state
        .databases
        .values()
        .filter(|db| db.org_id == org && !db.is_terminated(ctx.now) && readable(db))
        .map(view)
        .collect();
    unchanged(Response::ok(body))
}

/// `GET /v2/databases/{id}/access-list`.
pub fn get(call: Call, _ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    unchanged(Response::ok(view(db)))
}

/// Keeps an entry's last update where nothing about it changed.
fn entry(
    old: &AccessList,
    cidr: Cidr,
    enabled: bool,
    description: String,
    now: DateTime<Utc>,
) -> AccessAddress {
    let address = cidr.to_string();
    let same = old
        .addresses
        .iter()
        .find(|a| a.address == address && a.enabled == enabled && a.description == description);
    AccessAddress {
        updated_at: same.map_or(now, |a| a.updated_at),
        address,
        enabled,
        description,
    }
}

/// Records the database with its new list, audited as `action` with `summary`; a 204.
fn store(
    call: Call,
    ctx: &Context,
    db: &Database,
    list: AccessList,
    (action, summary): (&str, String),
) -> Handled {
    let mut changed = db.clone();
    changed.access_list = list;
    let target = Drn::database(&db.org_id, &db.id);
    let summary = format!("{summary} (database {})", db.name);
    save(
        call,
        ctx,
        changed,
        (action, &target, summary),
        Response::no_content(),
    )
}

/// What a change did to the switch, for the audit log.
fn switch_summary(enabled: bool) -> &'static str {
    if enabled {
        "turned the access list on"
    } else {
        "turned the access list off"
    }
}

/// `PUT /v2/databases/{id}/access-list`: "replaces the entire access list with what is present in
/// the request body". A body without `configurations` keeps the list's switch as it is.
pub fn replace(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    let body: ListRequest = call.request.json()?;
    ensure_not_terminating(db, ctx.now)?;
    let checked = check_entries(&inputs(&body.addresses)).map_err(|p| refusal(p, "addresses"))?;
    let old = &db.access_list;
    let enabled = body
        .configurations
        .map_or(old.enabled, |c| c.access_list_enabled);
    let addresses: Vec<AccessAddress> = checked
        .into_iter()
        .zip(&body.addresses)
        .map(|((cidr, description), a)| entry(old, cidr, a.enabled, description, ctx.now))
        .collect();
    let list = AccessList { enabled, addresses };
    if list == *old {
        return unchanged(Response::no_content());
    }
    let mut summary = format!(
        "replaced the access list with {}",
        listed(list.addresses.iter().map(|a| a.address.as_str()))
    );
    if enabled != old.enabled {
        summary = format!("{summary}; {}", switch_summary(enabled));
    }
    store(
        call,
        ctx,
        db,
        list,
        ("database.accessList.replace", summary),
    )
}

/// `POST /v2/databases/{id}/access-list`: adds the body's addresses, each checked against the list
/// and the others.
pub fn add(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    let body: Vec<AddressRequest> = call.request.json()?;
    ensure_not_terminating(db, ctx.now)?;
    let old = &db.access_list;
    let mut all = old.inputs();
    let kept = all.len();
    all.extend(inputs(&body));
    let checked = check_entries(&all).map_err(|problems| {
        // The list itself always passes; the problems are the body's, numbered as it is.
        let of_body = problems
            .into_iter()
            .map(|p| EntryProblem {
                index: p.index.saturating_sub(kept),
                ..p
            })
            .collect();
        refusal(of_body, "")
    })?;
    if body.is_empty() {
        return unchanged(Response::no_content());
    }
    let mut list = old.clone();
    for ((cidr, description), a) in checked.into_iter().skip(kept).zip(&body) {
        list.addresses
            .push(entry(old, cidr, a.enabled, description, ctx.now));
    }
    let summary = format!(
        "added {} to the access list",
        listed(list.addresses[kept..].iter().map(|a| a.address.as_str()))
    );
    store(call, ctx, db, list, ("database.accessList.add", summary))
}

/// `PATCH /v2/databases/{id}/access-list`: "updates existing fields in the access list if they
/// exist": each address of the body must be in the list, and takes the body's `enabled` and
/// `description`; `configurations` turns the list on or off.
pub fn update(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    let body: ListRequest = call.request.json()?;
    ensure_not_terminating(db, ctx.now)?;
    let old = &db.access_list;
    let mut list = old.clone();
    let mut problems = Vec::new();
    let mut changed = Vec::new();
    for (index, a) in body.addresses.iter().enumerate() {
        let Some(at) = old.position(&a.address) else {
            let message = match Cidr::parse(&a.address) {
                Ok(cidr) => format!(
                    "{cidr} is not in the access list of database {}: add it with POST first",
                    db.name
                ),
                Err(why) => why,
            };
            problems.push(EntryProblem {
                index,
                field: crate::model::access_list::EntryField::Address,
                message,
            });
            continue;
        };
        let one = [EntryInput {
            address: &a.address,
            description: &a.description,
        }];
        match check_entries(&one) {
            Ok(mut checked) => {
                let (cidr, description) = checked.remove(0);
                let updated = entry(old, cidr, a.enabled, description, ctx.now);
                if updated != list.addresses[at] {
                    changed.push(updated.address.clone());
                    list.addresses[at] = updated;
                }
            }
            Err(found) => problems.extend(found.into_iter().map(|p| EntryProblem { index, ..p })),
        }
    }
    if !problems.is_empty() {
        return Err(refusal(problems, "addresses"));
    }
    let mut said = Vec::new();
    if !changed.is_empty() {
        said.push(format!(
            "updated {} in the access list",
            listed(changed.iter().map(String::as_str))
        ));
    }
    if let Some(switch) = body.configurations {
        if switch.access_list_enabled != old.enabled {
            list.enabled = switch.access_list_enabled;
            said.push(switch_summary(list.enabled).to_owned());
        }
    }
    if said.is_empty() {
        return unchanged(Response::no_content());
    }
    store(
        call,
        ctx,
        db,
        list,
        ("database.accessList.update", said.join("; ")),
    )
}

/// The `addresses` query parameter, repeated or separated by commas.
fn addresses_of(request: &Request) -> Vec<&str> {
    request
        .query
        .iter()
        .filter(|(name, _)| name == "addresses")
        .flat_map(|(_, value)| value.split(','))
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect()
}

/// `DELETE /v2/databases/{id}/access-list`: without `addresses`, the whole list (no entries, and
/// off); with them, those entries, each of which must be in the list.
pub fn delete(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    let old = &db.access_list;
    let named = addresses_of(call.request);
    if named.is_empty() {
        if *old == AccessList::default() {
            return unchanged(Response::no_content());
        }
        let summary = "deleted the access list".to_owned();
        return store(
            call,
            ctx,
            db,
            AccessList::default(),
            ("database.accessList.delete", summary),
        );
    }
    let mut gone = Vec::new();
    for address in named {
        let at = old.position(address).ok_or_else(|| {
            ApiError::new(
                ErrorId::NotFound,
                format!(
                    "query parameter 'addresses': '{address}' is not in the access list of \
                     database {}: its addresses are {}",
                    db.name,
                    listed(old.addresses.iter().map(|a| a.address.as_str()))
                ),
            )
        })?;
        if !gone.contains(&at) {
            gone.push(at);
        }
    }
    let mut list = old.clone();
    let removed: Vec<String> = gone
        .iter()
        .map(|&i| old.addresses[i].address.clone())
        .collect();
    list.addresses.retain(|a| !removed.contains(&a.address));
    let summary = format!(
        "removed {} from the access list",
        listed(removed.iter().map(String::as_str))
    );
    store(call, ctx, db, list, ("database.accessList.delete", summary))
}

/// The spec's ValidationResponse.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Validation {
    valid: bool,
    validation_failures: Vec<String>,
}

/// `POST /v2/access-list/validate`: whether the body is an access list the database operations
/// would take, and what they would refuse. The spec answers only 200, so a body that isn't one is
/// a failure of the answer, not a 400.
pub fn validate(call: Call, _ctx: &mut Context) -> Handled {
    let failures = match call.request.json::<ListRequest>() {
        Err(refused) => refused.errors.into_iter().map(|e| e.message).collect(),
        Ok(body) => match check_entries(&inputs(&body.addresses)) {
            Ok(_) => Vec::new(),
            Err(problems) => problems
                .iter()
                .map(|p| p.message_with_field("addresses"))
                .collect(),
        },
    };
    unchanged(Response::ok(Validation {
        valid: failures.is_empty(),
        validation_failures: failures,
    }))
}

/// `POST /v2/access-list/template`: an AccessListRequest to start from, with the spec's example
/// entry, and the list on.
pub fn template(_call: Call, _ctx: &mut Context) -> Handled {
    unchanged(Response::ok(serde_json::json!({
        "addresses": [{
            "address": "137.187.23.0/24",
            "enabled": true,
            "description": "This address allows the database connections from the prod environment",
        }],
        "configurations": {"accessListEnabled": true},
    })))
}

/// Addresses for a message: "a, b" or "none".
fn listed<'a>(addresses: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = addresses.collect();
    if all.is_empty() {
        "none".to_owned()
    } else {
        all.join(", ")
    }
}
