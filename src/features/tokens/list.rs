//! "Manage existing tokens" (seed 000, "Get a list of enterprise tokens", "Revoke enterprise
//! tokens"): the scope's tokens without their secrets, when each expires and was last used, a
//! filter, pages of 50, and Delete.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::{ApplicationToken, Scope, State};
use portal_core::rbac::overbroad::overbroad_reasons;
use portal_core::time::format_minute;
use serde_json::Value;

use crate::clock::now;
use crate::features::tokens::delete::{DeleteTokenButton, DeleteTokenDialog, Doomed};
use crate::features::tokens::lifetime::{ExpiryCell, Lifetime};
use crate::features::users::scope::role_names;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::pager::{positions, PagedFilter, Pager, Paging};
use crate::ui::table::DataTable;

/// One token as the filter reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    client_id: String,
    description: String,
    roles: Vec<String>,
}

impl Row {
    fn of(state: &State, token: &ApplicationToken) -> Row {
        Row {
            client_id: token.client_id.clone(),
            description: token.description.clone(),
            roles: role_names(state, &token.scope, &token.roles),
        }
    }

    fn matches(&self, filter: &str) -> bool {
        [&self.client_id, &self.description]
            .into_iter()
            .chain(&self.roles)
            .any(|text| text.to_lowercase().contains(filter))
    }
}

/// What a row shows beyond what the filter reads: drawn for the page's rows only, since a scope
/// may hold 10,000 tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Details {
    generated_on: String,
    lifetime: Lifetime,
    /// Why the token holds far more than an application needs (the core's rule), if it does.
    overbroad: Vec<String>,
}

impl Details {
    fn of(state: &State, token: &ApplicationToken, now: DateTime<Utc>) -> Details {
        let overbroad = token
            .scope
            .organization()
            .map(|org| overbroad_reasons(&state.resolve_roles(&token.scope, &token.roles), org))
            .unwrap_or_default();
        Details {
            generated_on: format_minute(token.generated_on),
            lifetime: Lifetime::of(token, now),
            overbroad,
        }
    }
}

/// The tokens of `scope`, newest first: the one just generated heads the first page.
fn rows(state: &State, scope: &Scope) -> Vec<Row> {
    let mut tokens: Vec<&ApplicationToken> = state
        .tokens
        .values()
        .filter(|t| &t.scope == scope)
        .collect();
    tokens.sort_by(|a, b| (b.generated_on, &b.client_id).cmp(&(a.generated_on, &a.client_id)));
    tokens
        .into_iter()
        .map(|token| Row::of(state, token))
        .collect()
}

#[component]
pub fn TokenList() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    // A memo, so that the table (its filter, page and notice) is rebuilt only when the answer
    // changes, not after every change of the state.
    let readable =
        Memo::new(move |_| portal.permits(&scope.get(), Method::Get, "/v2/tokens", &Value::Null));
    view! {
        <section class="token-list" aria-labelledby="manage-tokens-heading">
            <h2 id="manage-tokens-heading">"Manage existing tokens"</h2>
            {move || match readable.get() {
                Ok(()) => view! { <TokenTable/> }.into_any(),
                Err(why) => view! { <p class="notice">{format!("These tokens are hidden: {why}")}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TokenTable() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let filter = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<Notice>);
    let deleting = RwSignal::new(None::<Doomed>);
    let open = RwSignal::new(false);
    let all = Memo::new(move |_| {
        portal
            .state()
            .map(|state| rows(&state, &scope.get()))
            .unwrap_or_default()
    });
    let shown = Memo::new(move |_| {
        let filter = filter.get().trim().to_lowercase();
        all.with(|rows| positions(rows, |row| row.matches(&filter)))
    });
    let paging = Paging::new(move || shown.with(Vec::len));
    // The page's rows with what they show, drawn at the time the state last changed (an expiry's
    // flag is a day-scale warning). A change that leaves them as they were leaves the table, and
    // the focus in it, as it is.
    let page = Memo::new(move |_| {
        let (state, now) = (portal.state(), now());
        let page_rows = all.with(|rows| shown.with(|shown| paging.page_at(rows, shown)));
        page_rows
            .into_iter()
            .filter_map(|row| {
                let state = state.as_deref()?;
                let details = Details::of(state, state.tokens.get(&row.client_id)?, now);
                Some((row, details))
            })
            .collect::<Vec<_>>()
    });
    view! {
        <PagedFilter class="token-filter" placeholder="Client ID, description or role" value=filter paging/>
        <NoticeLine notice/>
        {move || {
            if shown.with(Vec::is_empty) {
                let text = if all.with(Vec::is_empty) { "There are no tokens yet." } else { "No token matches the filter." };
                return view! { <p class="token-empty">{text}</p> }.into_any();
            }
            // Read here, where it is tracked: the table's children are drawn inside it.
            let rows = page.get();
            view! {
                <DataTable class="data tokens" columns=["Client ID", "Description", "Roles", "Generated on", "Expires", "Last used", "Actions"]>
                        {rows.into_iter().map(|(row, details)| {
                            let token = Doomed {
                                client_id: row.client_id.clone(),
                                description: row.description.clone(),
                            };
                            let key = row.client_id.clone();
                            view! {
                                <tr data-client-id=key>
                                    <th scope="row"><code>{row.client_id}</code></th>
                                    <td>{row.description}</td>
                                    <td>
                                        {row.roles.join(", ")}
                                        {(!details.overbroad.is_empty()).then(|| view! {
                                            <span class="badge token-warning">
                                                {format!("Far more than an application needs: {}", details.overbroad.join("; "))}
                                            </span>
                                        })}
                                    </td>
                                    <td>{details.generated_on}</td>
                                    <ExpiryCell lifetime=details.lifetime.clone()/>
                                    <td class="token-last-used">{details.lifetime.last_used}</td>
                                    <td><DeleteTokenButton token scope deleting open/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
            }.into_any()
        }}
        <Pager paging label="Pages of tokens"/>
        <DeleteTokenDialog deleting open notice scope/>
    }
}
