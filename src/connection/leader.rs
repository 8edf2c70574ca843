//! Which tab syncs: the one holding the Web Lock "portal-sync" (issue 7, "Only one tab syncs at a
//! time (Web Locks), the others follow through BroadcastChannel"). A tab asks for the lock once;
//! the browser grants it to one tab at a time and hands it on when that tab closes.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

/// Whether this tab holds the lock: set once the browser grants it, for the tab's life.
pub fn claim(name: &str) -> Rc<Cell<bool>> {
    let held = Rc::new(Cell::new(false));
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
