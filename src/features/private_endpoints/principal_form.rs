//! Add Principal: a cloud account allowed to connect endpoints to a region's service (the spec's
//! "Add an allowed principal to the private link service").

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::validation::PRINCIPAL_MAX;
use serde_json::json;

use super::{principals_target, Chosen};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::TextField;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

#[component]
pub fn AddPrincipal(
    database: String,
    /// The region it is for.
    chosen: RwSignal<Chosen>,
    open: RwSignal<bool>,
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let submission = Submission::default();
    let principal = RwSignal::new(String::new());
    let target = move |c: &Chosen| principals_target(&database, &c.datacenter);
    let body = move || json!({"allowedPrincipals": [principal.get().trim()]});
    let allowed = Signal::derive({
        let target = target.clone();
        move || portal.permits(&scope.get(), Method::Post, &chosen.with(&target), &body())
    });
    let incomplete = Signal::derive(move || principal.with(|p| p.trim().is_empty()));
    let add = move || {
        let c = chosen.get_untracked();
        let told = format!(
            "Allowed {} to connect endpoints to the service in {}.",
            principal.get_untracked().trim(),
            c.region
        );
        let then = close_and_tell(open, done, told);
        let body = json!({"allowedPrincipals": [principal.get_untracked().trim()]});
        submission.send(
            scope.get_untracked(),
            Method::Post,
            target(&c),
            Some(body),
            then,
        );
    };
    let about = move || {
        format!(
            "The account's principal, as its cloud writes it: it may then connect endpoints to the \
             service in {}.",
            chosen.with(|c| c.region.clone())
        )
    };
    view! {
        <FormDialog title="Add Principal" open label="Add Principal" allowed incomplete submission class="add-principal" on_open=Callback::new(move |_| principal.set(String::new())) on_submit=add>
            <p>{about}</p>
            <TextField label="Principal" name="principal" value=principal max=PRINCIPAL_MAX placeholder="arn:aws:iam::123456789012:role/admin" autocomplete="off" required=true/>
        </FormDialog>
    }
}
