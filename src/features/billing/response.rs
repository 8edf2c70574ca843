//! What the billing forms show of a refusal, every entry with its ID (a payment method's removal
//! blockers, a consumption query's violations), and the CSV files the endpoints answer.

use leptos::prelude::*;
use portal_core::api::{ApiError, Body, Response};

use crate::ui::download::download;
use crate::ui::request::{unusable, Submission};

/// Offers a CSV answer as a download and returns its file name; a refusal gives its entries.
pub fn offer_csv(response: &Response) -> Result<String, ApiError> {
    if let Some(refused) = response.refusal() {
        return Err(refused);
    }
    let failed = |message: String| unusable(response, message);
    match &response.body {
        Body::Csv { filename, text } => download(filename, "text/csv", text)
            .map(|()| filename.clone())
            .map_err(failed),
        _ => Err(failed("the answer is not a CSV file".to_owned())),
    }
}

/// The submission's refusal as an announced list, each entry with its ID, so that none is
/// hidden behind the first.
#[component]
pub fn ErrorList(
    /// What the list is about ("The payment method can't be removed").
    title: &'static str,
    submission: Submission,
) -> impl IntoView {
    move || {
        submission.refusal.get().map(|refused| {
            view! {
                <div class="billing-errors notice error" role="alert">
                    <p>{title}</p>
                    <ul>
                        {refused.errors.into_iter().map(|entry| view! {
                            <li>
                                <code class="error-id">{entry.id}</code>" "
                                <span class="error-message">{entry.message}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
