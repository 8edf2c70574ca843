use leptos::prelude::*;

use super::CONTEXT;
use crate::features::audit_log::table::AuditLog;
use crate::scope::use_scope;
use crate::ui::page_heading::PageHeading;

/// The organization's log, for principals with Read Audits (org-audits-read, seed 004).
#[component]
pub fn Audit() -> impl IntoView {
    let scope = use_scope();
    view! {
        <PageHeading
            context=CONTEXT
            title="Audit log"
            intro="Who changed what, and when."
        />
        <AuditLog scope=scope endpoint="/v2/organizations/audits"/>
    }
}
