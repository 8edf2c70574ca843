//! The Private endpoints page's body: each active region of the database with its private link,
//! and the dialogs its buttons open: Add Principal, Remove Principal, Accept Endpoint, Edit
//! Description and Reject Endpoint.

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::{json, Value};

use super::endpoint_form::EndpointForm;
use super::principal_form::AddPrincipal;
use super::region::RegionLink;
use super::{endpoint_target, principals_target, Chosen};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::dialog::confirm::ConfirmDialog;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{close_and_tell, Submission};

/// The page's dialogs and what the one open acts on.
#[derive(Clone, Copy)]
pub struct Dialogs {
    pub chosen: RwSignal<Chosen>,
    pub add_principal: RwSignal<bool>,
    pub remove_principal: RwSignal<bool>,
    pub accept: RwSignal<bool>,
    pub describe: RwSignal<bool>,
    pub reject: RwSignal<bool>,
}

impl Dialogs {
    fn new() -> Dialogs {
        let closed = || RwSignal::new(false);
        Dialogs {
            chosen: RwSignal::new(Chosen::default()),
            add_principal: closed(),
            remove_principal: closed(),
            accept: closed(),
            describe: closed(),
            reject: closed(),
        }
    }

    /// Opens `dialog` about `chosen`.
    pub fn open(self, dialog: RwSignal<bool>, chosen: Chosen) {
        self.chosen.set(chosen);
        dialog.set(true);
    }
}

#[component]
pub fn PrivateEndpointList(database: String, name: String) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let notice = RwSignal::new(None::<Notice>);
    let dialogs = Dialogs::new();
    let chosen = dialogs.chosen;
    let record = Memo::new({
        let database = database.clone();
        move |_| {
            portal
                .state()
                .and_then(|state| state.databases.get(&database).cloned())
        }
    });
    let regions = move || {
        record.get().map(|db| {
            let primary = db.primary_datacenter().id;
            db.active_datacenters()
                .into_iter()
                .map(|dc| {
                    view! {
                        <RegionLink
                            database=db.id.clone()
                            service=db.endpoint_service(&dc)
                            link=db.private_link(&dc.id)
                            primary=dc.id == primary
                            datacenter=dc
                            dialogs
                        />
                    }
                })
                .collect_view()
        })
    };

    let removal = Submission::default();
    let principal_body = move || json!({"allowedPrincipal": chosen.with(|c| c.item.clone())});
    let principal_target = {
        let database = database.clone();
        move |c: &Chosen| principals_target(&database, &c.datacenter)
    };
    let may_remove = Signal::derive({
        let principal_target = principal_target.clone();
        move || {
            let target = chosen.with(&principal_target);
            portal.permits(&scope.get(), Method::Delete, &target, &principal_body())
        }
    });
    let confirm_removal = move || {
        let c = chosen.get_untracked();
        let told = format!(
            "Removed {} from the allowed principals of {}.",
            c.item, c.region
        );
        let then = close_and_tell(dialogs.remove_principal, notice, told);
        let body = json!({"allowedPrincipal": c.item});
        removal.send(
            scope.get_untracked(),
            Method::Delete,
            principal_target(&c),
            Some(body),
            then,
        );
    };

    let rejection = Submission::default();
    let rejected_target = {
        let database = database.clone();
        move |c: &Chosen| endpoint_target(&database, &c.datacenter, &c.item)
    };
    let may_reject = Signal::derive({
        let rejected_target = rejected_target.clone();
        move || {
            let target = chosen.with(&rejected_target);
            portal.permits(&scope.get(), Method::Delete, &target, &Value::Null)
        }
    });
    let confirm_rejection = move || {
        let c = chosen.get_untracked();
        let told = format!("Rejected the endpoint {} in {}.", c.item, c.region);
        let then = close_and_tell(dialogs.reject, notice, told);
        rejection.send(
            scope.get_untracked(),
            Method::Delete,
            rejected_target(&c),
            None,
            then,
        );
    };
    let item = move || chosen.with(|c| c.item.clone());
    let region = move || chosen.with(|c| c.region.clone());
    view! {
        <NoticeLine notice/>
        {regions}
        <AddPrincipal database=database.clone() chosen open=dialogs.add_principal done=notice/>
        <EndpointForm title="Accept Endpoint" database=database.clone() chosen open=dialogs.accept done=notice/>
        <EndpointForm title="Edit Description" database=database.clone() chosen open=dialogs.describe done=notice/>
        <ConfirmDialog title="Remove Principal" submission=removal open=dialogs.remove_principal label="Remove Principal" allowed=may_remove on_confirm=confirm_removal>
            <p>
                "Removing " <strong><code>{item}</code></strong> " stops that account from connecting new endpoints to the service in "
                {region} "; the endpoints already accepted stay until they are rejected."
            </p>
        </ConfirmDialog>
        <ConfirmDialog title="Reject Endpoint" submission=rejection open=dialogs.reject label="Reject Endpoint" allowed=may_reject on_confirm=confirm_rejection>
            <p>
                "Rejecting " <strong><code>{item}</code></strong> " disconnects it from the service in " {region}
                ": it no longer reaches database " {name.clone()} " privately."
            </p>
        </ConfirmDialog>
    }
}
