//! The enterprise's Overview page (seed 000, "Enterprise organizations", "Create an
//! organization", "Delete an organization", "Enterprise billing and usage"): its organizations,
//! and a summary of this month's usage and the enterprise credits.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use leptos::html;
use leptos::prelude::*;
use leptos::tachys::html::attribute::elementtiming;
use leptos_router::components::A;
use portal_core::api::visibility::{visible_organizations, Visibility};
use portal_core::api::{Actor, ApiError, ErrorId, Method};
use portal_core::model::{Organization, Record, Scope, State};
use portal_core::time::format_day;
use portal_core::usage::consumption::credits_info;
use portal_core::usage::{aggregate, project_month, Month, Period, UsageRecord};
use rust_decimal::Decimal;
use serde_json::Value;

use super::CONTEXT;
use crate::clock::now;
use crate::features::organizations::delete::DeleteOrganizationDialog;
use crate::features::organizations::form::OrganizationForm;
use crate::portal::{use_portal, Allowed, Portal};
use crate::scope::{use_scope, SettingsScope};
use crate::ui::guarded_button::GuardedButton;
use crate::ui::menu::close_on_escape;
use crate::ui::money::{Amounts, Money};
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::page_heading::PageHeading;
use crate::ui::table::DataTable;

/// The organization the Delete dialog is about.
#[derive(Clone, PartialEq)]
struct Doomed {
    id: String,
    name: String,
}

#[component]
pub fn Overview() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    // Those the acting principal's enterprise roles name in their scope (seed 000: "the resource
    // scope determines the organizations that the role can view at the enterprise level"), as
    // GET /v2/enterprises/organizations lists them; the list's refusal when it may view none.
    let listing = portal.allows(
        Scope::Enterprise,
        Method::Get,
        "/v2/enterprises/organizations",
    );
    let organizations = move || {
        let (Some(state), Some(actor)) = (portal.state(), portal.actor(&Scope::Enterprise)) else {
            return Vec::new();
        };
        visible_organizations(&state, &actor)
            .into_iter()
            .cloned()
            .collect::<Vec<Organization>>()
    };
    let may_create = portal.allows(scope, Method::Post, "/v2/enterprises/organizations");
    let notice = RwSignal::new(None::<Notice>);
    let creating = RwSignal::new(false);
    let doomed = RwSignal::new(None::<Doomed>);
    let deleting = RwSignal::new(false);
    let deleted = Callback::new(move |name: String| {
        notice.set(Some(Notice::Done(format!("Deleted organization {name}."))));
    });
    let may_delete_doomed = Signal::derive(move || match doomed.get() {
        Some(org) => may_delete(portal, &org.id),
        None => Err(ApiError::new(
            ErrorId::InvalidField,
            "choose an organization to delete",
        )),
    });
    view! {
        <PageHeading
            context=CONTEXT
            title="Overview"
            intro="The organizations in your enterprise, and a summary of enterprise-wide usage and credits."
        />
        <section aria-labelledby="organizations-heading">
            <h2 id="organizations-heading">"Organizations"</h2>
            <div class="actions">
                <GuardedButton label="Create Organization" class="primary" allowed=may_create on_click=move || creating.set(true)/>
            </div>
            <NoticeLine notice/>
            {move || listing.get().err().map(|why| view! {
                <p class="notice error organizations-hidden" role="status">
                    {format!("The organizations are hidden: {why}")}
                </p>
            })}
            <DataTable class="data organizations" attr:hidden=move || listing.get().is_err() columns=["Name", "ID", "Email", "Created", "Actions"]>
                    <For each=organizations key=|o| (o.id.clone(), o.name.clone(), o.email.clone()) let(org)>
                        <OrganizationRow org on_delete=move |chosen| {
                            doomed.set(Some(chosen));
                            deleting.set(true);
                        }/>
                    </For>
                </DataTable>
        </section>
        <UsageSummary/>
        <OrganizationForm open=creating allowed=may_create done=notice/>
        <DeleteOrganizationDialog
            open=deleting
            name=Signal::derive(move || doomed.get().map(|d| d.name).unwrap_or_default())
            scope=Signal::derive(move || scope.get())
            target=Signal::derive(move || {
                let id = doomed.get().map(|d| d.id).unwrap_or_default();
                format!("/v2/enterprises/organizations/{id}")
            })
            allowed=may_delete_doomed
            on_deleted=deleted
        />
    }
}

/// Seed 000, "Delete an organization": the core decides, as it will for the request.
fn may_delete(portal: Portal, org_id: &str) -> Allowed {
    portal.permits(
        &Scope::Enterprise,
        Method::Delete,
        &format!("/v2/enterprises/organizations/{org_id}"),
        &Value::Null,
    )
}

#[component]
fn OrganizationRow(
    org: Organization,
    on_delete: impl Fn(Doomed) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let portal = use_portal();
    let menu = NodeRef::<html::Details>::new();
    let chosen = Doomed {
        id: org.id.clone(),
        name: org.name.clone(),
    };
    let allowed = {
        let chosen = chosen.clone();
        Signal::derive(move || may_delete(portal, &chosen.id))
    };
    let delete = move || {
        if let Some(details) = menu.get_untracked() {
            details.set_open(false);
        }
        on_delete(chosen.clone());
    };
    let href = SettingsScope::Organization(org.id.clone()).href("general");
    let more = format!("More actions for {}", org.name);
    let delete_name = format!("Delete {}", org.name);
    view! {
        <tr data-org-id=org.id.clone()>
            // The browser records when this cell's text is first painted (Element Timing), which
            // scripts/bench-browser reads as the moment the Overview shows its organizations.
            <th scope="row" {..elementtiming("organization-name")}>
                <A href=href>{org.name}</A>
            </th>
            <td><code>{org.id.clone()}</code></td>
            <td>{org.email.clone()}</td>
            <td>{format_day(org.created_at)}</td>
            <td>
                <details class="org-more" node_ref=menu on:keydown=close_on_escape>
                    <summary aria-label=more>"More"</summary>
                    <div class="menu">
                        <GuardedButton label="Delete" aria_label=delete_name class="danger" allowed on_click=delete/>
                    </div>
                </details>
            </td>
        </tr>
    }
}

/// One line of the usage table: an organization (or the total) and its cost so far.
struct CostLine {
    name: String,
    cost: BTreeMap<String, Decimal>,
}

/// This month's usage and the enterprise credits, as the consumption query reports them.
struct Summary {
    month: Month,
    lines: Vec<CostLine>,
    total: BTreeMap<String, Decimal>,
    projected: Option<BTreeMap<String, Decimal>>,
    credit_type: String,
    currency: String,
    credits_total: Decimal,
    consumed: Decimal,
    remaining: Decimal,
}

/// The summary of the usage rows `actor` may read: those of the organizations that its roles with
/// ent-billing-read name, as the consumption query answers it (`api::visibility`).
fn summarize(state: &State, actor: &Actor, now: DateTime<Utc>) -> Summary {
    let visibility = Visibility::of(state, actor);
    let records: Vec<UsageRecord> = state
        .usage
        .values()
        .filter(|row| visibility.may_read(&Record::Usage((*row).clone())))
        .map(|row| row.record.clone())
        .collect();
    let month = Month::of_instant(now);
    let so_far = Period {
        start: month.start(),
        end: now,
    };
    let this_month: Vec<UsageRecord> = records
        .iter()
        .filter(|r| so_far.includes(r))
        .cloned()
        .collect();
    let aggregation = aggregate(&this_month);
    // Deleted organizations keep their usage rows (history), under the name they had.
    let mut lines: Vec<CostLine> = aggregation
        .by_organization
        .iter()
        .map(|group| CostLine {
            name: state
                .organizations
                .get(&group.key)
                .map(|o| o.name.clone())
                .or_else(|| group.name.clone())
                .unwrap_or_else(|| group.key.clone()),
            cost: group.totals.cost.clone(),
        })
        .collect();
    lines.sort_by(|a, b| a.name.cmp(&b.name));
    let currency = aggregation
        .totals
        .cost
        .keys()
        .next()
        .cloned()
        .unwrap_or_else(|| "USD".to_owned());
    let credits = credits_info(&records, &state.credits, &currency, now);
    Summary {
        month,
        lines,
        total: aggregation.totals.cost.clone(),
        projected: project_month(&records, month, now).map(|p| p.projected_cost),
        credit_type: credits.credit_type,
        currency,
        credits_total: credits.total,
        consumed: credits.consumed,
        remaining: credits.remaining,
    }
}

#[component]
fn UsageSummary() -> impl IntoView {
    let portal = use_portal();
    // The consumption query's answer for the acting principal: the summary is what it reports.
    let readable = portal.allows(
        Scope::Enterprise,
        Method::Post,
        "/v2/enterprises/consumption",
    );
    move || {
        if let Err(why) = readable.get() {
            return Some(
                view! {
                    <section aria-labelledby="usage-heading" class="usage-summary">
                        <h2 id="usage-heading">"Usage and credits"</h2>
                        <p class="notice error usage-hidden" role="status">
                            {format!("The enterprise's usage and credits are hidden: {why}")}
                        </p>
                    </section>
                }
                .into_any(),
            );
        }
        let state = portal.state()?;
        let actor = portal.actor(&Scope::Enterprise)?;
        Some({
            let s = summarize(&state, &actor, now());
            let month = format!("{}-{:02}", s.month.year(), s.month.month());
            view! {
                <section aria-labelledby="usage-heading" class="usage-summary">
                    <h2 id="usage-heading">"Usage and credits"</h2>
                    <p class="org-hint">
                        {format!("Costs of {month} so far, from the usage reports. Details are on each organization's Billing page.")}
                    </p>
                    <table class="data usage">
                        <thead>
                            <tr><th scope="col">"Organization"</th><th scope="col">"Cost this month so far"</th></tr>
                        </thead>
                        <tbody>
                            {s.lines.into_iter().map(|line| view! {
                                <tr><th scope="row">{line.name}</th><td><Amounts amounts=line.cost/></td></tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr><th scope="row">"Total"</th><td class="usage-total"><Amounts amounts=s.total/></td></tr>
                            {s.projected.map(|p| view! {
                                <tr><th scope="row">"Projected for the month"</th><td><Amounts amounts=p/></td></tr>
                            })}
                        </tfoot>
                    </table>
                    <h3>"Credits"</h3>
                    <dl class="org-facts credits">
                        <dt>"Type"</dt><dd>{s.credit_type}</dd>
                        <dt>"Total"</dt><dd class="credits-total"><Money amount=s.credits_total currency=s.currency.clone()/></dd>
                        <dt>"Consumed"</dt><dd class="credits-consumed"><Money amount=s.consumed currency=s.currency.clone()/></dd>
                        <dt>"Remaining"</dt><dd class="credits-remaining"><Money amount=s.remaining currency=s.currency/></dd>
                    </dl>
                </section>
            }
            .into_any()
        })
    }
}
