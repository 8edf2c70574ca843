//! The consumption response: the breakdown, the filters, credits and the seeds' field names.

use std::collections::BTreeSet;

use super::{ask, credits, range};
use crate::common::{d, lcg, mutate, named, now, storage_hour, t};
use portal_core::usage::consumption::{self, handle};
use portal_core::usage::{
    ConsumptionRequest, Credits, ProductName, UsageRecord, ViolationKind as K,
};
use rust_decimal::Decimal;
use serde_json::json;

#[allow(clippy::too_many_arguments)]
fn row(
    org: &str,
    product: &str,
    resource: &str,
    region: &str,
    usage_type: &str,
    start: &str,
    usage: &str,
    cost: &str,
) -> UsageRecord {
    UsageRecord {
        region: region.into(),
        usage_type: usage_type.into(),
        usage: d(usage),
        usage_unit: "hour".into(),
        unit_price: d("1"),
        calculated_cost: d(cost),
        ..named(org, product, resource, storage_hour(start))
    }
}

/// The name each item gives, in order.
fn names<T>(items: &[T], name: impl Fn(&T) -> &String) -> Vec<&str> {
    items.iter().map(|item| name(item).as_str()).collect()
}

/// The rows, one a line: organization | product | resource | region | usage type | start | usage |
/// cost.
fn rows() -> Vec<UsageRecord> {
    [
        // February: outside the March query below.
        "org-a | serverless | db-1 | us-east-1 | reads | 2025-02-20T00:00:00Z | 1 | 50.00",
        "org-a | serverless | db-1 | us-east-1 | reads | 2025-03-02T00:00:00Z | 2 | 2.00",
        "org-a | serverless | db-1 | eu-west-1 | reads | 2025-03-02T01:00:00Z | 3 | 3.00",
        "org-a | serverless | db-1 | us-east-1 | storage | 2025-03-03T00:00:00Z | 4 | 4.00",
        "org-a | serverless | db-2 | us-east-1 | reads | 2025-03-03T00:00:00Z | 5 | 5.00",
        "org-a | Astra Streaming | tenant-1 | us-east-1 | messages | 2025-03-04T00:00:00Z | 6 | 6.00",
        "org-a | managed_cluster | classic-1 | us-east-1 | compute | 2025-03-04T00:00:00Z | 7 | 7.00",
        "org-b | serverless | db-9 | us-east-1 | reads | 2025-03-05T00:00:00Z | 8 | 8.00",
        "org-c | pcu | pcu-1 | us-east-1 | pcu | 2025-03-05T00:00:00Z | 9 | 9.00",
    ]
    .iter()
    .map(|line| {
        let fields: Vec<&str> = line.split(" | ").collect();
        let [org, product, resource, region, usage_type, start, usage, cost] = fields[..] else {
            panic!("{line} has not eight fields");
        };
        row(org, product, resource, region, usage_type, start, usage, cost)
    })
    .collect()
}

/// seed 000, "Get usage for the current month": without a range, the current month (so far).
/// "To retrieve usage for all organizations in your enterprise, omit organizations."
/// "To retrieve usage for all products and resources, omit products."
#[test]
fn without_filters_the_current_month_of_everything() {
    let answer =
        consumption::answer(&ConsumptionRequest::default(), &rows(), &credits(), now()).unwrap();
    assert_eq!(answer.from_date, t("2025-03-01T00:00:00Z"));
    assert_eq!(answer.to_date, now());
    assert_eq!(answer.total_cost, d("44.00"));
    assert_eq!(answer.currency_type, "USD");
    let orgs = names(&answer.organizations, |o| &o.org_id);
    assert_eq!(orgs, ["org-a", "org-b", "org-c"]);
    let org_a = answer.organization("org-a").unwrap();
    assert_eq!(org_a.org_name, "org-a name");
    assert_eq!(org_a.total_cost, d("27.00"));
    let products = names(&org_a.products, |p| &p.product_name);
    // The report's "Astra Streaming" is the query's streaming.
    assert_eq!(products, ["managed_cluster", "serverless", "streaming"]);
    // An empty organizations array is the same as none.
    let empty = ConsumptionRequest {
        organizations: Some(vec![]),
        ..Default::default()
    };
    assert_eq!(
        consumption::answer(&empty, &rows(), &credits(), now()).unwrap(),
        answer
    );
}

/// seed 000, "Get usage for the current month": "totalCost: Total cost for the queried usage
/// (current month, organization, products, and resources)." and "organizations: An array of
/// objects providing usage and cost breakdowns by organization, further subdivided by products
/// and resources. Individual resources can be broken into additional usage categories, such as
/// regional usage."
#[test]
fn the_breakdown_by_organization_product_resource_and_category() {
    let answer = consumption::answer(
        &range("2025-03-01T00:00:00Z", "2025-03-31T00:00:00Z"),
        &rows(),
        &credits(),
        now(),
    )
    .unwrap();
    assert_eq!(answer.total_cost, d("44.00"));
    let serverless = answer
        .organization("org-a")
        .unwrap()
        .product("serverless")
        .unwrap();
    assert_eq!(serverless.total_cost, d("14.00"));
    let db1 = serverless.resource("db-1").unwrap();
    assert_eq!(db1.resource_name, "db-1 name");
    assert_eq!(db1.total_cost, d("9.00"));
    let categories: Vec<(&str, &str, Decimal)> = db1
        .usage_categories
        .iter()
        .map(|c| (c.usage_type.as_str(), c.region.as_str(), c.total_cost))
        .collect();
    assert_eq!(
        categories,
        [
            ("reads", "eu-west-1", d("3.00")),
            ("reads", "us-east-1", d("2.00")),
            ("storage", "us-east-1", d("4.00")),
        ]
    );
    assert_eq!(db1.usage_categories[0].usage, d("3"));
    assert_eq!(db1.usage_categories[0].usage_unit, "hour");
}

/// seed 000, "Get usage for the current month": "products is an optional array that you can use
/// to retrieve usage for specific resources in an organization." "To retrieve usage for all
/// resources associated with a specific product, omit resourceIds or pass an empty array."
#[test]
fn filters_by_organization_product_and_resource() {
    let body = json!({
        "fromDate": "2025-03-01T00:00:00Z",
        "toDate": "2025-03-31T00:00:00Z",
        "organizations": [
            {"orgId": "org-a", "products": [
                {"productName": "serverless", "resourceIds": ["db-2"]},
                {"productName": "streaming", "resourceIds": []}
            ]},
            {"orgId": "org-c"}
        ]
    });
    let answer = ask(&body, &rows()).unwrap();
    // db-2 (5) + tenant-1 (6) + all of org-c (9).
    assert_eq!(answer.total_cost, d("20.00"));
    let org_a = answer.organization("org-a").unwrap();
    let resources: BTreeSet<&str> = org_a
        .products
        .iter()
        .flat_map(|p| p.resources.iter().map(|r| r.resource_id.as_str()))
        .collect();
    assert_eq!(resources, BTreeSet::from(["db-2", "tenant-1"]));
    assert!(answer.organization("org-b").is_none());
    assert_eq!(answer.organization("org-c").unwrap().total_cost, d("9.00"));

    // The same product twice is merged; one without resourceIds means all of them.
    let merged = json!({
        "organizations": [{"orgId": "org-a", "products": [
            {"productName": "serverless", "resourceIds": ["db-2"]},
            {"productName": "serverless"}
        ]}]
    });
    let answer = ask(&merged, &rows()).unwrap();
    assert_eq!(answer.total_cost, d("14.00"));
}

/// seed 000, "Get usage for the current month": "creditsInfo: The type of credits, based on the
/// subscription plan." "total: Total credits available for the current month." "consumed:
/// Credits consumed in the current month." "remaining: Credits remaining for the current month."
#[test]
fn credits_info_is_about_the_current_month() {
    let only_org_b = json!({"organizations": [{"orgId": "org-b"}]});
    let answer = ask(&only_org_b, &rows()).unwrap();
    assert_eq!(answer.total_cost, d("8.00"));
    // The credits are the enterprise's: all of March so far (44), not only org-b's.
    assert_eq!(answer.credits_info.credit_type, "committed");
    assert_eq!(answer.credits_info.total, d("100"));
    assert_eq!(answer.credits_info.consumed, d("44.00"));
    assert_eq!(answer.credits_info.remaining, d("56.00"));

    let small = Credits {
        credit_type: "free".into(),
        total: d("25"),
    };
    let answer = handle("{}", &rows(), &small, now()).unwrap();
    assert_eq!(answer.credits_info.consumed, d("25"));
    assert_eq!(answer.credits_info.remaining, d("0"));
}

/// seed 000, "Get usage for the current month": the response fields are totalCost, currencyType,
/// creditsInfo (total, consumed, remaining) and organizations; inside them productName and
/// resourceId ("The response includes usage for products, including productName and resourceId
/// values that you can use to filter subsequent requests."). Amounts are exact decimal strings.
#[test]
fn the_response_uses_the_seeds_field_names() {
    let answer = ask(&json!({"organizations": [{"orgId": "org-c"}]}), &rows()).unwrap();
    let value = serde_json::to_value(&answer).unwrap();
    assert_eq!(
        value,
        json!({
            "fromDate": "2025-03-01T00:00:00Z",
            "toDate": "2025-03-15T12:00:00Z",
            "totalCost": "9.00",
            "currencyType": "USD",
            "creditsInfo": {"type": "committed", "total": "100", "consumed": "44.00", "remaining": "56.00"},
            "organizations": [{
                "orgId": "org-c",
                "orgName": "org-c name",
                "totalCost": "9.00",
                "products": [{
                    "productName": "pcu",
                    "totalCost": "9.00",
                    "resources": [{
                        "resourceId": "pcu-1",
                        "resourceName": "pcu-1 name",
                        "totalCost": "9.00",
                        "usageCategories": [{
                            "usageType": "pcu",
                            "region": "us-east-1",
                            "usage": "9",
                            "usageUnit": "hour",
                            "totalCost": "9.00"
                        }]
                    }]
                }]
            }]
        })
    );
    // The values it shows filter a later request.
    let product = value["organizations"][0]["products"][0]["productName"]
        .as_str()
        .unwrap();
    let resource = value["organizations"][0]["products"][0]["resources"][0]["resourceId"]
        .as_str()
        .unwrap();
    let again = json!({"organizations": [{"orgId": "org-c", "products": [
        {"productName": product, "resourceIds": [resource]}]}]});
    assert_eq!(ask(&again, &rows()).unwrap().total_cost, d("9.00"));
    // A response reads back.
    let back: consumption::ConsumptionResponse = serde_json::from_value(value).unwrap();
    assert_eq!(back, answer);
}

/// seed 000, "Get usage for the current month": "currencyType: The currency in which costs are
/// calculated." One currency per answer; usage in several cannot be summed.
#[test]
fn one_currency_per_answer() {
    let mut mixed = rows();
    mixed[7].currency_type = "EUR".into();
    let v = ask(&json!({}), &mixed).unwrap_err();
    assert_eq!(v.kinds(), [K::MixedCurrencies]);
    assert!(!K::MixedCurrencies.is_bad_request());
    // Asking for org-b alone is fine.
    let answer = ask(&json!({"organizations": [{"orgId": "org-b"}]}), &mixed).unwrap();
    assert_eq!(answer.currency_type, "EUR");
    // Nothing to sum: zero in the rows' currency, or USD without rows.
    let none = ask(&json!({"organizations": [{"orgId": "org-z"}]}), &rows()).unwrap();
    assert_eq!(
        (none.total_cost, none.currency_type.as_str()),
        (Decimal::ZERO, "USD")
    );
    assert!(none.organizations.is_empty());
}

/// seed 000, "Valid values for productName include serverless (Astra DB Serverless databases),
/// managed_cluster (Astra DB Classic databases), pcu, or streaming (Astra Streaming tenants)":
/// the report's PRODUCT names are matched to them leniently.
#[test]
fn report_products_map_to_product_names() {
    let cases = [
        ("serverless", Some(ProductName::Serverless)),
        ("Astra DB Serverless", Some(ProductName::Serverless)),
        ("SERVERLESS", Some(ProductName::Serverless)),
        ("managed_cluster", Some(ProductName::ManagedCluster)),
        ("Astra DB Classic", Some(ProductName::ManagedCluster)),
        ("Managed Clusters", Some(ProductName::ManagedCluster)),
        ("pcu", Some(ProductName::Pcu)),
        ("PCU Group", Some(ProductName::Pcu)),
        ("Astra Streaming", Some(ProductName::Streaming)),
        ("support", None),
        ("", None),
    ];
    for (product, expected) in cases {
        assert_eq!(
            ProductName::of_report_product(product),
            expected,
            "{product}"
        );
    }
}

/// The codes are the HTTP layer's `ID`s: each kind has its own, and they never change.
#[test]
fn violation_codes_are_stable_and_distinct() {
    let codes: BTreeSet<u32> = K::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(codes.len(), K::ALL.len());
    assert_eq!(K::MalformedBody.code(), 2001);
    assert_eq!(K::InvalidFromDate.code(), 2101);
    assert_eq!(K::RangeTooLong.code(), 2106);
    assert_eq!(K::BeforeNovember2024.code(), 2107);
    assert_eq!(K::UnknownProductName.code(), 2204);
    assert_eq!(K::InvalidMonth.code(), 2401);
}

/// No body makes the handler panic: deterministic mutations of a full request.
#[test]
fn no_body_panics() {
    let base = json!({
        "fromDate": "2025-03-01T00:00:00Z",
        "toDate": "2025-03-20T00:00:00Z",
        "organizations": [{"orgId": "org-a", "products": [
            {"productName": "serverless", "resourceIds": ["db-1"]}]}]
    })
    .to_string()
    .into_bytes();
    let alphabet = b"{}[]\",:0123456789-TZ+ atrue";
    let mut next = lcg(7);
    let records = rows();
    for _ in 0..3000 {
        let bytes = mutate(&base, 6, alphabet, &mut next);
        let body = String::from_utf8_lossy(&bytes);
        match handle(&body, &records, &credits(), now()) {
            Ok(answer) => assert!(answer.total_cost >= Decimal::ZERO),
            Err(v) => assert!(!v.is_empty()),
        }
    }
}

/// seed 000, "Get usage for a specific time range": the seed's own request body (with its
/// placeholders filled in) and its products example ("the following products object queries two
/// Astra DB Serverless databases") are valid.
#[test]
fn the_seeds_example_bodies_are_valid() {
    let range_body = r#"{
      "fromDate": "2025-03-01T00:00:00Z",
      "toDate": "2025-03-10T00:00:00Z",
      "organizations":
      [
        {
          "orgId": "org-c",
          "products": [
            {
              "productName": "pcu",
              "resourceIds": [
                "pcu-1",
                "pcu-2"
              ]
            }
          ]
        }
      ]
    }"#;
    let answer = handle(range_body, &rows(), &credits(), now()).unwrap();
    assert_eq!(answer.total_cost, d("9.00"));

    let products_example = r#"{"organizations": [{"orgId": "org-a", "products": [
        {
          "productName": "serverless",
          "resourceIds": [
            "dda7ced6-e615-4023-8e7a-1e4429d43437",
            "0985a909-ecef-46e0-acf2-e1a8ebd51485"
          ]
        }
      ]}]}"#;
    let request = ConsumptionRequest::from_json(products_example).unwrap();
    let query = request.validate(now()).unwrap();
    assert_eq!(
        query.organizations[0].products[0].product_name,
        ProductName::Serverless
    );
    assert_eq!(query.organizations[0].products[0].resource_ids.len(), 2);
    // None of those databases is in the rows: nothing to sum.
    assert_eq!(
        handle(products_example, &rows(), &credits(), now())
            .unwrap()
            .total_cost,
        Decimal::ZERO
    );
}
