//! A database's Regions and Private endpoints pages (seed 001, "Multiple regions", "Private
//! endpoints" and "Removing a Payment Method": "Click the link for each premium feature (as shown
//! below) to remove them"), driven as a person would over the demo: Acme Staging's
//! `orders_staging` runs in us-west-2 and us-east-1, with a private endpoint in us-west-2.

use crate::support::{
    database_id, demo_state, dialog_closes, location_path, org_id, until, Mounted,
};
use portal::store::indexed_db::IdbStore;
use portal_core::model::State;
use portal_core::pricing::billing::PlanKind;
use portal_core::store::Storage;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlButtonElement;

const DB: &str = "portal-test-pages-database-pages";

async fn stored() -> State {
    let mut store = IdbStore::open(DB).await.unwrap();
    let state = store.load().await.unwrap().expect("a stored state");
    store.close();
    state
}

/// The regions listed, in order, each with its status.
fn regions(app: &Mounted) -> Vec<(String, String)> {
    app.all("table.regions tbody tr")
        .iter()
        .map(|row| {
            let region = row.get_attribute("data-region").unwrap_or_default();
            let status = row
                .query_selector(".region-status")
                .unwrap()
                .and_then(|s| s.text_content())
                .unwrap_or_default();
            (region, status)
        })
        .collect()
}

async fn regions_become(app: &Mounted, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(r, s)| (r.to_string(), s.to_string()))
        .collect();
    until(&format!("the regions to be {expected:?}"), || {
        (regions(app) == expected).then_some(())
    })
    .await;
}

/// The button with this accessible name (or words), once it is there.
async fn button(app: &Mounted, name: &str) -> HtmlButtonElement {
    until(&format!("a button {name:?}"), || {
        app.all("button").into_iter().find(|b| {
            b.get_attribute("aria-label").as_deref() == Some(name)
                || b.text_content().is_some_and(|t| t.trim() == name)
        })
    })
    .await
    .unchecked_into()
}

/// Why the button is disabled, as it says beside it.
async fn refusal_of(app: &Mounted, name: &str) -> String {
    let button = until(&format!("{name:?} disabled"), || {
        app.all("button")
            .into_iter()
            .map(|b| b.unchecked_into::<HtmlButtonElement>())
            .find(|b| {
                (b.get_attribute("aria-label").as_deref() == Some(name)
                    || b.text_content().is_some_and(|t| t.trim() == name))
                    && b.disabled()
            })
    })
    .await;
    let reason = button.get_attribute("aria-describedby").expect("a reason");
    app.text_of(&format!("#{reason}")).unwrap_or_default()
}

/// Seed 001, "Multiple regions": a region is added from those of the database's provider it
/// does not run in, then terminated (confirmed first); it stays listed as TERMINATED under
/// Show terminated (`?all=true`). A region with a private endpoint is refused with the core's
/// reason and a way to its Private endpoints.
#[wasm_bindgen_test]
async fn a_region_is_added_and_terminated() {
    let mut state = demo_state();
    let org = org_id(&state, "Acme Staging");
    let db = database_id(&state, "orders_staging");
    // The endpoint moves to the second region, which then can't be terminated until it goes.
    let record = state.databases.get_mut(&db).unwrap();
    let link = record.private_links.remove(&format!("{db}-1")).unwrap();
    record.private_links.insert(format!("{db}-2"), link);
    let path = format!("/settings/organizations/{org}/databases");
    let app = Mounted::seeded(&path, DB, &state).await;
    app.click("Regions of orders_staging").await;
    until("the Regions page", || {
        app.text_of("main h1").filter(|h| h == "Regions")
    })
    .await;
    app.text_becomes(".database-heading", "Database orders_staging")
        .await;
    regions_become(&app, &[("us-west-2", "ACTIVE"), ("us-east-1", "ACTIVE")]).await;
    assert!(app
        .text_of("tr[data-region=us-west-2] th")
        .unwrap()
        .contains("Primary"));
    assert!(
        app.find("tr[data-region=us-west-2] button").is_none(),
        "the primary region has no Terminate"
    );

    // Add Region offers the AWS regions the database does not run in.
    app.click("Add Region").await;
    let offered: Vec<String> = until("the regions offered", || {
        let options = app.all("dialog[open] select[name=region] option");
        (!options.is_empty()).then_some(options)
    })
    .await
    .iter()
    .filter_map(|o| o.get_attribute("value"))
    .collect();
    assert!(offered.contains(&"eu-west-1".to_owned()), "{offered:?}");
    assert!(!offered
        .iter()
        .any(|r| r == "us-west-2" || r == "us-east-1" || r == "us-east1"));
    app.fill("dialog[open] select[name=region]", "eu-west-1")
        .await;
    app.click_in_dialog("Add Region").await;
    dialog_closes(&app).await;
    regions_become(
        &app,
        &[
            ("us-west-2", "ACTIVE"),
            ("us-east-1", "ACTIVE"),
            ("eu-west-1", "ACTIVE"),
        ],
    )
    .await;
    app.wait_for_text(
        |t| t.contains("Added the region Europe (Ireland) (eu-west-1) to database orders_staging."),
        "the notice",
    )
    .await;

    app.click("Terminate region eu-west-1").await;
    app.click_in_dialog("Terminate Region").await;
    dialog_closes(&app).await;
    regions_become(&app, &[("us-west-2", "ACTIVE"), ("us-east-1", "ACTIVE")]).await;
    app.tick("main label.check input", true).await;
    until("?all=true", || {
        web_sys::window()
            .unwrap()
            .location()
            .search()
            .ok()
            .filter(|s| s == "?all=true")
    })
    .await;
    regions_become(
        &app,
        &[
            ("us-west-2", "ACTIVE"),
            ("us-east-1", "ACTIVE"),
            ("eu-west-1", "TERMINATED"),
        ],
    )
    .await;
    let kept = &stored().await.databases[&db];
    assert_eq!(kept.active_datacenters().len(), 2);
    assert!(kept
        .datacenters
        .iter()
        .any(|dc| dc.region == "eu-west-1" && !dc.is_active()));

    // us-east-1 holds the endpoint: the core refuses, the dialog says why and where to go.
    app.click("Terminate region us-east-1").await;
    app.click_in_dialog("Terminate Region").await;
    until("the refusal", || {
        app.text_of("dialog[open] [role=alert]")
            .filter(|t| t.contains("reject them first"))
    })
    .await;
    let link = app
        .find("dialog[open] a")
        .expect("a link to the Private endpoints page");
    assert_eq!(
        link.get_attribute("href").unwrap_or_default(),
        format!("/settings/organizations/{org}/databases/{db}/private-endpoints")
    );
    link.unchecked_into::<web_sys::HtmlElement>().click();
    until("the Private endpoints page", || {
        app.text_of("main h1").filter(|h| h == "Private endpoints")
    })
    .await;
    assert!(location_path().ends_with("/private-endpoints"));
}

/// Seed 001, "Private endpoints", in the spec's Private Link words: an endpoint accepted and
/// described, then rejected (confirmed first), and its principal removed.
#[wasm_bindgen_test]
async fn an_endpoint_is_accepted_rejected_and_its_principal_removed() {
    let state = demo_state();
    let org = org_id(&state, "Acme Staging");
    let db = database_id(&state, "orders_staging");
    let path = format!("/settings/organizations/{org}/databases/{db}/private-endpoints");
    let app = Mounted::seeded(&path, DB, &state).await;
    let primary = format!("section.private-link[data-datacenter='{db}-1']");
    app.wait_for(&format!(
        "{primary} tr[data-endpoint=vpce-0a1b2c3d4e5f67890]"
    ))
    .await;
    let service = app
        .text_of(&format!("{primary} .private-link-service code"))
        .unwrap_or_default();
    assert!(
        service.starts_with("com.amazonaws.vpce.us-west-2.vpce-svc-"),
        "{service}"
    );
    assert!(app
        .text_of(&format!("{primary} .allowed-principals"))
        .unwrap()
        .contains("arn:aws:iam::123456789012:role/staging-app"));
    // The second region has an endpoint service with nothing in it yet.
    let second = format!("section.private-link[data-datacenter='{db}-2']");
    assert!(app
        .text_of(&second)
        .unwrap()
        .contains("No principal is allowed yet"));

    app.click("Accept Endpoint in us-west-2").await;
    app.fill("dialog[open] input[name=endpoint]", "vpce-0fedcba987654321")
        .await;
    app.fill("dialog[open] input[name=description]", "reports VPC")
        .await;
    app.click_in_dialog("Accept Endpoint").await;
    dialog_closes(&app).await;
    app.wait_for(&format!(
        "{primary} tr[data-endpoint=vpce-0fedcba987654321]"
    ))
    .await;

    app.click("Edit Description of vpce-0fedcba987654321").await;
    let described: web_sys::HtmlInputElement = app
        .wait_for("dialog[open] input[name=description]")
        .await
        .unchecked_into();
    assert_eq!(described.value(), "reports VPC");
    app.fill("dialog[open] input[name=description]", "reporting VPC")
        .await;
    app.click_in_dialog("Edit Description").await;
    dialog_closes(&app).await;
    app.wait_for_text(|t| t.contains("reporting VPC"), "the new description")
        .await;

    for endpoint in ["vpce-0a1b2c3d4e5f67890", "vpce-0fedcba987654321"] {
        app.click(&format!("Reject {endpoint}")).await;
        app.click_in_dialog("Reject Endpoint").await;
        dialog_closes(&app).await;
        until("the endpoint to go", || {
            app.find(&format!("tr[data-endpoint={endpoint}]"))
                .is_none()
                .then_some(())
        })
        .await;
    }
    app.click("Remove principal arn:aws:iam::123456789012:role/staging-app")
        .await;
    app.click_in_dialog("Remove Principal").await;
    dialog_closes(&app).await;
    until("no principal left", || {
        app.text_of(&primary)
            .filter(|t| t.contains("No principal is allowed yet"))
    })
    .await;
    assert!(stored().await.databases[&db].private_links.is_empty());
}

/// Seed 004: the Read Only User holds View DB, neither Manage Region nor Manage Private Endpoint:
/// the regions show with Add Region and Terminate disabled and why; the private endpoints are
/// hidden, with why.
#[wasm_bindgen_test]
async fn a_read_only_user_sees_the_refusals() {
    let state = demo_state();
    let org = org_id(&state, "Acme Staging");
    let db = database_id(&state, "orders_staging");
    let path = format!("/settings/organizations/{org}/databases/{db}/regions");
    let app = Mounted::seeded(&path, DB, &state).await;
    app.act_as(&state, "raj.dev@acme.example").await;
    let why = refusal_of(&app, "Add Region").await;
    assert!(why.contains("Manage Region (db-manage-region)"), "{why}");
    let why = refusal_of(&app, "Terminate region us-east-1").await;
    assert!(why.contains("Manage Region (db-manage-region)"), "{why}");

    app.click("← Databases").await;
    app.click("Private endpoints of orders_staging").await;
    let hidden = until("the private endpoints hidden", || {
        app.text_of(".database-page-hidden")
    })
    .await;
    assert!(
        hidden.contains("Manage Private Endpoint (db-manage-privateendpoint)"),
        "{hidden}"
    );
    assert!(app.find("section.private-link").is_none());
}

/// Follows the settings navigation's link to `path`.
async fn follow(app: &Mounted, path: &str) {
    let link = app
        .wait_for(&format!("nav.settings-nav a[href='{path}']"))
        .await;
    link.unchecked_into::<web_sys::HtmlElement>().click();
    until(&format!("the page at {path}"), || {
        (location_path() == path).then_some(())
    })
    .await;
}

/// Follows each premium feature's link from the Remove Payment Method dialog and turns it off
/// there: Terminate the second region, Reject the endpoint. The dialog then lists what is left.
async fn turn_off_the_premium_features(app: &Mounted, org: &str) {
    let billing = format!("/settings/organizations/{org}/billing");
    app.wait_for(".billing-payment").await;
    app.click("Remove").await;
    app.click("Remove Multi-region on orders_staging").await;
    until("the Regions page", || {
        app.text_of("main h1").filter(|h| h == "Regions")
    })
    .await;
    app.click("Terminate region us-east-1").await;
    app.click_in_dialog("Terminate Region").await;
    dialog_closes(app).await;
    regions_become(app, &[("us-west-2", "ACTIVE")]).await;

    follow(app, &billing).await;
    app.wait_for(".billing-payment").await;
    app.click("Remove").await;
    app.click("Remove Private endpoint on orders_staging in us-west-2")
        .await;
    app.click("Reject vpce-0a1b2c3d4e5f67890").await;
    app.click_in_dialog("Reject Endpoint").await;
    dialog_closes(app).await;
    until("the endpoint to go", || {
        app.find("tr[data-endpoint]").is_none().then_some(())
    })
    .await;

    follow(app, &billing).await;
    app.wait_for(".billing-payment").await;
    app.wait_for_text(
        |t| t.contains("No premium features are applied."),
        "no premium feature left",
    )
    .await;
    app.click("Remove").await;
}

/// Seed 001, "Removing a Payment Method": with both premium features turned off where the
/// links lead, the outstanding balance alone still blocks the removal, and says so.
#[wasm_bindgen_test]
async fn the_balance_still_blocks_once_the_premium_features_are_off() {
    let state = demo_state();
    let org = org_id(&state, "Acme Staging");
    let path = format!("/settings/organizations/{org}/billing");
    let app = Mounted::seeded(&path, DB, &state).await;
    turn_off_the_premium_features(&app, &org).await;
    let reasons: Vec<String> = until("the reasons", || {
        let found: Vec<String> = app
            .all("dialog[open] .billing-errors .error-message")
            .iter()
            .filter_map(|e| e.text_content())
            .collect();
        (!found.is_empty()).then_some(found)
    })
    .await;
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].contains("42.17 is settled at the next billing cycle"),
        "{reasons:?}"
    );
    assert!(app.find("dialog[open] .premium-feature-links").is_none());
    assert!(button(&app, "Remove Payment Method").await.disabled());
}

/// The same with the balance settled: the removal goes through.
#[wasm_bindgen_test]
async fn the_removal_goes_through_once_the_premium_features_are_off() {
    let mut state = demo_state();
    let org = org_id(&state, "Acme Staging");
    state.billing.get_mut(&org).unwrap().outstanding_balance = Decimal::ZERO;
    let path = format!("/settings/organizations/{org}/billing");
    let app = Mounted::seeded(&path, DB, &state).await;
    turn_off_the_premium_features(&app, &org).await;
    let confirm = button(&app, "Remove Payment Method").await;
    until("Remove Payment Method enabled", || {
        (!confirm.disabled()).then_some(())
    })
    .await;
    app.click_in_dialog("Remove Payment Method").await;
    app.wait_for_text(
        |t| t.contains("You have successfully removed the payment method."),
        "the removal",
    )
    .await;
    assert_eq!(stored().await.billing[&org].payment_method, None);
}

/// Seed 001: "Multiple regions is available on only pay as you go and annual plans": on the
/// Free plan the core refuses Add Region, and the dialog says to change the plan, with the way
/// to Billing.
#[wasm_bindgen_test]
async fn the_free_plan_refuses_a_region_and_says_to_change_the_plan() {
    let mut state = demo_state();
    let org = org_id(&state, "Acme Staging");
    let db = database_id(&state, "orders_staging");
    state.billing.get_mut(&org).unwrap().plan = PlanKind::Free;
    let path = format!("/settings/organizations/{org}/databases/{db}/regions");
    let app = Mounted::seeded(&path, DB, &state).await;
    app.click("Add Region").await;
    app.click_in_dialog("Add Region").await;
    let refused = until("the refusal", || app.text_of("dialog[open] [role=alert]")).await;
    assert!(
        refused.contains("only the Pay As You Go and Annual plans")
            && refused.contains("change the organization's plan in Billing first"),
        "{refused}"
    );
    let link = app.wait_for("dialog[open] a").await;
    assert_eq!(
        link.get_attribute("href").unwrap_or_default(),
        format!("/settings/organizations/{org}/billing")
    );
    assert_eq!(stored().await.databases[&db].datacenters.len(), 1);
}
