//! The organization's customer keys as stored: provider, region, the key's identifier in the
//! provider's KMS, and when and by whom each was added.

use leptos::prelude::*;
use portal_core::model::CustomerKey;
use portal_core::time::{format_second, format_timestamp};

use crate::ui::table::DataTable;

#[component]
pub fn KeyTable(#[prop(into)] keys: Signal<Vec<CustomerKey>>) -> impl IntoView {
    move || {
        let keys = keys.get();
        if keys.is_empty() {
            return view! {
                <p class="customer-keys-empty">"No customer keys yet: databases are encrypted with the keys Astra DB manages."</p>
            }
            .into_any();
        }
        view! {
            <DataTable class="data customer-keys" columns=["Provider", "Region", "Key ID", "Added", "Added by"]>
                {keys.into_iter().map(|key| view! {
                    <tr>
                        <td>{key.provider.label()}</td>
                        <td>{key.region}</td>
                        <td class="key-id">{key.key_id}</td>
                        <td><time datetime=format_timestamp(key.added_at)>{format_second(key.added_at)}</time></td>
                        <td>{key.added_by}</td>
                    </tr>
                }).collect_view()}
            </DataTable>
        }
        .into_any()
    }
}
