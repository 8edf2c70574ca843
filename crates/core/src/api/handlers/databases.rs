//! Databases: the inventory that role scopes name (seed 004, "Resource scopes"). The portal keeps
//! each database's name, cloud provider, region, keyspaces and tables; it does not run them.
//!
//! Every operation acts inside one organization: seed 000, "you can't use an enterprise token for
//! database operations, but you can create an application token to interact with databases in a
//! specific organization."

pub mod access_list;
mod body;
pub mod datacenters;
pub mod private_link;
mod query;
mod view;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use body::NewDatabase;
use query::ListQuery;
use view::{view, DatabaseView};

use super::{unchanged, Call, Handled};
use crate::api::access::{self};
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Response;
use crate::api::Context;
use crate::model::entropy::uuid;
use crate::model::{Database, DatabaseStatus, Lifecycle, Record, Scope, State};
use crate::pricing::regions::{serverless_region, serverless_regions};
use crate::rbac::{Drn, Permission};
use crate::validation;

const CLOUD_PROVIDERS: [&str; 3] = ["AWS", "GCP", "AZURE"];

/// A database someone asked to terminate gets nothing new (a token, a role scoped to it).
pub(super) fn ensure_not_terminating(db: &Database, now: DateTime<Utc>) -> Result<(), ApiError> {
    if !db.is_terminating() {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorId::DatabaseNotActive,
        format!("database {} is {}", db.name, db.status(now).as_str()),
    ))
}

/// A database in the middle of something (created a moment ago, a keyspace changing, being
/// terminated) takes no other change until it is ACTIVE again, as the real service answers.
fn ensure_active(db: &Database, now: DateTime<Utc>) -> Result<(), ApiError> {
    match db.status(now) {
        DatabaseStatus::Active => Ok(()),
        DatabaseStatus::Parked => Err(ApiError::new(
            ErrorId::DatabaseNotActive,
            format!(
                "database {} is PARKED: unpark it first (POST /v2/databases/{}/unpark), then \
                 poll GET /v2/databases/{} until it is ACTIVE",
                db.name, db.id, db.id
            ),
        )),
        status => Err(ApiError::new(
            ErrorId::DatabaseNotActive,
            format!(
                "database {} is {}: it takes this change once it is ACTIVE; poll GET \
                 /v2/databases/{} until it is",
                db.name,
                status.as_str(),
                db.id
            ),
        )),
    }
}

/// The database the path names, in the actor's organization, with the path's parameters: its ID,
/// then a keyspace and a table where the route has them (the route table hands each handler
/// exactly those of its pattern).
fn located<'a, const N: usize>(
    call: Call<'a>,
) -> Result<(&'a str, &'a Database, [&'a str; N]), ApiError> {
    let org = access::organization_of(call.actor)?;
    let params = <[&str; N]>::try_from(call.params).map_err(|_| {
        ApiError::new(
            ErrorId::UnknownRoute,
            "the path does not name a database, keyspace and table as the endpoint needs: see \
             the README's API section for the paths",
        )
    })?;
    let db = find(call.state, org, params[0])?;
    Ok((org, db, params))
}

/// The organization's database with this ID; a database of another organization is not found.
pub(super) fn find<'s>(state: &'s State, org: &str, id: &str) -> Result<&'s Database, ApiError> {
    state
        .databases
        .get(id)
        .filter(|db| db.org_id == org)
        .ok_or_else(|| ApiError::not_found("database", id))
}

fn tables_of<'d>(db: &'d Database, keyspace: &str) -> Result<&'d Vec<String>, ApiError> {
    db.keyspaces.get(keyspace).ok_or_else(|| {
        ApiError::new(
            ErrorId::NotFound,
            format!(
                "keyspace '{keyspace}' was not found in database {}: its keyspaces are {}",
                db.name,
                names(db.keyspaces.keys())
            ),
        )
    })
}

/// Names for a message: "a, b" or "none".
fn names<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let names: Vec<&str> = items.map(String::as_str).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// A keyspace or table name: a CQL identifier; one that isn't is refused with `id`: a field of
/// the body is `InvalidField` (400), a keyspace named by the path `Unprocessable` (422, as the
/// spec documents for addKeyspace and dropKeyspace).
fn check_identifier(id: ErrorId, what: &str, name: &str) -> Result<(), ApiError> {
    if validation::is_cql_identifier(name) {
        return Ok(());
    }
    Err(ApiError::new(
        id,
        format!(
            "{what} name '{name}' is not a CQL identifier: use a letter followed by up to {} \
             letters, digits or underscores, such as 'orders_2025'",
            validation::CQL_IDENTIFIER_MAX - 1
        ),
    ))
}

fn check_name(state: &State, org: &str, name: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
    if !validation::is_database_name(name) {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            format!(
                "field 'name' is invalid: '{name}' must be 1 to {} letters, digits, '-' or '_', \
                 such as 'orders-db'",
                validation::DATABASE_NAME_MAX
            ),
        ));
    }
    let taken = state
        .databases
        .values()
        .filter(|db| !db.is_terminated(now))
        .any(|db| db.org_id == org && db.name.eq_ignore_ascii_case(name));
    if taken {
        return Err(ApiError::new(
            ErrorId::NameTaken,
            format!("the organization already has a database named '{name}': choose another name"),
        ));
    }
    Ok(())
}

/// The region of a new database: one of the provider's Serverless regions.
fn serverless_region_of(provider: &str, region: &str) -> Result<(), ApiError> {
    if serverless_region(provider, region).is_some() {
        return Ok(());
    }
    let offered: Vec<&str> = serverless_regions()
        .iter()
        .filter(|r| r.provider.api() == provider)
        .map(|r| r.name.as_str())
        .collect();
    Err(ApiError::new(
        ErrorId::InvalidField,
        format!(
            "field 'region' is invalid: {provider} has no Serverless region '{region}'; its \
             regions are {} (GET /v2/regions/serverless lists every provider's)",
            offered.join(", ")
        ),
    ))
}

fn cloud_provider(text: &str) -> Result<&'static str, ApiError> {
    CLOUD_PROVIDERS
        .into_iter()
        .find(|p| p.eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| {
            ApiError::new(
                ErrorId::InvalidField,
                format!(
                    "field 'cloudProvider' is invalid: '{text}' is not a cloud provider; use {}",
                    CLOUD_PROVIDERS.join(", ")
                ),
            )
        })
}

/// Records the changed database with one audit entry naming it and `target`, and answers
/// `response`.
fn save(
    call: Call,
    ctx: &Context,
    db: Database,
    (action, target, summary): (&str, &Drn, String),
    response: Response,
) -> Handled {
    let mut effects = call.effects(ctx);
    let targets = vec![db.id.clone(), target.to_string()];
    let scope = Scope::Organization(db.org_id.clone());
    effects.put(Record::Database(db));
    effects.audit(scope, action, targets, summary);
    Ok(effects.finish(response))
}

/// `GET /v2/databases`: the databases the actor may view. Seed 004, "Organization permissions":
/// "Organization permissions related to database management, such as Manage Region and View DB,
/// can be further limited to specific databases", so a role scoped to some databases lists those.
/// The spec's parameters: `include` (a status, `nonterminated` by default, or `all`), `provider`,
/// and pages of `limit` (25 by default) after the ID `starting_after`, in the order of the IDs,
/// so that a page never repeats or skips a database however the list changes between pages.
pub fn list(call: Call, ctx: &mut Context) -> Handled {
    let Call {
        state,
        actor,
        request,
        ..
    } = call;
    let org = access::organization_of(actor)?;
    let query = ListQuery::of(request)?;
    let may_view = |id: &str| {
        access::require(
            state,
            actor,
            Permission::ORG_DB_VIEW,
            &Drn::database(org, id),
        )
    };
    // The state's map is ordered by ID.
    let body: Vec<DatabaseView> = state
        .databases
        .values()
        .filter(|db| db.org_id == org && may_view(&db.id).is_ok())
        .filter(|db| query.includes(db, ctx.now))
        .filter(|db| query.after.is_none_or(|after| db.id.as_str() > after))
        .take(query.limit)
        .map(|db| view(db, ctx.now))
        .collect();
    unchanged(Response::ok(body))
}

/// `POST /v2/databases`: adds a database to the inventory (Create DB, "Create a database", seed
/// 004).
pub fn create(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let org = access::organization_of(actor)?;
    let body: NewDatabase = request.json()?;
    let name = body.name.trim();
    check_name(state, org, name, ctx.now)?;
    let provider = cloud_provider(&body.cloud_provider)?;
    let region = validation::REGION.checked(&body.region)?;
    serverless_region_of(provider, &region)?;
    let (tier, capacity_units, db_type) = body.shape()?;
    let mut keyspaces = BTreeMap::new();
    for keyspace in std::iter::once(&body.keyspace).chain(&body.keyspaces) {
        check_identifier(ErrorId::InvalidField, "keyspace", keyspace)?;
        keyspaces.insert(keyspace.clone(), Vec::new());
    }
    let db = Database {
        id: uuid(ctx.entropy),
        org_id: org.to_owned(),
        owner_id: actor.id().to_owned(),
        name: name.to_owned(),
        cloud_provider: provider.to_owned(),
        region: region.to_owned(),
        keyspaces,
        created_at: ctx.now,
        tier,
        capacity_units,
        db_type,
        lifecycle: Lifecycle::created(ctx.now, ctx.step),
        access_list: Default::default(),
        datacenters: Vec::new(),
        private_links: Default::default(),
    };
    // The spec's createDatabase: "201: created", with the header `Location`: "Database UUID".
    let response = Response::created_at(db.id.clone(), view(&db, ctx.now));
    let target = Drn::database(org, &db.id);
    let summary = format!("created database {name} on {provider} {region}");
    let audit = ("database.create", &target, summary);
    save(call, ctx, db, audit, response)
}

/// `GET /v2/databases/{id}` (View DB: "View database information returned by an API request",
/// seed 004).
pub fn get(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    unchanged(Response::ok(view(db, ctx.now)))
}

/// `POST /v2/databases/{id}/terminate`, and `DELETE /v2/databases/{id}` (Terminate DB:
/// "Permanently delete a database and all of of its data", seed 004): the spec's terminateDatabase
/// answers 202, and the database is TERMINATING, then TERMINATED. A terminated database still
/// answers GET (a client waiting for the end polls it), and leaves the lists.
pub fn terminate(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    // "For internal use only": accepted as the spec types it, a boolean, and otherwise unused.
    for (name, value) in &call.request.query {
        if name == "preparedStateOnly" && !matches!(value.as_str(), "true" | "false") {
            return Err(ApiError::new(
                ErrorId::InvalidField,
                format!("query parameter 'preparedStateOnly' is invalid: '{value}' is not true or false"),
            ));
        }
    }
    if db.is_terminating() {
        return Err(ApiError::new(
            ErrorId::DatabaseNotActive,
            format!(
                "database {} is already {}: there is nothing more to terminate",
                db.name,
                db.status(ctx.now).as_str()
            ),
        ));
    }
    let lifecycle = Lifecycle::Terminating {
        since: ctx.now,
        done: ctx.now + ctx.step,
    };
    accepted(
        call,
        ctx,
        db,
        lifecycle,
        ("database.terminate", "terminated"),
    )
}

/// `POST /v2/databases/{id}/park` (Suspend DB, `org-db-suspend`): PARKING, then PARKED until it is
/// unparked; a parked database takes no change but unpark and terminate. Seeds 001 and 002 give
/// the permission to "park/unpark classic databases and suspend/unsuspend serverless databases";
/// seed 004's "(Astra DB Classic databases only)" contradicts its own sentence ("Suspend/unsuspend
/// Astra DB Serverless databases"), and the spec's parkDatabase is the one way to do either, so a
/// Serverless database parks (`rbac::catalog` records the choice).
pub fn park(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    ensure_active(db, ctx.now)?;
    let lifecycle = Lifecycle::Parking {
        done: ctx.now + ctx.step,
    };
    accepted(call, ctx, db, lifecycle, ("database.park", "parked"))
}

/// `POST /v2/databases/{id}/unpark`: a PARKED database is UNPARKING, then ACTIVE.
pub fn unpark(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    let status = db.status(ctx.now);
    if status != DatabaseStatus::Parked {
        return Err(ApiError::new(
            ErrorId::DatabaseNotActive,
            format!(
                "database {} is {}: only a PARKED database unparks",
                db.name,
                status.as_str()
            ),
        ));
    }
    let lifecycle = Lifecycle::Unparking {
        done: ctx.now + ctx.step,
    };
    accepted(call, ctx, db, lifecycle, ("database.unpark", "unparked"))
}

/// Starts the database on `lifecycle`, audited as `action` ("database X was `done`"), and
/// answers 202 Accepted: the client polls the database for the status it waits on.
fn accepted(
    call: Call,
    ctx: &mut Context,
    db: &Database,
    lifecycle: Lifecycle,
    (action, done): (&str, &str),
) -> Handled {
    let mut changed = db.clone();
    changed.lifecycle = lifecycle;
    let summary = format!("{done} database {}", db.name);
    let target = Drn::database(&db.org_id, &db.id);
    save(
        call,
        ctx,
        changed,
        (action, &target, summary),
        Response::empty(202),
    )
}

/// `POST /v2/databases/{id}/keyspaces/{keyspace}`. Seed 004, "Keyspace permissions", has two
/// ways to create one: "Create All Keyspaces (db-all-keyspace-create): Create keyspaces
/// programmatically" and "Create Keyspace (db-keyspace-create): Create a keyspace in the Astra
/// Portal"; the backend serves both, so either permission allows it.
pub fn create_keyspace(call: Call, ctx: &mut Context) -> Handled {
    let (org, db, [id, keyspace]) = located(call)?;
    check_identifier(ErrorId::Unprocessable, "keyspace", keyspace)?;
    ensure_active(db, ctx.now)?;
    if db.keyspaces.contains_key(keyspace) {
        return Err(ApiError::new(
            ErrorId::NameTaken,
            format!(
                "database {} already has a keyspace named '{keyspace}': choose another name",
                db.name
            ),
        ));
    }
    let mut changed = db.clone();
    changed.keyspaces.insert(keyspace.to_owned(), Vec::new());
    changed.lifecycle = Lifecycle::Maintenance {
        done: ctx.now + ctx.step,
    };
    let response = Response::json(201, view(&changed, ctx.now));
    let summary = format!("created keyspace {keyspace} in database {}", db.name);
    let target = Drn::keyspace(org, id, keyspace);
    let audit = ("database.keyspace.create", &target, summary);
    save(call, ctx, changed, audit, response)
}

/// `DELETE /v2/databases/{id}/keyspaces/{keyspace}` (Drop Keyspace: "Remove a keyspace", seed
/// 004), with its tables. The spec's dropKeyspace: "202: dropped", "204: no keyspace found to
/// delete" (which changes nothing), 422 for a name that can't be a keyspace's. A database that
/// doesn't exist is still a 404, as for every other database operation: the spec lists no 404 for
/// dropKeyspace (nor the 403 every operation can answer), and its 204 is about the keyspace.
pub fn drop_keyspace(call: Call, ctx: &mut Context) -> Handled {
    let (org, db, [id, keyspace]) = located(call)?;
    let target = Drn::keyspace(org, id, keyspace);
    check_identifier(ErrorId::Unprocessable, "keyspace", keyspace)?;
    if !db.keyspaces.contains_key(keyspace) {
        return unchanged(Response::no_content());
    }
    ensure_active(db, ctx.now)?;
    let mut changed = db.clone();
    changed.keyspaces.remove(keyspace);
    changed.lifecycle = Lifecycle::Maintenance {
        done: ctx.now + ctx.step,
    };
    let summary = format!("dropped keyspace {keyspace} from database {}", db.name);
    let audit = ("database.keyspace.drop", &target, summary);
    save(call, ctx, changed, audit, Response::empty(202))
}

/// `POST /v2/databases/{id}/keyspaces/{keyspace}/tables/{table}` (Create Table, seed 004).
pub fn create_table(call: Call, ctx: &mut Context) -> Handled {
    let (org, db, [id, keyspace, table]) = located(call)?;
    let tables = tables_of(db, keyspace)?;
    check_identifier(ErrorId::InvalidField, "table", table)?;
    ensure_active(db, ctx.now)?;
    if tables.iter().any(|t| t == table) {
        return Err(ApiError::new(
            ErrorId::NameTaken,
            format!("keyspace {keyspace} already has a table named '{table}': choose another name"),
        ));
    }
    let mut changed = db.clone();
    if let Some(tables) = changed.keyspaces.get_mut(keyspace) {
        tables.push(table.to_owned());
        tables.sort();
    }
    let response = Response::json(201, view(&changed, ctx.now));
    let summary = format!("created table {keyspace}.{table} in database {}", db.name);
    let target = Drn::table(org, id, keyspace, table);
    let audit = ("database.table.create", &target, summary);
    save(call, ctx, changed, audit, response)
}

/// `DELETE /v2/databases/{id}/keyspaces/{keyspace}/tables/{table}` (Drop Table: "Delete a
/// table", seed 004).
pub fn drop_table(call: Call, ctx: &mut Context) -> Handled {
    let (org, db, [id, keyspace, table]) = located(call)?;
    let tables = tables_of(db, keyspace)?;
    if !tables.iter().any(|t| t == table) {
        return Err(ApiError::new(
            ErrorId::NotFound,
            format!(
                "table '{table}' was not found in keyspace {keyspace} of database {}: its tables \
                 are {}",
                db.name,
                names(tables.iter())
            ),
        ));
    }
    ensure_active(db, ctx.now)?;
    let mut changed = db.clone();
    if let Some(tables) = changed.keyspaces.get_mut(keyspace) {
        tables.retain(|t| t != table);
    }
    let summary = format!("dropped table {keyspace}.{table} from database {}", db.name);
    let target = Drn::table(org, id, keyspace, table);
    let audit = ("database.table.drop", &target, summary);
    save(call, ctx, changed, audit, Response::no_content())
}
