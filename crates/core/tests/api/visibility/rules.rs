//! Each collection's rule over the demo state: which records an actor reads.

use std::collections::BTreeSet;

use super::{
    commit, demo, ids, in_org, json_of, org_id, read_only_service_account, role_id, snapshot,
    token, user_id, users, PRODUCTION,
};
use crate::support::World;
use portal_core::api::{Actor, Method, Principal};
use portal_core::model::{Collection, Key, Record, Scope, State, StoredRole};
use portal_core::sync::feed;
use serde_json::{json, Value};

fn at_enterprise(world: &World, email: &str) -> Actor {
    world.user(&user_id(world, email), Scope::Enterprise)
}

const STAGING: &str = "Acme Staging";
const ANALYTICS: &str = "Acme Analytics";

/// Seed 001, "Read Only Service Account": no org-read, org-user-read, org-token-read,
/// org-billing-read nor org-audits-read. Its feed is the enterprise and its own token.
#[test]
fn a_read_only_service_account_reads_the_enterprise_and_its_own_token() {
    let mut world = demo();
    let ro = read_only_service_account(&mut world);
    let records = snapshot(&world.state, &ro);
    let keys: Vec<Key> = records.iter().map(Record::key).collect();
    assert_eq!(
        keys,
        vec![
            Key {
                collection: Collection::Enterprise,
                id: "enterprise".into()
            },
            Key {
                collection: Collection::Tokens,
                id: ro.id().to_owned()
            },
        ]
    );
    // Its own token with its hash (the page checks the token it is given against it), not who
    // generated it.
    let mut own = world.state.tokens[ro.id()].clone();
    assert!(!own.generated_by.is_empty());
    own.generated_by.clear();
    assert_eq!(records[1], Record::Token(own));
}

/// Seed 004, "Delete a custom role": "Deleting a custom role removes it from all users and
/// application tokens it is assigned to." A token left with no role reads the enterprise and
/// itself, and a copy that followed it before gets a snapshot that takes the rest away.
#[test]
fn a_token_whose_roles_were_all_deleted_reads_only_the_enterprise_and_itself() {
    let mut world = demo();
    let admin = world.admin();
    let org = world.org();
    let body = json!({"name": "Viewer", "policy": {"description": "v", "effect": "allow",
        "resources": [format!("drn:astra:org:{org}")],
        "actions": ["org-read", "org-user-read", "org-token-read"]}});
    let created = commit(
        &mut world,
        &admin,
        Method::Post,
        "/v2/organizations/roles",
        body,
    );
    let role = json_of(&created)["ID"].as_str().unwrap().to_owned();
    let (_, viewer) = token(&mut world, &admin, &[&role], "viewer");
    let before = feed(&world.state, &viewer, 0).unwrap();
    assert!(ids(&snapshot(&world.state, &viewer), Collection::Users).len() > 1);

    let deleted = commit(
        &mut world,
        &admin,
        Method::Delete,
        &format!("/v2/organizations/roles/{role}"),
        Value::Null,
    );
    assert_eq!(deleted.status, 204, "{}", deleted.body_text());
    assert!(world.state.tokens[viewer.id()].roles.is_empty());
    let keys: Vec<Key> = snapshot(&world.state, &viewer)
        .iter()
        .map(Record::key)
        .collect();
    assert_eq!(
        keys.iter().map(|k| k.collection).collect::<Vec<_>>(),
        vec![Collection::Enterprise, Collection::Tokens]
    );
    assert_eq!(keys[1].id, viewer.id());

    let after = feed(&world.state, &viewer, before.revision).unwrap();
    assert!(after.snapshot, "its access changed: {after:?}");
    let copy = after.apply_to(before.apply_to(None)).unwrap();
    assert!(copy.users.is_empty() && copy.organizations.is_empty() && copy.roles.is_empty());
}

/// Seed 004, "Read User (org-user-read): View users in an organization"; seed 000, "Manage
/// enterprise users": "To view users in specific organizations, see Edit organization settings".
/// Another user's record keeps only the memberships the actor may list; the actor's own is whole.
#[test]
fn a_user_is_read_with_the_memberships_the_actor_may_list() {
    let world = demo();
    let production = org_id(&world, PRODUCTION);
    let dana = world.admin();
    let read = users(&snapshot(&world.state, &dana));
    let ana = &read[&user_id(&world, "ana.dba@acme.example")];
    assert_eq!(
        ana.organizations.keys().collect::<Vec<_>>(),
        vec![&production],
        "ana's Staging membership is not Production's to show"
    );
    let lee = &read[&user_id(&world, "lee.billing@acme.example")];
    assert!(
        lee.enterprise.is_none(),
        "an organization's users page shows no enterprise membership"
    );
    assert!(!read.contains_key(&user_id(&world, "kim.api@acme.example")));
    // Its own record whole: every membership, the enterprise's too.
    assert_eq!(read[dana.id()], world.state.users[dana.id()]);

    // At the enterprise level, ent-user-read lists the enterprise memberships, and no
    // organization's (the Enterprise Administrator role has no org-user-read).
    let read = users(&snapshot(&world.state, &world.enterprise_admin()));
    let lee = &read[&user_id(&world, "lee.billing@acme.example")];
    assert!(lee.enterprise.is_some() && lee.organizations.is_empty());
    assert!(!read.contains_key(&user_id(&world, "ana.dba@acme.example")));
}

/// Seed 000, "Manage enterprise roles": "if you grant the org-user-read permission with only one
/// organization in the role's scope, then a user with this permission can view the users in that
/// one organization only." Mia's "Production User Auditor" is that role.
#[test]
fn an_enterprise_role_with_org_user_read_reads_the_users_of_the_organizations_it_names() {
    let world = demo();
    let production = org_id(&world, PRODUCTION);
    let mia = at_enterprise(&world, "mia.audit@acme.example");
    let read = users(&snapshot(&world.state, &mia));
    for user in read.values().filter(|u| u.id != mia.id()) {
        assert_eq!(
            user.organizations.keys().collect::<Vec<_>>(),
            vec![&production],
            "{}",
            user.email
        );
        assert!(user.enterprise.is_none(), "{}", user.email);
    }
    assert!(read.contains_key(&user_id(&world, "raj.dev@acme.example")));
    assert!(!read.contains_key(&user_id(&world, "kim.api@acme.example")));
    assert_eq!(read[mia.id()], world.state.users[mia.id()]);
}

/// Seed 004, "Read Token (org-token-read): View application tokens in an organization"; seed
/// 000: "To view an organization's application tokens, you must have the org-token-read
/// permission in that organization", and "The response includes the roles assigned to each
/// token, but the secret and token values are excluded": no hash either.
#[test]
fn tokens_are_read_where_the_actor_acts_without_their_hash() {
    let world = demo();
    let production = world.org();
    let dana = world.admin();
    let records = snapshot(&world.state, &dana);
    let read: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Token(t) => Some(t),
            _ => None,
        })
        .collect();
    let expected: BTreeSet<&str> = world
        .state
        .tokens
        .values()
        .filter(|t| t.scope == Scope::Organization(production.clone()))
        .map(|t| t.client_id.as_str())
        .collect();
    assert_eq!(
        read.iter()
            .map(|t| t.client_id.as_str())
            .collect::<BTreeSet<_>>(),
        expected
    );
    for token in read {
        assert!(token.hash.is_empty() && token.generated_by.is_empty());
        assert_eq!(token.roles, world.state.tokens[&token.client_id].roles);
    }
    // At the enterprise level: the enterprise's tokens (ent-token-read), no organization's.
    let read = ids(
        &snapshot(&world.state, &world.enterprise_admin()),
        Collection::Tokens,
    );
    let enterprise: BTreeSet<String> = world
        .state
        .tokens
        .values()
        .filter(|t| t.scope == Scope::Enterprise)
        .map(|t| t.client_id.clone())
        .collect();
    assert_eq!(read, enterprise);
}

/// Seed 004, "Read Custom Role (org-role-read): View custom roles"; seed 000: "To retrieve
/// enterprise roles, your application token must have the Enterprise Administrator role". A role
/// the actor holds is readable to it anyway (the page evaluates its own access), without who
/// changed it last.
#[test]
fn custom_roles_are_read_with_role_read_where_they_belong_or_when_held() {
    let world = demo();
    let editor = role_id(&world, "Orders Keyspace Editor");
    let db_admin = role_id(&world, "orders Database Administrator");
    let readers = role_id(&world, "Analytics Readers");
    let auditor = role_id(&world, "Production User Auditor");

    let dana = ids(&snapshot(&world.state, &world.admin()), Collection::Roles);
    assert_eq!(dana, BTreeSet::from([editor.clone(), db_admin.clone()]));

    let tom = in_org(&world, "tom.orders@acme.example", PRODUCTION);
    let held: Vec<StoredRole> = snapshot(&world.state, &tom)
        .into_iter()
        .filter_map(|r| match r {
            Record::Role(role) => Some(role),
            _ => None,
        })
        .collect();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].role, world.state.roles[&editor].role);
    assert!(held[0].last_update_userid.is_empty());

    let enterprise = ids(
        &snapshot(&world.state, &world.enterprise_admin()),
        Collection::Roles,
    );
    assert_eq!(enterprise, BTreeSet::from([auditor]));
    let ian = in_org(&world, "ian.data@acme.example", ANALYTICS);
    assert_eq!(
        ids(&snapshot(&world.state, &ian), Collection::Roles),
        BTreeSet::from([readers])
    );
}

/// Seed 004, "View DB (org-db-view)", "Organization permissions related to database management,
/// such as Manage Region and View DB, can be further limited to specific databases."
#[test]
fn databases_are_read_with_view_db_on_each() {
    let world = demo();
    let name = |id: &String| world.state.databases[id].name.clone();
    let tom = in_org(&world, "tom.orders@acme.example", PRODUCTION);
    let read = ids(&snapshot(&world.state, &tom), Collection::Databases);
    assert_eq!(read.iter().map(name).collect::<Vec<_>>(), vec!["orders"]);
    let dana = ids(
        &snapshot(&world.state, &world.admin()),
        Collection::Databases,
    );
    let mut names: Vec<String> = dana.iter().map(name).collect();
    names.sort();
    assert_eq!(names, vec!["catalog", "orders"]);
    // Seed 000: "you can't use an enterprise token for database operations".
    let enterprise = snapshot(&world.state, &world.enterprise_admin());
    assert!(ids(&enterprise, Collection::Databases).is_empty());
}

/// Seed 004, "Read Billing (org-billing-read): Access the Billing page"; seed 000, "At the
/// enterprise scope, you can't [...] view billing details": a card is the organization's.
#[test]
fn billing_is_read_with_billing_read_in_the_organization() {
    let world = demo();
    let production = org_id(&world, PRODUCTION);
    let lee = in_org(&world, "lee.billing@acme.example", PRODUCTION);
    assert_eq!(
        ids(&snapshot(&world.state, &lee), Collection::Billing),
        BTreeSet::from([production])
    );
    let raj = in_org(&world, "raj.dev@acme.example", PRODUCTION);
    assert!(ids(&snapshot(&world.state, &raj), Collection::Billing).is_empty());
    let enterprise = snapshot(&world.state, &world.enterprise_admin());
    assert!(ids(&enterprise, Collection::Billing).is_empty());
}

/// Seed 000, "Download an organization usage report" (org-billing-read, "limited to the
/// organization you are currently viewing") and the consumption API (ent-billing-read, "the
/// resource scope determines the organizations that the role can view at the enterprise
/// level"); the enterprise's credits go with the consumption API.
#[test]
fn usage_rows_and_credits_are_read_within_the_billing_roles_scope() {
    let mut world = demo();
    let production = org_id(&world, PRODUCTION);
    let staging = org_id(&world, STAGING);
    let orgs_of = |state: &State, records: &[Record]| -> BTreeSet<String> {
        ids(records, Collection::Usage)
            .iter()
            .map(|id| state.usage[id].record.org_id.clone())
            .collect()
    };
    let lee = in_org(&world, "lee.billing@acme.example", PRODUCTION);
    let records = snapshot(&world.state, &lee);
    assert_eq!(
        orgs_of(&world.state, &records),
        BTreeSet::from([production.clone()])
    );
    assert!(ids(&records, Collection::Credits).is_empty());

    let finance = world
        .state
        .tokens
        .values()
        .find(|t| t.description == "finance export")
        .map(|t| Actor {
            principal: Principal::Token(t.client_id.clone()),
            scope: Scope::Enterprise,
        })
        .unwrap();
    let records = snapshot(&world.state, &finance);
    let every: BTreeSet<String> = world
        .state
        .usage
        .values()
        .map(|row| row.record.org_id.clone())
        .collect();
    assert_eq!(orgs_of(&world.state, &records), every);
    assert_eq!(ids(&records, Collection::Credits).len(), 1);

    // A custom enterprise role with ent-billing-read scoped to Staging reads Staging's rows.
    let enterprise = world.state.enterprise.id.clone();
    let body = json!({"name": "Staging Billing", "policy": {"description": "s", "effect": "allow",
        "resources": [format!("drn:astra:ent:{enterprise}:org:{staging}")],
        "actions": ["ent-billing-read"]}});
    let admin = world.enterprise_admin();
    let role = world.expect(201, &admin, Method::Post, "/v2/organizations/roles", body);
    let (_, scoped) = token(
        &mut world,
        &admin,
        &[role["ID"].as_str().unwrap()],
        "staging billing",
    );
    let records = snapshot(&world.state, &scoped);
    assert_eq!(orgs_of(&world.state, &records), BTreeSet::from([staging]));
    // Credits are the enterprise's: ent-billing-read on the enterprise, which this scope lacks.
    assert!(ids(&records, Collection::Credits).is_empty());
}

/// Seed 000, "Download an enterprise usage report", and the README: "a report only to its
/// requester".
#[test]
fn a_billing_report_is_read_by_its_requester_only() {
    let mut world = demo();
    let admin = world.enterprise_admin();
    let body = json!({"month": "10", "year": "2026"});
    world.expect(
        200,
        &admin,
        Method::Post,
        "/v2/enterprises/billing-reports/generate-report",
        body,
    );
    assert_eq!(world.state.billing_reports.len(), 1);
    let own = snapshot(&world.state, &admin);
    assert_eq!(ids(&own, Collection::BillingReports).len(), 1);
    let lee = at_enterprise(&world, "lee.billing@acme.example");
    assert!(ids(&snapshot(&world.state, &lee), Collection::BillingReports).is_empty());
}

/// Seed 004, "Read Audits (org-audits-read): Download organization audit logs"; the enterprise's
/// log is the Enterprise Administrator role's (no permission names it).
#[test]
fn audit_entries_are_read_where_the_log_may_be_read() {
    let mut world = demo();
    let dana = world.admin();
    let body = json!({"description": "orders and catalog"});
    world.expect(200, &dana, Method::Patch, "/v2/currentOrg", body);
    let enterprise_admin = world.enterprise_admin();
    let body = json!({"name": "Acme Corp"});
    world.expect(
        200,
        &enterprise_admin,
        Method::Patch,
        "/v2/enterprises/current",
        body,
    );
    let scope_of = |records: &[Record]| -> Vec<Scope> {
        records
            .iter()
            .filter_map(|r| match r {
                Record::Audit(entry) => Some(entry.scope.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        scope_of(&snapshot(&world.state, &dana)),
        vec![Scope::Organization(world.org())]
    );
    assert_eq!(
        scope_of(&snapshot(&world.state, &enterprise_admin)),
        vec![Scope::Enterprise]
    );
    let raj = in_org(&world, "raj.dev@acme.example", PRODUCTION);
    assert!(scope_of(&snapshot(&world.state, &raj)).is_empty());
    let sam = at_enterprise(&world, "sam.platform@acme.example");
    assert!(scope_of(&snapshot(&world.state, &sam)).is_empty());
}

/// Seed 004, "Read Organization (org-read): View an organization"; seed 000: "For enterprise
/// roles, the resource scope determines the organizations that the role can view at the
/// enterprise level", and a default (personal) organization is never the enterprise's.
#[test]
fn organizations_are_read_with_org_read_or_an_enterprise_scope_that_names_them() {
    let world = demo();
    let name = |id: &String| world.state.organizations[id].name.clone();
    let names = |actor: &Actor| -> Vec<String> {
        let mut names: Vec<String> = ids(&snapshot(&world.state, actor), Collection::Organizations)
            .iter()
            .map(name)
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&world.admin()), vec![PRODUCTION]);
    let sam = at_enterprise(&world, "sam.platform@acme.example");
    assert_eq!(names(&sam), vec![ANALYTICS, PRODUCTION, STAGING]);
    let mia = at_enterprise(&world, "mia.audit@acme.example");
    assert_eq!(names(&mia), vec![PRODUCTION]);
    let zoe = at_enterprise(&world, "zoe.finance@acme.example");
    assert!(names(&zoe).is_empty(), "an invitation grants nothing");
}
