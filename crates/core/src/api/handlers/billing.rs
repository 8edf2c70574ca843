//! Billing and usage: an organization's plan and payment method (seed 001, "Managing payment
//! methods"), its usage download, and the enterprise's consumption query and billing reports
//! (seed 000, "Enterprise billing and usage").

use crate::api::visibility::Visibility;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::invoices::current_of;
use super::{unchanged, Call, Handled};
use crate::api::access::{self, Actor};
use crate::api::error::{ApiError, ErrorEntry, ErrorId};
use crate::api::request::{Body, Response};
use crate::api::Context;
use crate::model::bootstrap::free_billing;
use crate::model::entropy::uuid;
use crate::model::mail::Topic;
use crate::model::premium::premium_features;
use crate::model::{Collection, Record, Scope, State, StoredReport};
use crate::pricing::billing::{
    OrganizationBilling, PaymentMethod, PlanKind, PremiumFeature, RemovalBlockers,
};
use crate::pricing::credits::{plan_credit, MonthlyCredit, PlanCredit};
use crate::pricing::invoice::CreditBalance;
use crate::pricing::plan_change::{self, AnnualTerms, PlanChoice};
use crate::pricing::PriceBook;
use crate::time::{format_day, format_timestamp};
use crate::usage::periods::organization_usage_csv;
use crate::usage::{
    consumption, month_csv, BillingReport, DownloadPeriod, GenerateReportRequest, Month,
    ReportStatus, UsageRecord, Violations,
};
use crate::validation::{CARD_EXPIRY, CARD_LAST_DIGITS};

/// `{"plan","planSince","annual","paymentMethod","outstandingBalance","premiumFeatures",
/// "monthlyCredit","credits"}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BillingView<'a> {
    plan: PlanKind,
    plan_since: Option<String>,
    annual: Option<&'a AnnualTerms>,
    payment_method: Option<&'a PaymentMethod>,
    outstanding_balance: Decimal,
    /// Derived from the organization's databases, each with the database to turn it off in.
    premium_features: Vec<PremiumFeature>,
    /// On the Free plan: this month's credit and what is left of it.
    monthly_credit: Option<MonthlyCredit>,
    /// On the other plans: the credits granted, what this month uses and what is left.
    credits: Option<CreditBalance>,
}

/// The organization's billing as answered at `now`.
fn view<'a>(
    state: &State,
    org: &str,
    billing: &'a OrganizationBilling,
    now: DateTime<Utc>,
) -> BillingView<'a> {
    // Usage that can't be priced is the Estimated Bill's to explain: the plan still shows.
    let credit = current_of(state, org, now)
        .ok()
        .map(|month| plan_credit(PriceBook::shipped(), billing.plan, &month, now));
    let (monthly_credit, credits) = match credit {
        Some(PlanCredit::Monthly(credit)) => (Some(credit), None),
        Some(PlanCredit::Granted(balance, _)) => (None, Some(balance)),
        None => (None, None),
    };
    BillingView {
        plan: billing.plan,
        plan_since: billing.plan_since.map(format_timestamp),
        annual: billing.annual.as_ref(),
        payment_method: billing.payment_method.as_ref(),
        outstanding_balance: billing.outstanding_balance,
        premium_features: premium_features(state, org),
        monthly_credit,
        credits,
    }
}

/// The body of `PUT /v2/organizations/billing/plan`: `free`, `pay_as_you_go`, or `annual` with
/// its committed monthly minimum (and a discount, else the price book's).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct NewPlan {
    plan: String,
    #[serde(default)]
    committed_monthly_minimum: Option<Decimal>,
    #[serde(default)]
    discount: Option<Decimal>,
}

impl NewPlan {
    fn choice(self) -> Result<PlanChoice, ApiError> {
        let invalid = |message: String| ApiError::new(ErrorId::InvalidField, message);
        if self.plan != "annual"
            && (self.committed_monthly_minimum.is_some() || self.discount.is_some())
        {
            return Err(invalid(
                "'committedMonthlyMinimum' and 'discount' are the Annual plan's: leave them out, \
                 or choose \"annual\""
                    .to_owned(),
            ));
        }
        match self.plan.as_str() {
            "free" => Ok(PlanChoice::Free),
            "pay_as_you_go" => Ok(PlanChoice::PayAsYouGo),
            "annual" => {
                let minimum = self.committed_monthly_minimum.ok_or_else(|| {
                    invalid(
                        "the Annual plan commits to a minimum monthly spend: give \
                         'committedMonthlyMinimum'"
                            .to_owned(),
                    )
                })?;
                PlanChoice::annual(minimum, self.discount).map_err(invalid)
            }
            other => Err(invalid(format!(
                "'plan' is '{other}': choose free, pay_as_you_go or annual (an enterprise's \
                 organizations are on its Enterprise plan)"
            ))),
        }
    }
}

/// The body of `PUT /v2/organizations/billing/payment-method`: the card as the portal shows it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewPaymentMethod {
    brand: String,
    last4: String,
    expires: String,
}

/// The organization's billing; an organization without a record is on the Free plan with nothing
/// else.
pub(super) fn billing_of(state: &State, org: &str) -> OrganizationBilling {
    state.billing.get(org).cloned().unwrap_or_else(free_billing)
}

/// The usage rows the actor may read (`api::visibility`: for an enterprise actor, those of the
/// organizations a role of it holding ent-billing-read names in its scope, seed 000), decided
/// once per organization.
pub(crate) fn enterprise_usage(state: &State, actor: &Actor) -> Vec<UsageRecord> {
    let visibility = Visibility::of(state, actor);
    let mut readable: HashMap<&str, bool> = HashMap::new();
    state
        .usage
        .values()
        .map(|row| &row.record)
        .filter(|record| {
            *readable
                .entry(record.org_id.as_str())
                .or_insert_with(|| visibility.usage(&record.org_id))
        })
        .cloned()
        .collect()
}

fn invalid(field: &str, problem: String) -> ApiError {
    ApiError::new(
        ErrorId::InvalidField,
        format!("field '{field}' is invalid: {problem}"),
    )
}

/// A card's `MM/YY` expiry, which must not be before the current month.
fn expiry(text: &str, now: DateTime<Utc>) -> Result<String, ApiError> {
    let text = text.trim();
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    let month = text
        .split_once('/')
        .filter(|(m, y)| two_digits(m) && two_digits(y))
        .and_then(|(m, y)| Month::new(2000 + y.parse::<i32>().ok()?, m.parse().ok()?))
        .ok_or_else(|| {
            invalid(
                "expires",
                format!(
                    "'{text}' is not a month as {CARD_EXPIRY}: write it as on the card, such as \
                     09/28"
                ),
            )
        })?;
    let current = Month::of_instant(now);
    if month < current {
        return Err(invalid(
            "expires",
            format!("the card expired in {month}: use a card that is valid in {current} or later"),
        ));
    }
    Ok(text.to_owned())
}

fn payment_method(body: NewPaymentMethod, now: DateTime<Utc>) -> Result<PaymentMethod, ApiError> {
    let brand = body.brand.trim();
    if brand.is_empty() {
        return Err(invalid(
            "brand",
            "it is empty: give the card's brand, such as Visa".to_owned(),
        ));
    }
    let last4 = body.last4.trim();
    if last4.len() != CARD_LAST_DIGITS || !last4.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            "last4",
            "give exactly the last 4 digits of the card number, never the whole number".to_owned(),
        ));
    }
    Ok(PaymentMethod {
        brand: brand.to_owned(),
        last4: last4.to_owned(),
        expires: expiry(&body.expires, now)?,
    })
}

/// Seed 001's prerequisites, one error entry per blocker.
fn removal_refused(blockers: &RemovalBlockers) -> ApiError {
    let id = ErrorId::PaymentMethodRemoval;
    ApiError {
        status: id.status(),
        errors: blockers
            .messages()
            .into_iter()
            .map(|message| ErrorEntry {
                id: id.code(),
                message,
            })
            .collect(),
    }
}

/// Writes the organization's billing with one audit entry.
fn save_billing(
    call: Call,
    ctx: &Context,
    org: &str,
    billing: OrganizationBilling,
    (action, summary): (&str, String),
    response: Response,
) -> Handled {
    let removed = action == REMOVE_PAYMENT_METHOD;
    let mut effects = call.effects(ctx);
    effects.put(Record::Billing {
        org_id: org.to_owned(),
        billing,
    });
    // Seed 001, "Remove a payment method": "A message appears that you have successfully removed
    // the payment method. An email is also sent for your records."
    if let Some(organization) = call.state.organizations.get(org).filter(|_| removed) {
        let body = format!(
            "{} removed the payment method of {}: {summary}. Add one again from Billing & \
             Payment before choosing a paid plan.",
            call.actor.name(call.state),
            organization.name
        );
        let subject = format!("Payment method removed from {}", organization.name);
        effects.notify(organization, Topic::PaymentMethodRemoved, subject, body);
    }
    let scope = Scope::Organization(org.to_owned());
    effects.audit(scope, action, vec![org.to_owned()], summary);
    Ok(effects.finish(response))
}

const REMOVE_PAYMENT_METHOD: &str = "billing.payment_method.remove";

/// `GET /v2/organizations/billing` (Read Billing: "Access the Billing page", seed 004).
pub fn get(call: Call, ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let org = access::organization_of(actor)?;
    let billing = billing_of(state, org);
    unchanged(Response::ok(view(state, org, &billing, ctx.now)))
}

/// `PUT /v2/organizations/billing/plan`: seed 001, "You can select Manage to change your plan."
/// Every reason it can't be done yet is answered at once (`pricing::plan_change`).
pub fn change_plan(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let org = access::organization_of(actor)?;
    let choice = request.json::<NewPlan>()?.choice()?;
    let billing = billing_of(state, org);
    let features = premium_features(state, org);
    let changed =
        plan_change::change_plan(&billing, &features, choice, ctx.now).map_err(|reasons| {
            ApiError {
                status: ErrorId::PlanChange.status(),
                errors: reasons
                    .into_iter()
                    .map(|message| ErrorEntry {
                        id: ErrorId::PlanChange.code(),
                        message,
                    })
                    .collect(),
            }
        })?;
    let mut summary = format!(
        "changed the plan from {} to {}",
        plan_change::name(billing.plan),
        plan_change::name(changed.plan)
    );
    if let Some(terms) = &changed.annual {
        summary.push_str(&format!(
            ", committing to {} a month until {}",
            terms.committed_monthly_minimum.normalize(),
            format_day(terms.until)
        ));
    }
    let response = Response::ok(view(state, org, &changed, ctx.now));
    save_billing(
        call,
        ctx,
        org,
        changed,
        ("billing.plan.change", summary),
        response,
    )
}

/// `PUT /v2/organizations/billing/payment-method`: seed 001, "Astra DB supports one payment
/// method for each organization", so this adds it or replaces the one there is ("All future
/// billing will use the new payment entered").
pub fn set_payment_method(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let org = access::organization_of(actor)?;
    let method = payment_method(request.json()?, ctx.now)?;
    let mut billing = billing_of(state, org);
    // The audit log names the card by its last 4 digits and nothing more.
    let summary = format!(
        "set the payment method to the card ending in {}",
        method.last4
    );
    billing.set_payment_method(method);
    let response = Response::ok(view(state, org, &billing, ctx.now));
    save_billing(
        call,
        ctx,
        org,
        billing,
        ("billing.payment_method.set", summary),
        response,
    )
}

/// `DELETE /v2/organizations/billing/payment-method`: seed 001, "Removing a Payment Method",
/// allowed only without an outstanding balance or premium features.
pub fn remove_payment_method(call: Call, ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let org = access::organization_of(actor)?;
    let mut billing = billing_of(state, org);
    if billing.payment_method.is_none() {
        return Err(ApiError::new(
            ErrorId::NotFound,
            "the organization has no payment method to remove: add one with PUT \
             /v2/organizations/billing/payment-method",
        ));
    }
    let removed = billing
        .remove_payment_method(&premium_features(state, org))
        .map_err(|blockers| removal_refused(&blockers))?;
    let last4 = removed.map(|m| m.last4).unwrap_or_default();
    let summary = format!("removed the payment method, the card ending in {last4}");
    let action = (REMOVE_PAYMENT_METHOD, summary);
    save_billing(call, ctx, org, billing, action, Response::no_content())
}

/// `GET /v2/organizations/usage?period=...`: seed 000, "Download Usage as CSV to download usage
/// history for the current month, the prior month, or the prior two months", and "The report is
/// limited to the organization you are currently viewing".
pub fn usage_download(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let org = access::organization_of(actor)?;
    let text = request.query("period").unwrap_or_default();
    let period = DownloadPeriod::parse(text).ok_or_else(|| {
        let names: Vec<&str> = DownloadPeriod::ALL.iter().map(|p| p.as_str()).collect();
        let problem = if text.trim().is_empty() {
            "it is missing".to_owned()
        } else {
            format!("'{text}' is not a download period")
        };
        ApiError::new(
            ErrorId::InvalidField,
            format!(
                "query parameter 'period' is invalid: {problem}; use {}",
                names.join(", ")
            ),
        )
    })?;
    let today = ctx.now.date_naive();
    let records: Vec<UsageRecord> = state.usage.values().map(|row| row.record.clone()).collect();
    let csv = Body::Csv {
        filename: format!("usage-{org}-{}-{today}.csv", period.as_str()),
        text: organization_usage_csv(&records, org, period, today),
    };
    let response = Response::new(200, csv);
    unchanged(response)
}

/// `POST /v2/enterprises/consumption` (seed 000, "Get usage for the current month" and "Get usage
/// for a specific time range").
pub fn consumption(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let answer = consumption::handle(
        &request.body,
        &enterprise_usage(state, actor),
        &state.credits,
        ctx.now,
    )?;
    unchanged(Response::ok(answer))
}

/// `POST /v2/enterprises/billing-reports/generate-report` (seed 000, "Download an enterprise usage
/// report"): queues the report PENDING and answers its `reportId` at once; it is generated after
/// the answer (`api::report_generation`).
pub fn generate_report(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let wanted = GenerateReportRequest::from_json(&request.body)?;
    let report = BillingReport::generate(&wanted, uuid(ctx.entropy), ctx.now)?;
    // One report a month is kept for each requester (whose scope decides what it holds): asked
    // again, it is answered as it is while it is being made, or made anew in its place.
    let earlier = state.billing_reports.values().find(|stored| {
        stored.report.month() == report.month() && stored.requested_by == actor.id()
    });
    if let Some(earlier) = earlier.filter(|e| still_answers(e, state, actor)) {
        return unchanged(Response::ok(earlier.report.generate_response()));
    }
    let response = Response::ok(report.generate_response());
    let id = report.report_id().to_owned();
    let summary = format!("asked for the billing report for {}", report.month());
    let mut effects = call.effects(ctx);
    if let Some(earlier) = earlier {
        effects.delete(Collection::BillingReports, earlier.report.report_id());
    }
    effects.put(Record::BillingReport(StoredReport {
        report,
        csv: None,
        requested_by: actor.id().to_owned(),
        requested_at: ctx.now,
    }));
    effects.audit(
        Scope::Enterprise,
        "billing_report.generate",
        vec![id],
        summary,
    );
    Ok(effects.finish(response))
}

/// Whether a month's report answers its requester asking again: while it is queued or being
/// generated, and once COMPLETED as long as the month's usage it may read is what it holds. A
/// FAILED one is tried anew.
fn still_answers(stored: &StoredReport, state: &State, actor: &Actor) -> bool {
    match stored.report.status() {
        ReportStatus::Pending | ReportStatus::Initiated => true,
        ReportStatus::Completed => {
            let current = month_csv(stored.report.month(), &enterprise_usage(state, actor));
            stored.csv.as_deref() == Some(current.as_str())
        }
        ReportStatus::Failed => false,
    }
}

/// A report of the actor's own asking: it holds what the requester's scope reads, so nobody
/// else is shown it.
fn find_report<'a>(call: Call<'a>) -> Result<&'a StoredReport, ApiError> {
    let id = call.path_id();
    call.state
        .billing_reports
        .get(id)
        .filter(|stored| stored.requested_by == call.actor.id())
        .ok_or_else(|| ApiError::not_found("billing report", id))
}

/// `GET /v2/enterprises/billing-reports/{reportId}`: its status, and the `csvDownloadUrl` once it
/// is COMPLETED.
pub fn report(call: Call, _ctx: &mut Context) -> Handled {
    let stored = find_report(call)?;
    unchanged(Response::ok(stored.report.response()))
}

/// `GET /v2/enterprises/billing-reports/{reportId}/csv`: the report's `csvDownloadUrl`.
pub fn report_csv(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let stored = find_report(call)?;
    // A report keeps the CSV it completed with; one without it is not COMPLETED, and the report
    // itself says so (ReportNotReady).
    let text = match &stored.csv {
        Some(csv) => csv.clone(),
        None => stored
            .report
            .csv(&enterprise_usage(state, actor))
            .map_err(Violations::from)?,
    };
    let body = Body::Csv {
        filename: format!("billing-report-{}.csv", stored.report.month()),
        text,
    };
    unchanged(Response::new(200, body))
}
