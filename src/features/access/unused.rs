//! Tokens unused for 90 days (the core's `State::unused_tokens`: last used 90 days ago, or never
//! used and generated 90 days ago), each with Delete: seed 000, "rotate or revoke unused and
//! potentially compromised tokens"; AWS IAM Access Analyzer's "unused access" lists the same.

use leptos::prelude::*;
use portal_core::model::Scope;
use portal_core::time::format_minute;

use crate::clock::now;
use crate::features::tokens::delete::{DeleteTokenButton, DeleteTokenDialog, Doomed};
use crate::portal::use_portal;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::table::DataTable;

/// One unused token: who it is and since when it is idle.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Idle {
    token: Doomed,
    /// "Last used ..." or "Never used; generated ...".
    since: String,
}

#[component]
pub fn UnusedTokens(#[prop(into)] org: Signal<String>) -> impl IntoView {
    let portal = use_portal();
    let scope = Signal::derive(move || Scope::Organization(org.get()));
    let deleting = RwSignal::new(None::<Doomed>);
    let open = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let idle = Memo::new(move |_| {
        let Some(state) = portal.state() else {
            return Vec::new();
        };
        state
            .unused_tokens(&scope.get(), now())
            .into_iter()
            .map(|token| Idle {
                token: Doomed {
                    client_id: token.client_id.clone(),
                    description: token.description.clone(),
                },
                since: match token.last_used {
                    Some(used) => format!("Last used {}", format_minute(used)),
                    None => format!(
                        "Never used; generated {}",
                        format_minute(token.generated_on)
                    ),
                },
            })
            .collect::<Vec<_>>()
    });
    view! {
        <NoticeLine notice/>
        {move || {
            let rows = idle.get();
            if rows.is_empty() {
                return view! { <p class="access-unused-none">"No token of this organization has gone unused for 90 days."</p> }.into_any();
            }
            view! {
                <DataTable class="data access-unused" columns=["Client ID", "Description", "Unused since", "Actions"]>
                    {rows.into_iter().map(|row| {
                        let Idle { token, since } = row;
                        let key = token.client_id.clone();
                        view! {
                            <tr data-client-id=key>
                                <th scope="row"><code>{token.client_id.clone()}</code></th>
                                <td>{token.description.clone()}</td>
                                <td>{since}</td>
                                <td><DeleteTokenButton token scope deleting open/></td>
                            </tr>
                        }
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }}
        <DeleteTokenDialog deleting open notice scope/>
    }
}
