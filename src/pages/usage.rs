use std::sync::Arc;

use leptos::prelude::*;
use portal_core::time::format_timestamp;
use portal_core::usage::{
    aggregate, amounts_text, project_latest_month, reconcile_report, Aggregation, Group, Mismatch,
    ParsedReport, Projection,
};

use crate::features::usage::bad_rows::UsageBadRows;
use crate::features::usage::reconciliation::UsageReconciliation;
use crate::features::usage::source::UsageSource;
use crate::portal::use_portal;
use crate::ui::chart::bars::BarChart;
use crate::ui::chart::cost_points;
use crate::ui::chart::days::DayChart;
use crate::ui::money::{amounts_texts, Amounts};
use crate::ui::page_heading::PageHeading;

/// What the page shows of one set of rows: what the `portal usage` command prints.
#[derive(Debug, PartialEq)]
struct Analysis {
    source: String,
    report: ParsedReport,
    aggregation: Aggregation,
    mismatches: Vec<Mismatch>,
    projection: Option<Projection>,
}

impl Analysis {
    fn of(source: String, report: ParsedReport) -> Analysis {
        Analysis {
            aggregation: aggregate(&report.records),
            mismatches: reconcile_report(&report),
            projection: project_latest_month(&report.records),
            source,
            report,
        }
    }
}

#[component]
pub fn Usage() -> impl IntoView {
    let portal = use_portal();
    // `None`: the portal's own usage rows.
    let imported = RwSignal::new(None::<Arc<Analysis>>);
    let from_portal = Memo::new(move |_| {
        portal.state().map(|state| {
            let records = state.usage.values().map(|row| row.record.clone()).collect();
            Arc::new(Analysis::of(
                "this portal's usage".to_owned(),
                ParsedReport {
                    records,
                    ..ParsedReport::default()
                },
            ))
        })
    });
    let analysis = move || imported.get().or_else(|| from_portal.get());

    let on_read = Callback::new(move |(name, report): (String, ParsedReport)| {
        imported.set(Some(Arc::new(Analysis::of(name, report))));
    });
    let on_portal = Callback::new(move |()| imported.set(None));

    view! {
        <PageHeading
            title="Usage"
            intro="Import a usage report: cost by day, product and organization, the rows whose cost doesn't add up, and the month's projection."
        />
        <UsageSource on_read on_portal/>
        {move || analysis().map(|a| view! { <UsageReport analysis=a/> })}
    }
}

#[component]
fn UsageReport(analysis: Arc<Analysis>) -> impl IntoView {
    let a = &*analysis;
    let totals = &a.aggregation.totals;
    let currencies = totals.cost.keys().cloned().collect::<Vec<_>>().join(", ");
    view! {
        <section class="usage-totals" aria-labelledby="usage-totals-heading">
            <h2 id="usage-totals-heading">{format!("Totals of {}", a.source)}</h2>
            <dl>
                <dt>"Total cost"</dt>
                <dd class="usage-total"><Amounts amounts=totals.cost.clone()/></dd>
                <dt>"Currency"</dt>
                <dd>{if currencies.is_empty() { "-".to_owned() } else { currencies }}</dd>
                <dt>"Rows"</dt>
                <dd class="usage-rows">{totals.rows.to_string()}</dd>
                <dt>"Bad rows"</dt>
                <dd>{a.report.bad_rows.len().to_string()}</dd>
                <dt>"Total usage"</dt>
                <dd>{amounts_text(&totals.usage)}</dd>
            </dl>
        </section>
        <UsageProjection projection=a.projection.clone()/>
        <UsageCharts aggregation=a.aggregation.clone()/>
        <UsageReconciliation mismatches=a.mismatches.clone()/>
        <UsageBadRows bad_rows=a.report.bad_rows.clone()/>
    }
}

#[component]
fn UsageProjection(projection: Option<Projection>) -> impl IntoView {
    let body = match projection {
        None => view! { <p>"No usage to project from."</p> }.into_any(),
        Some(p) => {
            let how = if p.complete {
                "The month is over: the projection is its cost.".to_owned()
            } else {
                format!(
                    "Cost so far × days in the month / days elapsed: {} × {} / {}, to the cent.",
                    amounts_texts(&p.cost_so_far).0,
                    p.days_in_month,
                    p.elapsed_days
                )
            };
            view! {
                <dl>
                    <dt>"Month"</dt>
                    <dd>{p.month.to_string()}</dd>
                    <dt>"As of"</dt>
                    <dd>{format_timestamp(p.as_of)}</dd>
                    <dt>"Cost so far"</dt>
                    <dd><Amounts amounts=p.cost_so_far.clone()/></dd>
                    <dt>"Projected total"</dt>
                    <dd class="usage-projected"><Amounts amounts=p.projected_cost.clone()/></dd>
                </dl>
                <p class="usage-rule">{how}</p>
                <p>
                    {format!(
                        "{} of {} days elapsed; {} day{} with usage.",
                        p.elapsed_days,
                        p.days_in_month,
                        p.days_with_data,
                        if p.days_with_data == 1 { "" } else { "s" },
                    )}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <section class="usage-projection" aria-labelledby="usage-projection-heading">
            <h2 id="usage-projection-heading">"Month-end projection"</h2>
            {body}
        </section>
    }
}

/// An organization's bar is named for the organization, or its ID when the report has no name.
fn organization_label(group: &Group) -> String {
    group.name.clone().unwrap_or_else(|| group.key.clone())
}

#[component]
fn UsageCharts(aggregation: Aggregation) -> impl IntoView {
    // One chart draws one currency: the first; a report in several says so.
    let currencies: Vec<String> = aggregation.totals.cost.keys().cloned().collect();
    let currency = currencies.first().cloned()?;
    let others = (currencies.len() > 1).then(|| {
        view! {
            <p>{format!("The charts show {currency}; the totals above list every currency.")}</p>
        }
    });
    let value_heading = format!("Cost ({currency})");
    let (days, max) = cost_points(&aggregation.by_day, &currency, |g| g.key.clone());
    let (products, _) = cost_points(&aggregation.by_product, &currency, |g| g.key.clone());
    let (organizations, _) =
        cost_points(&aggregation.by_organization, &currency, organization_label);
    Some(view! {
        <section class="usage-charts" aria-labelledby="usage-charts-heading">
            <h2 id="usage-charts-heading">"Cost breakdown"</h2>
            {others}
            <DayChart
                title=format!("Cost by day ({currency})")
                value_heading=value_heading.clone()
                points=days
                max
            />
            <BarChart
                title=format!("Cost by product ({currency})")
                label_heading="Product"
                value_heading=value_heading.clone()
                points=products
            />
            <BarChart
                title=format!("Cost by organization ({currency})")
                label_heading="Organization"
                value_heading
                points=organizations
            />
        </section>
    })
}
