use leptos::prelude::*;
use portal_core::model::Scope;

use super::CONTEXT;
use crate::components::audit_log::AuditLog;
use crate::components::page_heading::PageHeading;

/// The enterprise's log, for Enterprise Administrators (the backend's rule: no seed names an
/// enterprise audit permission).
#[component]
pub fn Audit() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Audit log"
            intro="Who changed what, and when."
        />
        <AuditLog scope=Signal::stored(Scope::Enterprise) endpoint="/v2/enterprises/audits"/>
    }
}
