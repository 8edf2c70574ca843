//! "Billing reports" (seed 000, "Download an enterprise usage report"): a month's report is
//! asked for, its status followed while it is generated ("It can take some time to generate the
//! report") and announced in the seed's words, and its CSV offered once it is COMPLETED, or why
//! it failed.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::{ApiError, Method};
use portal_core::model::Scope;
use portal_core::usage::periods::MONTH_NAMES;
use portal_core::usage::{
    BillingReportResponse, GenerateReportRequest, GenerateReportResponse, Month, ReportStatus,
};
use portal_core::validation::YEAR_DIGITS;

use crate::clock::now;
use crate::features::billing::response::ErrorList;
use crate::portal::{use_portal, Portal};
use crate::ui::download::fetch_csv;
use crate::ui::field::SelectField;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{answer, Submission};

const REPORTS: &str = "/v2/enterprises/billing-reports";

/// How often a report being generated is read again: as a client following it would, often
/// enough that its status shows soon after it changes.
const POLL_MS: u32 = 1_000;

/// Asks for the report and reads its status, as a client following the report would.
async fn generate(
    portal: Portal,
    wanted: GenerateReportRequest,
) -> Result<BillingReportResponse, ApiError> {
    let body = serde_json::to_value(wanted).ok();
    let target = format!("{REPORTS}/generate-report");
    let response = portal
        .request(&Scope::Enterprise, Method::Post, &target, body)
        .await;
    let generated: GenerateReportResponse = answer(&response)?;
    status(portal, &generated.report_id).await
}

async fn status(portal: Portal, id: &str) -> Result<BillingReportResponse, ApiError> {
    let target = format!("{REPORTS}/{id}");
    let response = portal
        .request(&Scope::Enterprise, Method::Get, &target, None)
        .await;
    answer(&response)
}

/// Reads the report shown again every [`POLL_MS`] until it is COMPLETED or FAILED, as long as it
/// is the one asked for last (`asked` counts the asks) and the page shows it.
fn follow(
    portal: Portal,
    report: RwSignal<Option<BillingReportResponse>>,
    asked: RwSignal<u32>,
    submission: Submission,
) {
    let ask = asked.get_untracked();
    let current = move || asked.try_get_untracked() == Some(ask);
    spawn_local(async move {
        loop {
            let Some(Some(shown)) = report.try_get_untracked() else {
                return;
            };
            if shown.status.is_final() {
                return;
            }
            TimeoutFuture::new(POLL_MS).await;
            if !current() {
                return;
            }
            match status(portal, &shown.report_id).await {
                // Set only when it changed: the live region speaks each time it is drawn.
                Ok(read) if current() => {
                    if read != shown {
                        report.try_set(Some(read));
                    }
                }
                Ok(_) => return,
                Err(refused) => {
                    submission.refusal.try_set(Some(refused));
                    return;
                }
            }
        }
    });
}

#[component]
pub fn BillingReports() -> impl IntoView {
    let portal = use_portal();
    let current = Month::of_instant(now());
    let month = RwSignal::new(format!("{:02}", current.month()));
    let year = RwSignal::new(current.year().to_string());
    let submission = Submission::default();
    let busy = submission.busy;
    let report = RwSignal::new(None::<BillingReportResponse>);
    let asked = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<Notice>);
    let allowed = portal.allows(
        Scope::Enterprise,
        Method::Post,
        "/v2/enterprises/billing-reports/generate-report",
    );
    let run = move || {
        let wanted = GenerateReportRequest::new(month.get_untracked(), year.get_untracked());
        notice.set(None);
        report.set(None);
        asked.update(|n| *n += 1);
        submission.run(generate(portal, wanted), move |answer| {
            report.set(Some(answer));
            follow(portal, report, asked, submission);
        });
    };
    let download = move || {
        let Some(id) = report.get_untracked().map(|r| r.report_id) else {
            return;
        };
        let target = format!("{REPORTS}/{id}/csv");
        fetch_csv(portal, submission, notice, Scope::Enterprise, target);
    };
    view! {
        <section class="billing-reports" aria-labelledby="reports-heading">
            <h2 id="reports-heading">"Billing reports"</h2>
            <form class="inline" on:submit=|ev| ev.prevent_default()>
                <SelectField label="Month" name="month" value=month>
                    {MONTH_NAMES.iter().enumerate().map(|(i, name)| {
                        let value = format!("{:02}", i + 1);
                        let chosen = value == month.get_untracked();
                        view! { <option value=value selected=chosen>{*name}</option> }
                    }).collect_view()}
                </SelectField>
                <label>
                    "Year"
                    <input type="text" name="year" inputmode="numeric" maxlength=YEAR_DIGITS.to_string() size=YEAR_DIGITS.to_string()
                        prop:value=year on:input=move |ev| year.set(event_target_value(&ev))/>
                </label>
                <GuardedButton label="Generate Report" class="primary" allowed busy on_click=run/>
            </form>
            <ErrorList title="The report could not be generated or downloaded:" refusal=submission.refusal/>
            // Always there, so that each status it comes to read is announced.
            <p class="billing-report-status" role="status" aria-live="polite" aria-atomic="true">
                {move || report.get().map(|r| {
                    let reason = r.failure_reason.map(|why| format!(": {why}"));
                    view! {
                        "Report "<code>{r.report_id}</code>": "
                        <strong class="status">{r.status.as_str()}</strong>
                        " — "{r.status.description()}{reason}"."
                    }
                })}
            </p>
            {move || report.get().filter(|r| r.status == ReportStatus::Completed).map(|_| view! {
                <GuardedButton label="Download CSV" allowed busy on_click=download/>
            })}
            <NoticeLine notice/>
        </section>
    }
}
