//! The consumption request: its dates, filters and the violations it reports.

use super::{ask, credits, range};
use crate::common::now;
use portal_core::usage::consumption::handle;
use portal_core::usage::{
    ConsumptionRequest, OrganizationFilter, ProductFilter, ProductName, ViolationKind as K,
    Violations,
};
use serde_json::json;

fn accepted(from: &str, to: &str) -> bool {
    range(from, to).validate(now()).is_ok()
}

fn refusal(from: &str, to: &str) -> Violations {
    range(from, to).validate(now()).unwrap_err()
}

fn kinds(request: &ConsumptionRequest) -> Vec<K> {
    request.validate(now()).unwrap_err().kinds()
}

fn body_kinds(body: serde_json::Value) -> Vec<K> {
    ask(&body, &[]).unwrap_err().kinds()
}

fn messages(v: &Violations) -> Vec<String> {
    v.iter().map(|x| x.message.clone()).collect()
}

/// seed 000, "Get usage for a specific time range": "The entire range can't exceed 31 days".
/// Exactly 31 days is allowed; a second more is not.
#[test]
fn the_range_cant_exceed_31_days() {
    assert!(accepted("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z"));
    let past_the_edge = range("2025-01-01T00:00:00Z", "2025-02-01T00:00:01Z");
    assert_eq!(kinds(&past_the_edge), [K::RangeTooLong]);
    let v = refusal("2025-01-01T00:00:00Z", "2025-03-01T00:00:00Z");
    assert_eq!(
        messages(&v),
        [
            "fromDate 2025-01-01T00:00:00Z and toDate 2025-03-01T00:00:00Z are 59 days apart, but \
          the range can't exceed 31 days; split the query into ranges of at most 31 days"
        ]
    );
}

/// seed 000, "Get usage for a specific time range": "This endpoint can't retrieve data prior to
/// November 2024." Both dates are checked, each with its own message.
#[test]
fn nothing_before_november_2024() {
    assert!(accepted("2024-11-01T00:00:00Z", "2024-11-20T00:00:00Z"));
    let past_the_edge = range("2024-10-31T23:59:59Z", "2024-11-20T00:00:00Z");
    assert_eq!(kinds(&past_the_edge), [K::BeforeNovember2024]);
    let v = refusal("2024-10-01T00:00:00Z", "2024-10-20T00:00:00Z");
    assert_eq!(v.kinds(), [K::BeforeNovember2024, K::BeforeNovember2024]);
    assert!(v.0[0]
        .message
        .starts_with("fromDate 2024-10-01T00:00:00Z is before November 2024"));
    assert!(v.0[1]
        .message
        .starts_with("toDate 2024-10-20T00:00:00Z is before November 2024"));
    assert!(v.0[0].message.contains("use 2024-11-01T00:00:00Z or later"));
}

/// seed 000, "Get usage for a specific time range": "START_DATE_TIME and END_DATE_TIME: An
/// optional date range": the range starts at fromDate and ends at toDate, so fromDate comes
/// first; and a range needs both ends.
#[test]
fn from_date_must_be_before_to_date_and_both_are_given() {
    let v = refusal("2025-02-10T00:00:00Z", "2025-02-01T00:00:00Z");
    assert_eq!(v.kinds(), [K::FromDateNotBeforeToDate]);
    assert!(v.0[0].message.ends_with("swap them"));
    let same_instant = range("2025-02-10T00:00:00Z", "2025-02-10T00:00:00Z");
    assert_eq!(kinds(&same_instant), [K::FromDateNotBeforeToDate]);

    let only_from = ConsumptionRequest {
        from_date: Some("2025-02-01T00:00:00Z".into()),
        ..Default::default()
    };
    assert_eq!(kinds(&only_from), [K::MissingToDate]);
    let only_to = ConsumptionRequest {
        to_date: Some("2025-02-01T00:00:00Z".into()),
        ..Default::default()
    };
    assert_eq!(kinds(&only_to), [K::MissingFromDate]);
}

/// seed 000, "Get usage for a specific time range": "both dates must be in ISO RFC3339 format,
/// such as "2021-05-06T06:13:23.57Z"". The seed's example passes; a date without a time or a time
/// zone does not, and the message shows the example.
#[test]
fn dates_must_be_rfc3339() {
    assert!(accepted(
        "2025-02-01T06:13:23.57Z",
        "2025-02-10T00:00:00+02:00"
    ));
    for bad in [
        "2025-02-01",
        "2025-02-01T00:00:00",
        "02/01/2025",
        "",
        "2025-02-30T00:00:00Z",
    ] {
        assert_eq!(
            kinds(&range(bad, "2025-02-10T00:00:00Z")),
            [K::InvalidFromDate],
            "{bad:?}"
        );
    }
    let v = refusal("2025-02-01T00:00:00Z", "tomorrow");
    assert_eq!(v.kinds(), [K::InvalidToDate]);
    assert_eq!(
        v.0[0].message,
        "toDate \"tomorrow\" is not an ISO RFC 3339 date-time; write it with a date, a time and a \
         time zone, such as \"2021-05-06T06:13:23.57Z\""
    );
}

/// seed 000, "Get usage for the current month": "Valid values for productName include serverless
/// (Astra DB Serverless databases), managed_cluster (Astra DB Classic databases), pcu, or
/// streaming (Astra Streaming tenants)."
#[test]
fn product_names_are_the_seeds_four() {
    let names: Vec<&str> = ProductName::ALL.iter().map(|p| p.as_str()).collect();
    assert_eq!(names, ["serverless", "managed_cluster", "pcu", "streaming"]);
    for name in names {
        let request = ConsumptionRequest {
            organizations: Some(vec![OrganizationFilter {
                org_id: "org-a".into(),
                products: Some(vec![ProductFilter {
                    product_name: name.into(),
                    resource_ids: None,
                }]),
            }]),
            ..Default::default()
        };
        assert!(request.validate(now()).is_ok(), "{name}");
    }
    let v = ask(
        &json!({"organizations": [{"orgId": "org-a", "products": [{"productName": "Serverles"}]}]}),
        &[],
    )
    .unwrap_err();
    assert_eq!(v.kinds(), [K::UnknownProductName]);
    assert_eq!(
        v.0[0].message,
        "organizations[0].products[0].productName \"Serverles\" is not a product; use one of \
         serverless, managed_cluster, pcu or streaming (did you mean \"serverless\"?)"
    );
}

/// seed 000, "Get usage for the current month": "If you specify multiple organizations, each
/// organization must belong to its own object within the organizations array." Several IDs in
/// one orgId, or one organization in two objects, are refused.
#[test]
fn each_organization_in_its_own_object() {
    assert_eq!(
        body_kinds(json!({"organizations": [{"orgId": ["org-a", "org-b"]}]})),
        [K::SeveralOrganizationsInOneObject]
    );
    let v = ask(
        &json!({"organizations": [{"orgId": "org-a"}, {"orgId": "org-b"}, {"orgId": "org-a"}]}),
        &[],
    )
    .unwrap_err();
    assert_eq!(v.kinds(), [K::DuplicateOrganization]);
    assert!(v.0[0]
        .message
        .contains("(organizations[0] and organizations[2])"));
    assert_eq!(
        body_kinds(json!({"organizations": [{"products": []}, {"orgId": " "}]})),
        [K::MissingOrgId, K::MissingOrgId]
    );
}

/// seed 000, "Get usage for a specific time range": each violated condition gets its own message
/// (the DevOps API answers `{"errors": [...]}` with one entry per problem): here a range too
/// long that also starts before November 2024, a bad toDate elsewhere, an unknown product, an
/// empty resource ID, a missing productName, an unknown field.
#[test]
fn several_violations_give_several_messages() {
    let v = ask(
        &json!({
            "fromDate": "2024-09-01T00:00:00Z",
            "toDate": "2024-12-01T00:00:00Z",
            "organizations": [
                {"orgId": "org-a", "products": [
                    {"productName": "database", "resourceIds": ["db-1", ""]},
                    {"resourceIds": []}
                ]},
                {"orgID": "org-b"}
            ]
        }),
        &[],
    )
    .unwrap_err();
    assert_eq!(
        v.kinds(),
        [
            K::UnknownField,
            K::BeforeNovember2024,
            K::RangeTooLong,
            K::UnknownProductName,
            K::EmptyResourceId,
            K::MissingProductName,
            K::MissingOrgId,
        ]
    );
    assert_eq!(
        v.0[0].message,
        "unknown field \"orgID\" in organizations[1] (did you mean \"orgId\"?); the fields are \
         orgId, products"
    );
    // The wire shape: {"errors": [{"ID": <int>, "message": "..."}]}.
    let body = serde_json::to_value(&v).unwrap();
    assert_eq!(body["errors"].as_array().unwrap().len(), 7);
    assert_eq!(body["errors"][1]["ID"], json!(K::BeforeNovember2024.code()));
    assert!(body["errors"][1]["message"]
        .as_str()
        .unwrap()
        .starts_with("fromDate"));

    // A bad fromDate and a bad toDate: two messages.
    assert_eq!(
        kinds(&range("yesterday", "today")),
        [K::InvalidFromDate, K::InvalidToDate]
    );
}

/// seed 000, "Get usage for a specific time range": the body's fields are fromDate, toDate and
/// organizations with orgId, products, productName and resourceIds; wrong JSON types are named.
#[test]
fn structural_problems_are_named() {
    assert_eq!(body_kinds(json!([1, 2])), [K::MalformedBody]);
    assert_eq!(
        handle("{not json", &[], &credits(), now())
            .unwrap_err()
            .kinds(),
        [K::MalformedBody]
    );
    assert_eq!(
        body_kinds(json!({"fromDate": 20250201, "toDate": "2025-02-10T00:00:00Z"})),
        [K::WrongType, K::MissingFromDate]
    );
    assert_eq!(
        body_kinds(json!({"organizations": {"orgId": "org-a"}})),
        [K::WrongType]
    );
    assert_eq!(
        body_kinds(
            json!({"organizations": [{"orgId": "a", "products": [{"productName": "pcu", "resourceIds": "x"}]}]})
        ),
        [K::WrongType]
    );
    assert_eq!(body_kinds(json!({"fromdate": "x"})), [K::UnknownField]);
    // And the typed form refuses unknown fields too.
    assert!(serde_json::from_value::<ConsumptionRequest>(json!({"orgs": []})).is_err());
    // An empty body is {}: the current month for every organization.
    assert!(handle("", &[], &credits(), now()).is_ok());
}
