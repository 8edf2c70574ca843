//! One closed month's invoice as a page to read and print: its lines, adjustments and total, each
//! database's cost, and the CSV with the exact amounts.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::pricing::invoice::InvoiceStatus;
use portal_core::pricing::plan_change::name;
use portal_core::time::format_day;
use serde_json::Value;

use super::CONTEXT;
use crate::features::billing::bill::{BillLines, DatabaseCosts, UnpricedUsage};
use crate::features::billing::invoices::invoice_target;
use crate::features::billing::months::use_months;
use crate::features::billing::response::ErrorList;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::download::fetch_csv;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::money::Money;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::page_heading::PageHeading;
use crate::ui::request::Submission;

#[component]
pub fn Invoice() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let params = use_params_map();
    let month = Memo::new(move |_| params.with(|p| p.get("month").unwrap_or_default()));
    let org = Signal::derive(move || match scope.get() {
        Scope::Organization(org) => org,
        Scope::Enterprise => String::new(),
    });
    let months = use_months(org);
    let readable = Memo::new(move |_| {
        portal.permits(
            &scope.get(),
            Method::Get,
            &invoice_target(&month.get()),
            &Value::Null,
        )
    });
    let invoice = Memo::new(move |_| {
        let wanted = month.get();
        months
            .get()?
            .ok()?
            .into_iter()
            .find(|m| m.month.to_string() == wanted && m.status != InvoiceStatus::Estimated)
    });
    let submission = Submission::default();
    let notice = RwSignal::new(None::<Notice>);
    let download = move || {
        let target = format!("{}/csv", invoice_target(&month.get_untracked()));
        fetch_csv(portal, submission, notice, scope.get_untracked(), target);
    };
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let back = move || format!("/settings/organizations/{}/billing", org.get());
    view! {
        <PageHeading
            context=CONTEXT
            title="Invoice"
            intro="A closed month's bill: drafted on the first of the next month (UTC) from the month's usage, on the plan the month closed on."
        />
        <p class="no-print"><A href=back>"← Billing"</A></p>
        {move || match (readable.get(), invoice.get()) {
            (Err(why), _) => view! {
                <p class="notice error" role="status">{format!("The invoice is hidden: {why}")}</p>
            }.into_any(),
            (Ok(()), None) => view! {
                <p class="notice error" role="status">{format!("There is no invoice for {}: an invoice is drafted for each closed month; see the list on Billing.", month.get())}</p>
            }.into_any(),
            (Ok(()), Some(invoice)) => {
                let organization = portal
                    .state()
                    .and_then(|s| s.organizations.get(&org.get()).map(|o| o.name.clone()))
                    .unwrap_or_default();
                let currency = invoice.bill.currency.clone();
                view! {
                    <article class="invoice" aria-labelledby="invoice-heading">
                        <h2 id="invoice-heading">{format!("{} — {}", organization, invoice.month.long_name())}</h2>
                        <dl class="billing-totals invoice-facts">
                            <dt>"Plan"</dt><dd>{name(invoice.plan)}</dd>
                            <dt>"Status"</dt><dd>{invoice.status.label()}</dd>
                            <dt>"Drafted"</dt><dd>{format!("{} (UTC)", format_day(invoice.drafted))}</dd>
                            <dt>"Credits used"</dt><dd><Money amount=invoice.credits.used currency=currency.clone()/></dd>
                            <dt>"Total due"</dt><dd class="total-cost"><Money amount=invoice.bill.total currency/></dd>
                        </dl>
                        <DatabaseCosts invoice=invoice.clone()/>
                        <BillLines invoice=invoice.clone()/>
                        <UnpricedUsage invoice/>
                    </article>
                }.into_any()
            }
        }}
        <div class="actions no-print">
            <button type="button" on:click=print>"Print"</button>
            <GuardedButton label="Download CSV" allowed=Signal::derive(move || readable.get()) busy=submission.busy on_click=download/>
        </div>
        <ErrorList title="The invoice could not be downloaded:" refusal=submission.refusal/>
        <NoticeLine notice/>
    }
}
