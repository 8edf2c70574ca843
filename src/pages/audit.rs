use leptos::prelude::*;
use portal_core::model::Scope;

use crate::features::audit_log::table::AuditLog;
use crate::pages::settings_heading::SettingsHeading;
use crate::scope::use_scope;

/// An organization's log, for principals with Read Audits (org-audits-read, seed 004); the
/// enterprise's, for Enterprise Administrators (the backend's rule: no seed names an enterprise
/// audit permission).
#[component]
pub fn Audit() -> impl IntoView {
    let scope = use_scope();
    // Each scope has its own route, so the page is made again for the other one.
    let endpoint = match scope.get_untracked() {
        Scope::Enterprise => "/v2/enterprises/audits",
        Scope::Organization(_) => "/v2/organizations/audits",
    };
    let intro = "Who changed what, and when.";
    view! {
        <SettingsHeading title="Audit log" enterprise=intro organization=intro/>
        <AuditLog scope endpoint/>
    }
}
