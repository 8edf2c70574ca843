//! What the billing forms show of a refusal, every entry with its ID (a payment method's removal
//! blockers, a consumption query's violations).

use leptos::prelude::*;

use portal_core::api::ApiError;

/// A refusal as an announced list, each entry with its ID, so that none is hidden behind the
/// first.
#[component]
pub fn ErrorList(
    /// What the list is about ("The payment method can't be removed").
    title: &'static str,
    /// A submission's refusal, or the core's answer for a request not sent yet.
    #[prop(into)]
    refusal: Signal<Option<ApiError>>,
) -> impl IntoView {
    move || {
        refusal.get().map(|refused| {
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
