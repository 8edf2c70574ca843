//! The `<details>` menus (a row's "More", the header's dropdowns): Escape folds one away, and
//! focus goes back to its summary, the control that opened it, rather than to the page's start.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDetailsElement, HtmlElement};

/// A `<details>` menu's keydown: Escape closes the open menu the key was pressed in.
pub fn close_on_escape(ev: leptos::ev::KeyboardEvent) {
    if ev.key() != "Escape" {
        return;
    }
    close_menu_of(&leptos::prelude::event_target(&ev));
}

/// Closes the open menu `inside` is in, once its choice is made, and gives focus back to the
/// summary: the control it was on is hidden with the menu.
pub fn close_menu_of(inside: &web_sys::Element) {
    let Ok(Some(menu)) = inside.closest("details[open]") else {
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
