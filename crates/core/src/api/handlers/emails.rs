//! The email outbox (`model::mail`): the emails the actor may read, newest first, each with the
//! page's address that acts on it (an invitation's Accept Invitation).

use serde::Serialize;

use super::{unchanged, Call, Handled};
use crate::api::request::Response;
use crate::api::visibility::Visibility;
use crate::api::Context;
use crate::model::Email;

#[derive(Serialize)]
struct EmailView<'a> {
    #[serde(flatten)]
    email: &'a Email,
    link: Option<String>,
}

/// `GET /v2/portal/emails`.
pub fn list(call: Call, _ctx: &mut Context) -> Handled {
    let visibility = Visibility::of(call.state, call.actor);
    let emails: Vec<EmailView> = call
        .state
        .emails
        .values()
        .rev()
        .filter(|email| visibility.email(email))
        .map(|email| EmailView {
            email,
            link: email.link(),
        })
        .collect();
    unchanged(Response::ok(serde_json::json!({ "emails": emails })))
}
