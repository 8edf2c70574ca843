//! The email outbox, like a mail catcher: the emails the acting principal may read, newest first,
//! read through the backend (`GET /v2/portal/emails`) so that the core decides which.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use portal_core::api::{ApiError, Method};
use portal_core::model::mail::Delivery;
use portal_core::model::{Email, Scope};
use portal_core::time::{format_minute, format_timestamp};
use serde::Deserialize;

use crate::portal::use_portal;
use crate::ui::pager::{Pager, Paging};
use crate::ui::request::answer;

#[derive(Clone, Deserialize)]
struct Listed {
    #[serde(flatten)]
    email: Email,
    link: Option<String>,
}

#[derive(Deserialize)]
struct Outbox {
    emails: Vec<Listed>,
}

/// Where an email is on its way out, as a person says it.
fn delivery_text(delivery: &Delivery) -> String {
    match delivery {
        Delivery::Outbox => "In the outbox (no mail server sends it)".to_owned(),
        Delivery::Sending { at } => format!("Sending since {}", format_minute(*at)),
        Delivery::Sent { at } => format!("Sent {}", format_minute(*at)),
        Delivery::Failed { at, reason } => {
            format!("Not sent ({}): {reason}", format_minute(*at))
        }
    }
}

#[component]
pub fn EmailOutbox(#[prop(into)] scope: Signal<Scope>) -> impl IntoView {
    let portal = use_portal();
    let outbox = RwSignal::new(None::<Result<Vec<Listed>, ApiError>>);
    // A slower, older answer must not replace a newer one.
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let scope = scope.get();
        // Asked again after every change, and when someone else signs in.
        portal.state();
        portal.principal();
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        spawn_local(async move {
            let response = portal
                .request(&scope, Method::Get, "/v2/portal/emails", None)
                .await;
            if asked.try_get_value() == Some(this) {
                outbox.try_set(Some(answer::<Outbox>(&response).map(|o| o.emails)));
            }
        });
    });
    let count =
        move || outbox.with(|o| o.as_ref().and_then(|o| o.as_ref().ok()).map_or(0, Vec::len));
    let paging = Paging::new(count);

    let list = move || {
        match outbox.get() {
        None => view! { <p role="status">"Reading the outbox..."</p> }.into_any(),
        Some(Err(refusal)) => {
            view! { <p class="notice error" role="alert">{refusal.to_string()}</p> }.into_any()
        }
        Some(Ok(emails)) if emails.is_empty() => view! {
            <p class="outbox-empty" role="status">"No emails: invitations and notices you may read appear here."</p>
        }
        .into_any(),
        Some(Ok(emails)) => view! {
            <ul class="outbox">
                {paging.page_of(&emails).into_iter().map(|listed| view! { <EmailItem listed/> }).collect_view()}
            </ul>
            <Pager paging label="Emails"/>
        }
        .into_any(),
    }
    };
    view! { <div aria-live="polite">{list}</div> }
}

#[component]
fn EmailItem(listed: Listed) -> impl IntoView {
    let Listed { email, link } = listed;
    let heading = format!("email-{}", email.id);
    let labelled_by = heading.clone();
    view! {
        <li class="email">
            <article aria-labelledby=labelled_by>
                <h2 id=heading>{email.subject}</h2>
                <p class="email-meta">
                    "To "<strong>{email.to}</strong>" · "
                    <time datetime=format_timestamp(email.at)>{format_minute(email.at)}</time>
                    " · "{delivery_text(&email.delivery)}
                </p>
                <p class="email-body">{email.body}</p>
                {link.map(|href| view! { <A href=href>"Open the invitation"</A> })}
            </article>
        </li>
    }
}
