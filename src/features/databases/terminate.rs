//! Terminate Database, confirmed by typing the database's name.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Database;
use serde_json::Value;

use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::dialog::typed::TypedConfirmDialog;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

/// Terminate Database: seed 004's Terminate DB ("Permanently delete a database and all of its
/// data"), confirmed by typing the database's name; POST /v2/databases/{id}/terminate.
#[component]
pub fn TerminateDatabase(
    database: RwSignal<Option<Database>>,
    open: RwSignal<bool>,
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let submission = Submission::default();
    let target = move || {
        let id = database.with(|db| db.as_ref().map(|db| db.id.clone()));
        format!("/v2/databases/{}/terminate", id.unwrap_or_default())
    };
    let allowed =
        Signal::derive(move || portal.permits(&scope.get(), Method::Post, &target(), &Value::Null));
    let name = Signal::derive(move || {
        database
            .with(|db| db.as_ref().map(|db| db.name.clone()))
            .unwrap_or_default()
    });
    let confirm = move |_typed: String| {
        let told = format!(
            "Terminating database {}: it leaves the list once TERMINATED.",
            name.get_untracked()
        );
        let then = close_and_tell(open, done, told);
        submission.send(scope.get_untracked(), Method::Post, target(), None, then);
    };
    view! {
        <TypedConfirmDialog
            title="Terminate Database"
            label="Enter the database's name"
            mismatch="What you typed is not the database's name: type it exactly as it is spelled above."
            open
            name
            allowed
            submission
            on_confirm=confirm
        >
            <p>
                "Terminating " <strong>{name}</strong> " permanently deletes it and all of its \
                data. It leaves the list once its status is TERMINATED."
            </p>
        </TypedConfirmDialog>
    }
}
