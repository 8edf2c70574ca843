//! The rows of an imported report that could not be read, each with its line and reasons.

use leptos::prelude::*;
use portal_core::usage::BadRow;

/// A report may be mostly broken; the first rows say enough.
const SHOWN: usize = 100;

#[component]
pub fn UsageBadRows(bad_rows: Vec<BadRow>) -> impl IntoView {
    (!bad_rows.is_empty()).then(|| {
        let count = bad_rows.len();
        let more = count.saturating_sub(SHOWN);
        view! {
            <section class="usage-bad-rows" aria-labelledby="usage-bad-rows-heading">
                <h2 id="usage-bad-rows-heading">"Bad rows"</h2>
                <p>{format!("{count} row{} could not be read and {} skipped.", if count == 1 { "" } else { "s" }, if count == 1 { "was" } else { "were" })}</p>
                <ul>
                    {bad_rows.into_iter().take(SHOWN).map(|row| view! { <li>{row.to_string()}</li> }).collect_view()}
                </ul>
                {(more > 0).then(|| view! { <p>{format!("… and {more} more.")}</p> })}
            </section>
        }
    })
}
