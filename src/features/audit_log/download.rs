//! "Download CSV" of an audit log: the backend's own CSV file of the entries the page shows,
//! with the filters the person set (seed 004, "Read Audits: Download organization audit logs").

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;

use crate::portal::use_portal;
use crate::ui::download::fetch_csv;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{RefusalLine, Submission};

#[component]
pub fn AuditLogDownload(
    #[prop(into)] scope: Signal<Scope>,
    /// `/v2/organizations/audits` or `/v2/enterprises/audits`.
    endpoint: &'static str,
    /// The log's query with the filters set, as the table reads it.
    #[prop(into)]
    query: Signal<String>,
) -> impl IntoView {
    let portal = use_portal();
    let submission = Submission::default();
    let notice = RwSignal::new(None::<Notice>);
    // The filters change what the file holds, not who may read it.
    let allowed = portal.allows(scope, Method::Get, endpoint);
    let fetch = move || {
        let target = format!("{endpoint}?{}&format=csv", query.get_untracked());
        fetch_csv(portal, submission, notice, scope.get_untracked(), target);
    };
    view! {
        <div class="actions audit-download">
            <GuardedButton label="Download CSV" allowed busy=submission.busy on_click=fetch/>
        </div>
        <RefusalLine submission/>
        <NoticeLine notice/>
    }
}
