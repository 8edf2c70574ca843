//! The page's clock is an input: mounted with its clock at the awkward days of the calendar (the
//! first and the last of a month, a leap day, New Year), over the demo state made at that
//! instant, the Overview and the enterprise's "Get Usage" show exactly the usage of that month
//! so far, summed here from the state's rows.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use portal_core::model::State;
use rust_decimal::Decimal;
use wasm_bindgen_test::*;

use crate::support::{demo_state_at, Mounted};

const DB: &str = "portal-test-clock";

const INSTANTS: [&str; 4] = [
    "2026-12-01T00:30:00Z",
    "2026-12-31T23:30:00Z",
    "2028-02-29T12:00:00Z",
    "2027-01-01T00:00:30Z",
];

/// The cost of the usage rows of `now`'s month that started before `now`.
fn month_so_far(state: &State, now: DateTime<Utc>) -> Decimal {
    let first = NaiveDate::from_ymd_opt(now.year(), now.month(), 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    state
        .usage
        .values()
        .map(|row| &row.record)
        .filter(|r| r.breakdown_start_timestamp >= first && r.breakdown_start_timestamp < now)
        .map(|r| r.calculated_cost)
        .sum()
}

/// The exact amount behind money the page shows to the cent: its title, "USD 12.5".
fn amount(app: &Mounted, selector: &str) -> Decimal {
    let title = app
        .find(&format!("{selector} .money"))
        .and_then(|m| m.get_attribute("title"))
        .unwrap_or_else(|| panic!("no money with a title in {selector}"));
    title
        .trim_start_matches("USD ")
        .parse()
        .unwrap_or_else(|e| panic!("{title:?} is not an amount: {e}"))
}

#[wasm_bindgen_test]
async fn the_overview_sums_the_month_of_the_pages_clock() {
    for instant in INSTANTS {
        let now: DateTime<Utc> = instant.parse().unwrap();
        let state = demo_state_at(now);
        let expected = month_so_far(&state, now);
        let app = Mounted::seeded_at("/settings/enterprise/overview", DB, &state, now).await;
        let month = format!("Costs of {}-{:02} so far", now.year(), now.month());
        app.wait_for_text(|t| t.contains(&month), &month).await;
        assert_eq!(
            amount(&app, ".usage-total"),
            expected,
            "the total on {instant}"
        );
        // The demo's usage is whole days before its day: only the 1st has none yet.
        assert_eq!(expected.is_zero(), now.day() == 1, "{instant}: {expected}");
    }
}

#[wasm_bindgen_test]
async fn get_usage_queries_the_month_of_the_pages_clock() {
    for instant in INSTANTS {
        let now: DateTime<Utc> = instant.parse().unwrap();
        let state = demo_state_at(now);
        let app = Mounted::seeded_at("/settings/enterprise/billing", DB, &state, now).await;
        app.click("Get Usage").await;
        app.wait_for(".billing-result .total-cost").await;
        let total = amount(&app, ".billing-result .total-cost");
        assert_eq!(total, month_so_far(&state, now), "on {instant}");
        let first = format!("{}-{:02}-01", now.year(), now.month());
        assert!(
            app.text_of(".billing-result").unwrap().contains(&first),
            "the period starts on {first}"
        );
    }
}

/// The Databases page's clock moves on only when something drawn from it would change: read
/// each second, it keeps its instant while `changed` says nothing differs, and takes the new one
/// once something does.
#[wasm_bindgen_test]
async fn the_databases_clock_moves_only_when_a_status_would_change() {
    use leptos::prelude::*;
    use portal::clock::ticking;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let owner = Owner::new();
    let moves = Arc::new(AtomicBool::new(false));
    let asked = moves.clone();
    let clock = owner.with(|| ticking(move |_, _| asked.load(Ordering::Relaxed)));
    let first = clock.get_untracked();
    // Over two readings nothing would change: the instant stays.
    gloo_timers::future::TimeoutFuture::new(2_500).await;
    assert_eq!(clock.get_untracked(), first);
    moves.store(true, Ordering::Relaxed);
    crate::support::until("the clock to move on", || {
        (clock.get_untracked() > first).then_some(())
    })
    .await;
    drop(owner);
}
