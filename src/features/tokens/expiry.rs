//! Generate Token's "Expires": "Never", 7 days, 30 days, 90 days, 1 year, or a date. Seed 000
//! says application tokens "never expire", so "Never" stays the default; the current Astra
//! portal lets a new token expire, and an expiry bounds what a leaked token can do, so the
//! portal offers one too. The organization's maximum lifetime, if it has one, is the core's to
//! enforce; the field says what it is.

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use leptos::prelude::*;
use portal_core::time::{end_of_day, format_day, format_timestamp, parse_day};
use serde_json::Value;

use crate::clock::now;
use crate::ui::field::{SelectField, TextField};

/// The choices, as (value, label): a number of days, "never" or "date".
const CHOICES: [(&str, &str); 6] = [
    ("never", "Never"),
    ("7", "7 days"),
    ("30", "30 days"),
    ("90", "90 days"),
    ("365", "1 year"),
    ("date", "On a date"),
];

pub const NEVER: &str = "never";

/// The `tokenExpiry` to send at `now`: null for "Never", a number of days from now (to the
/// second), or the end of the chosen day (the token works through that day, UTC). `None` while
/// "On a date" has no date.
pub fn token_expiry(choice: &str, date: &str, now: DateTime<Utc>) -> Option<Value> {
    let expiry = match choice {
        NEVER => return Some(Value::Null),
        "date" => end_of_day(parse_day(date)?),
        days => now.trunc_subsecs(0) + TimeDelta::days(days.parse().ok()?),
    };
    Some(Value::String(format_timestamp(expiry)))
}

#[component]
pub fn ExpiryField(
    choice: RwSignal<String>,
    date: RwSignal<String>,
    /// The organization's maximum lifetime for new tokens, in days.
    #[prop(into)]
    max_days: Signal<Option<u32>>,
) -> impl IntoView {
    view! {
        <SelectField label="Expires" id="token-expiry" value=choice>
            {CHOICES.into_iter().map(|(value, label)| view! {
                <option value=value selected=move || choice.get() == value>{label}</option>
            }).collect_view()}
        </SelectField>
        <Show when=move || choice.get() == "date">
            <TextField label="Expiry date" kind="date" value=date required=true min=format_day(now())/>
        </Show>
        {move || max_days.get().map(|days| view! {
            <p class="field-note token-max-lifetime">
                {format!("This organization's new tokens must expire within {days} days.")}
            </p>
        })}
    }
}
