//! The `<details>` menus (a row's "More", the header's dropdowns): Escape folds one away, and
//! focus goes back to its summary, the control that opened it, rather than to the page's start.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDetailsElement, HtmlElement};

/// A `<details>` menu's keydown: Escape closes the open menu the key was pressed in.
pub fn close_on_escape(ev: leptos::ev::KeyboardEvent) {
    if ev.key() != "Escape" {
        return;
    }
    let target: web_sys::Element = leptos::prelude::event_target(&ev);
    let Ok(Some(menu)) = target.closest("details[open]") else {
        return;
    };
    let menu: HtmlDetailsElement = menu.unchecked_into();
    menu.set_open(false);
    focus_summary(&menu);
}

/// Puts focus on the menu's summary.
pub fn focus_summary(menu: &HtmlDetailsElement) {
    if let Ok(Some(summary)) = menu.query_selector("summary") {
        let _ = summary.unchecked_into::<HtmlElement>().focus();
    }
}
