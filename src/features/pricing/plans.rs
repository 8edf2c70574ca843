//! The same workload priced on each plan, side by side, with how much more each costs than the
//! cheapest.

use std::sync::Arc;

use leptos::prelude::*;
use portal_core::pricing::PriceBook;
use serde_json::{json, Value};

use crate::features::pricing::bill::{price, total_text};
use crate::ui::table::DataTable;

#[component]
pub fn PricingPlans(workload: RwSignal<Value>, book: RwSignal<Arc<PriceBook>>) -> impl IntoView {
    // The Annual terms the workload has, if it is on Annual; otherwise the person gives them here.
    let own = workload.with_untracked(|w| w["plan"].clone());
    let term = |key: &str| {
        own.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let minimum = RwSignal::new(if term("committed_monthly_minimum").is_empty() {
        "0".to_owned()
    } else {
        term("committed_monthly_minimum")
    });
    let discount = RwSignal::new(term("discount"));
    let columns = Memo::new(move |_| {
        let w = workload.get();
        if w["kind"] != "serverless" {
            return Vec::new();
        }
        let credits = w["plan"].get("credits").cloned().unwrap_or(json!("0"));
        let mut annual = json!({
            "type": "annual",
            "committed_monthly_minimum": minimum.get(),
            "credits": credits,
        });
        let discount = discount.get();
        if !discount.trim().is_empty() {
            annual["discount"] = json!(discount);
        }
        let plans = [
            ("Free", json!({ "type": "free" })),
            (
                "Pay As You Go",
                json!({ "type": "pay_as_you_go", "credits": credits }),
            ),
            ("Annual", annual),
        ];
        let book = book.get();
        plans
            .into_iter()
            .map(|(name, plan)| {
                let mut priced = w.clone();
                priced["plan"] = plan;
                (name, price(&priced, &book).map_err(|e| e.message))
            })
            .collect::<Vec<_>>()
    });
    let table = move || {
        let columns = columns.get();
        if columns.is_empty() {
            return view! { <p>"Plans are compared for Serverless workloads."</p> }.into_any();
        }
        let cheapest = columns
            .iter()
            .filter_map(|(_, b)| b.as_ref().ok())
            .map(|b| b.total)
            .min();
        let cells = columns
            .into_iter()
            .map(|(name, bill)| match bill {
                Ok(bill) => {
                    let more = cheapest.map(|c| bill.total - c).unwrap_or_default();
                    let difference = if more.is_zero() {
                        "the cheapest".to_owned()
                    } else {
                        format!("+{more:.2} {}", bill.currency)
                    };
                    view! {
                        <td data-plan=name>
                            <strong class="pricing-plan-total">{total_text(&bill)}</strong>
                            <span class="pricing-plan-difference">{difference}</span>
                        </td>
                    }
                    .into_any()
                }
                Err(message) => {
                    view! { <td data-plan=name class="pricing-plan-error">{message}</td> }
                        .into_any()
                }
            })
            .collect_view();
        view! {
            <DataTable class="data pricing-plans" columns=["Free", "Pay As You Go", "Annual"]><tr>{cells}</tr></DataTable>
        }
        .into_any()
    };
    view! {
        <section class="pricing-comparison" aria-label="Plan comparison">
            <h2>"Plan comparison"</h2>
            <div class="pricing-annual-terms">
                <label for="pricing-compare-minimum">"Annual: committed monthly minimum"</label>
                <input
                    id="pricing-compare-minimum"
                    prop:value=move || minimum.get()
                    on:input=move |ev| minimum.set(event_target_value(&ev))
                />
                <label for="pricing-compare-discount">"Annual: discount (0.15 = 15%; empty: the rate card's)"</label>
                <input
                    id="pricing-compare-discount"
                    prop:value=move || discount.get()
                    on:input=move |ev| discount.set(event_target_value(&ev))
                />
            </div>
            {table}
        </section>
    }
}
