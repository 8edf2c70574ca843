//! A database's Access list, reached from the Databases page: its entries, the list's switch and
//! "would this address be allowed?" (seeds 001 and 004: Read/Write IP Access List).

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::{AccessAddress, AccessList as List};
use serde_json::{json, Value};

use crate::features::access_list::allow_check::AllowCheck;
use crate::features::access_list::entries::EntryRow;
use crate::features::access_list::entry_form::EntryForm;
use crate::features::access_list::switch::AccessListSwitch;
use crate::features::access_list::target;
use crate::features::databases::settings::DatabaseSettings;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::dialog::confirm::ConfirmDialog;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{close_and_tell, RefusalLine, Submission};
use crate::ui::table::DataTable;

#[component]
pub fn AccessList() -> impl IntoView {
    view! {
        <DatabaseSettings
            title="Access list"
            intro="The IP addresses and CIDR ranges that may connect to a database, while its access list is on."
            what="The access list"
            read=target
            body=|database, _| view! { <Entries database/> }.into_any()
        />
    }
}

/// The list of one database the actor may read.
#[component]
fn Entries(database: String) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let notice = RwSignal::new(None::<Notice>);
    let submission = Submission::default();
    let list = Memo::new({
        let database = database.clone();
        move |_| {
            portal
                .state()
                .and_then(|state| {
                    state
                        .databases
                        .get(&database)
                        .map(|db| db.access_list.clone())
                })
                .unwrap_or_default()
        }
    });
    let target = target(&database);
    let may_write = Signal::derive({
        let target = target.clone();
        move || portal.permits(&scope.get(), Method::Post, &target, &json!([]))
    });
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let edited = RwSignal::new(None::<usize>);
    let edit = move |at: usize| {
        edited.set(Some(at));
        editing.set(true);
    };
    let removing = RwSignal::new(false);
    let doomed = RwSignal::new(None::<AccessAddress>);
    let remove = move |entry: AccessAddress| {
        doomed.set(Some(entry));
        removing.set(true);
    };
    let removal = Submission::default();
    let removal_target = move || {
        let address = doomed
            .with(|e| e.as_ref().map(|e| e.address.clone()))
            .unwrap_or_default();
        format!("{target}?addresses={address}")
    };
    let may_remove = Signal::derive({
        let removal_target = removal_target.clone();
        move || {
            portal.permits(
                &scope.get(),
                Method::Delete,
                &removal_target(),
                &Value::Null,
            )
        }
    });
    let confirm_removal = {
        let removal_target = removal_target.clone();
        move || {
            let address = doomed
                .with_untracked(|e| e.as_ref().map(|e| e.address.clone()))
                .unwrap_or_default();
            let then = close_and_tell(
                removing,
                notice,
                format!("Removed {address} from the access list."),
            );
            removal.send(
                scope.get_untracked(),
                Method::Delete,
                removal_target(),
                None,
                then,
            );
        }
    };
    let enabled = Signal::derive(move || list.with(|l: &List| l.enabled));
    let rows = {
        let database = database.clone();
        move || {
            let entries = list.get().addresses;
            if entries.is_empty() {
                return view! { <p>"No addresses yet: add the IPv4 addresses or CIDR ranges that may connect."</p> }.into_any();
            }
            let database = database.clone();
            view! {
                <DataTable class="data access-list" columns=["Address", "Description", "Status", "Last update", "Actions"]>
                    {entries.into_iter().enumerate().map(|(at, entry)| view! {
                        <EntryRow database=database.clone() entry at edit remove may_write notice submission/>
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }
    };
    view! {
        <AccessListSwitch database=database.clone() enabled notice submission/>
        <div class="actions">
            <GuardedButton label="Add Address" class="primary" allowed=may_write on_click=move || adding.set(true)/>
        </div>
        <NoticeLine notice/>
        <RefusalLine submission/>
        {rows}
        <AllowCheck list/>
        <EntryForm title="Add Address" database=database.clone() list editing=Signal::derive(|| None) open=adding done=notice/>
        <EntryForm title="Edit Address" database=database.clone() list editing=edited open=editing done=notice/>
        <ConfirmDialog title="Remove Address" submission=removal open=removing label="Remove Address" allowed=may_remove on_confirm=confirm_removal>
            <p>
                "Removing " <strong>{move || doomed.with(|e| e.as_ref().map(|e| e.address.clone()))}</strong>
                " stops it allowing connections while the access list is on."
            </p>
        </ConfirmDialog>
    }
}
