//! The Estimated Bill (seed 001: "Any usage amount appears in the Estimated Bill, which is
//! auto-drafted monthly based on [...] UTC"): this month's usage priced by the price book, each
//! database with its total cost, and the month as a workload file that `portal price` prices to
//! the same bill.

use leptos::prelude::*;
use portal_core::pricing::invoice::Invoice;
use portal_core::pricing::plan_change::name;
use portal_core::time::format_day;

use crate::features::billing::bill::{BillLines, DatabaseCosts, UnpricedUsage};
use crate::ui::download::download;
use crate::ui::money::Money;
use crate::ui::notice::{Notice, NoticeLine};

#[component]
pub fn EstimatedBill(
    /// The month under way, or why it can't be priced.
    #[prop(into)]
    month: Signal<Option<Result<Invoice, String>>>,
) -> impl IntoView {
    let notice = RwSignal::new(None::<Notice>);
    view! {
        <section class="billing-estimate" aria-labelledby="estimate-heading">
            <h2 id="estimate-heading">"Estimated Bill"</h2>
            {move || match month.get() {
                None => ().into_any(),
                Some(Err(why)) => view! {
                    <p class="notice error" role="status">{format!("The Estimated Bill can't be drafted: {why}")}</p>
                }.into_any(),
                Some(Ok(invoice)) => {
                    let summary = format!(
                        "{} so far, on the {} plan; auto-drafted on {} (UTC).",
                        invoice.month.long_name(),
                        name(invoice.plan),
                        format_day(invoice.drafted)
                    );
                    let workload = serde_json::to_string_pretty(&invoice.workload).unwrap_or_default();
                    let filename = format!("workload-{}.json", invoice.month);
                    let save = move |_| {
                        notice.set(Some(match download(&filename, "application/json", &workload) {
                            Ok(()) => Notice::Done(format!("Downloaded {filename}: `portal price {filename}` gives this bill.")),
                            Err(why) => Notice::Error(why),
                        }));
                    };
                    view! {
                        <p>{summary}</p>
                        <p class="bill-total">
                            "Estimated total: "
                            <Money amount=invoice.bill.total currency=invoice.bill.currency.clone()/>
                        </p>
                        {if invoice.databases.is_empty() {
                            view! { <p class="bill-empty">"No database has recorded usage this month."</p> }.into_any()
                        } else {
                            view! {
                                <DatabaseCosts invoice=invoice.clone()/>
                                <details class="bill-details">
                                    <summary>"Itemised lines"</summary>
                                    <BillLines invoice=invoice.clone()/>
                                </details>
                            }.into_any()
                        }}
                        <UnpricedUsage invoice/>
                        <div class="actions">
                            <button type="button" on:click=save>"Download workload"</button>
                        </div>
                    }.into_any()
                }
            }}
            <NoticeLine notice/>
        </section>
    }
}
