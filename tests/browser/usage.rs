//! The usage page: the portal's usage totals and charts, importing a usage report (bad lines
//! listed by number), and the rows whose cost doesn't add up.

use crate::support::{demo_state, forget, Mounted};
use portal_core::pricing::bill::{exact_money, money};
use portal_core::usage::{aggregate, write_report, UsageRecord};
use wasm_bindgen_test::*;

const DB: &str = "portal-test-usage";

fn demo_records() -> Vec<UsageRecord> {
    demo_state()
        .usage
        .values()
        .map(|row| row.record.clone())
        .collect()
}

/// The exact amount (the title) of the money shown in `selector`.
fn title_of(app: &Mounted, selector: &str) -> String {
    app.find(&format!("{selector} .money"))
        .and_then(|m| m.get_attribute("title"))
        .unwrap_or_else(|| panic!("no money with a title in {selector}"))
}

/// The bars (or columns) of the chart whose title starts with `title`.
fn bars(app: &Mounted, title: &str) -> usize {
    let chart = app
        .all("figure.chart")
        .into_iter()
        .find(|f| {
            f.query_selector("figcaption")
                .unwrap()
                .and_then(|c| c.text_content())
                .is_some_and(|t| t.starts_with(title))
        })
        .unwrap_or_else(|| panic!("no chart {title}"));
    chart.query_selector_all("svg rect.bar").unwrap().length() as usize
}

#[wasm_bindgen_test]
async fn the_portals_usage_shows_its_total_and_three_charts() {
    let records = demo_records();
    let aggregation = aggregate(&records);
    let total = aggregation.totals.cost_in("USD");

    let app = Mounted::seeded("/usage", DB, &demo_state()).await;
    app.wait_for(".usage-total").await;
    assert_eq!(app.text_of(".usage-total").unwrap(), money(total, "USD"));
    assert_eq!(title_of(&app, ".usage-total"), exact_money(total, "USD"));
    assert_eq!(
        app.text_of(".usage-rows").unwrap(),
        records.len().to_string()
    );

    assert_eq!(app.all("figure.chart svg[role=img][aria-label]").len(), 3);
    assert_eq!(bars(&app, "Cost by day"), aggregation.by_day.len());
    assert_eq!(bars(&app, "Cost by product"), aggregation.by_product.len());
    assert_eq!(
        bars(&app, "Cost by organization"),
        aggregation.by_organization.len()
    );
    // Each chart's numbers are also a table.
    assert_eq!(app.all("figure.chart details table").len(), 3);
    let org = &aggregation.by_organization[0];
    let org_name = org.name.clone().unwrap();
    assert!(app
        .all("figure.chart details th")
        .iter()
        .any(|th| { th.text_content().as_deref() == Some(org_name.as_str()) }));

    let projection = portal_core::usage::project_latest_month(&records).unwrap();
    let projected = projection.projected_cost["USD"];
    assert_eq!(
        app.text_of(".usage-projected").unwrap(),
        money(projected, "USD")
    );
    assert!(app
        .text_of(".usage-projection")
        .unwrap()
        .contains("Cost so far × days in the month / days elapsed"));
    assert!(app
        .text_of(".usage-reconciliation")
        .unwrap()
        .contains("Every row's cost adds up."));

    drop(app);
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn an_imported_report_shows_its_total_bad_lines_and_wrong_costs() {
    let mut records: Vec<UsageRecord> = demo_records().into_iter().take(4).collect();
    // The third record claims a cost that is not its usage × unit price.
    let price = records[2].unit_price;
    records[2].calculated_cost += price;
    let wrong = records[2].clone();
    let mut csv = write_report(&records);
    // Line 6: a row that is not a usage row at all.
    csv.push_str("serverless,not,enough,columns\n");

    let app = Mounted::seeded("/usage", DB, &demo_state()).await;
    app.wait_for(".usage-total").await;
    // Something that is not a usage report says why, and the page keeps the portal's usage.
    app.fill("#usage-paste", "PRODUCT,ORG_ID\nserverless,x\n")
        .await;
    app.click("Read pasted CSV").await;
    let alert = app.wait_for(".usage-source [role=alert]").await;
    assert!(alert.text_content().unwrap().contains("USAGE_TYPE"));
    assert!(app
        .container
        .text_content()
        .unwrap()
        .contains("Totals of this portal's usage"));

    app.fill("#usage-paste", &csv).await;
    app.click("Read pasted CSV").await;
    app.wait_for_text(
        |t| t.contains("Totals of pasted CSV"),
        "the pasted report's totals",
    )
    .await;

    let total = aggregate(&records).totals.cost_in("USD");
    assert_eq!(app.text_of(".usage-total").unwrap(), money(total, "USD"));
    assert_eq!(title_of(&app, ".usage-total"), exact_money(total, "USD"));
    assert_eq!(app.text_of(".usage-rows").unwrap(), "4");

    let bad = app.text_of(".usage-bad-rows").unwrap();
    assert!(bad.contains("line 6:"), "{bad}");

    let mismatches = app.all(".usage-mismatches tbody tr");
    assert_eq!(mismatches.len(), 1);
    let row = mismatches[0].text_content().unwrap();
    assert!(row.starts_with("line 4"), "{row}");
    assert!(row.contains(&wrong.resource_id), "{row}");
    assert!(
        row.contains(&format!("{} USD", wrong.calculated_cost)),
        "{row}"
    );

    // Back to the portal's own rows.
    app.click("Use this portal's usage").await;
    app.wait_for_text(
        |t| t.contains("Totals of this portal's usage"),
        "the portal's totals",
    )
    .await;

    drop(app);
    forget(DB).await;
}

/// More rows than the page reads in one step (20,000).
const LARGE: usize = 20_005;

#[wasm_bindgen_test]
async fn a_large_report_shows_progress_and_the_files_line_numbers() {
    let mut records = vec![demo_records().remove(0); LARGE];
    // A quoted line break in the first step: the second step's line numbers must count it.
    records[0].resource_name = "two\nlines".to_owned();
    let mut csv = write_report(&records);
    csv.push_str("broken\n");
    let bad_line = LARGE + 3;

    let app = Mounted::seeded("/usage", DB, &demo_state()).await;
    app.wait_for(".usage-total").await;
    app.fill("#usage-paste", &csv).await;
    app.click("Read pasted CSV").await;
    // Between two steps the page shows how far it has read.
    let progress = app.wait_for("progress#usage-progress-bar").await;
    assert!(app.find("label[for=usage-progress-bar]").is_some());
    let done: f64 = progress.get_attribute("value").unwrap().parse().unwrap();
    assert!(done > 0.0 && done < 1.0, "{done}");

    app.wait_for_text(
        |t| t.contains("Totals of pasted CSV"),
        "the large report's totals",
    )
    .await;
    assert!(app.find("progress").is_none());
    assert_eq!(app.text_of(".usage-rows").unwrap(), LARGE.to_string());
    let bad = app.text_of(".usage-bad-rows").unwrap();
    assert!(bad.contains(&format!("line {bad_line}:")), "{bad}");

    drop(app);
    forget(DB).await;
}

/// Every amount of money in `selector`: shown to the cent with thousands separators, the exact
/// amount in its title, which rounds (half away from zero) to what is shown.
fn assert_money_to_the_cent(app: &Mounted, selector: &str) -> usize {
    let amounts = app.all(&format!("{selector} .money"));
    for m in &amounts {
        let shown = m.text_content().unwrap_or_default();
        let title = m.get_attribute("title").expect("the exact amount on hover");
        let exact: rust_decimal::Decimal = title.trim_start_matches("USD ").parse().unwrap();
        assert_eq!(shown, money(exact, "USD"), "{title}");
        let (_, cents) = shown.rsplit_once('.').expect("two decimals");
        assert_eq!(cents.len(), 2, "{shown}");
    }
    amounts.len()
}

#[wasm_bindgen_test]
async fn money_is_shown_to_the_cent_with_the_exact_amount_on_hover() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/overview", DB, &state).await;
    app.wait_for(".usage-summary .credits-remaining").await;
    assert!(assert_money_to_the_cent(&app, ".usage-summary") >= 6);
    assert_eq!(app.text_of(".credits-total").unwrap(), "USD 5,000.00");
    drop(app);

    let app = Mounted::seeded("/usage", DB, &state).await;
    app.wait_for(".usage-projected").await;
    assert!(assert_money_to_the_cent(&app, "main") >= 3);
    let total = aggregate(&demo_records()).totals.cost_in("USD");
    assert!(
        total.normalize().scale() > 2,
        "the demo's total has more decimals: {total}"
    );
    assert_eq!(title_of(&app, ".usage-total"), exact_money(total, "USD"));
}
