use leptos::prelude::*;

/// The top of every page: where it is (enterprise or organization settings), its title, and
/// one sentence on what it is for.
#[component]
pub fn PageHeading(
    #[prop(optional)] context: &'static str,
    title: &'static str,
    intro: &'static str,
) -> impl IntoView {
    view! {
        <div class="page-heading">
            {(!context.is_empty()).then(|| view! { <p class="page-context">{context}</p> })}
            <h1 tabindex="-1">{title}</h1>
            <p class="page-intro">{intro}</p>
        </div>
    }
}
