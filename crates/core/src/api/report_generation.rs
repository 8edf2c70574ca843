//! A billing report is generated after its `generate-report` was answered (seed 000, "Download
//! an enterprise usage report": "It can take some time to generate the report"), in small
//! steps, each its own change set that the host commits like a request's, so that every store
//! (IndexedDB, SQLite, PostgreSQL) goes through the same transitions:
//!
//! - PENDING → INITIATED: generation starts;
//! - INITIATED → COMPLETED with the month's CSV of the usage its requester may read, or FAILED
//!   with the reason (`BillingReport::finish`).
//!
//! A host calls [`step`] once a commit leaves a report unfinished ([`waiting`]), and again until
//! it finds nothing to do: the server's reporter task, the page's own task over its IndexedDB.
//! No route reaches it, so no request can move a report; the time is the context's.
//!
//! Each transition is audited, as its requester's: the report holds what the requester's roles
//! may read, and the requester asked for it.

use super::access::{Actor, Principal};
use super::handlers::billing::enterprise_usage;
use super::{Context, Effects, Response};
use crate::model::{ChangeSet, Record, Scope, State, StoredReport};
use crate::usage::ReportStatus;

/// Whether a report waits for its next step.
pub fn waiting(state: &State) -> bool {
    next(state).is_some()
}

/// The unfinished report asked for first.
fn next(state: &State) -> Option<&StoredReport> {
    state
        .billing_reports
        .values()
        .filter(|stored| !stored.report.status().is_final())
        .min_by_key(|stored| (stored.requested_at, stored.report.report_id()))
}

/// Takes the oldest unfinished report one step on; `None` when no report waits. `max_bytes` is
/// the most a report's CSV may hold (`usage::billing_report::MAX_REPORT_BYTES`, smaller in
/// tests).
pub fn step(state: &State, ctx: &Context, max_bytes: usize) -> Option<ChangeSet> {
    let stored = next(state)?;
    let mut report = stored.report.clone();
    let month = report.month();
    let requester = requester(state, &stored.requested_by);
    let mut csv = None;
    let (action, summary) = match report.status() {
        ReportStatus::Pending => {
            report.initiate().ok()?;
            let summary = format!("the billing report for {month} is being generated");
            ("billing_report.initiate", summary)
        }
        _ => {
            let url = format!("/v2/enterprises/billing-reports/{}/csv", report.report_id());
            let records = enterprise_usage(state, &requester);
            csv = report.finish(&records, url, max_bytes).ok()?;
            match report.failure_reason() {
                Some(reason) => (
                    "billing_report.fail",
                    format!("the billing report for {month} failed to generate: {reason}"),
                ),
                None => (
                    "billing_report.complete",
                    format!("the billing report for {month} is ready for download"),
                ),
            }
        }
    };
    let id = report.report_id().to_owned();
    let mut effects = Effects::new(state, &requester, ctx.now);
    effects.put(Record::BillingReport(StoredReport {
        report,
        csv,
        ..stored.clone()
    }));
    effects.audit(Scope::Enterprise, action, vec![id], summary);
    let (_, changes) = effects.finish(Response::no_content());
    Some(changes)
}

/// Who asked for a report, acting where they asked: the enterprise (every billing report route
/// needs ent-billing-read there). A requester since removed reads nothing, and the report fails
/// for want of usage.
fn requester(state: &State, id: &str) -> Actor {
    let principal = if state.tokens.contains_key(id) {
        Principal::Token(id.to_owned())
    } else {
        Principal::User(id.to_owned())
    };
    Actor {
        principal,
        scope: Scope::Enterprise,
    }
}
