//! The read of the portal's own data that `index.html` begins before the module has even
//! downloaded (its script `portal-early-read`): IndexedDB opens and reads while the module
//! compiles, so that on a reload the state is in memory when the portal starts instead of some
//! 50 ms after it (the page-load steps in the README).

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The global the script leaves its read under.
const GLOBAL: &str = "portalEarly";

/// A read `index.html` began, with the tab's changes heard since.
pub struct EarlyRead(Object);

impl EarlyRead {
    /// The read the page began of the database `name`, taken once: an app mounted again later
    /// reads IndexedDB itself.
    pub fn take(name: &str) -> Option<EarlyRead> {
        let global = js_sys::global();
        let early = Reflect::get(&global, &GLOBAL.into())
            .ok()?
            .dyn_into::<Object>()
            .ok()?;
        if field(&early, "name")?.as_string()? != name {
            return None;
        }
        // Only a page's first start has a read of that moment to take.
        let _ = Reflect::delete_property(&global, &GLOBAL.into());
        Some(EarlyRead(early))
    }

    /// Each object store's values, by the store's name, once read; `None` when the database was
    /// not there yet (a first visit), is of another schema version than `version` (an upgrade
    /// comes first, and the page left it unread), could not be read, or was changed by another
    /// tab since the read began.
    pub async fn stores(&self, version: u32) -> Option<Object> {
        let read = field(&self.0, "read")?.dyn_into::<Promise>().ok()?;
        let read = JsFuture::from(read).await.ok()?;
        if field(&read, "version")?.as_f64()? != f64::from(version) || self.changed() {
            return None;
        }
        field(&read, "stores")?.dyn_into::<Object>().ok()
    }

    /// Whether another tab announced a change of the database since the read began: what was
    /// read may be older than what is stored.
    pub fn changed(&self) -> bool {
        field(&self.0, "changed").is_some_and(|changed| changed.is_truthy())
    }
}

impl Drop for EarlyRead {
    /// Stops listening for the other tabs: the portal's own listener hears them from now on.
    fn drop(&mut self) {
        if let Some(done) = field(&self.0, "done").and_then(|f| f.dyn_into::<Function>().ok()) {
            let _ = done.call0(&self.0);
        }
    }
}

fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(object, &name.into())
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}
