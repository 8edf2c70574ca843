//! The Billing pages driven as a person would in a real Chromium: the organization's payment
//! method (removal blocked with every reason, removal allowed, a card added, a bad expiry
//! refused), the enterprise's consumption query and billing reports, and the controls of a user
//! without billing permissions.

use crate::support::{demo_state, org_id, user_id, Mounted};
use portal::store::indexed_db::IdbStore;
use portal_core::model::State;
use portal_core::store::Storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlButtonElement;

const DB: &str = "portal-test-pages-billing";

/// The state as IndexedDB holds it now.
async fn stored() -> State {
    let mut store = IdbStore::open(DB).await.unwrap();
    let state = store.load().await.unwrap().expect("a stored state");
    store.close();
    state
}

async fn org_billing(name: &str) -> (Mounted, State, String) {
    let state = demo_state();
    let org = org_id(&state, name);
    let path = format!("/settings/organizations/{org}/billing");
    let app = Mounted::seeded(&path, DB, &state).await;
    app.wait_for(".billing-payment").await;
    (app, state, org)
}

fn button(app: &Mounted, label: &str) -> HtmlButtonElement {
    app.all("button")
        .into_iter()
        .find(|b| b.text_content().is_some_and(|t| t.trim() == label))
        .unwrap_or_else(|| panic!("no button {label}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn removal_is_blocked_with_every_reason_in_staging() {
    let (app, _, org) = org_billing("Acme Staging").await;
    let shown = app.text_of(".billing-payment").unwrap_or_default();
    assert!(shown.contains("Mastercard") && shown.contains("•••• 5454") && shown.contains("11/27"));
    assert!(app.text_of(".billing-balance").unwrap().contains("42.17"));
    assert!(app
        .text_of(".billing-features")
        .unwrap()
        .contains("Multi-region"));

    // Seed 001: Remove asks first; what blocks the removal is named before anything is sent.
    app.click("Remove").await;
    app.wait_for("dialog[open] .billing-errors").await;
    let confirm = app
        .all("dialog[open] button")
        .into_iter()
        .find(|b| {
            b.text_content()
                .is_some_and(|t| t.trim() == "Remove Payment Method")
        })
        .expect("the dialog's Remove Payment Method");
    assert!(confirm.has_attribute("disabled"));
    let reasons: Vec<String> = app
        .all("dialog[open] .billing-errors .error-message")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains(
        "remove the premium features first: Multi-region on orders_staging, Private endpoint on \
         orders_staging in us-west-2"
    ));
    assert!(reasons[1].contains("42.17 is settled at the next billing cycle"));
    // Seed 001: "Click the link for each premium feature (as shown below) to remove them": each
    // leads to the database page that turns it off.
    let state = stored().await;
    let db = state
        .databases
        .values()
        .find(|db| db.name == "orders_staging")
        .expect("Acme Staging's database");
    let links: Vec<(String, String)> = app
        .all("dialog[open] .premium-feature-links a")
        .iter()
        .map(|a| {
            (
                a.text_content().unwrap_or_default(),
                a.get_attribute("href").unwrap_or_default(),
            )
        })
        .collect();
    let page = |name: &str| format!("/settings/organizations/{org}/databases/{}/{name}", db.id);
    assert_eq!(
        links,
        [
            (
                "Remove Multi-region on orders_staging".to_owned(),
                page("regions")
            ),
            (
                "Remove Private endpoint on orders_staging in us-west-2".to_owned(),
                page("private-endpoints")
            ),
        ]
    );
    assert!(state.billing[&org].payment_method.is_some());
}

#[wasm_bindgen_test]
async fn removal_is_allowed_in_production() {
    let (app, _, org) = org_billing("Acme Production").await;
    assert!(app
        .text_of(".billing-payment")
        .unwrap()
        .contains("•••• 4242"));
    // Seed 001: "A dialog box appears to confirm you want to remove the payment method; select
    // Remove Payment Method. A message appears that you have successfully removed the payment
    // method. An email is also sent for your records."
    app.click("Remove").await;
    app.wait_for_text(
        |t| t.contains("Remove the payment method, the card ending in 4242?"),
        "the question",
    )
    .await;
    assert!(app.all(".billing-errors").is_empty());
    app.click_in_dialog("Remove Payment Method").await;
    app.wait_for_text(
        |t| t.contains("You have successfully removed the payment method. An email is also sent"),
        "the removal",
    )
    .await;
    app.wait_for_text(|t| t.contains("No payment method on file."), "no card")
        .await;
    let stored = stored().await;
    assert_eq!(stored.billing[&org].payment_method, None);
    let notice = stored
        .emails
        .values()
        .last()
        .expect("the email for your records");
    assert!(
        notice.subject.contains("Payment method removed"),
        "{notice:?}"
    );
}

#[wasm_bindgen_test]
async fn a_card_is_added_in_analytics_and_a_bad_expiry_is_refused() {
    let (app, _, org) = org_billing("Acme Analytics").await;
    app.click("Add Payment Method").await;
    app.fill("dialog input[name=brand]", "Visa").await;
    app.fill("dialog input[name=last4]", "1881").await;
    app.fill("dialog input[name=expires]", "13/30").await;
    app.click("Save Payment Method").await;
    app.wait_for_text(
        |t| t.contains("'13/30' is not a month as MM/YY"),
        "the refusal",
    )
    .await;
    assert_eq!(stored().await.billing[&org].payment_method, None);

    app.fill("dialog input[name=expires]", "09/30").await;
    app.click("Save Payment Method").await;
    app.wait_for_text(|t| t.contains("•••• 1881"), "the new card")
        .await;
    let card = stored().await.billing[&org].payment_method.clone().unwrap();
    assert_eq!(
        (
            card.brand.as_str(),
            card.last4.as_str(),
            card.expires.as_str()
        ),
        ("Visa", "1881", "09/30")
    );
    assert!(button(&app, "Update").get_attribute("disabled").is_none());

    // Seed 001: "In the Update Payment Method menu, confirm that you want to Update your payment
    // method. Enter the new billing information and Save."
    app.click("Update").await;
    app.wait_for_text(
        |t| t.contains("Update the payment method, the card ending in 1881?"),
        "the confirmation",
    )
    .await;
    app.click_in_dialog("Update").await;
    app.wait_for("dialog[open] input[name=last4]").await;
    app.fill("dialog input[name=last4]", "0005").await;
    app.click("Save Payment Method").await;
    app.wait_for_text(|t| t.contains("•••• 0005"), "the updated card")
        .await;
}

#[wasm_bindgen_test]
async fn a_user_without_billing_permissions_sees_the_reasons() {
    let state = demo_state();
    let raj = user_id(&state, "raj.dev@acme.example");
    let (app, _, _) = org_billing("Acme Production").await;
    app.act_as_id(&raj).await;
    app.wait_for(".billing-hidden").await;
    assert!(app
        .text_of(".billing-hidden")
        .unwrap()
        .contains("org-billing-read"));
    assert!(app.find(".billing-card").is_none(), "the card is not shown");
    assert!(button(&app, "Download Usage as CSV").disabled());
    let why = app.text_of(".billing-usage .refusal").unwrap_or_default();
    assert!(why.contains("org-billing-read"), "{why}");
}

#[wasm_bindgen_test]
async fn the_organization_usage_downloads_as_csv() {
    let (app, _, org) = org_billing("Acme Production").await;
    app.fill("select[name=period]", "prior_month").await;
    app.click("Download Usage as CSV").await;
    app.wait_for_text(
        |t| t.contains(&format!("Downloaded usage-{org}-prior_month-")),
        "the download",
    )
    .await;
}

async fn enterprise_billing() -> Mounted {
    let app = Mounted::seeded("/settings/enterprise/billing", DB, &demo_state()).await;
    app.wait_for(".billing-consumption").await;
    app
}

#[wasm_bindgen_test]
async fn the_current_month_consumption_shows_a_total() {
    let app = enterprise_billing().await;
    app.click("Get Usage").await;
    app.wait_for(".billing-result").await;
    let total = app.text_of(".total-cost").unwrap();
    assert!(total.starts_with("USD ") && total != "USD 0.00", "{total}");
    let orgs = app.text_of(".billing-result").unwrap();
    assert!(orgs.contains("Acme Production") && orgs.contains("remaining"));
}

#[wasm_bindgen_test]
async fn a_range_over_31_days_shows_the_violation() {
    let app = enterprise_billing().await;
    app.fill("input[name=from]", "2026-09-01").await;
    app.fill("input[name=to]", "2026-10-31").await;
    app.click("Get Usage").await;
    app.wait_for(".billing-errors").await;
    let shown = app.text_of(".billing-errors").unwrap();
    assert!(shown.contains("can't exceed 31 days"), "{shown}");
    assert!(
        app.find(".billing-errors .error-id").is_some(),
        "each violation has its ID"
    );
    assert!(app.find(".billing-result").is_none());
}

/// Seed 000, "Download an enterprise usage report": the report asked for is shown "queued for
/// generation" or "being generated" while the portal generates it after the answer, then "ready
/// for download" with Download CSV; the status line is a live region from the start, so that
/// each status it comes to read is announced.
#[wasm_bindgen_test]
async fn a_billing_report_shows_its_progress_then_downloads() {
    let app = enterprise_billing().await;
    let live = app
        .find(".billing-report-status")
        .expect("the status line is there before anything is asked");
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(live.get_attribute("role").as_deref(), Some("status"));
    app.fill("select[name=month]", "10").await;
    app.fill("input[name=year]", "2026").await;
    app.click("Generate Report").await;
    app.wait_for_text(
        |t| t.contains("queued for generation") || t.contains("being generated"),
        "the report's progress",
    )
    .await;
    app.wait_for_text(|t| t.contains("ready for download"), "the report COMPLETED")
        .await;
    let shown = app.text_of(".billing-report-status").unwrap();
    assert!(shown.contains("COMPLETED"), "{shown}");
    app.click("Download CSV").await;
    app.wait_for_text(|t| t.contains("Downloaded billing-report-"), "the download")
        .await;
    let reports = stored().await.billing_reports;
    assert_eq!(reports.len(), 1);
    assert!(reports.values().all(|r| r.csv.is_some()));
}

/// Seed 000, "FAILED: The report failed to generate": a month the demo has no usage in fails,
/// and the page says why, with nothing to download.
#[wasm_bindgen_test]
async fn a_billing_report_of_a_month_without_usage_says_why_it_failed() {
    let app = enterprise_billing().await;
    app.fill("select[name=month]", "01").await;
    app.fill("input[name=year]", "2026").await;
    app.click("Generate Report").await;
    app.wait_for_text(|t| t.contains("failed to generate"), "the report FAILED")
        .await;
    let shown = app.text_of(".billing-report-status").unwrap();
    assert!(
        shown.contains("FAILED") && shown.contains("no usage was recorded in 2026-01"),
        "{shown}"
    );
    assert!(app
        .all("button")
        .iter()
        .all(|b| b.text_content().unwrap_or_default().trim() != "Download CSV"));
}

#[wasm_bindgen_test]
async fn the_enterprise_queries_need_enterprise_billing_read() {
    let raj = user_id(&demo_state(), "raj.dev@acme.example");
    let app = enterprise_billing().await;
    app.act_as_id(&raj).await;
    app.wait_for(".billing-consumption .refusal").await;
    assert!(button(&app, "Get Usage").disabled());
    assert!(button(&app, "Generate Report").disabled());
    let why = app.text_of(".billing-reports .refusal").unwrap_or_default();
    assert!(!why.is_empty(), "the reason is shown");
}

/// Seed 001: "You can select Manage to change your plan." Dana's personal organization is on the
/// Free plan; Pay As You Go first needs a payment method ("For pay as you go plans, you must have
/// a billing method"), then goes through; Annual states its committed monthly minimum.
#[wasm_bindgen_test]
async fn manage_changes_the_plan_once_what_it_needs_is_there() {
    let (app, _, org) = org_billing("Dana's Organization").await;
    app.wait_for_text(|t| t.contains("Free"), "the Free plan")
        .await;
    // Seed 001, "Free plans": "your remaining credits will be displayed" (no usage here yet).
    let credit = app.wait_for(".plan-credit").await.text_content().unwrap();
    assert!(
        credit.contains("Credits: USD 25.00 left of this month's USD 25.00 (USD 0.00 used)"),
        "{credit}"
    );
    app.click("Manage").await;
    app.fill("dialog[open] select[name=plan]", "pay_as_you_go")
        .await;
    app.click_in_dialog("Change Plan").await;
    app.wait_for("dialog[open] .billing-errors").await;
    let said = app.text_of("dialog[open] .billing-errors").unwrap();
    assert!(said.contains("needs a payment method"), "{said}");
    app.click_in_dialog("Cancel").await;

    app.click("Add Payment Method").await;
    app.fill("dialog input[name=brand]", "Visa").await;
    app.fill("dialog input[name=last4]", "4242").await;
    app.fill("dialog input[name=expires]", "09/30").await;
    app.click("Save Payment Method").await;
    app.wait_for_text(|t| t.contains("•••• 4242"), "the card")
        .await;

    app.click("Manage").await;
    app.fill("dialog[open] select[name=plan]", "annual").await;
    app.fill("dialog[open] input[name=minimum]", "500").await;
    app.click_in_dialog("Change Plan").await;
    app.wait_for_text(|t| t.contains("The plan is now Annual."), "the change")
        .await;
    app.wait_for_text(
        |t| {
            t.contains(
                "Committed monthly minimum: USD 500.00, billed in arrears at the end of each month until",
            )
        },
        "the terms",
    )
    .await;
    // Seed 001, "Annual plans": "Your remaining credits display the balance of any unused
    // credits you have"; the $25 a month is the Free plan's.
    app.wait_for_text(
        |t| t.contains("Remaining credits: USD 0.00"),
        "the granted credits",
    )
    .await;
    let billing = stored().await.billing[&org].clone();
    assert_eq!(
        billing.plan,
        portal_core::pricing::billing::PlanKind::Annual
    );
    assert_eq!(
        billing.annual.unwrap().committed_monthly_minimum,
        "500".parse().unwrap()
    );
}

/// Seed 001: "Any usage amount appears in the Estimated Bill", with "each database included in
/// your server, allowing you to see what your total cost is per database"; seed 004, Read
/// Billing: "download invoices". The page shows what the core's backend answers, and an invoice
/// opens as its own page.
#[wasm_bindgen_test]
async fn the_estimated_bill_shows_each_database_and_each_closed_month_has_its_invoice() {
    use portal_core::api::handlers::invoices::months_of;
    use portal_core::pricing::bill::money;
    use portal_core::pricing::invoice::csv;

    let (app, state, org) = org_billing("Acme Production").await;
    let months = months_of(&state, &org, crate::support::fixture_time()).unwrap();
    let (current, closed) = months.split_last().unwrap();
    assert!(
        !current.databases.is_empty() && closed.len() == 2,
        "the demo's three months"
    );

    app.wait_for(".billing-estimate .database-costs").await;
    let total = app.text_of(".billing-estimate .bill-total").unwrap();
    assert!(total.contains(&money(current.bill.total, "USD")), "{total}");
    let rows: Vec<String> = app
        .all(".billing-estimate .database-costs tbody tr")
        .iter()
        .map(|r| r.text_content().unwrap_or_default())
        .collect();
    assert_eq!(rows.len(), current.databases.len());
    for (row, db) in rows.iter().zip(&current.databases) {
        assert!(
            row.contains(&db.name) && row.contains(&money(db.cost, "USD")),
            "{row}"
        );
    }
    let bars = app.all(".billing-invoices svg rect.bar").len();
    assert_eq!(
        bars,
        months.len(),
        "a bar for every month, this one estimated"
    );

    let newest = closed.last().unwrap();
    let label = newest.month.long_name();
    let listed = app
        .text_of(".billing-invoices table.invoices tbody tr")
        .unwrap();
    assert!(listed.starts_with(&label), "newest first: {listed}");
    let downloads = crate::support::Downloads::capture();
    let download = app
        .all(".billing-invoices button")
        .into_iter()
        .find(|b| {
            b.get_attribute("aria-label").as_deref()
                == Some(&*format!("Download CSV of the invoice for {label}"))
        })
        .expect("the newest invoice's Download CSV");
    download.unchecked_into::<HtmlButtonElement>().click();
    assert_eq!(downloads.text(0).await, csv(newest), "the exact amounts");

    let view: web_sys::HtmlElement = app
        .all(".billing-invoices a")
        .into_iter()
        .find(|a| {
            a.get_attribute("aria-label").as_deref()
                == Some(&*format!("View the invoice for {label}"))
        })
        .expect("the newest invoice's View")
        .unchecked_into();
    view.click();
    app.wait_for(".invoice").await;
    let shown = app.text_of(".invoice").unwrap();
    assert!(
        shown.contains(&label) && shown.contains(&money(newest.bill.total, "USD")),
        "{shown}"
    );
    assert!(
        crate::support::location_path().ends_with(&format!("/billing/invoices/{}", newest.month))
    );
}
