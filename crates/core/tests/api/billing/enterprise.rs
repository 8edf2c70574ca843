//! The enterprise's billing: consumption and billing reports, within the roles' scope.

use super::{add_user, csv, error_ids, put_usage, usage_world};
use crate::support::{assert_mentions, assert_refusal, codes::*, error_id, keys, World};
use portal_core::api::{report_generation, Actor, Context, Method};
use portal_core::model::{Scope, StoredReport};
use portal_core::rbac::DefaultRole;
use portal_core::usage::{BillingReport, Month, MAX_REPORT_BYTES};
use serde_json::{json, Value};

const CONSUMPTION: &str = "/v2/enterprises/consumption";
const GENERATE: &str = "/v2/enterprises/billing-reports/generate-report";

/// A user of the enterprise with one default enterprise role.
fn enterprise_member_with(world: &mut World, role: &str) -> Actor {
    let role = DefaultRole::find(role).unwrap().id.to_owned();
    let id = add_user(world, &Scope::Enterprise, vec![role]);
    world.user(&id, Scope::Enterprise)
}

/// seed 000, "Get usage for the current month": `POST /v2/enterprises/consumption` needs
/// ent-billing-read ("Retrieve billing details for organizations in the enterprise"), and its
/// refusals carry the usage endpoints' violation IDs.
#[test]
fn consumption_needs_enterprise_billing_and_reports_violations() {
    let mut world = usage_world();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let body = json!({});
    let answer = world.expect(200, &token, Method::Post, CONSUMPTION, body);
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
    let body = json!({});
    let refused = world.expect(403, &org_admin, Method::Post, CONSUMPTION, body);
    assert_refusal(&refused, FORBIDDEN, "ent-billing-read");
    let organizer = enterprise_member_with(&mut world, "Enterprise Organization Administrator");
    let body = json!({});
    let refused = world.expect(403, &organizer, Method::Post, CONSUMPTION, body);
    assert_mentions(&refused, "ent-billing-read");
    let billing_admin = enterprise_member_with(&mut world, "Enterprise Billing Administrator");
    let body = json!({});
    world.expect(200, &billing_admin, Method::Post, CONSUMPTION, body);
}

/// The enterprise token, and its answer to generating May 2025's report.
fn generate_may(world: &mut World) -> (Actor, Value) {
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let body = json!({"month": "05", "year": "2025"});
    let generated = world.expect(200, &token, Method::Post, GENERATE, body);
    (token, generated)
}

/// Takes the oldest unfinished report one step on as a host does after a commit
/// (`api::report_generation`), its CSV bounded by `max_bytes`; false when none waits.
fn advance_within(world: &mut World, max_bytes: usize) -> bool {
    let ctx = Context::new(world.now, &mut world.entropy);
    match report_generation::step(&world.state, &ctx, max_bytes) {
        Some(changes) => {
            world.state.apply(&changes);
            true
        }
        None => false,
    }
}

fn advance(world: &mut World) -> bool {
    advance_within(world, MAX_REPORT_BYTES)
}

/// The report's `GET`.
fn report(world: &mut World, actor: &Actor, id: &str) -> Value {
    world.get(200, actor, &format!("/v2/enterprises/billing-reports/{id}"))
}

/// The last audit entry's action and its summary.
fn last_audit(world: &World) -> (String, String) {
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.scope, Scope::Enterprise);
    (entry.action.clone(), entry.summary.clone())
}

/// seed 000, "Download an enterprise usage report": generate-report answers the `reportId` at
/// once ("It can take some time to generate the report"); the report's GET shows it "queued for
/// generation" (PENDING), "being generated" (INITIATED), then "ready for download" (COMPLETED)
/// with the `csvDownloadUrl`, each step its own audited change; the CSV holds the month's rows of
/// every organization.
#[test]
fn a_billing_report_is_generated_after_the_answer_and_downloaded() {
    let mut world = usage_world();
    let (token, generated) = generate_may(&mut world);
    assert_eq!(generated.as_object().unwrap().len(), 1, "{generated}");
    let id = generated["reportId"].as_str().unwrap().to_owned();
    assert_eq!(
        world.state.billing_reports[&id].requested_by,
        world.boot.enterprise_token.client_id
    );
    assert_eq!(
        report(&mut world, &token, &id),
        json!({"reportId": id, "status": "PENDING"})
    );
    assert_eq!(
        last_audit(&world),
        (
            "billing_report.generate".into(),
            "asked for the billing report for 2025-05".into()
        )
    );
    let url = format!("/v2/enterprises/billing-reports/{id}/csv");
    let refused = world.get(409, &token, &url);
    assert_eq!(error_id(&refused), 2406, "no CSV while PENDING");

    assert!(advance(&mut world));
    assert_eq!(
        report(&mut world, &token, &id),
        json!({"reportId": id, "status": "INITIATED"})
    );
    assert_eq!(
        last_audit(&world),
        (
            "billing_report.initiate".into(),
            "the billing report for 2025-05 is being generated".into()
        )
    );

    assert!(advance(&mut world));
    assert_eq!(
        report(&mut world, &token, &id),
        json!({"reportId": id, "status": "COMPLETED", "csvDownloadUrl": url})
    );
    assert_eq!(
        last_audit(&world),
        (
            "billing_report.complete".into(),
            "the billing report for 2025-05 is ready for download".into()
        )
    );
    assert!(!advance(&mut world), "nothing is left to do");
    assert!(!report_generation::waiting(&world.state));

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

/// seed 000, "FAILED: The report failed to generate": a month without usage has no report, and
/// the GET says why (and no CSV is offered).
#[test]
fn a_report_of_a_month_without_usage_fails_and_says_why() {
    let mut world = usage_world();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let february = json!({"month": "02", "year": "2025"});
    let generated = world.expect(200, &token, Method::Post, GENERATE, february);
    let id = generated["reportId"].as_str().unwrap().to_owned();
    while advance(&mut world) {}
    let failed = report(&mut world, &token, &id);
    assert_eq!(failed["status"], "FAILED", "{failed}");
    assert_eq!(keys(&failed), ["failureReason", "reportId", "status"]);
    let reason = failed["failureReason"].as_str().unwrap();
    assert!(
        reason.starts_with(
            "no usage was recorded in 2025-02 in the organizations the report's requester may read"
        ),
        "{reason}"
    );
    let (action, summary) = last_audit(&world);
    assert_eq!(action, "billing_report.fail");
    assert!(summary.ends_with(reason), "{summary}");
    let url = format!("/v2/enterprises/billing-reports/{id}/csv");
    assert_eq!(error_id(&world.get(409, &token, &url)), 2406);
}

/// A report whose CSV would be over the bound fails, saying how large it would be and where the
/// month's usage can be read instead; the bound is the host's parameter (`MAX_REPORT_BYTES`), a
/// few bytes here.
#[test]
fn a_report_over_the_size_bound_fails_and_says_why() {
    let mut world = usage_world();
    let (token, generated) = generate_may(&mut world);
    let id = generated["reportId"].as_str().unwrap().to_owned();
    while advance_within(&mut world, 300) {}
    let failed = report(&mut world, &token, &id);
    assert_eq!(failed["status"], "FAILED", "{failed}");
    let reason = failed["failureReason"].as_str().unwrap();
    assert!(
        reason.starts_with("the report for 2025-05 would be ")
            && reason.contains(" bytes (2 rows), over the 300 bytes a report may hold")
            && reason.contains("POST /v2/enterprises/consumption"),
        "{reason}"
    );
    assert!(world.state.billing_reports[&id].csv.is_none());
}

/// Asking for a month's report again answers the one kept while it is queued or generated, and
/// once COMPLETED as long as the month's usage is unchanged, storing nothing new; once the
/// month's usage changed, or the report FAILED, a new report replaces it: one report a month.
#[test]
fn a_months_report_is_kept_once_and_made_anew_when_its_usage_changed() {
    let mut world = usage_world();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let may = json!({"month": "05", "year": "2025"});
    let first = world.expect(200, &token, Method::Post, GENERATE, may.clone());
    let audits = world.state.audit.len();
    let again = |world: &mut World| world.expect(200, &token, Method::Post, GENERATE, may.clone());
    assert_eq!(again(&mut world), first, "PENDING: the same report");
    advance(&mut world);
    assert_eq!(again(&mut world), first, "INITIATED: the same report");
    advance(&mut world);
    let audits_done = world.state.audit.len();
    assert_eq!(audits_done, audits + 2, "one entry a step");
    assert_eq!(again(&mut world), first, "COMPLETED: the same report");
    assert_eq!(world.state.billing_reports.len(), 1);
    assert_eq!(world.state.audit.len(), audits_done, "nothing stored");

    let org = world.org();
    put_usage(&mut world, &org, "2025-05-21T00:00:00Z");
    let anew = again(&mut world);
    assert_ne!(anew, first);
    assert_eq!(
        world.state.billing_reports.len(),
        1,
        "it replaced the old one"
    );
    let id = anew["reportId"].as_str().unwrap();
    assert_eq!(report(&mut world, &token, id)["status"], "PENDING");
    while advance(&mut world) {}
    let response = world.call(
        &token,
        Method::Get,
        &format!("/v2/enterprises/billing-reports/{id}/csv"),
        Value::Null,
    );
    let (_, rows) = csv(&response);
    assert_eq!(rows.len(), 3, "with the new row");

    let february = json!({"month": "02", "year": "2025"});
    let failed = world.expect(200, &token, Method::Post, GENERATE, february.clone());
    while advance(&mut world) {}
    let retried = world.expect(200, &token, Method::Post, GENERATE, february);
    assert_ne!(retried, failed, "a FAILED report is tried anew");
    let retried = retried["reportId"].as_str().unwrap();
    assert_eq!(report(&mut world, &token, retried)["status"], "PENDING");
    assert_eq!(world.state.billing_reports.len(), 2, "one a month");
}

/// An enterprise role reads the usage of the organizations its scope names, and no other's: in
/// the consumption answer and in its billing reports, which nobody else is shown.
#[test]
fn enterprise_billing_reads_only_the_organizations_in_the_roles_scope() {
    let mut world = usage_world();
    let boss = world.enterprise_admin();
    let ent = world.boot.enterprise_id.clone();
    let org = world.org();
    let body = json!({
        "name": "Dev billing", "policy": {"description": "", "effect": "allow",
            "actions": ["ent-billing-read"],
            "resources": [format!("drn:astra:ent:{ent}"), format!("drn:astra:ent:{ent}:org:{org}")]}});
    let body = world.expect(201, &boss, Method::Post, "/v2/organizations/roles", body);
    let role = body["ID"].as_str().unwrap();
    let request = json!({"roles": [role]});
    let token = world.expect(200, &boss, Method::Post, "/v2/tokens", request);
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
    while advance(&mut world) {}
    let url = format!("/v2/enterprises/billing-reports/{id}/csv");
    let (_, rows) = csv(&world.call(&scoped, Method::Get, &url, Value::Null));
    assert!(
        rows.iter().all(|r| r.org_id == org),
        "only its organization"
    );
    world.get(404, &full, &url);
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
    let missing = world.get(404, &token, "/v2/enterprises/billing-reports/nope");
    assert_eq!(error_id(&missing), NOT_FOUND);
    world.get(404, &token, "/v2/enterprises/billing-reports/nope/csv");

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
    let report = world.get(
        200,
        &token,
        "/v2/enterprises/billing-reports/pending-report",
    );
    assert_eq!(
        report,
        json!({"reportId": "pending-report", "status": "PENDING"})
    );
    let refused = world.get(
        409,
        &token,
        "/v2/enterprises/billing-reports/pending-report/csv",
    );
    assert_eq!(error_id(&refused), 2406);
}

/// seed 000, "Enterprise Administrator role": ent-billing-read, "Retrieve billing details for
/// organizations in the enterprise", guards every billing report endpoint.
#[test]
fn billing_reports_need_enterprise_billing() {
    let mut world = usage_world();
    let (_, generated) = generate_may(&mut world);
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
            let body = json!({"month": "05", "year": "2025"});
            let refused = world.expect(403, actor, method, &target, body);
            assert_mentions(&refused, "ent-billing-read");
        }
    }
}
