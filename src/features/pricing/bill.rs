//! The itemized estimate: every line with its formula, the subtotals, the plan's adjustments and
//! the one rounded total, as the CLI's `portal price` prints them.

use leptos::prelude::*;
use portal_core::pricing::bill::{money, plain};
use portal_core::pricing::{estimate, Bill, PriceBook, Workload};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::ui::money::Money;
use crate::ui::table::DataTable;

/// Why the workload has no estimate, with the field at fault (a path such as
/// `regions[0].storage_gb`, empty when no one field is) so the form can point at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricingError {
    pub field: String,
    pub message: String,
}

/// Prices the workload the form holds: the core reads it as it reads a workload file, so a
/// mistake is named exactly as the CLI names it.
pub fn price(workload: &Value, book: &PriceBook) -> Result<Bill, PricingError> {
    let parsed = Workload::from_json(&workload.to_string()).map_err(|e| PricingError {
        // The line and column are those of JSON the person never saw: the field says it all.
        message: format!("{}: {}", e.field, e.message),
        field: e.field,
    })?;
    estimate(&parsed, book).map_err(|e| PricingError {
        field: e.field().unwrap_or_default(),
        message: e.to_string(),
    })
}

/// The total due (rounded to the cent by the core), shown as all money is.
pub fn total_text(bill: &Bill) -> String {
    money(bill.total, &bill.currency)
}

#[component]
pub fn PricingBill(bill: Memo<Result<Bill, PricingError>>) -> impl IntoView {
    move || {
        match bill.get() {
        Ok(bill) => itemized(bill).into_any(),
        Err(_) => view! {
            <p class="pricing-no-estimate">"No estimate until the workload is corrected (see the form)."</p>
        }
        .into_any(),
    }
    }
}

fn itemized(bill: Bill) -> impl IntoView {
    let total = total_text(&bill);
    let currency = bill.currency.clone();
    let lines = bill
        .lines
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.item}</td>
                    <td>{l.region}</td>
                    <td class="number">{format!("{} {}", plain(l.quantity), l.unit)}</td>
                    <td class="number">{plain(l.unit_price)}</td>
                    <td class="formula">{l.formula}</td>
                    <td class="number"><Money amount=l.cost currency=currency.clone()/></td>
                </tr>
            }
        })
        .collect_view();
    let subtotals = |caption: &'static str, heading: &'static str, rows: Vec<(String, Decimal)>| {
        let currency = currency.clone();
        view! {
            <DataTable class="data pricing-subtotals" caption columns=[heading, "Amount"]>
                {rows
                    .into_iter()
                    .map(|(name, cost)| view! {
                        <tr><td>{name}</td><td class="number"><Money amount=cost currency=currency.clone()/></td></tr>
                    })
                    .collect_view()}
            </DataTable>
        }
    };
    let by_region = bill
        .by_region
        .iter()
        .map(|s| (s.name.clone(), s.cost))
        .collect();
    let by_product = bill
        .by_product
        .iter()
        .map(|s| (s.name.clone(), s.cost))
        .collect();
    let adjustments = bill
        .adjustments
        .into_iter()
        .map(|a| {
            view! {
                <tr>
                    <td>{a.label}</td>
                    <td class="formula">{a.formula}</td>
                    <td class="number"><Money amount=a.amount currency=currency.clone()/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="pricing-bill" aria-label="Estimate">
            <h2>{format!("Estimate: {} plan, in {}", bill.plan, bill.currency)}</h2>
            <div class="pricing-scroll" tabindex="0" role="region" aria-label="Estimate lines">
                <DataTable class="data pricing-lines" columns=["Description", "Region", "Quantity", "Unit price", "Formula", "Amount"]>
                    {lines}
                </DataTable>
            </div>
            <div class="pricing-subtotal-tables">
                {subtotals("Subtotals by region", "Region", by_region)}
                {subtotals("Subtotals by product", "Product", by_product)}
            </div>
            <p>"Usage at list prices: " <span class="number"><Money amount=bill.usage currency=currency.clone()/></span></p>
            <DataTable class="data pricing-adjustments" caption="Plan adjustments (credits, discount, minimum)" columns=["Adjustment", "Formula", "Amount"]>
                {adjustments}
            </DataTable>
            <p class="pricing-total">"Total due: " <strong data-total="">{total}</strong></p>
            <p class="pricing-rounding">{format!("Rounding: {}.", bill.rounding)}</p>
            <ul class="pricing-notes">
                {bill.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        </section>
    }
}
