//! What the billing forms show of a refusal, every entry with its ID (a payment method's removal
//! blockers, a consumption query's violations).

use leptos::prelude::*;

use crate::ui::request::Submission;

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
