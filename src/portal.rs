//! The portal as the pages use it: the core's backend over IndexedDB, the state it serves (a
//! signal, so every view follows every change), who is acting, and the core's answer for a
//! control. Pages never decide a permission themselves: they ask [`Portal::permits`] about the
//! request a control would send, and they change state only through [`Portal::request`], which
//! runs the same handler the server runs.

use std::rc::Rc;
use std::sync::Arc;

use futures::lock::Mutex;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::{self, Actor, Method, Principal, Request, Response};
use portal_core::model::demo::demo;
use portal_core::model::{MemberStatus, OsEntropy, Scope, State};
use portal_core::rbac::DefaultRole;
use portal_core::store::Backend;
use serde_json::Value;

use crate::clock::now;
use crate::connection::{leader, Connected, SyncView};
use crate::store::indexed_db::{IdbError, IdbStore, DATABASE};

type SharedBackend = Rc<Mutex<Option<Backend<IdbStore>>>>;
type SharedConnection = Rc<Mutex<Option<Connected>>>;

/// How long the syncing tab waits between two syncs with the server.
const SYNC_EVERY_MS: u32 = 3_000;

/// Where the portal is in starting up.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    /// IndexedDB could not be opened or read; the message says why.
    Failed(String),
}

/// The page's handle on the portal; cheap to copy into every closure.
#[derive(Clone, Copy)]
pub struct Portal {
    backend: StoredValue<SharedBackend, LocalStorage>,
    state: RwSignal<Option<Arc<State>>>,
    principal: RwSignal<Option<Principal>>,
    status: RwSignal<Status>,
    tabs: StoredValue<Option<Tabs>, LocalStorage>,
    /// Connected mode, when the portal is connected to a server.
    connection: StoredValue<SharedConnection, LocalStorage>,
    sync: RwSignal<Option<SyncView>>,
    /// The IndexedDB database of the portal's own data.
    database: &'static str,
    /// Counts the background sync loops started, so that only the latest runs.
    syncs: StoredValue<Rc<std::cell::Cell<u32>>, LocalStorage>,
}

impl Portal {
    /// Opens the IndexedDB database `name` (loading the demo data on first start), provides the
    /// portal to every component below, and returns it.
    pub fn start(name: &'static str) -> Portal {
        let portal = Portal {
            backend: StoredValue::new_local(Rc::new(Mutex::new(None))),
            state: RwSignal::new(None),
            principal: RwSignal::new(None),
            status: RwSignal::new(Status::Loading),
            tabs: StoredValue::new_local(None),
            connection: StoredValue::new_local(Rc::new(Mutex::new(None))),
            sync: RwSignal::new(None),
            syncs: StoredValue::new_local(Rc::default()),
            database: name,
        };
        provide_context(portal);
        portal.tabs.set_value(Tabs::join(name, portal));
        // Close the connection with the app, so that deleting or upgrading the database (another
        // tab, a test) is not blocked by it.
        let shared = send_wrapper::SendWrapper::new(portal.backend.get_value());
        let connection = send_wrapper::SendWrapper::new(portal.connection.get_value());
        on_cleanup(move || {
            let shared = shared.take();
            if let Some(backend) = shared.try_lock().and_then(|mut guard| guard.take()) {
                backend.into_storage().close();
            }
            if let Some(connected) = connection.take().try_lock().and_then(|mut c| c.take()) {
                connected.close();
            }
        });
        spawn_local(async move {
            let opened = open(name).await;
            // The app may have been unmounted while the database opened.
            let Some(shared) = portal.backend.try_get_value() else {
                if let Ok(backend) = opened {
                    backend.into_storage().close();
                }
                return;
            };
            match opened {
                Ok(backend) => {
                    portal.step_aside_when_asked(backend.storage().stepping_aside());
                    let state = Arc::new(backend.state().clone());
                    portal.principal.try_set(first_administrator(&state));
                    portal.state.try_set(Some(state));
                    *shared.lock().await = Some(backend);
                    // A connection of an earlier visit opens from its copy, even offline.
                    if name == DATABASE {
                        if let Ok(Some(connected)) = Connected::resume().await {
                            portal.adopt_connection(connected).await;
                        }
                    }
                    portal.status.try_set(Status::Ready);
                }
                Err(e) => {
                    portal.status.try_set(Status::Failed(e.to_string()));
                }
            }
        });
        portal
    }

    pub fn status(&self) -> Status {
        self.status.get()
    }

    pub fn status_now(&self) -> Status {
        self.status.get_untracked()
    }

    /// The state as stored, tracked: a view that reads it re-renders after every change.
    pub fn state(&self) -> Option<Arc<State>> {
        self.state.get()
    }

    /// Reads the state without tracking, for event handlers.
    pub fn state_now(&self) -> Option<Arc<State>> {
        self.state.get_untracked()
    }

    pub fn principal(&self) -> Option<Principal> {
        self.principal.get()
    }

    /// "Sign in as": a user of this state, or a token. While connected, the connection's token
    /// acts: the server would refuse anyone else.
    pub fn act_as(&self, principal: Principal) {
        if self.sync.get_untracked().is_none() {
            self.principal.set(Some(principal));
        }
    }

    /// Connected mode's state, tracked; `None` when the portal works on its own data.
    pub fn sync_view(&self) -> Option<SyncView> {
        self.sync.get()
    }

    /// Who acts in `scope`: the chosen user there, or the chosen token where it belongs.
    pub fn actor(&self, scope: &Scope) -> Option<Actor> {
        actor_of(self.principal.get()?, &*self.state.get()?, scope)
    }

    /// The same, untracked, for event handlers and requests.
    pub fn actor_now(&self, scope: &Scope) -> Option<Actor> {
        actor_of(
            self.principal.get_untracked()?,
            &*self.state.get_untracked()?,
            scope,
        )
    }

    /// `Ok` when the core would let the acting principal send this request (`api::permits`),
    /// else the handler's refusal, for a disabled control to show.
    pub fn permits(
        &self,
        scope: &Scope,
        method: Method,
        target: &str,
        body: &Value,
    ) -> Result<(), String> {
        let state = self.state.get().ok_or("the portal is still loading")?;
        let actor = self.actor(scope).ok_or("sign in as someone first")?;
        let request = Request::new(method, target, body.to_string());
        api::permits(&state, &actor, &request, now()).map_err(|e| e.to_string())
    }

    /// Runs one DevOps API request as the acting principal in `scope`, through the core's
    /// handler; the change is in IndexedDB before this returns.
    pub async fn request(
        &self,
        scope: &Scope,
        method: Method,
        target: &str,
        body: Option<Value>,
    ) -> Response {
        let Some(actor) = self.actor_now(scope) else {
            return refusal("sign in as someone first");
        };
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let reads = method == Method::Get;
        let request = Request::new(method, target, body);
        let connection = self.connection.get_value();
        let mut connected = connection.lock().await;
        if let Some(connected) = connected.as_mut() {
            let response = connected.request(request, now()).await;
            // A read changes nothing to show or to tell the other tabs.
            if !reads {
                self.show(connected);
                self.tell_other_tabs();
            }
            return response;
        }
        drop(connected);
        let shared = self.backend.get_value();
        let mut guard = shared.lock().await;
        let Some(backend) = guard.as_mut() else {
            return refusal("the portal is still loading");
        };
        let mut ctx = api::Context {
            now: now(),
            entropy: &mut OsEntropy,
        };
        let before = backend.revision();
        let response = backend.request(&actor, &request, &mut ctx).await;
        if backend.revision() != before {
            self.state.set(Some(Arc::new(backend.state().clone())));
            self.tell_other_tabs();
        }
        response
    }

    /// Connects to a server: checks the address and token, keeps the server's copy, and acts as
    /// the token from then on.
    pub async fn connect(&self, base_url: &str, token: &str) -> Result<(), String> {
        let connected = Connected::connect(base_url, token).await?;
        let connection = self.connection.get_value();
        if let Some(old) = connection.lock().await.take() {
            old.close();
        }
        self.adopt_connection(connected).await;
        self.tell_other_tabs();
        Ok(())
    }

    /// The token again, after a reload: it is never stored.
    pub async fn unlock(&self, token: &str) -> Result<(), String> {
        let connection = self.connection.get_value();
        let mut guard = connection.lock().await;
        let connected = guard.as_mut().ok_or("the portal is not connected")?;
        connected.unlock(token)?;
        connected.sync().await;
        self.show(connected);
        Ok(())
    }

    /// Back to the portal's own data; the server's copy and unsent changes are dropped.
    pub async fn disconnect(&self) -> Result<(), String> {
        let connection = self.connection.get_value();
        let Some(connected) = connection.lock().await.take() else {
            return Ok(());
        };
        connected.disconnect().await?;
        self.sync.set(None);
        let shared = self.backend.get_value();
        let guard = shared.lock().await;
        if let Some(backend) = guard.as_ref() {
            self.principal.set(None);
            self.adopt(backend.state());
        }
        self.tell_other_tabs();
        Ok(())
    }

    /// Settles a sync conflict as the person chose.
    pub async fn resolve(&self, mutation: u64, choice: portal_core::sync::Choice) {
        let connection = self.connection.get_value();
        let mut guard = connection.lock().await;
        if let Some(connected) = guard.as_mut() {
            connected.resolve(mutation, choice).await;
            self.show(connected);
            self.tell_other_tabs();
        }
    }

    /// Sends what waits and follows the server now; the pages re-render only when something
    /// changed.
    pub async fn sync_now(&self) {
        let connection = self.connection.get_value();
        let mut guard = connection.lock().await;
        if let Some(connected) = guard.as_mut() {
            let before = connected.sync_view();
            connected.sync().await;
            if connected.sync_view() != before {
                self.show(connected);
                self.tell_other_tabs();
            }
        }
    }

    async fn adopt_connection(&self, connected: Connected) {
        self.principal
            .try_set(connected.actor().map(|a| a.principal));
        self.show(&connected);
        *self.connection.get_value().lock().await = Some(connected);
        self.keep_syncing();
    }

    /// Serves the connection's view (its copy with the unsent changes) and its sync state.
    fn show(&self, connected: &Connected) {
        self.state.try_set(Some(Arc::new(connected.view(now()))));
        self.sync.try_set(Some(connected.sync_view()));
    }

    /// The background sync of the tab holding the lock, until the app goes away or the portal
    /// disconnects. One loop per tab: a loop started for an earlier connection stops.
    fn keep_syncing(&self) {
        let portal = *self;
        let generation = self.syncs.get_value().get() + 1;
        self.syncs.get_value().set(generation);
        let leading = leader::claim("portal-sync");
        spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(SYNC_EVERY_MS).await;
                let current = portal.syncs.try_get_value().map(|g| g.get());
                if current != Some(generation)
                    || portal.sync.try_get_untracked().flatten().is_none()
                {
                    return;
                }
                if leading.get() {
                    portal.sync_now().await;
                }
            }
        });
    }

    /// A newer build in another tab upgrades the database (or something deletes it): this tab
    /// closes its connection, which would block that, and says to reload.
    fn step_aside_when_asked(&self, asked: impl std::future::Future<Output = bool> + 'static) {
        let portal = *self;
        spawn_local(async move {
            if !asked.await {
                return;
            }
            let Some(shared) = portal.backend.try_get_value() else {
                return;
            };
            if let Some(backend) = shared.lock().await.take() {
                backend.into_storage().close();
            }
            portal.status.try_set(Status::Failed(
                "another tab opened it with a newer version of the portal: reload this page".into(),
            ));
        });
    }

    /// Another tab changed the database: serve what it stored.
    async fn refresh(&self) {
        let connection = self.connection.get_value();
        let mut connected = connection.lock().await;
        if let Some(connected) = connected.as_mut() {
            if connected.reload().await.is_ok() {
                self.show(connected);
            }
            return;
        }
        drop(connected);
        // Another tab may have connected (the portal's own database only: tests use others).
        if self.database != DATABASE {
            // Nothing to resume.
        } else if let Ok(Some(connected)) = Connected::resume().await {
            self.adopt_connection(connected).await;
            return;
        }
        let shared = self.backend.get_value();
        let mut guard = shared.lock().await;
        if let Some(backend) = guard.as_mut() {
            match backend.reload().await {
                Ok(()) => self.adopt(backend.state()),
                Err(e) => self.status.set(Status::Failed(e.to_string())),
            }
        }
    }

    fn tell_other_tabs(&self) {
        self.tabs.with_value(|tabs| {
            if let Some(tabs) = tabs {
                tabs.tell();
            }
        });
    }

    /// The whole state as the export document.
    pub async fn export(&self) -> Option<String> {
        let shared = self.backend.get_value();
        let guard = shared.lock().await;
        guard.as_ref().map(|b| b.export())
    }

    /// Replaces the state with an export document, validated first; a bad one changes nothing.
    pub async fn import(&self, document: &str) -> Result<(), String> {
        let shared = self.backend.get_value();
        let mut guard = shared.lock().await;
        let backend = guard.as_mut().ok_or("the portal is still loading")?;
        backend.import(document).await.map_err(|e| e.to_string())?;
        self.adopt(backend.state());
        self.tell_other_tabs();
        Ok(())
    }

    /// Replaces the state (Reset to demo data, Start empty).
    pub async fn reset(&self, state: State) -> Result<(), String> {
        let shared = self.backend.get_value();
        let mut guard = shared.lock().await;
        let backend = guard.as_mut().ok_or("the portal is still loading")?;
        backend.reset(state).await.map_err(|e| e.to_string())?;
        self.adopt(backend.state());
        self.tell_other_tabs();
        Ok(())
    }

    /// Serves a replaced state, keeping the acting principal if it still exists.
    fn adopt(&self, state: &State) {
        let state = Arc::new(state.clone());
        let still_there = match self.principal.get_untracked() {
            Some(Principal::User(id)) => state.users.contains_key(&id),
            Some(Principal::Token(id)) => state.tokens.contains_key(&id),
            None => false,
        };
        if !still_there {
            self.principal.set(first_administrator(&state));
        }
        self.state.set(Some(state));
    }
}

fn actor_of(principal: Principal, state: &State, scope: &Scope) -> Option<Actor> {
    let scope = match &principal {
        Principal::Token(client_id) => state.tokens.get(client_id)?.scope.clone(),
        Principal::User(_) => scope.clone(),
    };
    Some(Actor { principal, scope })
}

/// The portal provided by [`Portal::start`].
pub fn use_portal() -> Portal {
    expect_context::<Portal>()
}

/// The page's backend: the stored state, or the demo data on first start. Two tabs starting at
/// once on an empty database both serve the demo state that the first of them stored.
async fn open(name: &str) -> Result<Backend<IdbStore>, IdbError> {
    let store = IdbStore::open(name).await?;
    let (backend, _) = Backend::open(store, || demo(now(), &mut OsEntropy).0).await?;
    Ok(backend)
}

/// Who a fresh session acts as: an active Enterprise Administrator.
fn first_administrator(state: &State) -> Option<Principal> {
    let admin = DefaultRole::find("Enterprise Administrator")?;
    state
        .users
        .values()
        .find(|u| {
            u.enterprise.as_ref().is_some_and(|m| {
                m.status == MemberStatus::Active && m.roles.iter().any(|r| r == admin.id)
            })
        })
        .map(|u| Principal::User(u.id.clone()))
}

fn refusal(message: &str) -> Response {
    api::ApiError::new(api::ErrorId::Forbidden, message).into_response()
}

/// Says when the portal is loading, or why it could not open its storage.
#[component]
pub fn PortalStatus() -> impl IntoView {
    let portal = use_portal();
    move || {
        match portal.status() {
        Status::Loading => Some(view! { <p class="notice" role="status">"Loading the portal's data..."</p> }.into_any()),
        Status::Failed(why) => Some(view! { <p class="notice error" role="alert">{format!("The portal can't open its data: {why}")}</p> }.into_any()),
        Status::Ready => None,
    }
    }
}

/// The other tabs on the same database: each change is announced on a BroadcastChannel, and an
/// announcement makes this tab re-read IndexedDB, so that two
/// tabs never show two different states.
struct Tabs {
    channel: web_sys::BroadcastChannel,
    _listener: wasm_bindgen::closure::Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Tabs {
    fn join(database: &str, portal: Portal) -> Option<Tabs> {
        use wasm_bindgen::JsCast;
        let channel = web_sys::BroadcastChannel::new(&format!("portal:{database}")).ok()?;
        let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(
            move |_: web_sys::MessageEvent| spawn_local(async move { portal.refresh().await }),
        );
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        let closing = channel.clone();
        on_cleanup(move || closing.close());
        Some(Tabs {
            channel,
            _listener: listener,
        })
    }

    fn tell(&self) {
        let _ = self.channel.post_message(&"changed".into());
    }
}
