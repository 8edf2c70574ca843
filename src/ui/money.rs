//! Money as the page shows it: to the cent, with thousands separators ("USD 3,639.49"), the exact
//! amount on hover. Every amount of money on the page is shown through here; exports and CSV
//! keep the exact amounts.

use std::collections::BTreeMap;

use leptos::prelude::*;
use portal_core::pricing::bill::{exact_money, money};
use rust_decimal::Decimal;

/// One amount in `currency`.
#[component]
pub fn Money(amount: Decimal, #[prop(into)] currency: String) -> impl IntoView {
    view! { <span class="money" title=exact_money(amount, &currency)>{money(amount, &currency)}</span> }
}

/// A sum per currency, joined with ", " ("USD 0.00" when there is none).
#[component]
pub fn Amounts(amounts: BTreeMap<String, Decimal>) -> impl IntoView {
    let (shown, exact) = amounts_texts(&amounts);
    view! { <span class="money" title=exact>{shown}</span> }
}

/// The shown and the exact text of a sum per currency.
pub fn amounts_texts(amounts: &BTreeMap<String, Decimal>) -> (String, String) {
    if amounts.is_empty() {
        return (
            money(Decimal::ZERO, "USD"),
            exact_money(Decimal::ZERO, "USD"),
        );
    }
    let join = |show: fn(Decimal, &str) -> String| {
        amounts
            .iter()
            .map(|(currency, amount)| show(*amount, currency))
            .collect::<Vec<_>>()
            .join(", ")
    };
    (join(money), join(exact_money))
}
