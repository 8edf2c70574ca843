use leptos::prelude::*;

/// What the last action said: an error (announced at once) or a confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Error(String),
    Done(String),
}

/// Shows the notice, if any, as text (never HTML: messages quote what users typed).
#[component]
pub fn NoticeLine(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    move || {
        notice.get().map(|n| match n {
            Notice::Error(text) => {
                view! { <p class="notice error" role="alert">{text}</p> }.into_any()
            }
            Notice::Done(text) => {
                view! { <p class="notice done" role="status">{text}</p> }.into_any()
            }
        })
    }
}
