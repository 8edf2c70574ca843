//! Invoices (seed 004, Read Billing: "download invoices"): one for each closed month, drafted on
//! the first of the next month (UTC) from that month's usage on the plan it closed on; each
//! opens as a printable page and downloads as CSV with its exact amounts. The months' totals are
//! charted beside this month's estimate.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::pricing::invoice::{Invoice, InvoiceStatus};
use portal_core::pricing::plan_change::name;
use serde_json::Value;

use crate::features::billing::response::ErrorList;
use crate::portal::use_portal;
use crate::ui::chart::bars::BarChart;
use crate::ui::chart::money_points;
use crate::ui::download::fetch_csv;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::money::Money;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::Submission;
use crate::ui::table::DataTable;

/// The API path of a month's invoice.
pub fn invoice_target(month: &str) -> String {
    format!("/v2/organizations/billing/invoices/{month}")
}

#[component]
pub fn Invoices(
    #[prop(into)] org: Signal<String>,
    /// Every month, oldest first; the last is under way.
    #[prop(into)]
    months: Signal<Vec<Invoice>>,
) -> impl IntoView {
    let portal = use_portal();
    let submission = Submission::default();
    let notice = RwSignal::new(None::<Notice>);
    let allowed = Signal::derive(move || {
        let scope = Scope::Organization(org.get());
        portal.permits(
            &scope,
            Method::Get,
            "/v2/organizations/billing/invoices",
            &Value::Null,
        )
    });
    let chart = move || {
        let months = months.get();
        let currency = months.last()?.bill.currency.clone();
        let values = months
            .iter()
            .map(|m| {
                let label = match m.status {
                    InvoiceStatus::Estimated => format!("{} (estimated)", m.month.long_name()),
                    _ => m.month.long_name(),
                };
                (label, m.bill.total)
            })
            .collect();
        let (points, max) = money_points(values, &currency);
        Some(view! {
            <BarChart
                title=format!("Total due by month (largest {max})")
                label_heading="Month"
                value_heading=format!("Total due ({currency})")
                points
            />
        })
    };
    let rows = move || {
        let closed: Vec<Invoice> = months
            .get()
            .into_iter()
            .rev()
            .filter(|m| m.status != InvoiceStatus::Estimated)
            .collect();
        if closed.is_empty() {
            return view! { <p>"No month has closed yet: the first invoice is drafted on the first of next month (UTC)."</p> }.into_any();
        }
        view! {
            <DataTable class="data billing-table invoices" columns=["Month", "Plan", "Status", "Total due", "Invoice"]>
                {closed.into_iter().map(|m| {
                    let month = m.month.to_string();
                    let target = format!("{}/csv", invoice_target(&month));
                    let download = move || {
                        let scope = Scope::Organization(org.get_untracked());
                        fetch_csv(portal, submission, notice, scope, target.clone());
                    };
                    let label = m.month.long_name();
                    view! {
                        <tr>
                            <th scope="row">{label.clone()}</th>
                            <td>{name(m.plan)}</td>
                            <td class=format!("invoice-status {:?}", m.status).to_lowercase()>{m.status.label()}</td>
                            <td><Money amount=m.bill.total currency=m.bill.currency.clone()/></td>
                            <td class="actions">
                                <A href=format!("invoices/{month}") attr:aria-label=format!("View the invoice for {label}")>"View"</A>
                                <GuardedButton label="Download CSV" aria_label=format!("Download CSV of the invoice for {label}") allowed busy=submission.busy on_click=download/>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </DataTable>
        }.into_any()
    };
    view! {
        <section class="billing-invoices" aria-labelledby="invoices-heading">
            <h2 id="invoices-heading">"Invoices"</h2>
            {chart}
            {rows}
            <ErrorList title="The invoice could not be downloaded:" refusal=submission.refusal/>
            <NoticeLine notice/>
        </section>
    }
}
