use leptos::prelude::*;
use portal_core::model::Scope;

use super::CONTEXT;
use crate::features::audit_log::table::AuditLog;
use crate::ui::page_heading::PageHeading;

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
