//! The page's one clock. Everything in the page that needs the time asks [`now`]; nothing else
//! reads the browser's clock. A test sets it with [`run_from`] so that "the current month" is
//! the month of its fixture, whatever the day it runs: the clock then runs on from that instant
//! at the browser's pace, as a real clock would, so that successive changes keep their order.

use std::cell::Cell;

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use leptos::prelude::*;

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

/// The page's clock as a signal, for what changes with the time alone (a database's status follows
/// from its record and the instant): read each second while the component that asked for it is
/// shown, and moved on only when `changed(shown, now)` says that something drawn at the instant
/// shown differs now, so that nothing is recomputed while nothing changes.
pub fn ticking(
    changed: impl Fn(DateTime<Utc>, DateTime<Utc>) -> bool + 'static,
) -> ReadSignal<DateTime<Utc>> {
    let (instant, set_instant) = signal(now());
    let tick = move || {
        let now = now();
        if changed(instant.get_untracked(), now) {
            set_instant.set(now);
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    instant
}
