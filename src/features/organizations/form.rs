//! Create Organization (seed 000, "Click Create Organization. Enter a name for the organization
//! and an optional description") and the organization's Edit (seed 000, "Edit organization
//! settings"): one form, which creates through POST /v2/enterprises/organizations or saves
//! through PATCH /v2/currentOrg. Editing also sets the longest a new token of the organization may
//! live, which goes beyond the seeds with token expiry (`features::tokens::expiry`).

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Organization;
use portal_core::validation::{EMAIL_MAX, ORGANIZATION_DESCRIPTION, ORGANIZATION_NAME};
use serde_json::{json, Value};

use crate::portal::Allowed;
use crate::scope::use_scope;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::{TextArea, TextField};
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

#[component]
pub fn OrganizationForm(
    /// The organization to edit (its name, email and description); `None` creates one, with
    /// the acting user its initial Organization Administrator and its email theirs.
    #[prop(optional)]
    editing: Option<Memo<Option<Option<Organization>>>>,
    open: RwSignal<bool>,
    allowed: Signal<Allowed>,
    /// The page's notice, which says what was done.
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let scope = use_scope();
    let [name, email, description, max_days] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let submission = Submission::default();
    let fill = move || {
        let org = editing.and_then(|org| org.get_untracked().flatten());
        let (n, e, d, m) = org
            .map(|o| (o.name, o.email, o.description, o.max_token_lifetime_days))
            .unwrap_or_default();
        name.set(n);
        email.set(e);
        description.set(d);
        max_days.set(m.map(|days| days.to_string()).unwrap_or_default());
    };
    let send = move || {
        let (name, description) = (name.get_untracked(), description.get_untracked());
        let (method, target, body, told) = match editing {
            Some(_) => (
                Method::Patch,
                "/v2/currentOrg",
                json!({
                    "name": name,
                    "email": email.get_untracked(),
                    "description": description,
                    "maxTokenLifetimeDays": lifetime(&max_days.get_untracked()),
                }),
                "Saved the organization's details.".to_owned(),
            ),
            None => (
                Method::Post,
                "/v2/enterprises/organizations",
                json!({ "name": name, "description": description }),
                format!(
                    "Created organization {}: you are its Organization Administrator.",
                    name.trim()
                ),
            ),
        };
        let then = close_and_tell(open, done, told);
        submission.send(scope.get_untracked(), method, target, Some(body), then);
    };
    let (title, label, description_label) = match editing {
        Some(_) => ("Edit organization", "Save", "Description"),
        None => (
            "Create Organization",
            "Create Organization",
            "Description (optional)",
        ),
    };
    let creating = editing.is_none();
    view! {
        <FormDialog title open label allowed submission on_open=fill on_submit=send>
            <TextField label="Organization name" value=name max=ORGANIZATION_NAME.max/>
            {(!creating).then(|| view! { <TextField label="Email" kind="email" value=email max=EMAIL_MAX/> })}
            <TextArea label=description_label value=description max=ORGANIZATION_DESCRIPTION.max/>
            {(!creating).then(|| view! {
                <TextField label="Maximum token lifetime (days)" value=max_days placeholder="None" hint="org-max-lifetime-note"/>
                <p id="org-max-lifetime-note" class="field-note">
                    "New tokens of the organization must expire within this many days. Leave it empty to let them never expire."
                </p>
            })}
            {creating.then(|| view! {
                <p class="org-hint">
                    "You become the organization's initial Organization Administrator, and its \
                    email is yours until you change it on its General page."
                </p>
            })}
        </FormDialog>
    }
}

/// The maximum lifetime to send: null when empty, the number of days, or the text as it is, for
/// the core to say what is wrong with it.
fn lifetime(text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() {
        return Value::Null;
    }
    text.parse::<i64>()
        .map_or_else(|_| Value::String(text.to_owned()), Value::from)
}
