//! The page's clock as a signal that moves on each second, for what changes with the time alone:
//! a database's status follows from its record and the instant, so its badge must be drawn again
//! as the instant passes, without any change to the state.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::clock::now;

/// Ticks while the component that asked for it is shown.
pub fn ticking_now() -> ReadSignal<DateTime<Utc>> {
    let (instant, set_instant) = signal(now());
    if let Ok(handle) =
        set_interval_with_handle(move || set_instant.set(now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    instant
}
