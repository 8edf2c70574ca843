//! Where a page load's time goes, as User Timing marks the browser keeps beside its own
//! navigation and resource timings: `scripts/bench-browser` reads them after the first rows are
//! painted and reports each step of a cold visit and a warm reload. A mark costs a few
//! microseconds, and nothing in the portal reads them.

/// The portal has started: the module is compiled and instantiated, and the app is mounting.
pub const STARTED: &str = "portal-started";
/// The state `index.html` read while the module loaded (`store::early`) is decoded, but its
/// audit entries and emails; `index.html` marks its read done as `portal-early-read`.
pub const EARLY_DECODED: &str = "portal-early-decoded";
/// IndexedDB is open (and, on a first start, created).
pub const STORE_OPENED: &str = "portal-store-opened";
/// A stored state is read and decoded but its audit entries and emails.
pub const STATE_READ: &str = "portal-state-read";
/// On a first start, the demo data is made.
pub const DEMO_MADE: &str = "portal-demo-made";
/// The pages have a stored state's first part to show.
pub const STATE_SHOWN: &str = "portal-state-shown";
/// The whole state is served: on a first start, the demo once written.
pub const STATE_SERVED: &str = "portal-state-served";

/// Marks `name` now on the page's performance timeline.
pub fn mark(name: &str) {
    if let Some(performance) = leptos::prelude::window().performance() {
        // A timeline that refuses a mark only loses a figure.
        let _ = performance.mark(name);
    }
}
