//! The page's one clock. Everything in the page that needs the time asks [`now`]; nothing else
//! reads the browser's clock. A test sets it with [`run_from`] so that "the current month" is
//! the month of its fixture, whatever the day it runs: the clock then runs on from that instant
//! at the browser's pace, as a real clock would, so that successive changes keep their order.

use std::cell::Cell;

use chrono::{DateTime, TimeDelta, Utc};

thread_local! {
    /// How far the page's clock is from the browser's; zero unless a test set it.
    static OFFSET: Cell<TimeDelta> = const { Cell::new(TimeDelta::zero()) };
}

fn browser_now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The time now, by the page's clock.
pub fn now() -> DateTime<Utc> {
    browser_now() + OFFSET.get()
}

/// Sets the page's clock to `instant`; it runs on from there.
pub fn run_from(instant: DateTime<Utc>) {
    OFFSET.set(instant - browser_now());
}
