//! Add Address and Edit Address: one entry's address (a CIDR range, or one address), its
//! description and whether it is enabled. The core checks the entry against the rest of the list
//! as it is typed (`AccessList::check_candidate`), and the form shows each problem beside its
//! field; the backend checks it again when it is sent.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::access_list::{EntryField, EntryInput, EntryProblem};
use portal_core::model::AccessList;
use portal_core::validation::ACCESS_LIST_DESCRIPTION;
use serde_json::{json, Value};

use super::{address_request, request_of, target};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::check::CheckBox;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::TextField;
use crate::ui::field_error::FieldError;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

/// The PUT body that replaces the list with `list`, the entry at `at` being `entry`.
fn replaced(list: &AccessList, at: Option<usize>, entry: Value) -> Value {
    let mut addresses: Vec<Value> = list.addresses.iter().map(request_of).collect();
    if let Some(slot) = at.and_then(|at| addresses.get_mut(at)) {
        *slot = entry;
    }
    json!({"addresses": addresses, "configurations": {"accessListEnabled": list.enabled}})
}

fn problem_of(problems: &[EntryProblem], field: EntryField) -> Option<String> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| p.message.clone())
}

#[component]
pub fn EntryForm(
    /// "Add Address" or "Edit Address": the dialog's title and its action.
    title: &'static str,
    database: String,
    #[prop(into)] list: Signal<AccessList>,
    /// The place of the entry edited; `None` for a new one.
    #[prop(into)]
    editing: Signal<Option<usize>>,
    open: RwSignal<bool>,
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let submission = Submission::default();
    let [address, description] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let enabled = RwSignal::new(true);
    let target = target(&database);
    // What the action sends, as it stands: the evaluator answers for exactly that.
    let request = move || {
        let entry = address_request(&address.get(), enabled.get(), &description.get());
        match editing.get() {
            None => (Method::Post, json!([entry])),
            Some(at) => (
                Method::Put,
                list.with(|list| replaced(list, Some(at), entry)),
            ),
        }
    };
    let allowed = Signal::derive({
        let target = target.clone();
        // Whether the actor may change the list at all: sent unchanged, the list is a no-op.
        move || {
            let (method, body) = match editing.get() {
                None => (Method::Post, json!([])),
                Some(_) => (
                    Method::Put,
                    list.with(|list| replaced(list, None, Value::Null)),
                ),
            };
            portal.permits(&scope.get(), method, &target, &body)
        }
    });
    let problems = Memo::new(move |_| {
        let (address, description) = (address.get(), description.get());
        let candidate = EntryInput {
            address: &address,
            description: &description,
        };
        list.with(|list| list.check_candidate(editing.get(), candidate))
            .err()
            .unwrap_or_default()
    });
    let address_error = FieldError::new("access-address", move || {
        problems.with(|p| problem_of(p, EntryField::Address))
    });
    let description_error = FieldError::new("access-description", move || {
        problems.with(|p| problem_of(p, EntryField::Description))
    });
    let fill = move |_| {
        let entry = editing
            .get_untracked()
            .and_then(|at| list.with_untracked(|list| list.addresses.get(at).cloned()));
        address.set(
            entry
                .as_ref()
                .map(|e| e.address.clone())
                .unwrap_or_default(),
        );
        description.set(
            entry
                .as_ref()
                .map(|e| e.description.clone())
                .unwrap_or_default(),
        );
        enabled.set(entry.is_none_or(|e| e.enabled));
        address_error.reset();
        description_error.reset();
    };
    let save = move || {
        if !FieldError::all_pass(&[address_error, description_error]) {
            return;
        }
        let (method, body) = request();
        let verb = if editing.get_untracked().is_some() {
            "Saved"
        } else {
            "Added"
        };
        let told = format!(
            "{verb} {} in the access list.",
            address.get_untracked().trim()
        );
        let then = close_and_tell(open, done, told);
        submission.send(
            scope.get_untracked(),
            method,
            target.clone(),
            Some(body),
            then,
        );
    };
    view! {
        <FormDialog title open label=title allowed submission class="access-entry" on_open=Callback::new(fill) on_submit=save>
            <TextField label="IPv4 address or CIDR range" name="address" value=address placeholder="137.187.23.0/24" autocomplete="off" required=true error=address_error/>
            <TextField label="Description" name="description" value=description max=ACCESS_LIST_DESCRIPTION.max error=description_error/>
            <CheckBox checked=enabled on_toggle=move |on| enabled.set(on)>"Enabled"</CheckBox>
        </FormDialog>
    }
}
