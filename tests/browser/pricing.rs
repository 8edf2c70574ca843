//! The pricing calculator: the prefilled estimate is the core's, edits re-price it, mistakes are
//! named by field, plans are compared, and a bad rate card is refused with its line and column.

use crate::support::{choose_file, demo_state, document, forget, until, Mounted};
use portal_core::pricing::{estimate, PriceBook, Workload};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

const DB: &str = "portal-test-pricing";
const EXAMPLE: &str = include_str!("../../examples/serverless-workload.json");

/// The total the core computes for the workload with the default book, as the page shows it.
fn core_total(workload: &Value) -> String {
    let workload = Workload::from_json(&workload.to_string()).unwrap();
    let bill = estimate(&workload, &PriceBook::default_book()).unwrap();
    portal_core::pricing::bill::money(bill.total, &bill.currency)
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

async fn open() -> Mounted {
    let app = Mounted::seeded("/pricing", DB, &demo_state()).await;
    app.wait_for("[data-total]").await;
    app
}

async fn total_becomes(app: &Mounted, expected: &str) {
    app.text_becomes("[data-total]", expected).await;
}

#[wasm_bindgen_test]
async fn the_prefilled_estimate_is_the_cores_and_follows_the_form() {
    let app = open().await;
    total_becomes(&app, &core_total(&example())).await;
    assert!(app.all(".pricing-lines tbody tr").len() > 5);

    app.fill("#pricing-regions-0-storage_gb", "100").await;
    let mut changed = example();
    changed["regions"][0]["storage_gb"] = "100".into();
    assert_ne!(core_total(&changed), core_total(&example()));
    total_becomes(&app, &core_total(&changed)).await;

    app.fill("#pricing-regions-0-storage_gb", "-5").await;
    app.wait_for_text(
        |t| t.contains("regions[0].storage_gb: -5 is negative"),
        "the error naming the field",
    )
    .await;
    let input = app.find("#pricing-regions-0-storage_gb").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(app.find("[data-total]").is_none());

    app.fill("#pricing-writes-0-count", "-1").await;
    app.fill("#pricing-regions-0-storage_gb", "1").await;
    app.wait_for_text(|t| t.contains("writes[0].count"), "the count's field")
        .await;
    drop(app);
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn plans_are_compared_side_by_side() {
    let app = open().await;
    // Free takes one region only (seed 001); the core says so in the Free column.
    app.wait_for_text(
        |t| t.contains("multiple regions"),
        "Free refusing two regions",
    )
    .await;
    app.click("Remove region 2").await;
    app.fill("#pricing-compare-discount", "0.15").await;
    until("three plans' totals", || {
        (app.all(".pricing-plan-total").len() == 3).then_some(())
    })
    .await;
    let totals: Vec<String> = app
        .all(".pricing-plan-total")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert_eq!(totals.len(), 3, "{totals:?}");
    let mut one_region = example();
    one_region["regions"].as_array_mut().unwrap().remove(1);
    // The form's plan is Pay As You Go: its column is the estimate's total.
    assert_eq!(totals[1], core_total(&one_region));
    total_becomes(&app, &core_total(&one_region)).await;
    assert!(app
        .all(".pricing-plan-difference")
        .iter()
        .any(|e| e.text_content().as_deref() == Some("the cheapest")));
    drop(app);
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn a_bad_rate_card_is_refused_with_its_line_and_the_total_stays() {
    let app = open().await;
    let before = core_total(&example());
    total_becomes(&app, &before).await;

    let input: HtmlInputElement = app.wait_for("#pricing-rate-card").await.unchecked_into();
    choose_file(&input, "bad-rates.json", "{\n  \"name\": 5\n}");

    app.wait_for_text(
        |t| t.contains("bad-rates.json was not imported") && t.contains("line 2, column"),
        "the rate card's line and column",
    )
    .await;
    assert!(app
        .container
        .text_content()
        .unwrap()
        .contains("name: invalid type"));
    assert!(app
        .text_of(".pricing-book-in-use")
        .unwrap()
        .contains("Astra Portal default price book"));
    total_becomes(&app, &before).await;
    drop(app);
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn the_classic_tab_prices_the_classic_example() {
    let app = open().await;
    app.click("Classic").await;
    let classic: Value =
        serde_json::from_str(include_str!("../../examples/classic-workload.json")).unwrap();
    total_becomes(&app, &core_total(&classic)).await;
    app.fill("#pricing-capacity_units", "4").await;
    let mut changed = classic.clone();
    changed["capacity_units"] = 4.into();
    total_becomes(&app, &core_total(&changed)).await;
    // Back to Serverless and again to Classic: each tab keeps its edits.
    app.click("Serverless").await;
    total_becomes(&app, &core_total(&example())).await;
    app.click("Classic").await;
    total_becomes(&app, &core_total(&changed)).await;
    drop(app);
    forget(DB).await;
}

/// The formula cells of the estimate's lines named `item`.
fn formulas(app: &Mounted, item: &str) -> Vec<String> {
    app.all(".pricing-lines tbody tr")
        .iter()
        .filter(|tr| {
            tr.query_selector("td")
                .ok()
                .flatten()
                .and_then(|td| td.text_content())
                .as_deref()
                == Some(item)
        })
        .filter_map(|tr| tr.query_selector("td.formula").ok().flatten())
        .map(|td| td.text_content().unwrap_or_default())
        .collect()
}

/// seed 001, "Write Request Units": "a single-partition unlogged batch write operation with 10
/// rows, each row containing 1.2KB of data has 12 WRUs"; "A 2-partition logged batch with 2 rows
/// [...] has 5 WRUs". Typed into the form's batch fields, one batch of each.
#[wasm_bindgen_test]
async fn the_seeds_batch_examples_are_typed_into_the_form() {
    let app = open().await;
    app.click("Remove batch 2").await;
    app.click("Remove batch 1").await;
    until("no batch left in the form", || {
        app.find(".pricing-batch").is_none().then_some(())
    })
    .await;
    assert!(formulas(&app, "Unlogged batches").is_empty());
    for (batch, (rows, partitions, logged)) in
        [(10, 1, false), (2, 2, true)].into_iter().enumerate()
    {
        app.click("Add batch").await;
        let at = |name: &str| format!("#pricing-batches-{batch}-{name}");
        app.fill(&at("count"), "1").await;
        app.fill(&at("rows"), &rows.to_string()).await;
        app.fill(&at("row_kb"), "1.2").await;
        app.fill(&at("partitions"), &partitions.to_string()).await;
        let check: HtmlInputElement = app.wait_for(&at("logged")).await.unchecked_into();
        if logged {
            check.click();
        }
    }
    until("a line of logged batches", || {
        (!formulas(&app, "Logged batches").is_empty()).then_some(())
    })
    .await;
    let unlogged = formulas(&app, "Unlogged batches");
    let logged = formulas(&app, "Logged batches");
    // One line per region of the example (writes are charged in every region).
    assert_eq!(
        (unlogged.len(), logged.len()),
        (2, 2),
        "{unlogged:?} {logged:?}"
    );
    assert!(
        unlogged
            .iter()
            .all(|f| f.starts_with("12 WRU = 1 batches x 12 WRU (⌈10 rows x 1.2 KB / 1 KB⌉)")),
        "{unlogged:?}"
    );
    assert!(
        logged.iter().all(|f| f.starts_with(
            "5 WRU = 1 batches x 5 WRU (⌈2 rows x 1.2 KB / 1 KB⌉ + 2 for a logged batch's partitions)"
        )),
        "{logged:?}"
    );
    drop(app);
    forget(DB).await;
}

/// The page's stylesheets, in the test document while it lives (the suites run without them).
struct Styles(Element);

impl Styles {
    fn add(css: &[&str]) -> Styles {
        let style = document().create_element("style").unwrap();
        style.set_text_content(Some(&css.concat()));
        document().head().unwrap().append_child(&style).unwrap();
        Styles(style)
    }
}

impl Drop for Styles {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// Where an element's box ends on the right, as `getBoundingClientRect` says.
fn right_edge(element: &Element) -> f64 {
    let rect: js_sys::Function = js_sys::Reflect::get(element, &"getBoundingClientRect".into())
        .unwrap()
        .unchecked_into();
    let rect = rect.call0(element).unwrap();
    js_sys::Reflect::get(&rect, &"right".into())
        .unwrap()
        .as_f64()
        .unwrap()
}

/// At the test window's width (1280 px, webdriver.json) the estimate's lines, Formula column
/// included, fit their container and the page; the container, should it ever scroll, is reachable
/// from the keyboard and named.
#[wasm_bindgen_test]
async fn the_estimate_fits_the_window_and_its_scroller_is_reachable() {
    let _styles = Styles::add(&[
        include_str!("../../style/main.css"),
        include_str!("../../style/pricing.css"),
    ]);
    let app = open().await;
    let width = web_sys::window()
        .unwrap()
        .inner_width()
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(width <= 1280.0, "the window is {width} px wide");
    let table = app.wait_for(".pricing-lines").await;
    let scroll = app.find(".pricing-scroll").unwrap();
    let main = app.find("main").unwrap();
    let (table_right, scroll_right, main_right) =
        (right_edge(&table), right_edge(&scroll), right_edge(&main));
    assert!(
        table_right <= scroll_right + 0.5,
        "the table ends at {table_right}, its container at {scroll_right}"
    );
    assert!(
        scroll_right <= main_right + 0.5 && main_right <= width + 0.5,
        "the container ends at {scroll_right}, main at {main_right}, the window at {width}"
    );
    assert!(
        scroll.scroll_width() <= scroll.client_width(),
        "nothing hidden to scroll to"
    );
    assert_eq!(scroll.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(scroll.get_attribute("role").as_deref(), Some("region"));
    assert!(scroll
        .get_attribute("aria-label")
        .is_some_and(|name| !name.is_empty()));
}
