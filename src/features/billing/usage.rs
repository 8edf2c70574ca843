//! "Download Usage as CSV" (seed 000): the organization's usage history for the current month,
//! the prior month, or the prior two months.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::usage::DownloadPeriod;
use serde_json::Value;

use crate::features::billing::response::ErrorList;
use crate::portal::use_portal;
use crate::ui::download::fetch_csv;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::Submission;

#[component]
pub fn BillingUsage(#[prop(into)] org: Signal<String>) -> impl IntoView {
    let portal = use_portal();
    let period = RwSignal::new(DownloadPeriod::CurrentMonth);
    let submission = Submission::default();
    let notice = RwSignal::new(None::<Notice>);
    let target = move || format!("/v2/organizations/usage?period={}", period.get().as_str());
    let allowed = Signal::derive(move || {
        let scope = Scope::Organization(org.get());
        portal.permits(&scope, Method::Get, &target(), &Value::Null)
    });
    let fetch = move || {
        let scope = Scope::Organization(org.get_untracked());
        fetch_csv(portal, submission, notice, scope, untrack(target));
    };
    view! {
        <section class="billing-usage" aria-labelledby="usage-heading">
            <h2 id="usage-heading">"Usage"</h2>
            <p>"The usage history of this organization only, as a CSV file."</p>
            <form class="inline" on:submit=|ev| ev.prevent_default()>
                <label>
                    "Period"
                    <select name="period" on:change=move |ev| {
                        if let Some(chosen) = DownloadPeriod::parse(&event_target_value(&ev)) {
                            period.set(chosen);
                        }
                    }>
                        {DownloadPeriod::ALL.iter().map(|p| view! {
                            <option value=p.as_str() selected=move || period.get() == *p>
                                {p.label()}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <GuardedButton label="Download Usage as CSV" allowed busy=submission.busy on_click=fetch/>
            </form>
            <ErrorList title="The usage could not be downloaded:" refusal=submission.refusal/>
            <NoticeLine notice/>
        </section>
    }
}
