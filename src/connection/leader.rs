//! Which tab syncs: the one holding the Web Lock "portal-sync", so that
//! one tab at a time talks to the server and the others follow it through BroadcastChannel
//! instead of each sending the same changes. A tab asks for the lock once;
//! the browser grants it to one tab at a time and hands it on when that tab closes.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The locks this tab has asked for. A reconnect asks again for what it already waits for or
    /// holds: a second request would queue behind the first for ever, with its callback kept.
    static CLAIMED: RefCell<BTreeMap<String, Rc<Cell<bool>>>> = RefCell::default();
}

/// Whether this tab holds the lock: set once the browser grants it, for the tab's life. The
/// lock is requested on the first call for `name` only.
pub fn claim(name: &str) -> Rc<Cell<bool>> {
    if let Some(held) = CLAIMED.with(|claimed| claimed.borrow().get(name).cloned()) {
        return held;
    }
    let held = Rc::new(Cell::new(false));
    CLAIMED.with(|claimed| claimed.borrow_mut().insert(name.to_owned(), held.clone()));
    let granted = held.clone();
    // The lock is held while the callback's promise is pending: it never settles, so the lock
    // goes with the tab.
    let on_grant = Closure::<dyn FnMut(JsValue) -> Promise>::new(move |_lock: JsValue| {
        granted.set(true);
        Promise::new(&mut |_, _| {})
    });
    let requested = locks().and_then(|locks| {
        let request = Reflect::get(&locks, &"request".into()).ok()?;
        let request: Function = request.dyn_into().ok()?;
        request.call2(&locks, &name.into(), on_grant.as_ref()).ok()
    });
    match requested {
        Some(_) => on_grant.forget(),
        // No Web Locks (an old browser): every tab syncs, which the server's mutation numbers
        // make safe, only busier.
        None => held.set(true),
    }
    held
}

fn locks() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    Reflect::get(&navigator, &"locks".into())
        .ok()
        .filter(|locks| !locks.is_undefined())
}
