//! The other tabs on the same database: each change is announced on a BroadcastChannel, and an
//! announcement makes this tab re-read IndexedDB, so that two tabs never show two different
//! states.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

pub struct Tabs {
    channel: BroadcastChannel,
    _listener: Closure<dyn Fn(MessageEvent)>,
}

impl Tabs {
    /// Joins the tabs of `database`; `changed` runs when another of them announces a change.
    /// The channel closes with the owner.
    pub fn join(database: &str, changed: impl Fn() + 'static) -> Option<Tabs> {
        let channel = BroadcastChannel::new(&format!("portal:{database}")).ok()?;
        let listener = Closure::<dyn Fn(MessageEvent)>::new(move |_: MessageEvent| changed());
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        let closing = channel.clone();
        on_cleanup(move || closing.close());
        Some(Tabs {
            channel,
            _listener: listener,
        })
    }

    /// Tells the other tabs that this one changed the database.
    pub fn tell(&self) {
        let _ = self.channel.post_message(&"changed".into());
    }
}
