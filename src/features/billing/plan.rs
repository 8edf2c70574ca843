//! The organization's plan (seed 001: "In Billing & Payments, you will see your plan and payment
//! method, along with when the plan was created. You can select Manage to change your plan."):
//! Free, Pay As You Go, or Annual with its committed monthly minimum. The core refuses what a
//! plan needs first (a payment method, no premium features), and the dialog shows every reason.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::pricing::billing::{OrganizationBilling, PlanKind};
use portal_core::pricing::credits::{plan_credit, MonthlyCredit, PlanCredit};
use portal_core::pricing::invoice::{CreditBalance, Invoice};
use portal_core::pricing::plan_change::name;
use portal_core::pricing::PriceBook;
use portal_core::time::format_day;
use serde_json::json;

use crate::clock::now;
use crate::features::billing::response::ErrorList;
use crate::portal::use_portal;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::{SelectField, TextField};
use crate::ui::guarded_button::GuardedButton;
use crate::ui::money::Money;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{close_and_tell, Submission};

const TARGET: &str = "/v2/organizations/billing/plan";

/// The choices as the API names them, with the portal's words.
const CHOICES: [(&str, &str); 3] = [
    ("free", "Free"),
    ("pay_as_you_go", "Pay As You Go"),
    ("annual", "Annual"),
];

#[component]
pub fn BillingPlan(
    #[prop(into)] org: Signal<String>,
    #[prop(into)] billing: Signal<Option<OrganizationBilling>>,
    /// The month under way, priced.
    #[prop(into)]
    current: Signal<Option<Invoice>>,
) -> impl IntoView {
    let portal = use_portal();
    let allowed = Signal::derive(move || {
        portal.permits(
            &Scope::Organization(org.get()),
            Method::Put,
            TARGET,
            &json!({}),
        )
    });
    let managing = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let (plan, minimum, discount) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let submission = Submission::default();
    let fill = move || {
        let current = billing.get_untracked();
        let terms = current.as_ref().and_then(|b| b.annual.clone());
        plan.set(
            match current.map(|b| b.plan) {
                Some(PlanKind::PayAsYouGo) => "pay_as_you_go",
                Some(PlanKind::Annual) => "annual",
                _ => "free",
            }
            .to_owned(),
        );
        minimum.set(
            terms
                .as_ref()
                .map(|t| t.committed_monthly_minimum.to_string())
                .unwrap_or_default(),
        );
        discount.set(
            terms
                .and_then(|t| t.discount)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
    };
    let save = move || {
        let chosen = plan.get_untracked();
        let mut body = json!({ "plan": chosen });
        if chosen == "annual" {
            body["committedMonthlyMinimum"] = json!(minimum.get_untracked().trim());
            let discount = discount.get_untracked();
            if !discount.trim().is_empty() {
                body["discount"] = json!(discount.trim());
            }
        }
        let label = CHOICES
            .iter()
            .find(|(value, _)| *value == chosen)
            .map_or("the chosen", |(_, label)| label);
        let done = close_and_tell(managing, notice, format!("The plan is now {label}."));
        let scope = Scope::Organization(org.get_untracked());
        submission.send(scope, Method::Put, TARGET, Some(body), done);
    };
    let annual = Signal::derive(move || plan.get() == "annual");
    let credit = Memo::new(move |_| {
        let month = current.get()?;
        Some(plan_credit(
            PriceBook::shipped(),
            billing.get()?.plan,
            &month,
            now(),
        ))
    });
    view! {
        <section class="billing-plan" aria-labelledby="plan-heading">
            <h2 id="plan-heading">"Plan"</h2>
            {move || billing.get().map(|billing| view! { <PlanSummary billing/> })}
            {move || credit.get().map(|credit| match credit {
                PlanCredit::Monthly(credit) => view! { <CreditSummary credit/> }.into_any(),
                PlanCredit::Granted(balance, currency) => view! { <GrantedCredits balance currency/> }.into_any(),
            })}
            <div class="actions">
                <GuardedButton label="Manage" allowed on_click=move || {
                    notice.set(None);
                    managing.set(true);
                }/>
            </div>
            <NoticeLine notice/>
            <FormDialog title="Manage Plan" open=managing label="Change Plan" allowed submission class="stacked billing-plan-form" on_open=fill on_submit=save>
                <SelectField label="Plan" name="plan" value=plan>
                    {CHOICES.iter().map(|(value, label)| view! {
                        <option value=*value selected=move || plan.get() == *value>{*label}</option>
                    }).collect_view()}
                </SelectField>
                <div hidden=move || !annual.get()>
                    <p class="field-note">"For the annual plan, you are committing to the minimum monthly spend for 12 months; overages are charged at your discounted rate."</p>
                    <TextField label="Committed monthly minimum (USD)" name="minimum" value=minimum placeholder="500"/>
                    <TextField label="Discount (a fraction: 0.15 is 15%; empty for the price book's)" name="discount" value=discount placeholder="0.15"/>
                </div>
                <ErrorList title="The plan can't be changed yet:" refusal=submission.refusal/>
            </FormDialog>
        </section>
    }
}

/// The plan's name, since when, and an Annual plan's terms.
#[component]
fn PlanSummary(billing: OrganizationBilling) -> impl IntoView {
    let since = billing
        .plan_since
        .map(|at| format!(" since {}", format_day(at)))
        .unwrap_or_default();
    view! {
        <p class="plan-name">{name(billing.plan)}{since}</p>
        {billing.annual.map(|terms| view! {
            <p class="plan-terms">
                "Committed monthly minimum: "<Money amount=terms.committed_monthly_minimum currency="USD"/>
                {format!(", billed in arrears at the end of each month until {}", format_day(terms.until))}
                {terms.discount.map(|d| format!(", {}% discount", (d * rust_decimal::Decimal::ONE_HUNDRED).normalize()))}
            </p>
        })}
    }
}

/// Seed 001, "Pay as you go plans": "Any remaining credits are displayed"; "Annual plans": "Your
/// remaining credits display the balance of any unused credits you have".
#[component]
fn GrantedCredits(balance: CreditBalance, currency: String) -> impl IntoView {
    let granted = !balance.available.is_zero();
    view! {
        <p class="plan-credit">
            "Remaining credits: "<Money amount=balance.remaining currency=currency.clone()/>
            {granted.then(|| view! {
                " (this month uses "<Money amount=balance.used currency=currency.clone()/>
                " of "<Money amount=balance.available currency/>")"
            })}
        </p>
    }
}

/// What is left of this month's credit, what the month's usage used, and when it renews.
#[component]
fn CreditSummary(credit: MonthlyCredit) -> impl IntoView {
    let currency = credit.currency.clone();
    view! {
        <p class="plan-credit">
            "Credits: "<Money amount=credit.remaining currency=currency.clone()/>
            " left of this month's "<Money amount=credit.credit currency=currency.clone()/>
            " ("<Money amount=credit.used currency=currency/>" used); renewed on "
            {format_day(credit.renews)}
        </p>
    }
}
