//! Reading the request body field by field, so that every mistake is reported, not the first.

use super::request::{
    suggestion, ConsumptionRequest, OrganizationFilter, ProductFilter, RFC3339_EXAMPLE,
};

use serde_json::{Map, Value};

use crate::usage::violation::{ViolationKind, Violations};

const TOP_FIELDS: [&str; 3] = ["fromDate", "toDate", "organizations"];
const ORG_FIELDS: [&str; 2] = ["orgId", "products"];
const PRODUCT_FIELDS: [&str; 2] = ["productName", "resourceIds"];

fn unknown_field(v: &mut Violations, at: &str, key: &str, known: &[&str]) {
    let place = if at.is_empty() {
        String::new()
    } else {
        format!(" in {at}")
    };
    v.push(
        ViolationKind::UnknownField,
        format!(
            "unknown field \"{key}\"{place}{}; the fields are {}",
            suggestion(key, known.iter().copied()),
            known.join(", ")
        ),
    );
}

fn wrong_type(v: &mut Violations, at: &str, expected: &str) {
    v.push(ViolationKind::WrongType, format!("{at} must be {expected}"));
}

fn optional_string(v: &mut Violations, at: &str, value: &Value, example: &str) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        _ => {
            wrong_type(v, at, &format!("a string, such as \"{example}\""));
            None
        }
    }
}

/// The request as far as it could be read, and every structural violation.
pub(crate) fn parse_body(body: &str) -> (ConsumptionRequest, Violations) {
    let mut v = Violations::new();
    let mut request = ConsumptionRequest::default();
    let map = match read_object(body, &mut v) {
        Some(map) => map,
        None => return (request, v),
    };
    for (key, value) in &map {
        match key.as_str() {
            "fromDate" => request.from_date = optional_string(&mut v, key, value, RFC3339_EXAMPLE),
            "toDate" => request.to_date = optional_string(&mut v, key, value, RFC3339_EXAMPLE),
            "organizations" => match value {
                Value::Null => {}
                Value::Array(items) => {
                    let orgs = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, item)| parse_org(&mut v, i, item))
                        .collect();
                    request.organizations = Some(orgs);
                }
                _ => wrong_type(
                    &mut v,
                    "organizations",
                    "an array with one object per organization, such as [{\"orgId\": \
                     \"ORGANIZATION_ID\"}]",
                ),
            },
            _ => unknown_field(&mut v, "", key, &TOP_FIELDS),
        }
    }
    (request, v)
}

/// The body as a JSON object; an empty body is `{}`.
pub(crate) fn read_object(body: &str, v: &mut Violations) -> Option<Map<String, Value>> {
    if body.trim().is_empty() {
        return Some(Map::new());
    }
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(map)) => Some(map),
        Ok(_) => {
            v.push(
                ViolationKind::MalformedBody,
                "the body must be a JSON object, such as {\"fromDate\": \"2025-02-01T00:00:00Z\", \
                 \"toDate\": \"2025-03-01T00:00:00Z\"}",
            );
            None
        }
        Err(e) => {
            v.push(
                ViolationKind::MalformedBody,
                format!("the body is not valid JSON ({e}); send a JSON object"),
            );
            None
        }
    }
}

fn parse_org(v: &mut Violations, i: usize, item: &Value) -> Option<OrganizationFilter> {
    let at = format!("organizations[{i}]");
    let Value::Object(map) = item else {
        wrong_type(
            v,
            &at,
            "an object for one organization, such as {\"orgId\": \"ORGANIZATION_ID\"}",
        );
        return None;
    };
    let mut org = OrganizationFilter::default();
    let mut readable = true;
    for (key, value) in map {
        match key.as_str() {
            "orgId" => match value {
                Value::String(s) => org.org_id = s.clone(),
                Value::Null => {}
                Value::Array(_) => {
                    readable = false;
                    v.push(
                        ViolationKind::SeveralOrganizationsInOneObject,
                        format!(
                            "{at}.orgId lists several organizations, but each organization must \
                             be in its own object within the organizations array, such as \
                             [{{\"orgId\": \"ORG_1\"}}, {{\"orgId\": \"ORG_2\"}}]"
                        ),
                    );
                }
                _ => {
                    readable = false;
                    wrong_type(v, &format!("{at}.orgId"), "a string, the organization's ID");
                }
            },
            "products" => match value {
                Value::Null => {}
                Value::Array(items) => {
                    org.products = Some(
                        items
                            .iter()
                            .enumerate()
                            .filter_map(|(j, item)| parse_product(v, &at, j, item))
                            .collect(),
                    );
                }
                _ => wrong_type(
                    v,
                    &format!("{at}.products"),
                    "an array of objects, such as [{\"productName\": \"serverless\", \
                     \"resourceIds\": [\"RESOURCE_ID\"]}]",
                ),
            },
            _ => unknown_field(v, &at, key, &ORG_FIELDS),
        }
    }
    readable.then_some(org)
}

fn parse_product(
    v: &mut Violations,
    org_at: &str,
    j: usize,
    item: &Value,
) -> Option<ProductFilter> {
    let at = format!("{org_at}.products[{j}]");
    let Value::Object(map) = item else {
        wrong_type(
            v,
            &at,
            "an object such as {\"productName\": \"serverless\", \"resourceIds\": []}",
        );
        return None;
    };
    let mut product = ProductFilter::default();
    let mut readable = true;
    for (key, value) in map {
        match key.as_str() {
            "productName" => match value {
                Value::String(s) => product.product_name = s.clone(),
                Value::Null => {}
                _ => {
                    readable = false;
                    wrong_type(
                        v,
                        &format!("{at}.productName"),
                        "a string: serverless, managed_cluster, pcu or streaming",
                    );
                }
            },
            "resourceIds" => match value {
                Value::Null => {}
                Value::Array(ids) => {
                    let mut list = Vec::new();
                    for (k, id) in ids.iter().enumerate() {
                        match id {
                            Value::String(s) => list.push(s.clone()),
                            _ => wrong_type(
                                v,
                                &format!("{at}.resourceIds[{k}]"),
                                "a string, a resource ID",
                            ),
                        }
                    }
                    product.resource_ids = Some(list);
                }
                _ => wrong_type(
                    v,
                    &format!("{at}.resourceIds"),
                    "an array of resource ID strings (empty or omitted for all resources)",
                ),
            },
            _ => unknown_field(v, &at, key, &PRODUCT_FIELDS),
        }
    }
    readable.then_some(product)
}
