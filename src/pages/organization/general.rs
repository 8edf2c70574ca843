//! An organization's General page (seed 000, "Edit organization settings"): its ID, name, email,
//! description, type and the maximum lifetime of its new tokens; editing them, and deleting the
//! organization.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use portal_core::api::Method;
use portal_core::model::{OrgType, Organization};
use portal_core::time::format_minute;

use super::CONTEXT;
use crate::features::organizations::delete::DeleteOrganizationDialog;
use crate::features::organizations::form::OrganizationForm;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::copy_button::CopyButton;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::page_heading::PageHeading;

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
    let refusal = portal.allows(scope, Method::Get, "/v2/currentOrg");
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
                <dt>"Maximum token lifetime"</dt>
                <dd class="org-max-token-lifetime">{field(max_token_lifetime)}</dd>
            </dl>
            <NoticeLine notice/>
            <div class="actions">
                <GuardedButton label="Edit" allowed=may_write on_click=move || editing.set(true)/>
                <GuardedButton label="Delete Organization" class="danger" allowed=may_write on_click=move || deleting.set(true)/>
            </div>
        </section>
        <OrganizationForm editing=organization open=editing allowed=may_write done=notice/>
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

/// "None" (new tokens may never expire), or the number of days.
fn max_token_lifetime(org: &Organization) -> String {
    match org.max_token_lifetime_days {
        None => "None: new tokens may never expire".to_owned(),
        Some(days) => format!("{days} days"),
    }
}
