//! A month's bill as the page shows it: each line with the formula that explains it, the plan's
//! adjustments, the total due, and each database with its total cost. The Estimated Bill and an
//! invoice show it alike.

use leptos::prelude::*;
use portal_core::pricing::bill::{count, exact_money, plain};
use portal_core::pricing::invoice::Invoice;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::ui::money::Money;
use crate::ui::table::DataTable;

/// The itemised lines, the adjustments and the total.
#[component]
pub fn BillLines(invoice: Invoice) -> impl IntoView {
    let bill = invoice.bill;
    let currency = bill.currency.clone();
    let line_currency = currency.clone();
    let lines = bill.lines.into_iter().map(move |line| {
        let currency = line_currency.clone();
        view! {
            <tr>
                <td>{line.database}</td>
                <td>{line.region}</td>
                <td>
                    {line.item}
                    <span class="formula">{line.formula}</span>
                </td>
                <td class="amount"><Quantity amount=line.quantity unit=line.unit/></td>
                <td class="amount">{exact_money(line.unit_price, &currency)}</td>
                <td class="amount"><Money amount=line.cost currency/></td>
            </tr>
        }
    });
    let adjustment_currency = currency.clone();
    let adjustments = bill.adjustments.into_iter().map(move |a| {
        let currency = adjustment_currency.clone();
        view! {
            <dt>{a.label}</dt>
            <dd><Money amount=a.amount currency/><span class="formula">{a.formula}</span></dd>
        }
    });
    let notes = bill.notes;
    view! {
        {if bill.by_database.is_empty() && bill.usage.is_zero() {
            view! { <p class="bill-empty">"No usage has been recorded for this month."</p> }.into_any()
        } else {
            view! {
                <DataTable class="data bill-lines" caption="Usage at list prices" columns=["Database", "Region", "Item", "Quantity", "Unit price", "Cost"]>
                    {lines.collect_view()}
                </DataTable>
            }.into_any()
        }}
        <dl class="billing-totals">
            <dt>"Usage at list prices"</dt>
            <dd><Money amount=bill.usage currency=currency.clone()/></dd>
            {adjustments.collect_view()}
            <dt>"Total due"</dt>
            <dd class="total-cost"><Money amount=bill.total currency=currency.clone()/></dd>
        </dl>
        <p class="formula">{format!("Rounding: {}.", bill.rounding)}</p>
        {notes.into_iter().map(|n| view! { <p class="field-note">{n}</p> }).collect_view()}
    }
}

/// The most decimals a quantity shows; the exact one is on hover and in the CSV.
const QUANTITY_DECIMALS: u32 = 4;

/// A quantity as people read it: up to four decimals (marked "≈" when rounded), exact on hover.
#[component]
fn Quantity(amount: Decimal, unit: String) -> impl IntoView {
    let exact = format!("{} {unit}", plain(amount));
    let shown =
        amount.round_dp_with_strategy(QUANTITY_DECIMALS, RoundingStrategy::MidpointAwayFromZero);
    let approximate = if shown == amount { "" } else { "≈ " };
    view! { <span title=exact>{format!("{approximate}{} {unit}", count(shown))}</span> }
}

/// Seed 001: "each database included in your server, allowing you to see what your total cost is
/// per database".
#[component]
pub fn DatabaseCosts(invoice: Invoice) -> impl IntoView {
    let currency = invoice.bill.currency.clone();
    view! {
        <DataTable class="data billing-table database-costs" caption="Each database and its total cost" columns=["Database", "Total cost"]>
            {invoice.databases.into_iter().map(|db| {
                let currency = currency.clone();
                view! {
                    <tr><td>{db.name}</td><td><Money amount=db.cost currency/></td></tr>
                }
            }).collect_view()}
        </DataTable>
    }
}

/// Usage the price book does not price, with what its own rows say it cost.
#[component]
pub fn UnpricedUsage(invoice: Invoice) -> impl IntoView {
    let unpriced = invoice.unpriced;
    (!unpriced.is_empty()).then(|| view! {
        <DataTable class="data billing-table unpriced" caption="Not in this bill: usage the price book does not price" columns=["Resource", "Usage", "Why", "Reported cost"]>
            {unpriced.into_iter().map(|u| view! {
                <tr>
                    <td>{u.resource_name}</td>
                    <td>{format!("{} {} of {} ({} rows)", plain(u.usage), u.usage_unit, u.usage_type, u.rows)}</td>
                    <td>{u.reason}</td>
                    <td><Money amount=u.reported_cost currency=u.currency/></td>
                </tr>
            }).collect_view()}
        </DataTable>
    })
}
