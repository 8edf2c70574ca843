//! Add Region: one of the price book's Serverless regions of the database's provider that it
//! does not run in yet (POST /v2/databases/{id}/datacenters with one Datacenter).

use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::api::{ErrorId, Method};
use portal_core::model::Database;

use super::{adding, offered, region_label, target};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::SelectField;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

#[component]
pub fn AddRegion(
    #[prop(into)] database: Signal<Option<Database>>,
    open: RwSignal<bool>,
    /// The page's notice, which says what was added.
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let submission = Submission::default();
    let region = RwSignal::new(String::new());
    // Each region offered, by name, with the words people know it by.
    let choices = Memo::new(move |_| {
        database.with(|db| {
            db.iter()
                .flat_map(offered)
                .map(|r| (r.name.clone(), region_label(r.provider.api(), &r.name)))
                .collect::<Vec<_>>()
        })
    });
    let fill = move |_| {
        let first = choices.with_untracked(|c| c.first().map(|(name, _)| name.clone()));
        region.set(first.unwrap_or_default());
    };
    let allowed = Signal::derive(move || {
        database.with(|db| match db {
            Some(db) => portal.permits(
                &scope.get(),
                Method::Post,
                &target(&db.id),
                &adding(db, &region.get()),
            ),
            None => Ok(()),
        })
    });
    let incomplete = Signal::derive(move || region.with(String::is_empty));
    let add = move || {
        let Some(db) = database.get_untracked() else {
            return;
        };
        let chosen = region.get_untracked();
        let told = format!(
            "Added the region {} to database {}.",
            region_label(&db.cloud_provider, &chosen),
            db.name
        );
        let then = close_and_tell(open, done, told);
        let body = adding(&db, &chosen);
        submission.send(
            scope.get_untracked(),
            Method::Post,
            target(&db.id),
            Some(body),
            then,
        );
    };
    let about = move || {
        database.with(|db| {
            db.as_ref().map(|db| {
                format!(
                    "Database {} runs on {}: choose one of its regions. Write requests are \
                     replicated in all regions and charged at the respective rates for each region.",
                    db.name, db.cloud_provider
                )
            })
        })
    };
    // Seed 001: "Multiple regions is available on only pay as you go and annual plans": the
    // core's refusal says so, and the plan is changed on the Billing page.
    let billing = move || {
        let refused = submission.refusal.get()?;
        let plan = ErrorId::PremiumNeedsPlan.code();
        refused.errors.iter().any(|e| e.id == plan).then(|| {
            let org = database.with(|db| db.as_ref().map(|db| db.org_id.clone()))?;
            let href = format!("/settings/organizations/{org}/billing");
            Some(view! { <p><A href=href>"Change the plan in Billing"</A></p> })
        })
    };
    view! {
        <FormDialog title="Add Region" open label="Add Region" allowed incomplete submission class="add-region" on_open=Callback::new(fill) on_submit=add>
            <p>{about}</p>
            <SelectField label="Region" name="region" value=region>
                {move || choices.get().into_iter().map(|(name, label)| {
                    let chosen = name.clone();
                    view! { <option value=name selected=move || region.get() == chosen>{label}</option> }
                }).collect_view()}
            </SelectField>
            {billing}
        </FormDialog>
    }
}
