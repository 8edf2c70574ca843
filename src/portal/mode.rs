//! What the portal serves, one at a time: its own data in this browser, or a server's state
//! through Connected mode. Everything that touches the own data as a whole (export, import,
//! replace) asks for the local backend, which a connected portal refuses, so that no page can
//! change data it doesn't show.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures::future::join;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::document;
use portal_core::model::demo::demo;
use portal_core::model::{Collection, OsEntropy, State};
use portal_core::store::Backend;

use crate::clock::now;
use crate::connection::Connected;
use crate::portal::marks::{self, mark};
use crate::store::early::EarlyRead;
use crate::store::indexed_db::{state_in, IdbError, IdbStore, SCHEMA_VERSION};

pub enum Mode {
    /// The portal's own data, in this browser's IndexedDB.
    Local(Backend<IdbStore>),
    /// A server's state, through the copy the connection keeps. The own data stays open, unread
    /// and unchanged, for Disconnect to serve it again.
    Connected {
        connection: Box<Connected>,
        own: Backend<IdbStore>,
    },
}

/// Why the portal's own data can't be exported, imported or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataError {
    /// IndexedDB is not open yet, or was closed for a newer build in another tab.
    Loading,
    /// The pages show a server's state: acting on this browser's own data would change what
    /// nobody sees.
    Connected,
    /// The document doesn't check out, or the browser's storage failed; nothing changed.
    Refused(String),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Loading => f.write_str("the portal is still loading"),
            DataError::Connected => f.write_str(
                "the portal is connected to a server: disconnect to export, import or replace \
                 this browser's own data",
            ),
            DataError::Refused(why) => f.write_str(why),
        }
    }
}

/// The collections no page needs for its first rows: a large state's audit entries and emails
/// are half its records and bytes (scripts/bench-browser), so they are decoded after the first
/// render.
const READ_AFTER_SHOWING: [Collection; 2] = [Collection::Audit, Collection::Emails];

/// The own data in the IndexedDB database `name`, or the demo data on first start. Two tabs
/// starting at once on an empty database both serve the demo state that the first of them
/// stored.
///
/// The state is the one `early` read, when the page began a read of this database at this
/// schema (see `store::early`) and it found a state; it is read again when another tab changed
/// the database since.
///
/// A stored state is handed to `show` before its audit entries and emails are decoded, and the
/// browser paints it before they are; `take_back` then returns it (the page is told of the whole
/// state once it is in, so the part it painted is not copied), and the backend returned serves
/// all of it.
pub async fn open(
    name: &str,
    early: Option<EarlyRead>,
    show: impl FnOnce(Arc<State>),
    take_back: impl FnOnce() -> Option<Arc<State>>,
) -> Result<Backend<IdbStore>, IdbError> {
    // Decoded while IndexedDB opens this connection.
    let (store, early_state) = join(IdbStore::open(name), async {
        let stores = early.as_ref()?.stores(SCHEMA_VERSION).await?;
        let decoded = state_in(&stores, &READ_AFTER_SHOWING);
        mark(marks::EARLY_DECODED);
        Some(decoded)
    })
    .await;
    let store = store?;
    mark(marks::STORE_OPENED);
    let read = match early_state {
        Some(Ok(Some(read))) => Some(read),
        // Read again by this connection: an empty read may have been made before another tab
        // stored its first state, and an unreadable one is reported as this connection finds it.
        _ => store.load_but(&READ_AFTER_SHOWING).await?,
    };
    if let Some((first, later)) = read {
        mark(marks::STATE_READ);
        let first = Arc::new(first);
        show(Arc::clone(&first));
        after_next_paint().await;
        let first = take_back().unwrap_or(first);
        let mut state = Arc::unwrap_or_clone(first);
        if let Err(e) = later.add_to(&mut state) {
            // Closed now: an open connection would block a newer build's upgrade.
            store.close();
            return Err(e);
        }
        let mut backend = Backend::loaded(store, state);
        // A change announced after the read was decoded (once the portal's own channel is open,
        // it hears later ones).
        if early.is_some_and(|early| early.changed()) {
            if let Err(e) = backend.reload().await {
                backend.into_storage().close();
                return Err(e);
            }
        }
        return Ok(backend);
    }
    let made = || {
        let made = demo(now(), &mut OsEntropy).0;
        mark(marks::DEMO_MADE);
        made
    };
    // Found empty by the read above: a tab that stored its demo since is served instead.
    let (backend, _) = Backend::create(store, made).await?;
    Ok(backend)
}

/// Resolves once the browser has painted what the page holds now: a task queued from an
/// animation frame runs after that frame's paint. At once in a tab in the background, which
/// paints nothing and gets no animation frames until it is shown, and after a tenth of a second
/// at most (a browser may throttle the frames of a tab it is hiding).
pub(crate) async fn after_next_paint() {
    if document().visibility_state() == web_sys::VisibilityState::Hidden {
        return;
    }
    let (painted, resolved) = futures::channel::oneshot::channel();
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(
            move || {
                // Nobody waits any more when the deadline came first.
                let _ = painted.send(());
            },
            Duration::ZERO,
        );
    });
    futures::future::select(resolved, TimeoutFuture::new(100)).await;
}

impl Mode {
    /// The own data, to act on as a whole; refused while connected.
    pub fn local(&mut self) -> Result<&mut Backend<IdbStore>, DataError> {
        match self {
            Mode::Local(backend) => Ok(backend),
            Mode::Connected { .. } => Err(DataError::Connected),
        }
    }

    pub fn connection(&mut self) -> Option<&mut Connected> {
        match self {
            Mode::Local(_) => None,
            Mode::Connected { connection, .. } => Some(connection.as_mut()),
        }
    }

    /// Connected to `connection`, in place of an earlier one.
    pub fn connect(self, connection: Connected) -> Mode {
        let own = match self {
            Mode::Local(own) => own,
            Mode::Connected {
                connection: earlier,
                own,
            } => {
                earlier.close();
                own
            }
        };
        Mode::Connected {
            connection: Box::new(connection),
            own,
        }
    }

    /// Back to the own data, as it was when the portal connected.
    pub fn disconnect(self) -> Mode {
        match self {
            Mode::Local(own) => Mode::Local(own),
            Mode::Connected { connection, own } => {
                connection.close();
                Mode::Local(own)
            }
        }
    }

    /// Closes the databases, so that deleting or upgrading them (another tab, a test) is not
    /// blocked by this tab.
    pub fn close(self) {
        match self {
            Mode::Local(own) => own.into_storage().close(),
            Mode::Connected { connection, own } => {
                connection.close();
                own.into_storage().close();
            }
        }
    }
}
