//! Billing and usage endpoints: an organization's billing and payment method, its usage download,
//! and the enterprise's consumption query and billing reports, through `api::handle` as a host
//! calls it.

use crate::common::{named, storage_hour};
use crate::support::{codes::*, error_id, error_message, World};
use portal_core::api::{Actor, Body, Method, Response};
use portal_core::model::entropy::uuid;
use portal_core::model::{
    MemberStatus, Membership, Scope, StoredReport, StoredRole, UsageRow, User,
};
use portal_core::pricing::billing::PremiumFeature;
use portal_core::rbac::{DefaultRole, Drn, Permission, Policy, Role};
use portal_core::usage::{read_report_str, BillingReport, Month, UsageRecord};
use serde_json::{json, Value};

const BILLING: &str = "/v2/organizations/billing";
const PAYMENT_METHOD: &str = "/v2/organizations/billing/payment-method";
const CONSUMPTION: &str = "/v2/enterprises/consumption";
const GENERATE: &str = "/v2/enterprises/billing-reports/generate-report";

fn card(last4: &str, expires: &str) -> Value {
    json!({"brand": "Visa", "last4": last4, "expires": expires})
}

/// Adds an active user with this membership and returns their ID.
fn add_user(world: &mut World, scope: &Scope, roles: Vec<String>) -> String {
    let id = uuid(&mut world.entropy);
    let mut user = User {
        id: id.clone(),
        email: format!("{id}@acme.test"),
        organizations: Default::default(),
        enterprise: None,
    };
    user.set_membership(
        scope,
        Some(Membership {
            status: MemberStatus::Active,
            roles,
        }),
    );
    world.state.users.insert(id.clone(), user);
    id
}

/// A user of the first organization with a custom role of these permissions on it.
fn org_member_with(world: &mut World, permissions: &[&str]) -> Actor {
    let scope = Scope::Organization(world.org());
    let role_id = uuid(&mut world.entropy);
    let policy = Policy {
        description: "test role".into(),
        actions: permissions
            .iter()
            .map(|p| Permission::parse(p).unwrap())
            .collect(),
        resources: vec![Drn::organization(&world.org())],
    };
    world.state.roles.insert(
        role_id.clone(),
        StoredRole {
            role: Role::new(role_id.clone(), "Test role", policy).unwrap(),
            scope: scope.clone(),
            last_update_datetime: world.now,
            last_update_userid: world.boot.user_id.clone(),
        },
    );
    let id = add_user(world, &scope, vec![role_id]);
    world.user(&id, scope)
}

/// A user of the enterprise with one default enterprise role.
fn enterprise_member_with(world: &mut World, role: &str) -> Actor {
    let role = DefaultRole::find(role).unwrap().id.to_owned();
    let id = add_user(world, &Scope::Enterprise, vec![role]);
    world.user(&id, Scope::Enterprise)
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

/// seed 004, "Read Billing (org-billing-read): Access the Billing page"; an organization of an
/// enterprise is on the Enterprise plan (seed 000), one without billing on the Free plan.
#[test]
fn billing_is_read_with_read_billing() {
    let mut world = World::new();
    let admin = world.admin();
    let billing = world.expect(200, &admin, Method::Get, BILLING, Value::Null);
    assert_eq!(
        billing,
        json!({"plan": "enterprise", "paymentMethod": null, "outstandingBalance": "0", "premiumFeatures": []})
    );
    world.state.billing.clear();
    let free = world.expect(200, &admin, Method::Get, BILLING, Value::Null);
    assert_eq!(free["plan"], "free");

    let viewer = org_member_with(&mut world, &["org-db-view"]);
    let refused = world.expect(403, &viewer, Method::Get, BILLING, Value::Null);
    assert!(
        error_message(&refused).contains("Read Billing (org-billing-read)"),
        "{refused}"
    );
    let reader = org_member_with(&mut world, &["org-billing-read"]);
    world.expect(200, &reader, Method::Get, BILLING, Value::Null);
    let enterprise = world.enterprise_admin();
    let refused = world.expect(403, &enterprise, Method::Get, BILLING, Value::Null);
    assert!(
        error_message(&refused).contains("switch to an organization"),
        "{refused}"
    );
}

/// seed 001, "Managing payment methods": "Astra DB supports one payment method for each
/// organization" and "All future billing will use the new payment entered"; seed 004, "Write
/// Billing (org-billing-write): Add, edit, or remove a payment method".
#[test]
fn a_payment_method_is_added_or_replaced_with_write_billing() {
    let mut world = World::new();
    let admin = world.admin();
    let set = world.expect(
        200,
        &admin,
        Method::Put,
        PAYMENT_METHOD,
        card("4242", "12/29"),
    );
    assert_eq!(set["paymentMethod"], card("4242", "12/29"));
    let replaced = world.expect(
        200,
        &admin,
        Method::Put,
        PAYMENT_METHOD,
        card("1881", "06/25"),
    );
    assert_eq!(replaced["paymentMethod"], card("1881", "06/25"));
    let stored = world.state.billing[&world.org()]
        .payment_method
        .clone()
        .unwrap();
    assert_eq!(
        (stored.last4.as_str(), stored.expires.as_str()),
        ("1881", "06/25")
    );

    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "billing.payment_method.set");
    assert!(
        entry.summary.contains("1881") && !entry.summary.contains("06/25"),
        "{}",
        entry.summary
    );

    let reader = org_member_with(&mut world, &["org-billing-read"]);
    let refused = world.expect(
        403,
        &reader,
        Method::Put,
        PAYMENT_METHOD,
        card("4242", "12/29"),
    );
    assert!(
        error_message(&refused).contains("org-billing-write"),
        "{refused}"
    );
}

/// A card as the portal keeps it: a brand, exactly its last 4 digits, and an MM/YY expiry that
/// has not passed.
#[test]
fn a_payment_method_is_checked_before_it_is_kept() {
    let mut world = World::new();
    let admin = world.admin();
    let cases = [
        (
            json!({"brand": " ", "last4": "4242", "expires": "12/29"}),
            "brand",
        ),
        (card("424", "12/29"), "last4"),
        (card("42424", "12/29"), "last4"),
        (card("42a2", "12/29"), "last4"),
        (card("4242", "13/29"), "expires"),
        (card("4242", "2029-12"), "expires"),
        (card("4242", "05/25"), "expires"),
        (
            json!({"brand": "Visa", "last4": "4242", "expires": "12/29", "cvc": "123"}),
            "cvc",
        ),
        (json!({"brand": "Visa", "last4": "4242"}), "expires"),
    ];
    for (body, field) in cases {
        let refused = world.expect(400, &admin, Method::Put, PAYMENT_METHOD, body);
        assert_eq!(error_id(&refused), INVALID_FIELD);
        assert!(
            error_message(&refused).contains(field),
            "{field}: {refused}"
        );
    }
    assert_eq!(world.state.billing[&world.org()].payment_method, None);
}

/// seed 001, "Removing a Payment Method": "With no outstanding balance and no premium features,
/// you can remove your payment method at any time"; "If you have an outstanding balance and no
/// premium features, you must wait until the next billing cycle to settle this account"; "If you
/// have no outstanding balance and premium features, you must remove all of these features
/// before you can proceed"; with both, both.
#[test]
fn removing_the_payment_method_follows_seed_001s_prerequisites() {
    let mut world = World::new();
    let admin = world.admin();
    let missing = world.expect(404, &admin, Method::Delete, PAYMENT_METHOD, Value::Null);
    assert_eq!(error_id(&missing), NOT_FOUND);
    world.expect(
        200,
        &admin,
        Method::Put,
        PAYMENT_METHOD,
        card("4242", "12/29"),
    );

    let org = world.org();
    let feature = PremiumFeature {
        feature: "Multi-region".into(),
        resource: "orders-db".into(),
    };
    let cases = [
        ("12.50", vec![]),
        ("0", vec![feature.clone()]),
        ("3", vec![feature]),
    ];
    for (balance, features) in cases {
        let billing = world.state.billing.get_mut(&org).unwrap();
        billing.outstanding_balance = balance.parse().unwrap();
        billing.premium_features = features.clone();
        let refused = world.expect(409, &admin, Method::Delete, PAYMENT_METHOD, Value::Null);
        let expected = usize::from(balance != "0") + usize::from(!features.is_empty());
        assert_eq!(
            error_ids(&refused),
            vec![PAYMENT_METHOD_REMOVAL; expected],
            "{refused}"
        );
        let text = refused.to_string();
        assert_eq!(
            text.contains("next billing cycle"),
            balance != "0",
            "{text}"
        );
        assert_eq!(
            text.contains("Multi-region on orders-db"),
            !features.is_empty(),
            "{text}"
        );
        assert!(world.state.billing[&org].payment_method.is_some());
    }

    let billing = world.state.billing.get_mut(&org).unwrap();
    billing.outstanding_balance = Default::default();
    billing.premium_features.clear();
    let reader = org_member_with(&mut world, &["org-billing-read"]);
    world.expect(403, &reader, Method::Delete, PAYMENT_METHOD, Value::Null);
    world.expect(204, &admin, Method::Delete, PAYMENT_METHOD, Value::Null);
    assert_eq!(world.state.billing[&org].payment_method, None);
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "billing.payment_method.remove");
}

/// seed 000, "Download an organization usage report": "Download Usage as CSV to download usage
/// history for the current month, the prior month, or the prior two months", and "The report is
/// limited to the organization you are currently viewing".
#[test]
fn the_usage_download_is_the_organizations_rows_in_the_period() {
    let mut world = usage_world();
    let admin = world.admin();
    let org = world.org();
    let cases = [
        (
            "current_month",
            vec!["2025-06-01T00:00:00Z", "2025-06-01T11:00:00Z"],
        ),
        ("prior_month", vec!["2025-05-15T00:00:00Z"]),
        (
            "prior-two-months",
            vec!["2025-04-10T00:00:00Z", "2025-05-15T00:00:00Z"],
        ),
    ];
    for (period, starts) in cases {
        let response = world.call(
            &admin,
            Method::Get,
            &format!("/v2/organizations/usage?period={period}"),
            Value::Null,
        );
        assert_eq!(response.status, 200);
        let (filename, rows) = csv(&response);
        assert!(
            filename.starts_with(&format!("usage-{org}-")) && filename.ends_with(".csv"),
            "{filename}"
        );
        assert!(rows.iter().all(|r| r.org_id == org), "{period}");
        let mut found: Vec<String> = rows
            .iter()
            .map(|r| {
                r.breakdown_start_timestamp
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            })
            .collect();
        found.sort();
        assert_eq!(found, starts, "{period}");
    }
    for target in [
        "/v2/organizations/usage?period=last_year",
        "/v2/organizations/usage",
    ] {
        let refused = world.expect(400, &admin, Method::Get, target, Value::Null);
        assert_eq!(error_id(&refused), INVALID_FIELD);
        assert!(
            error_message(&refused).contains("current_month, prior_month, prior_two_months"),
            "{refused}"
        );
    }
    let viewer = org_member_with(&mut world, &["org-db-view"]);
    let refused = world.expect(
        403,
        &viewer,
        Method::Get,
        "/v2/organizations/usage?period=prior_month",
        Value::Null,
    );
    assert!(
        error_message(&refused).contains("org-billing-read"),
        "{refused}"
    );
}

/// seed 000, "Get usage for the current month": `POST /v2/enterprises/consumption` needs
/// ent-billing-read ("Retrieve billing details for organizations in the enterprise"), and its
/// refusals carry the usage endpoints' violation IDs.
#[test]
fn consumption_needs_enterprise_billing_and_reports_violations() {
    let mut world = usage_world();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let answer = world.expect(200, &token, Method::Post, CONSUMPTION, json!({}));
    let orgs: Vec<&str> = answer["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["orgId"].as_str().unwrap())
        .collect();
    assert!(
        orgs.contains(&world.org().as_str()) && orgs.contains(&"other-org"),
        "{answer}"
    );
    assert!(
        answer["creditsInfo"].is_object() && answer["totalCost"].is_string(),
        "{answer}"
    );

    let bad = json!({"fromDate": "yesterday", "toDate": "2025-06-01T00:00:00Z", "colour": 1});
    let refused = world.expect(400, &token, Method::Post, CONSUMPTION, bad);
    let ids = error_ids(&refused);
    assert!(ids.contains(&2101) && ids.contains(&2002), "{refused}");
    assert!(ids.iter().all(|id| (2000..3000).contains(id)), "{refused}");

    let org_admin = world.admin();
    let refused = world.expect(403, &org_admin, Method::Post, CONSUMPTION, json!({}));
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("ent-billing-read"),
        "{refused}"
    );
    let organizer = enterprise_member_with(&mut world, "Enterprise Organization Administrator");
    let refused = world.expect(403, &organizer, Method::Post, CONSUMPTION, json!({}));
    assert!(
        error_message(&refused).contains("ent-billing-read"),
        "{refused}"
    );
    let billing_admin = enterprise_member_with(&mut world, "Enterprise Billing Administrator");
    world.expect(200, &billing_admin, Method::Post, CONSUMPTION, json!({}));
}

/// seed 000, "Download an enterprise usage report": generate-report answers the `reportId`; the
/// report's GET gives the `csvDownloadUrl` once it is COMPLETED ("The report is ready for
/// download"); the CSV holds the month's rows of every organization.
#[test]
fn a_billing_report_is_generated_completed_and_downloaded() {
    let mut world = usage_world();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let generated = world.expect(
        200,
        &token,
        Method::Post,
        GENERATE,
        json!({"month": "05", "year": "2025"}),
    );
    assert_eq!(generated.as_object().unwrap().len(), 1, "{generated}");
    let id = generated["reportId"].as_str().unwrap().to_owned();
    let stored = &world.state.billing_reports[&id];
    assert_eq!(stored.report.status().as_str(), "COMPLETED");
    assert_eq!(stored.requested_by, world.boot.enterprise_token.client_id);
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(
        (entry.action.as_str(), &entry.scope),
        ("billing_report.generate", &Scope::Enterprise)
    );

    let url = format!("/v2/enterprises/billing-reports/{id}/csv");
    let report = world.expect(
        200,
        &token,
        Method::Get,
        &format!("/v2/enterprises/billing-reports/{id}"),
        Value::Null,
    );
    assert_eq!(
        report,
        json!({"reportId": id, "status": "COMPLETED", "csvDownloadUrl": url})
    );
    let response = world.call(&token, Method::Get, &url, Value::Null);
    assert_eq!(response.status, 200);
    let (filename, rows) = csv(&response);
    assert_eq!(filename, "billing-report-2025-05.csv");
    let mut orgs: Vec<&str> = rows.iter().map(|r| r.org_id.as_str()).collect();
    orgs.sort();
    let mut expected = vec![world.org(), "other-org".to_owned()];
    expected.sort();
    assert_eq!(orgs, expected);
}

/// Asking for a month's report again answers the one kept, and stores nothing new; once the
/// month's usage changed, the report is made anew and replaces it: one report a month.
#[test]
fn a_months_report_is_kept_once_and_made_anew_when_its_usage_changed() {
    let mut world = usage_world();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let may = json!({"month": "05", "year": "2025"});
    let first = world.expect(200, &token, Method::Post, GENERATE, may.clone());
    let audits = world.state.audit.len();
    let again = world.expect(200, &token, Method::Post, GENERATE, may.clone());
    assert_eq!(again, first, "the same report");
    assert_eq!(world.state.billing_reports.len(), 1);
    assert_eq!(world.state.audit.len(), audits, "nothing stored");

    let org = world.org();
    put_usage(&mut world, &org, "2025-05-21T00:00:00Z");
    let anew = world.expect(200, &token, Method::Post, GENERATE, may);
    assert_ne!(anew, first);
    assert_eq!(
        world.state.billing_reports.len(),
        1,
        "it replaced the old one"
    );
    let id = anew["reportId"].as_str().unwrap();
    let response = world.call(
        &token,
        Method::Get,
        &format!("/v2/enterprises/billing-reports/{id}/csv"),
        Value::Null,
    );
    let (_, rows) = csv(&response);
    assert_eq!(rows.len(), 3, "with the new row");
}

/// An enterprise role reads the usage of the organizations its scope names, and no other's: in
/// the consumption answer and in its billing reports, which nobody else is shown.
#[test]
fn enterprise_billing_reads_only_the_organizations_in_the_roles_scope() {
    let mut world = usage_world();
    let boss = world.enterprise_admin();
    let ent = world.boot.enterprise_id.clone();
    let org = world.org();
    let body = world.expect(201, &boss, Method::Post, "/v2/organizations/roles", json!({
        "name": "Dev billing", "policy": {"description": "", "effect": "allow",
            "actions": ["ent-billing-read"],
            "resources": [format!("drn:astra:ent:{ent}"), format!("drn:astra:ent:{ent}:org:{org}")]}}));
    let role = body["ID"].as_str().unwrap();
    let token = world.expect(
        200,
        &boss,
        Method::Post,
        "/v2/tokens",
        json!({"roles": [role]}),
    );
    let scoped = world.token(token["token"].as_str().unwrap());
    let full = world.token(&world.boot.enterprise_token.token.clone());

    let query = json!({"fromDate": "2025-05-01T00:00:00Z", "toDate": "2025-05-31T00:00:00Z"});
    let seen = |world: &mut World, actor| {
        let answer = world.expect(200, actor, Method::Post, CONSUMPTION, query.clone());
        answer.to_string()
    };
    assert!(seen(&mut world, &full).contains("other-org"));
    let narrow = seen(&mut world, &scoped);
    assert!(!narrow.contains("other-org"), "{narrow}");

    let may = json!({"month": "05", "year": "2025"});
    let id = world.expect(200, &scoped, Method::Post, GENERATE, may.clone())["reportId"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("/v2/enterprises/billing-reports/{id}/csv");
    let (_, rows) = csv(&world.call(&scoped, Method::Get, &url, Value::Null));
    assert!(
        rows.iter().all(|r| r.org_id == org),
        "only its organization"
    );
    world.expect(404, &full, Method::Get, &url, Value::Null);
    let other = world.expect(200, &full, Method::Post, GENERATE, may)["reportId"].clone();
    assert_ne!(other, json!(id), "each requester has its own");
}

/// seed 000: "The month and year for which you want to generate the report represented as
/// string-formatted numbers, such as "02" and "2025"" and "This endpoint can't retrieve data
/// prior to November 2024"; a report that is not COMPLETED has no CSV yet.
#[test]
fn billing_reports_refuse_bad_months_unknown_ids_and_unready_csvs() {
    let mut world = usage_world();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    for (body, id) in [
        (json!({"month": "5", "year": "2025"}), 2401),
        (json!({"month": "05", "year": "25"}), 2402),
        (json!({"month": "10", "year": "2024"}), 2403),
        (json!({"month": "07", "year": "2025"}), 2404),
        (json!({"month": 5, "year": "2025"}), 2003),
    ] {
        let refused = world.expect(400, &token, Method::Post, GENERATE, body);
        assert_eq!(error_id(&refused), id, "{refused}");
    }
    let missing = world.expect(
        404,
        &token,
        Method::Get,
        "/v2/enterprises/billing-reports/nope",
        Value::Null,
    );
    assert_eq!(error_id(&missing), NOT_FOUND);
    world.expect(
        404,
        &token,
        Method::Get,
        "/v2/enterprises/billing-reports/nope/csv",
        Value::Null,
    );

    let month = Month::new(2025, 5).unwrap();
    let pending = StoredReport {
        report: BillingReport::new("pending-report", month),
        csv: None,
        requested_by: world.boot.enterprise_token.client_id.clone(),
        requested_at: world.now,
    };
    world
        .state
        .billing_reports
        .insert("pending-report".into(), pending);
    let report = world.expect(
        200,
        &token,
        Method::Get,
        "/v2/enterprises/billing-reports/pending-report",
        Value::Null,
    );
    assert_eq!(
        report,
        json!({"reportId": "pending-report", "status": "PENDING"})
    );
    let refused = world.expect(
        409,
        &token,
        Method::Get,
        "/v2/enterprises/billing-reports/pending-report/csv",
        Value::Null,
    );
    assert_eq!(error_id(&refused), 2406);
}

/// seed 000, "Enterprise Administrator role": ent-billing-read, "Retrieve billing details for
/// organizations in the enterprise", guards every billing report endpoint.
#[test]
fn billing_reports_need_enterprise_billing() {
    let mut world = usage_world();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let generated = world.expect(
        200,
        &token,
        Method::Post,
        GENERATE,
        json!({"month": "05", "year": "2025"}),
    );
    let id = generated["reportId"].as_str().unwrap();
    let organizer = enterprise_member_with(&mut world, "Enterprise Organization Administrator");
    let org_admin = world.admin();
    for actor in [&organizer, &org_admin] {
        for (method, target) in [
            (Method::Post, GENERATE.to_owned()),
            (Method::Get, format!("/v2/enterprises/billing-reports/{id}")),
            (
                Method::Get,
                format!("/v2/enterprises/billing-reports/{id}/csv"),
            ),
        ] {
            let refused = world.expect(
                403,
                actor,
                method,
                &target,
                json!({"month": "05", "year": "2025"}),
            );
            assert!(
                error_message(&refused).contains("ent-billing-read"),
                "{refused}"
            );
        }
    }
}
