//! The enterprise's consumption query (seed 000, "Get usage for the current month" and "Get usage
//! for a specific time range"): dates, organizations, products and resources in; the total, the
//! credits and the breakdown out, or every violation of the query with its ID.

use std::collections::BTreeSet;

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::time::{end_of_day, format_day, format_timestamp, midnight, parse_day};
use portal_core::usage::{
    ConsumptionRequest, ConsumptionResponse, Month, OrganizationFilter, ProductFilter, ProductName,
    EARLIEST_MONTH,
};
use rust_decimal::Decimal;

use crate::clock::now;
use crate::features::billing::response::ErrorList;
use crate::portal::use_portal;
use crate::ui::check::{membership, CheckBox};
use crate::ui::field::TextField;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::money::Money;
use crate::ui::request::{answer, Submission};
use crate::ui::table::DataTable;

/// A date field's value as an instant of the query: its day's start, or with `end` the day's end
/// (the next midnight); an empty field is left out.
fn instant_of(text: &str, end: bool) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // A date the browser did not give as YYYY-MM-DD goes as typed, so the backend names it.
    let instant = parse_day(text)
        .map(|day| format_timestamp(if end { end_of_day(day) } else { midnight(day) }))
        .unwrap_or_else(|| text.to_owned());
    Some(instant)
}

/// The request. "To" is inclusive, so the query ends at midnight after it. Products or resources
/// without a chosen organization apply to every organization, and resources without a chosen
/// product to every product, since the API filters them per organization and product.
fn query(
    from: &str,
    to: &str,
    chosen_orgs: &BTreeSet<String>,
    all_orgs: Vec<String>,
    chosen_products: &BTreeSet<ProductName>,
    resources: &str,
) -> ConsumptionRequest {
    let resource_ids: Vec<String> = resources
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    let products: Vec<ProductName> = if chosen_products.is_empty() && !resource_ids.is_empty() {
        ProductName::ALL.to_vec()
    } else {
        chosen_products.iter().copied().collect()
    };
    let orgs: Vec<String> = if chosen_orgs.is_empty() && !products.is_empty() {
        all_orgs
    } else {
        chosen_orgs.iter().cloned().collect()
    };
    let filters = |org_id: String| OrganizationFilter {
        org_id,
        products: (!products.is_empty()).then(|| {
            products
                .iter()
                .map(|p| ProductFilter {
                    product_name: p.as_str().to_owned(),
                    resource_ids: (!resource_ids.is_empty()).then(|| resource_ids.clone()),
                })
                .collect()
        }),
    };
    ConsumptionRequest {
        from_date: instant_of(from, false),
        to_date: instant_of(to, true),
        organizations: (!orgs.is_empty()).then(|| orgs.into_iter().map(filters).collect()),
    }
}

#[component]
pub fn BillingConsumption() -> impl IntoView {
    let portal = use_portal();
    let today = now().date_naive();
    let from = RwSignal::new(Month::of(today).first_day().to_string());
    let to = RwSignal::new(today.to_string());
    let chosen_orgs = RwSignal::new(BTreeSet::<String>::new());
    let chosen_products = RwSignal::new(BTreeSet::<ProductName>::new());
    let resources = RwSignal::new(String::new());
    let submission = Submission::default();
    let busy = submission.busy;
    let result = RwSignal::new(None::<ConsumptionResponse>);
    let organizations = Memo::new(move |_| {
        portal
            .state()
            .map(|state| {
                state
                    .organizations
                    .values()
                    .map(|org| (org.id.clone(), org.name.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let allowed = portal.allows(
        Scope::Enterprise,
        Method::Post,
        "/v2/enterprises/consumption",
    );
    let run = move || {
        let all: Vec<String> = organizations
            .get_untracked()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let body = serde_json::to_value(query(
            &from.get_untracked(),
            &to.get_untracked(),
            &chosen_orgs.get_untracked(),
            all,
            &chosen_products.get_untracked(),
            &resources.get_untracked(),
        ))
        .ok();
        result.set(None);
        let asked = async move {
            let response = portal
                .request(
                    &Scope::Enterprise,
                    Method::Post,
                    "/v2/enterprises/consumption",
                    body,
                )
                .await;
            answer::<ConsumptionResponse>(&response)
        };
        submission.run(asked, move |answer| result.set(Some(answer)));
    };
    let first_day = format_day(EARLIEST_MONTH.start());
    view! {
        <section class="billing-consumption" aria-labelledby="consumption-heading">
            <h2 id="consumption-heading">"Consumption"</h2>
            <form class="stacked" on:submit=|ev| ev.prevent_default()>
                <div class="billing-dates">
                    <TextField label="From" kind="date" name="from" min=first_day.clone() value=from/>
                    <TextField label="To" kind="date" name="to" min=first_day value=to/>
                </div>
                <p class="field-note">
                    "At most 31 days, from November 2024 on; leave both empty for the current month so far."
                </p>
                <fieldset>
                    <legend>"Organizations (none chosen: all)"</legend>
                    {move || organizations.get().into_iter().map(|(id, name)| {
                        let (checked, on_toggle) = membership(chosen_orgs, id.clone());
                        view! { <CheckBox name="organization" value=id checked on_toggle>{name}</CheckBox> }
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>"Products (none chosen: all)"</legend>
                    {ProductName::ALL.into_iter().map(|product| {
                        let (checked, on_toggle) = membership(chosen_products, product);
                        view! {
                            <CheckBox name="product" value=product.as_str() checked on_toggle>
                                {product.as_str()}
                            </CheckBox>
                        }
                    }).collect_view()}
                </fieldset>
                <TextField label="Resource IDs (optional, separated by commas)" name="resources" autocomplete="off" value=resources/>
                <div class="actions">
                    <GuardedButton label="Get Usage" class="primary" allowed busy on_click=run/>
                </div>
            </form>
            <ErrorList title="The query was refused:" refusal=submission.refusal/>
            {move || result.get().map(|answer| view! { <ConsumptionResult answer/> })}
        </section>
    }
}

/// The answer: its totals and credits, then the cost per organization, product and resource.
#[component]
fn ConsumptionResult(answer: ConsumptionResponse) -> impl IntoView {
    let credits = answer.credits_info;
    let currency = answer.currency_type.clone();
    let products: Vec<(String, String, Decimal)> = answer
        .organizations
        .iter()
        .flat_map(|org| {
            org.products
                .iter()
                .map(|p| (org.org_name.clone(), p.product_name.clone(), p.total_cost))
        })
        .collect();
    let resources: Vec<([String; 4], Decimal)> = answer
        .organizations
        .iter()
        .flat_map(|org| {
            org.products.iter().flat_map(move |p| {
                p.resources.iter().map(move |r| {
                    (
                        [
                            org.org_name.clone(),
                            p.product_name.clone(),
                            r.resource_name.clone(),
                            r.resource_id.clone(),
                        ],
                        r.total_cost,
                    )
                })
            })
        })
        .collect();
    let priced = currency.clone();
    let cost = move |amount: Decimal| view! { <td><Money amount currency=priced.clone()/></td> };
    let by_organization = answer
        .organizations
        .into_iter()
        .map(|org| view! { <tr><td>{org.org_name}</td>{cost(org.total_cost)}</tr> })
        .collect_view();
    let by_product = products
        .into_iter()
        .map(|(org, product, amount)| view! { <tr><td>{org}</td><td>{product}</td>{cost(amount)}</tr> })
        .collect_view();
    let by_resource = resources
        .into_iter()
        .map(|(cells, amount)| {
            view! {
                <tr>
                    {cells.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}
                    {cost(amount)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="billing-result" role="status">
            <dl class="billing-totals">
                <dt>"Period"</dt>
                <dd>{format!("{} to {}", format_timestamp(answer.from_date), format_timestamp(answer.to_date))}</dd>
                <dt>"Total cost"</dt>
                <dd class="total-cost"><Money amount=answer.total_cost currency=currency.clone()/></dd>
                <dt>"Currency"</dt>
                <dd>{answer.currency_type}</dd>
                <dt>{format!("Credits ({})", credits.credit_type)}</dt>
                <dd>
                    <Money amount=credits.total currency=currency.clone()/>" total, "
                    <Money amount=credits.consumed currency=currency.clone()/>" consumed, "
                    <Money amount=credits.remaining currency=currency.clone()/>" remaining"
                </dd>
            </dl>
            <DataTable class="data billing-table" caption="Cost per organization" columns=["Organization", "Total cost"]>
                {by_organization}
            </DataTable>
            <DataTable class="data billing-table" caption="Cost per product" columns=["Organization", "Product", "Total cost"]>
                {by_product}
            </DataTable>
            <DataTable
                class="data billing-table"
                caption="Cost per resource"
                columns=["Organization", "Product", "Resource", "Resource ID", "Total cost"]
            >
                {by_resource}
            </DataTable>
        </div>
    }
}
