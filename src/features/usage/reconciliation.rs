//! The rows whose CALCULATED_COST is not USAGE × UNIT_PRICE (the core's tolerance rule), as the
//! `portal usage` command lists them.

use leptos::prelude::*;
use portal_core::usage::reconcile::MIN_COMPARE_SCALE;
use portal_core::usage::Mismatch;

use crate::ui::table::DataTable;

/// Where a row is: its CSV line, or its position when it did not come from a file.
fn place(m: &Mismatch) -> String {
    match m.line {
        Some(line) => format!("line {line}"),
        None => format!("row {}", m.index + 1),
    }
}

#[component]
pub fn UsageReconciliation(mismatches: Vec<Mismatch>) -> impl IntoView {
    let rule = format!(
        "CALCULATED_COST must equal USAGE × UNIT_PRICE within one unit of CALCULATED_COST's last \
         decimal place (at least {MIN_COMPARE_SCALE} places)."
    );
    let body = if mismatches.is_empty() {
        view! { <p class="usage-reconciled">"Every row's cost adds up."</p> }.into_any()
    } else {
        let count = mismatches.len();
        view! {
            <p>{format!("{count} row{} do{} not add up.", if count == 1 { "" } else { "s" }, if count == 1 { "es" } else { "" })}</p>
            <DataTable class="usage-mismatches" columns=["Line", "Resource", "Usage type", "USAGE × UNIT_PRICE", "CALCULATED_COST", "Difference"]>
                    {mismatches
                        .into_iter()
                        .map(|m| {
                            let expected = match m.difference.expected_cost {
                                Some(e) => format!("{} × {} = {e}", m.usage, m.unit_price),
                                None => format!("{} × {}: too large to compute", m.usage, m.unit_price),
                            };
                            let difference = m
                                .difference
                                .difference
                                .map(|d| format!("{d} {}", m.currency_type))
                                .unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row">{place(&m)}</th>
                                    <td>{m.resource_id.clone()}</td>
                                    <td>{m.usage_type.clone()}</td>
                                    <td class="amount">{expected}</td>
                                    <td class="amount">{format!("{} {}", m.calculated_cost, m.currency_type)}</td>
                                    <td class="amount">{difference}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="usage-reconciliation" aria-labelledby="usage-reconciliation-heading">
            <h2 id="usage-reconciliation-heading">"Cost reconciliation"</h2>
            <p class="usage-rule">{rule}</p>
            {body}
        </section>
    }
}
