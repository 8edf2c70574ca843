//! Each rule agrees with the read route it comes from.

use std::collections::BTreeSet;

use super::{demo, ids, json_of, snapshot, users};
use crate::support::random::actors;
use crate::support::World;
use portal_core::api::{self, Actor, Method};
use portal_core::model::{Collection, Scope};
use serde_json::{json, Value};

/// Every actor of the demo state: each rule agrees with the read route it comes from. The
/// routes are the oracle, so a rule that drifts from its route fails here.
#[test]
fn each_rule_agrees_with_the_read_route_it_comes_from() {
    let mut world = demo();
    // Some audit entries and a report, so that those rules have something to decide.
    let dana = world.admin();
    let body = json!({"description": "d"});
    world.expect(200, &dana, Method::Patch, "/v2/currentOrg", body);
    let admin = world.enterprise_admin();
    let request = json!({"month": "10", "year": "2026"});
    world.expect(
        200,
        &admin,
        Method::Post,
        "/v2/enterprises/billing-reports/generate-report",
        request,
    );
    for actor in actors(&world.state) {
        agrees_with_the_routes(&mut world, &actor);
    }
}

fn ok_json(world: &mut World, actor: &Actor, target: &str) -> Option<Value> {
    let response = world
        .attempt(actor, Method::Get, target, Value::Null)
        .response;
    match response.status {
        200 => Some(json_of(&response)),
        403 => None,
        status => panic!("{target} as {actor:?}: {status} {}", response.body_text()),
    }
}

pub(super) fn agrees_with_the_routes(world: &mut World, actor: &Actor) {
    let state = world.state.clone();
    let records = snapshot(&state, actor);
    let who = format!("{actor:?}");
    let own = actor.id().to_owned();
    let others = |collection| -> BTreeSet<String> {
        let mut set = ids(&records, collection);
        set.remove(&own);
        set
    };
    let read_users = users(&records);
    let members_of = |scope: &Scope| -> BTreeSet<String> {
        read_users
            .values()
            .filter(|u| u.id != own && u.membership(scope).is_some())
            .map(|u| u.id.clone())
            .collect()
    };
    let listed = |value: Option<Value>, list: &str, id: &str| -> BTreeSet<String> {
        value.map_or_else(BTreeSet::new, |v| {
            v[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item[id].as_str().unwrap().to_owned())
                .filter(|item| *item != own)
                .collect()
        })
    };
    let audit_log = match &actor.scope {
        Scope::Organization(org) => {
            let scope = actor.scope.clone();
            let users = ok_json(world, actor, "/v2/organizations/users");
            assert_eq!(
                listed(users, "users", "UserID"),
                members_of(&scope),
                "{who}: users"
            );
            let current = ok_json(world, actor, "/v2/currentOrg");
            assert_eq!(
                current.is_some(),
                ids(&records, Collection::Organizations).contains(org),
                "{who}: the organization"
            );
            assert!(ids(&records, Collection::Organizations).len() <= 1, "{who}");
            let databases = ok_json(world, actor, "/v2/databases");
            let listed_dbs: BTreeSet<String> = databases.map_or_else(BTreeSet::new, |v| {
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|db| db["id"].as_str().unwrap().to_owned())
                    .collect()
            });
            assert_eq!(
                listed_dbs,
                ids(&records, Collection::Databases),
                "{who}: databases"
            );
            let billing = ok_json(world, actor, "/v2/organizations/billing");
            assert_eq!(
                billing.is_some() && state.billing.contains_key(org),
                ids(&records, Collection::Billing).contains(org),
                "{who}: billing"
            );
            let usage = world
                .attempt(
                    actor,
                    Method::Get,
                    "/v2/organizations/usage?period=current_month",
                    Value::Null,
                )
                .response
                .status;
            let rows_of_org = state.usage.values().any(|r| &r.record.org_id == org);
            assert_eq!(
                usage == 200 && rows_of_org,
                !ids(&records, Collection::Usage).is_empty(),
                "{who}: usage"
            );
            "/v2/organizations/audits?limit=1000"
        }
        Scope::Enterprise => {
            let users = ok_json(world, actor, "/v2/enterprises/users");
            assert_eq!(
                listed(users, "users", "UserID"),
                members_of(&Scope::Enterprise),
                "{who}: enterprise users"
            );
            for org in state.organizations.keys() {
                let target = format!("/v2/enterprises/organizations/{org}/users");
                let response = world.attempt(actor, Method::Get, &target, Value::Null);
                let users = (response.response.status == 200).then(|| json_of(&response.response));
                assert_eq!(
                    listed(users, "users", "UserID"),
                    members_of(&Scope::Organization(org.clone())),
                    "{who}: users of {org} from the enterprise"
                );
            }
            let organizations = ok_json(world, actor, "/v2/enterprises/organizations");
            assert_eq!(
                listed(organizations, "organizations", "OrganizationID"),
                ids(&records, Collection::Organizations),
                "{who}: organizations"
            );
            assert!(ids(&records, Collection::Databases).is_empty(), "{who}");
            assert!(ids(&records, Collection::Billing).is_empty(), "{who}");
            let consumption = world
                .attempt(
                    actor,
                    Method::Post,
                    "/v2/enterprises/consumption",
                    json!({}),
                )
                .response;
            assert_eq!(
                consumption.status == 200,
                !ids(&records, Collection::Credits).is_empty(),
                "{who}: credits"
            );
            if consumption.status == 200 {
                let reported: BTreeSet<String> = json_of(&consumption)["organizations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["orgId"].as_str().unwrap().to_owned())
                    .collect();
                let readable: BTreeSet<String> = ids(&records, Collection::Usage)
                    .iter()
                    .map(|id| state.usage[id].record.org_id.clone())
                    .collect();
                assert!(reported.is_subset(&readable), "{who}: usage");
            } else {
                assert!(ids(&records, Collection::Usage).is_empty(), "{who}: usage");
            }
            "/v2/enterprises/audits?limit=1000"
        }
    };
    // Either realm's audit log: the entries of where the actor acts.
    let audits = ok_json(world, actor, audit_log);
    assert_eq!(
        listed(audits, "entries", "id"),
        others(Collection::Audit),
        "{who}: audit"
    );
    // Both realms: tokens and roles are those of where the actor acts.
    let tokens = ok_json(world, actor, "/v2/tokens");
    assert_eq!(
        listed(tokens, "clients", "clientId"),
        others(Collection::Tokens),
        "{who}: tokens"
    );
    let roles = world
        .attempt(actor, Method::Get, "/v2/organizations/roles", Value::Null)
        .response;
    let held: BTreeSet<String> = api::access::roles(&state, actor)
        .into_iter()
        .map(|r| r.id)
        .filter(|id| state.roles.contains_key(id))
        .collect();
    let custom = ids(&records, Collection::Roles);
    if roles.status == 200 {
        let listed: BTreeSet<String> = json_of(&roles)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["ID"].as_str().unwrap().to_owned())
            .filter(|id| state.roles.contains_key(id))
            .collect();
        assert_eq!(listed, custom, "{who}: roles");
    } else {
        assert_eq!(custom, held, "{who}: the roles it holds");
    }
    // Billing reports: its own, with ent-billing-read.
    for id in ids(&records, Collection::BillingReports) {
        let target = format!("/v2/enterprises/billing-reports/{id}");
        assert_eq!(
            world
                .attempt(actor, Method::Get, &target, Value::Null)
                .response
                .status,
            200,
            "{who}: report {id}"
        );
    }
}
