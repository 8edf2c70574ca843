//! A token's expiry and last use as the token lists show them: "Never" or the minute, and a
//! flag for an expiry within 7 days (the core's `ApplicationToken::expires_soon`) or past.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use portal_core::model::ApplicationToken;
use portal_core::time::format_minute;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lifetime {
    pub expires: String,
    pub flag: Option<&'static str>,
    pub last_used: String,
}

impl Lifetime {
    pub fn of(token: &ApplicationToken, now: DateTime<Utc>) -> Lifetime {
        let flag = if token.expired(now) {
            Some("Expired")
        } else if token.expires_soon(now) {
            Some("Expires within 7 days")
        } else {
            None
        };
        Lifetime {
            expires: token
                .token_expiry
                .map_or_else(|| "Never".to_owned(), format_minute),
            flag,
            last_used: token
                .last_used
                .map_or_else(|| "Never".to_owned(), format_minute),
        }
    }
}

/// The Expires cell: the expiry, and its flag as a badge.
#[component]
pub fn ExpiryCell(lifetime: Lifetime) -> impl IntoView {
    view! {
        <td class="token-expiry">
            {lifetime.expires}
            {lifetime.flag.map(|flag| view! { " " <span class="badge token-warning">{flag}</span> })}
        </td>
    }
}
