//! Changing an organization's plan (seed 001, "Billing": "You can select Manage to change your
//! plan"): what each plan needs first, and the Annual plan's 12 months.

use super::{add_card, personal};
use crate::support::{assert_mentions, codes::*, error_id, World};
use chrono::Months;
use portal_core::api::Method;
use portal_core::pricing::billing::PlanKind;
use serde_json::{json, Value};
use Method::{Post, Put};

const PLAN: &str = "/v2/organizations/billing/plan";

fn messages(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_owned())
        .collect()
}

/// Seed 001, "Pay as you go plans": "you must have a billing method for your account". The change
/// is kept with when it was made ("along with when the plan was created") and audited.
#[test]
fn pay_as_you_go_needs_a_payment_method_first() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    assert_eq!(world.state.billing[&org].plan, PlanKind::Free);
    let refused = world.expect(409, &admin, Put, PLAN, json!({"plan": "pay_as_you_go"}));
    assert_eq!(error_id(&refused), PLAN_CHANGE);
    assert_mentions(&refused, "needs a payment method");
    assert_eq!(world.state.billing[&org].plan, PlanKind::Free);

    add_card(&mut world, &admin);
    let body = world.expect(200, &admin, Put, PLAN, json!({"plan": "pay_as_you_go"}));
    assert_eq!(body["plan"], "pay_as_you_go");
    let billing = &world.state.billing[&org];
    assert_eq!(billing.plan, PlanKind::PayAsYouGo);
    assert_eq!(billing.plan_since, Some(world.now));
    let audit = world.state.audit.values().last().unwrap();
    assert_eq!(audit.action, "billing.plan.change");
    assert!(
        audit.summary.contains("from Free to Pay As You Go"),
        "{}",
        audit.summary
    );

    let again = world.expect(409, &admin, Put, PLAN, json!({"plan": "pay_as_you_go"}));
    assert_mentions(&again, "already on the Pay As You Go plan");
}

/// Seed 001, "Annual plans": "you are committing to the minimum monthly spend for 12 months".
/// Leaving the plan waits for the 12 months, to the second.
#[test]
fn the_annual_plan_commits_for_12_months() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    add_card(&mut world, &admin);
    let annual = json!({"plan": "annual", "committedMonthlyMinimum": "500", "discount": "0.2"});
    let body = world.expect(200, &admin, Put, PLAN, annual);
    let until = world.now + Months::new(12);
    assert_eq!(body["annual"]["committedMonthlyMinimum"], "500");
    let terms = world.state.billing[&org].annual.clone().unwrap();
    assert_eq!(terms.until, until);
    assert_eq!(terms.discount, Some("0.2".parse().unwrap()));

    world.now = until - chrono::TimeDelta::seconds(1);
    let refused = world.expect(409, &admin, Put, PLAN, json!({"plan": "pay_as_you_go"}));
    assert_mentions(&refused, "for 12 months, until");
    world.now = until;
    world.expect(200, &admin, Put, PLAN, json!({"plan": "pay_as_you_go"}));
    assert_eq!(world.state.billing[&org].annual, None);
}

/// Seed 001: "Multiple regions is available on only pay as you go and annual plans", and an
/// outstanding balance is settled at the next billing cycle: both keep the organization off the
/// Free plan, each named.
#[test]
fn back_to_free_waits_for_premium_features_and_the_balance() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    add_card(&mut world, &admin);
    world.expect(200, &admin, Put, PLAN, json!({"plan": "pay_as_you_go"}));
    let billing = world.state.billing.get_mut(&org).unwrap();
    billing.outstanding_balance = "12.50".parse().unwrap();
    let body = json!({"name": "orders-db", "cloudProvider": "AWS", "region": "us-east-1", "keyspace": "ks", "tier": "serverless", "capacityUnits": 1});
    let db = world.expect(201, &admin, Post, "/v2/databases", body)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    world.wait_out_database_steps(2);
    let second = json!([{"cloudProvider": "AWS", "region": "us-west-2"}]);
    let added = world.expect(
        201,
        &admin,
        Post,
        &format!("/v2/databases/{db}/datacenters"),
        second,
    );
    let refused = world.expect(409, &admin, Put, PLAN, json!({"plan": "free"}));
    let said = messages(&refused);
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].contains("Multi-region on orders-db"), "{said:?}");
    assert!(
        said[1].contains("12.5 is settled at the next billing cycle"),
        "{said:?}"
    );

    world
        .state
        .billing
        .get_mut(&org)
        .unwrap()
        .outstanding_balance = Default::default();
    let terminate = format!(
        "/v2/databases/{db}/datacenters/{}/terminate",
        added[0]["id"].as_str().unwrap()
    );
    world.bodiless(202, &admin, Post, &terminate);
    world.expect(200, &admin, Put, PLAN, json!({"plan": "free"}));
}

/// Seed 000: an enterprise's organizations are on its Enterprise plan. Bad requests name the
/// field; Read Billing alone may not change the plan (seed 004, Write Billing).
#[test]
fn the_plan_is_changed_only_where_it_can_be_and_as_asked() {
    let mut world = World::new();
    let admin = world.admin();
    let refused = world.expect(409, &admin, Put, PLAN, json!({"plan": "pay_as_you_go"}));
    assert_mentions(&refused, "Enterprise plan");

    let (personal_admin, _) = personal(&world);
    for (body, said) in [
        (
            json!({"plan": "gold"}),
            "choose free, pay_as_you_go or annual",
        ),
        (json!({"plan": "annual"}), "give 'committedMonthlyMinimum'"),
        (
            json!({"plan": "annual", "committedMonthlyMinimum": "-5"}),
            "more than 0",
        ),
        (
            json!({"plan": "annual", "committedMonthlyMinimum": "5", "discount": "1.5"}),
            "from 0 up to 1",
        ),
        (
            json!({"plan": "free", "discount": "0.1"}),
            "the Annual plan's",
        ),
    ] {
        let refused = world.expect(400, &personal_admin, Put, PLAN, body);
        assert_eq!(error_id(&refused), INVALID_FIELD);
        assert_mentions(&refused, said);
    }
    let reader = world.member_with("reader@acme.test", &["org-billing-read"]);
    let refused = world.expect(403, &reader, Put, PLAN, json!({"plan": "free"}));
    assert_mentions(&refused, "org-billing-write");
}

/// Seed 001, "Free plans": "your remaining credits will be displayed. These credits include the
/// $25 credit that is renewed every month" ("Plan selection": "receive a $25 credit"). This UTC
/// month's usage is taken from it, never below nothing, and it is whole again at midnight UTC on
/// the first; a paid plan shows none.
#[test]
fn the_free_credit_pays_for_the_months_usage_and_renews_on_the_first() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    // Each row is a million read units, 0.62 USD; the world's now is 2025-06-01 12:00 UTC.
    for start in [
        "2025-06-01T00:00:00Z",
        "2025-06-01T05:00:00Z",
        "2025-06-01T11:00:00Z",
        "2025-05-31T23:00:00Z",
    ] {
        super::put_reads(&mut world, &org, start, "1");
    }
    super::put_reads(&mut world, "other-org", "2025-06-01T01:00:00Z", "1");
    let credit = |world: &mut World| {
        world.get(200, &admin, "/v2/organizations/billing")["monthlyCredit"].clone()
    };
    assert_eq!(
        credit(&mut world),
        json!({"month": "2025-06", "currency": "USD", "credit": "25", "used": "1.86", "remaining": "23.14", "renews": "2025-07-01T00:00:00Z"})
    );
    world.now = "2025-06-30T23:59:59Z".parse().unwrap();
    assert_eq!(credit(&mut world)["remaining"], "23.14");
    world.now = "2025-07-01T00:00:00Z".parse().unwrap();
    let renewed = credit(&mut world);
    assert_eq!(
        (renewed["month"].as_str(), renewed["remaining"].as_str()),
        (Some("2025-07"), Some("25"))
    );
    for hour in 0..30 {
        super::put_reads(
            &mut world,
            &org,
            &format!("2025-07-01T{:02}:00:00Z", hour % 24),
            "2",
        );
    }
    assert_eq!(credit(&mut world)["remaining"], "0", "never below nothing");

    add_card(&mut world, &admin);
    world.expect(200, &admin, Put, PLAN, json!({"plan": "pay_as_you_go"}));
    assert_eq!(credit(&mut world), Value::Null);
}
