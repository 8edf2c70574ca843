//! An organization's General page (seed 000, "Edit organization settings"): its ID, name, email,
//! description and type; editing them, and deleting the organization.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use portal_core::api::Method;
use portal_core::model::{OrgType, Organization, Scope};
use portal_core::time::format_minute;
use portal_core::validation::{EMAIL_MAX, ORGANIZATION_DESCRIPTION, ORGANIZATION_NAME};
use serde_json::{json, Value};

use super::CONTEXT;
use crate::portal::{use_portal, Allowed};
use crate::scope::use_scope;
use crate::ui::copy_button::CopyButton;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::{TextArea, TextField};
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::page_heading::PageHeading;
use crate::ui::request::{close_and_tell, Submission};

#[component]
pub fn General() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let org_id = move || {
        scope
            .get()
            .organization()
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let organization = Memo::new(move |_| {
        portal
            .state()
            .map(|state| state.organizations.get(&org_id()).cloned())
    });
    // What GET /v2/currentOrg answers the acting principal here.
    let refusal = Memo::new(move |_| {
        portal.permits(&scope.get(), Method::Get, "/v2/currentOrg", &Value::Null)
    });
    // Edits change the organization but not which one it is: the details (and their dialogs and
    // notices) are rebuilt only for another organization.
    let shown = Memo::new(move |_| organization.get().map(|o| o.map(|o| o.id)));
    view! {
        <PageHeading context=CONTEXT title="General" intro="The organization's name, ID and details."/>
        {move || match shown.get() {
            // Still loading: the portal says so above.
            None => None,
            // Not in the state. A connected portal's copy holds only what its token may read:
            // there, missing may be refused; the portal's own data holds every organization.
            Some(None) => Some(match refusal.get().err().filter(|_| portal.sync_view().is_some()) {
                Some(why) => view! {
                    <p class="notice error organization-hidden" role="status">
                        {format!("The organization's details are hidden: {why}")}
                    </p>
                }.into_any(),
                None => view! {
                    <p class="notice error" role="alert">
                        "Organization not found: there is no organization " <code>{org_id()}</code>
                        " in this portal. "
                        <A href="/settings/enterprise/overview">"See the enterprise's organizations"</A>
                    </p>
                }.into_any(),
            }),
            Some(Some(_)) => Some(view! { <Details organization/> }.into_any()),
        }}
    }
}

/// The organization's details and what can be done to it; shown once it is known to exist.
#[component]
fn Details(organization: Memo<Option<Option<Organization>>>) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let navigate = use_navigate();
    let field = move |read: fn(&Organization) -> String| {
        move || {
            organization
                .get()
                .flatten()
                .map(|o| read(&o))
                .unwrap_or_default()
        }
    };
    let id = Signal::derive(field(|o| o.id.clone()));
    let name = Signal::derive(field(|o| o.name.clone()));
    // PATCH and DELETE take the same permission; the core answers for the PATCH Edit sends.
    let may_write = portal.allows(scope, Method::Patch, "/v2/currentOrg");
    let notice = RwSignal::new(None::<Notice>);
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let deleted = Callback::new(move |_gone: String| {
        navigate("/settings/enterprise/overview", NavigateOptions::default());
    });
    view! {
        <section aria-labelledby="org-details">
            <h2 id="org-details">"Details"</h2>
            <dl class="org-facts">
                <dt>"Organization ID"</dt>
                <dd><code class="org-id">{id}</code> " " <CopyButton text=id what="organization ID"/></dd>
                <dt>"Name"</dt>
                <dd class="org-name">{name}</dd>
                <dt>"Email"</dt>
                <dd class="org-email">{field(|o| o.email.clone())}</dd>
                <dt>"Description"</dt>
                <dd class="org-description">{field(|o| o.description.clone())}</dd>
                <dt>"Type"</dt>
                <dd>{field(kind)}</dd>
                <dt>"Created"</dt>
                <dd>{field(|o| format_minute(o.created_at))}</dd>
            </dl>
            <NoticeLine notice/>
            <div class="actions">
                <GuardedButton label="Edit" allowed=may_write on_click=move || editing.set(true)/>
                <GuardedButton label="Delete Organization" class="danger" allowed=may_write on_click=move || deleting.set(true)/>
            </div>
        </section>
        <EditOrganization organization open=editing allowed=may_write done=notice/>
        <DeleteOrganizationDialog
            open=deleting
            name
            scope=Signal::derive(move || scope.get())
            target=Signal::stored("/v2/currentOrg".to_owned())
            allowed=may_write
            on_deleted=deleted
        />
    }
}

/// "standalone" or "enterprise", and whether it is someone's default (personal) organization.
fn kind(org: &Organization) -> String {
    let kind = match org.org_type {
        OrgType::Standalone => "Standalone",
        OrgType::Enterprise => "Enterprise",
    };
    if org.is_default() {
        format!("{kind} (default personal organization)")
    } else {
        kind.to_owned()
    }
}

/// Edit: the name, email and description, through PATCH /v2/currentOrg in the organization.
#[component]
fn EditOrganization(
    organization: Memo<Option<Option<Organization>>>,
    open: RwSignal<bool>,
    allowed: Signal<Allowed>,
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let scope = use_scope();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let submission = Submission::default();
    let fill = move || {
        if let Some(org) = organization.get_untracked().flatten() {
            name.set(org.name);
            email.set(org.email);
            description.set(org.description);
        }
    };
    let save = move || {
        let body = json!({
            "name": name.get_untracked(),
            "email": email.get_untracked(),
            "description": description.get_untracked(),
        });
        let done = close_and_tell(open, done, "Saved the organization's details.".to_owned());
        let here = scope.get_untracked();
        submission.send(here, Method::Patch, "/v2/currentOrg", Some(body), done);
    };
    view! {
        <FormDialog title="Edit organization" open label="Save" allowed submission on_open=fill on_submit=save>
            <TextField label="Organization name" value=name max=ORGANIZATION_NAME.max/>
            <TextField label="Email" kind="email" value=email max=EMAIL_MAX/>
            <TextArea label="Description" value=description max=ORGANIZATION_DESCRIPTION.max/>
        </FormDialog>
    }
}

/// "Enter the organization's name, and then click Delete Organization to permanently delete the
/// organization" (seed 000, "Delete an organization"). The enterprise's Overview and the
/// organization's own General page both delete this way; only the request's endpoint and the
/// scope it acts in differ. The backend compares the typed name, so a wrong one is its refusal.
#[component]
pub fn DeleteOrganizationDialog(
    open: RwSignal<bool>,
    /// The organization's name, as the person must type it.
    #[prop(into)]
    name: Signal<String>,
    #[prop(into)] scope: Signal<Scope>,
    /// The DELETE request's path.
    #[prop(into)]
    target: Signal<String>,
    #[prop(into)] allowed: Signal<Allowed>,
    /// Runs with the deleted organization's name.
    on_deleted: Callback<String>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let submission = Submission::default();
    let delete = move || {
        let gone = name.get_untracked();
        let body = json!({ "name": typed.get_untracked() });
        let (here, target) = (scope.get_untracked(), target.get_untracked());
        submission.send(here, Method::Delete, target, Some(body), move |_| {
            open.set(false);
            on_deleted.run(gone);
        });
    };
    let empty = Signal::derive(move || typed.get().trim().is_empty());
    view! {
        <FormDialog
            title="Delete Organization"
            open
            label="Delete Organization"
            allowed
            incomplete=empty
            submission
            danger=true
            on_open=move || typed.set(String::new())
            on_submit=delete
        >
            <p>
                "Deleting " <strong>{name}</strong> " permanently removes it with its roles, \
                tokens and billing record, and ends every membership in it. Terminate its \
                databases first."
            </p>
            <label>
                "Enter the organization's name"
                <input type="text" autocomplete="off" prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
            </label>
        </FormDialog>
    }
}
