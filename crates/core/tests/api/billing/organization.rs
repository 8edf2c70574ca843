//! An organization's billing: reading it, its payment method, and its usage download.

use super::{csv, error_ids, usage_world};
use crate::databases::{add_region, allow_and_accept, create_db};
use crate::support::{assert_mentions, assert_refusal, codes::*, error_id, error_message, World};
use portal_core::api::Method;
use serde_json::{json, Value};

const BILLING: &str = "/v2/organizations/billing";
const PAYMENT_METHOD: &str = "/v2/organizations/billing/payment-method";

fn card(last4: &str, expires: &str) -> Value {
    json!({"brand": "Visa", "last4": last4, "expires": expires})
}

/// seed 004, "Read Billing (org-billing-read): Access the Billing page"; an organization of an
/// enterprise is on the Enterprise plan (seed 000), one without billing on the Free plan.
#[test]
fn billing_is_read_with_read_billing() {
    let mut world = World::new();
    let admin = world.admin();
    let billing = world.get(200, &admin, BILLING);
    assert_eq!(
        billing,
        json!({"plan": "enterprise", "planSince": null, "annual": null, "paymentMethod": null, "outstandingBalance": "0", "premiumFeatures": [], "monthlyCredit": null, "credits": {"available": "0", "used": "0", "remaining": "0"}})
    );
    world.state.billing.clear();
    let free = world.get(200, &admin, BILLING);
    assert_eq!(free["plan"], "free");

    let viewer = world.member_with("viewer@acme.test", &["org-db-view"]);
    let refused = world.get(403, &viewer, BILLING);
    assert_mentions(&refused, "Read Billing (org-billing-read)");
    let reader = world.member_with("reader@acme.test", &["org-billing-read"]);
    world.get(200, &reader, BILLING);
    let enterprise = world.enterprise_admin();
    let refused = world.get(403, &enterprise, BILLING);
    assert_mentions(&refused, "switch to an organization");
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

    let reader = world.member_with("reader@acme.test", &["org-billing-read"]);
    let refused = world.expect(
        403,
        &reader,
        Method::Put,
        PAYMENT_METHOD,
        card("4242", "12/29"),
    );
    assert_mentions(&refused, "org-billing-write");
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
    let missing = world.bodiless(404, &admin, Method::Delete, PAYMENT_METHOD);
    assert_eq!(error_id(&missing), NOT_FOUND);
    world.expect(
        200,
        &admin,
        Method::Put,
        PAYMENT_METHOD,
        card("4242", "12/29"),
    );

    // The premium features are the organization's databases' own: a second region and a
    // private endpoint, each turned off where it was turned on.
    let org = world.org();
    let db = create_db(&mut world, "orders-db");
    let second = add_region(&mut world, &db, "us-west-2");
    allow_and_accept(&mut world, &db, &format!("{db}-1"), "vpce-1");
    let listed = world.get(200, &admin, BILLING)["premiumFeatures"].clone();
    assert_eq!(
        listed,
        json!([
            {"feature": "Multi-region", "resource": "orders-db", "kind": "multi_region", "databaseId": db},
            {"feature": "Private endpoint", "resource": "orders-db in us-east-1", "kind": "private_endpoint", "databaseId": db, "datacenterId": format!("{db}-1")},
        ])
    );
    let reject = format!("/v2/organizations/clusters/{db}/datacenters/{db}-1/endpoints/vpce-1");
    let terminate = format!("/v2/databases/{db}/datacenters/{second}/terminate");
    // Seed 001's four cases: both blockers; premium features only; the balance only; neither.
    for (balance, turn_off, features, said) in [
        (
            "3",
            None,
            2,
            vec![
                "Multi-region on orders-db",
                "Private endpoint on orders-db in us-east-1",
            ],
        ),
        (
            "0",
            Some((Method::Delete, 204, &reject)),
            1,
            vec!["Multi-region on orders-db"],
        ),
        ("12.50", Some((Method::Post, 202, &terminate)), 0, vec![]),
    ] {
        if let Some((method, status, path)) = turn_off {
            world.bodiless(status, &admin, method, path);
        }
        world
            .state
            .billing
            .get_mut(&org)
            .unwrap()
            .outstanding_balance = balance.parse().unwrap();
        let refused = world.bodiless(409, &admin, Method::Delete, PAYMENT_METHOD);
        let expected = usize::from(balance != "0") + usize::from(features > 0);
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
        for feature in said {
            assert!(text.contains(feature), "{feature} in {text}");
        }
        let listed = world.get(200, &admin, BILLING)["premiumFeatures"].clone();
        assert_eq!(listed.as_array().unwrap().len(), features, "{listed}");
        assert!(world.state.billing[&org].payment_method.is_some());
    }

    let billing = world.state.billing.get_mut(&org).unwrap();
    billing.outstanding_balance = Default::default();
    let reader = world.member_with("reader@acme.test", &["org-billing-read"]);
    world.bodiless(403, &reader, Method::Delete, PAYMENT_METHOD);
    world.bodiless(204, &admin, Method::Delete, PAYMENT_METHOD);
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
        let refused = world.get(400, &admin, target);
        assert_refusal(
            &refused,
            INVALID_FIELD,
            "current_month, prior_month, prior_two_months",
        );
    }
    let viewer = world.member_with("viewer@acme.test", &["org-db-view"]);
    let refused = world.get(403, &viewer, "/v2/organizations/usage?period=prior_month");
    assert_mentions(&refused, "org-billing-read");
}
