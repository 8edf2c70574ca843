//! The Regions page's body: the database's regions (the terminated ones too with `?all=true`,
//! as the spec's list reads it), Add Region and Terminate.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_core::api::{ApiError, ErrorId, Method};
use portal_core::model::{Database, Datacenter};
use serde_json::Value;

use super::add::AddRegion;
use super::row::RegionRow;
use super::{adding, offered, region_label, target, terminate_target};
use crate::features::databases::settings::database_page;
use crate::portal::{use_portal, Allowed};
use crate::scope::use_scope;
use crate::ui::check::CheckBox;
use crate::ui::dialog::confirm::ConfirmDialog;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{close_and_tell, Submission};
use crate::ui::table::DataTable;

#[component]
pub fn RegionList(database: String) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let notice = RwSignal::new(None::<Notice>);
    let query = use_query_map();
    let all = Memo::new(move |_| query.with(|q| q.get("all").as_deref() == Some("true")));
    let location = use_location();
    let navigate = use_navigate();
    let show_terminated = move |on: bool| {
        let path = location.pathname.get_untracked();
        let to = if on { format!("{path}?all=true") } else { path };
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..NavigateOptions::default()
        };
        navigate(&to, options);
    };
    let record = Memo::new({
        let database = database.clone();
        move |_| {
            portal
                .state()
                .and_then(|state| state.databases.get(&database).cloned())
        }
    });
    // Add Region asks the core about the first region it would offer; with none left, the page
    // says so itself.
    let may_add = Signal::derive(move || -> Allowed {
        record.with(|db| {
            let Some(db) = db else { return Ok(()) };
            match offered(db).first() {
                Some(first) => portal.permits(
                    &scope.get(),
                    Method::Post,
                    &target(&db.id),
                    &adding(db, &first.name),
                ),
                None => Err(ApiError::new(
                    ErrorId::InvalidField,
                    format!(
                        "database {} already runs in every {} region the price book offers",
                        db.name, db.cloud_provider
                    ),
                )),
            }
        })
    });
    let adding_open = RwSignal::new(false);
    let doomed = RwSignal::new(None::<Datacenter>);
    let terminating = RwSignal::new(false);
    let terminate = move |dc: Datacenter| {
        doomed.set(Some(dc));
        terminating.set(true);
    };
    let termination = Submission::default();
    let doomed_target = {
        let database = database.clone();
        move |dc: &Option<Datacenter>| {
            dc.as_ref()
                .map(|dc| terminate_target(&database, &dc.id))
                .unwrap_or_default()
        }
    };
    let may_terminate = Signal::derive({
        let doomed_target = doomed_target.clone();
        move || {
            let target = doomed.with(&doomed_target);
            portal.permits(&scope.get(), Method::Post, &target, &Value::Null)
        }
    });
    let confirm_termination = move || {
        let (Some(dc), Some(db)) = (doomed.get_untracked(), record.get_untracked()) else {
            return;
        };
        let told = format!(
            "Terminated the region {} of database {}.",
            region_label(&dc.cloud_provider, &dc.region),
            db.name
        );
        let then = close_and_tell(terminating, notice, told);
        let target = doomed.with_untracked(&doomed_target);
        termination.send(scope.get_untracked(), Method::Post, target, None, then);
    };
    let rows = move || {
        record.get().map(|db: Database| {
            let shown = if all.get() {
                db.all_datacenters()
            } else {
                db.active_datacenters()
            };
            let primary = db.primary_datacenter().id;
            view! {
                <DataTable class="data regions" columns=["Region", "Provider", "Status", "Since", "Actions"]>
                    {shown.into_iter().map(|dc| view! {
                        <RegionRow
                            org=db.org_id.clone()
                            database=db.id.clone()
                            primary=dc.id == primary
                            endpoints=db.private_link(&dc.id).endpoints.len()
                            datacenter=dc
                            terminate
                        />
                    }).collect_view()}
                </DataTable>
            }
        })
    };
    // The core refuses a region with private endpoints; their page is one step away.
    let endpoints_first = move || {
        let (dc, db) = (doomed.get()?, record.get()?);
        (!db.private_link(&dc.id).endpoints.is_empty()).then(|| {
            let href = database_page(&db.org_id, &db.id, "private-endpoints");
            view! { <p><A href=href>"Private endpoints of " {db.name.clone()}</A></p> }
        })
    };
    let doomed_region = move || {
        doomed.with(|dc| {
            dc.as_ref()
                .map(|dc| region_label(&dc.cloud_provider, &dc.region))
        })
    };
    view! {
        <div class="actions region-controls">
            <GuardedButton label="Add Region" class="primary" allowed=may_add on_click=move || adding_open.set(true)/>
            <CheckBox checked=all on_toggle=show_terminated>"Show terminated"</CheckBox>
        </div>
        <NoticeLine notice/>
        {rows}
        <AddRegion database=record open=adding_open done=notice/>
        <ConfirmDialog title="Terminate Region" submission=termination open=terminating label="Terminate Region" allowed=may_terminate on_confirm=confirm_termination>
            <p>
                "Terminating " <strong>{doomed_region}</strong>
                " stops the database running there; it keeps running in its other regions. The region stays listed as TERMINATED under Show terminated."
            </p>
            {endpoints_first}
        </ConfirmDialog>
    }
}
