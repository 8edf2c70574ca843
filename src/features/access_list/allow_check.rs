//! "Would this address be allowed?": the core's answer (`AccessList::admits`), with the entry
//! that allows it, or why none does.

use leptos::prelude::*;
use portal_core::model::access_list::{parse_ip, Admission};
use portal_core::model::AccessList;

use crate::ui::field::TextField;

fn answer(list: &AccessList, text: &str) -> String {
    let ip = match parse_ip(text) {
        Ok(ip) => ip,
        Err(why) => return why,
    };
    match list.admits(ip) {
        Admission::ListOff => format!("{ip} would be allowed: the access list is off, so every address may connect."),
        Admission::By(entry) => format!("{ip} would be allowed by {} ({}).", entry.address, described(&entry.description)),
        Admission::Refused { disabled: Some(entry) } => format!(
            "{ip} would be refused: only the disabled entry {} ({}) holds it; enable it to allow it.",
            entry.address,
            described(&entry.description)
        ),
        Admission::Refused { disabled: None } => format!("{ip} would be refused: no enabled entry holds it."),
    }
}

fn described(description: &str) -> &str {
    if description.is_empty() {
        "no description"
    } else {
        description
    }
}

#[component]
pub fn AllowCheck(#[prop(into)] list: Signal<AccessList>) -> impl IntoView {
    let address = RwSignal::new(String::new());
    // The address asked about; the answer follows the list as it changes.
    let asked = RwSignal::new(None::<String>);
    let check = move || asked.set(Some(address.get_untracked()));
    view! {
        <section class="allow-check" aria-labelledby="allow-check-heading">
            <h2 id="allow-check-heading">"Would this address be allowed?"</h2>
            <form on:submit=move |ev| { ev.prevent_default(); check(); }>
                <TextField label="IP address" name="ip" value=address placeholder="137.187.23.10" autocomplete="off"/>
                <button type="submit">"Check"</button>
            </form>
            <p class="allow-check-answer" role="status">{move || asked.get().map(|text| list.with(|list| answer(list, &text)))}</p>
        </section>
    }
}
