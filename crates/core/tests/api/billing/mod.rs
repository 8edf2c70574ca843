//! Billing and usage endpoints: an organization's billing and payment method, its usage download,
//! and the enterprise's consumption query and billing reports, through `api::handle` as a host
//! calls it.

mod enterprise;
mod invoices;
mod organization;
mod plan;

use crate::common::{named, read_units_day, storage_hour};
use crate::support::World;
use portal_core::api::{Actor, Body, Method, Response};
use portal_core::model::entropy::uuid;
use portal_core::model::{Membership, Scope, UsageRow, User};
use portal_core::usage::{read_report_str, UsageRecord};
use serde_json::{json, Value};

/// Adds an active user with this membership and returns their ID.
fn add_user(world: &mut World, scope: &Scope, roles: Vec<String>) -> String {
    let id = uuid(&mut world.entropy);
    let mut user = User {
        id: id.clone(),
        email: format!("{id}@acme.test"),
        organizations: Default::default(),
        enterprise: None,
    };
    user.set_membership(scope, Some(Membership::active(roles)));
    world.state.users.insert(id.clone(), user);
    id
}

/// The administrator acting in their default (personal) organization, which is on the Free plan.
fn personal(world: &World) -> (Actor, String) {
    let org = world
        .state
        .default_organization_of(&world.boot.user_id)
        .expect("the administrator's personal organization")
        .id
        .clone();
    (
        world.user(&world.boot.user_id, Scope::Organization(org.clone())),
        org,
    )
}

fn add_card(world: &mut World, actor: &Actor) {
    let card = json!({"brand": "Visa", "last4": "4242", "expires": "12/29"});
    world.expect(
        200,
        actor,
        Method::Put,
        "/v2/organizations/billing/payment-method",
        card,
    );
}

/// One usage row of `org` starting at `start`.
fn put_usage(world: &mut World, org: &str, start: &str) {
    let id = uuid(&mut world.entropy);
    let record: UsageRecord = named(org, "serverless", "db-1", storage_hour(start));
    world
        .state
        .usage
        .insert(id.clone(), UsageRow { id, record });
}

/// `millions` read request units of `org` on the day from `start`, in AWS us-east-1, which the
/// price book prices at 0.62 a million.
fn put_reads(world: &mut World, org: &str, start: &str, millions: &str) {
    let id = uuid(&mut world.entropy);
    let record = named(
        org,
        "serverless",
        "db-1",
        read_units_day(start, millions, "0.62", "0"),
    );
    world
        .state
        .usage
        .insert(id.clone(), UsageRow { id, record });
}

/// The first organization's rows: two in the current month (June 2025, the world's now), one
/// in each of May, April and March; and one of another organization in June and in May.
fn usage_world() -> World {
    let mut world = World::new();
    let org = world.org();
    for start in [
        "2025-06-01T00:00:00Z",
        "2025-06-01T11:00:00Z",
        "2025-05-15T00:00:00Z",
        "2025-04-10T00:00:00Z",
        "2025-03-05T00:00:00Z",
    ] {
        put_usage(&mut world, &org, start);
    }
    put_usage(&mut world, "other-org", "2025-06-01T01:00:00Z");
    put_usage(&mut world, "other-org", "2025-05-20T00:00:00Z");
    world
}

/// The CSV body of a response: its file name and rows.
fn csv(response: &Response) -> (String, Vec<UsageRecord>) {
    match &response.body {
        Body::Csv { filename, text } => (filename.clone(), read_report_str(text).unwrap().records),
        other => panic!("not a CSV body: {other:?}"),
    }
}

fn error_ids(body: &Value) -> Vec<u64> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["ID"].as_u64().unwrap())
        .collect()
}
