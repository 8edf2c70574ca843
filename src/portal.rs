//! The portal as the pages use it: what it serves (its own data over IndexedDB, or a server's
//! state in Connected mode, one at a time), the state it serves (a signal, so every view follows
//! every change), who is acting, and the core's answer for a control. Pages never decide a
//! permission themselves: they ask [`Portal::permits`] about the request a control would send,
//! and they change state only through [`Portal::request`], which runs the same handler the server
//! runs.

use std::rc::Rc;
use std::sync::Arc;

use futures::lock::Mutex;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::impact::{self, Impact};
use portal_core::api::{self, Actor, ApiError, Method, Principal, Request, Response};
use portal_core::model::{MemberStatus, OsEntropy, Scope, SeededEntropy, State};
use portal_core::rbac::DefaultRole;
use portal_core::sync::Choice;
use send_wrapper::SendWrapper;
use serde_json::{json, Value};

use crate::clock::now;
use crate::connection::{Connected, Reloaded, SyncView};
use crate::store::early::EarlyRead;

mod config;
mod marks;
mod mode;
mod reports;
mod sync;
mod tabs;

pub use config::Config;
pub(crate) use mode::after_next_paint;
pub use mode::DataError;
use mode::Mode;
use reports::Reports;
use sync::SyncLoops;
use tabs::Tabs;

/// The one lock over what the portal serves; `None` until IndexedDB opens, and once it closed.
type SharedMode = Rc<Mutex<Option<Mode>>>;

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
    mode: StoredValue<SharedMode, LocalStorage>,
    state: RwSignal<Option<Arc<State>>>,
    principal: RwSignal<Option<Principal>>,
    status: RwSignal<Status>,
    tabs: StoredValue<Option<Tabs>, LocalStorage>,
    /// Connected mode's state; `None` while the portal serves its own data.
    sync: RwSignal<Option<SyncView>>,
    syncs: StoredValue<SyncLoops, LocalStorage>,
    /// The own data's billing reports, generated after the requests that queued them.
    reports: StoredValue<Reports, LocalStorage>,
    config: Config,
}

impl Portal {
    /// Opens the portal's own data (loading the demo data on first start) and, if `config` says
    /// so, the connection kept from an earlier visit; provides the portal to every component
    /// below, and returns it.
    pub fn start(config: Config) -> Portal {
        marks::mark(marks::STARTED);
        let portal = Portal {
            mode: StoredValue::new_local(Rc::new(Mutex::new(None))),
            state: RwSignal::new(None),
            principal: RwSignal::new(None),
            status: RwSignal::new(Status::Loading),
            tabs: StoredValue::new_local(None),
            sync: RwSignal::new(None),
            syncs: StoredValue::new_local(SyncLoops::default()),
            reports: StoredValue::new_local(Reports::default()),
            config,
        };
        provide_context(portal);
        let tabs = Tabs::join(config.database, move || {
            spawn_local(async move { portal.refresh().await })
        });
        portal.tabs.set_value(tabs);
        // Close the databases with the app, so that deleting or upgrading them (another tab, a
        // test) is not blocked by it.
        let shared = SendWrapper::new(portal.mode.get_value());
        on_cleanup(move || {
            if let Some(mode) = shared.take().try_lock().and_then(|mut guard| guard.take()) {
                mode.close();
            }
        });
        let early = EarlyRead::take(config.database);
        spawn_local(async move {
            let Some(shared) = portal.mode.try_get_value() else {
                return;
            };
            // Held from the first rows shown until all of the state is served, so that a request
            // made meanwhile waits for it instead of being refused as too early.
            let mut guard = shared.lock().await;
            let opened = mode::open(
                config.database,
                early,
                |first| {
                    portal.principal.try_set(first_administrator(&first));
                    portal.state.try_set(Some(first));
                    marks::mark(marks::STATE_SHOWN);
                },
                // Untracked: nothing runs before the whole state is set in its place.
                || portal.state.try_update_untracked(Option::take).flatten(),
            )
            .await;
            // The app may have been unmounted while the database opened.
            if portal.mode.try_get_value().is_none() {
                if let Ok(backend) = opened {
                    backend.into_storage().close();
                }
                return;
            }
            match opened {
                Ok(backend) => {
                    portal.step_aside_when_asked(backend.storage().stepping_aside());
                    // Who acts was chosen from the first rows shown, which a change another
                    // tab made meanwhile may have removed.
                    portal.adopt(backend.shared());
                    marks::mark(marks::STATE_SERVED);
                    // A connection of an earlier visit opens from its copy, even offline.
                    *guard = Some(portal.resume(Mode::Local(backend)).await);
                    // Reports a closed tab left unfinished.
                    if let Some(Mode::Local(backend)) = guard.as_ref() {
                        portal.generate_reports(backend.state());
                    }
                    drop(guard);
                    portal.status.try_set(Status::Ready);
                }
                Err(e) => {
                    // Nothing is served: the pages show why rather than a first state.
                    portal.state.try_set(None);
                    portal.status.try_set(Status::Failed(e.to_string()));
                }
            }
        });
        portal
    }

    pub fn status(&self) -> Status {
        self.status.get()
    }

    /// Reads the status without tracking.
    pub fn status_untracked(&self) -> Status {
        self.status.get_untracked()
    }

    /// The state as stored, tracked: a view that reads it re-renders after every change.
    pub fn state(&self) -> Option<Arc<State>> {
        self.state.get()
    }

    /// Reads the state without tracking, for event handlers.
    pub fn state_untracked(&self) -> Option<Arc<State>> {
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
    pub fn actor_untracked(&self, scope: &Scope) -> Option<Actor> {
        actor_of(
            self.principal.get_untracked()?,
            &*self.state.get_untracked()?,
            scope,
        )
    }

    /// [`Portal::permits`] as a signal, for a control or a part of a page whose request is always
    /// the same: it follows the state, who acts and where, and changes only when the answer does,
    /// so that what it guards is not drawn again after every change.
    pub fn allows(
        &self,
        scope: impl Into<Signal<Scope>>,
        method: Method,
        target: &'static str,
    ) -> Signal<Allowed> {
        let (portal, scope) = (*self, scope.into());
        Memo::new(move |_| portal.permits(&scope.get(), method, target, &json!({}))).into()
    }

    /// `Ok` when the core would let the acting principal send this request (`api::permits`),
    /// else the handler's refusal, for a disabled control to show.
    pub fn permits(&self, scope: &Scope, method: Method, target: &str, body: &Value) -> Allowed {
        let (state, actor, request) = self.asking(scope, method, target, body)?;
        api::permits(&state, &actor, &request, now())
    }

    /// What the request would do (tracked), had it been sent: each user and token whose
    /// permissions it changes (`api::impact`), computed on this page's state and kept nowhere;
    /// else the refusal it would get.
    pub fn impact(
        &self,
        scope: &Scope,
        method: Method,
        target: &str,
        body: &Value,
    ) -> Result<Impact, ApiError> {
        let (state, actor, request) = self.asking(scope, method, target, body)?;
        // What the dry run draws from it is never shown or kept.
        let mut entropy = SeededEntropy::new(0);
        let mut ctx = api::Context::new(now(), &mut entropy);
        impact::dry_run(&state, &actor, &request, &mut ctx)
    }

    /// What asking the core about a request without sending it takes (tracked): the state, who
    /// acts in `scope`, and the request.
    fn asking(
        &self,
        scope: &Scope,
        method: Method,
        target: &str,
        body: &Value,
    ) -> Result<(Arc<State>, Actor, Request), ApiError> {
        let state = self
            .state
            .get()
            .ok_or_else(|| refused(&DataError::Loading.to_string()))?;
        let actor = self.actor(scope).ok_or_else(|| refused(SIGN_IN))?;
        Ok((state, actor, Request::new(method, target, body.to_string())))
    }

    /// Runs one DevOps API request as the acting principal in `scope`, through the core's
    /// handler: on the own data, stored in IndexedDB before this returns, or through the
    /// connection.
    pub async fn request(
        &self,
        scope: &Scope,
        method: Method,
        target: &str,
        body: Option<Value>,
    ) -> Response {
        let Some(actor) = self.actor_untracked(scope) else {
            return refused(SIGN_IN).into_response();
        };
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let reads = method == Method::Get;
        let request = Request::new(method, target, body);
        let shared = self.mode.get_value();
        let mut guard = shared.lock().await;
        match guard.as_mut() {
            None => refused(&DataError::Loading.to_string()).into_response(),
            Some(Mode::Local(backend)) => {
                let mut entropy = OsEntropy;
                let mut ctx = api::Context::new(now(), &mut entropy);
                let before = backend.revision();
                let response = backend.request(&actor, &request, &mut ctx).await;
                if backend.revision() != before {
                    self.state.set(Some(backend.shared()));
                    self.tell_other_tabs();
                    self.generate_reports(backend.state());
                }
                response
            }
            Some(Mode::Connected { connection, .. }) => {
                let response = connection.request(request, now()).await;
                // A read changes nothing to show or to tell the other tabs.
                if !reads {
                    self.show(connection);
                    self.tell_other_tabs();
                }
                response
            }
        }
    }

    /// Connects to a server: checks the address and token, keeps the server's copy, and acts as
    /// the token from then on.
    pub async fn connect(&self, base_url: &str, token: &str) -> Result<(), String> {
        let connection = Connected::connect(base_url, token).await?;
        let shared = self.mode.get_value();
        let mut guard = shared.lock().await;
        let Some(mode) = guard.take() else {
            // Nothing to come back to on Disconnect: the kept connection goes too.
            let _ = connection.forget().await;
            connection.close();
            return Err(DataError::Loading.to_string());
        };
        *guard = Some(self.connect_to(mode, connection));
        self.tell_other_tabs();
        Ok(())
    }

    /// The token again, after a reload: it is never stored.
    pub async fn unlock(&self, token: &str) -> Result<(), String> {
        let shared = self.mode.get_value();
        let mut guard = shared.lock().await;
        let connection = guard
            .as_mut()
            .and_then(Mode::connection)
            .ok_or("the portal is not connected")?;
        connection.unlock(token)?;
        connection.sync().await;
        self.show(connection);
        Ok(())
    }

    /// Back to the portal's own data; the server's copy and unsent changes are dropped.
    pub async fn disconnect(&self) -> Result<(), String> {
        let shared = self.mode.get_value();
        let mut guard = shared.lock().await;
        let Some(connection) = guard.as_mut().and_then(Mode::connection) else {
            return Ok(());
        };
        connection.forget().await?;
        self.leave_connection(&mut guard);
        if let Some(Ok(own)) = guard.as_mut().map(Mode::local) {
            self.adopt(own.shared());
        }
        self.tell_other_tabs();
        Ok(())
    }

    /// Settles a sync conflict as the person chose.
    pub async fn resolve(&self, mutation: u64, choice: Choice) {
        let shared = self.mode.get_value();
        let mut guard = shared.lock().await;
        if let Some(connection) = guard.as_mut().and_then(Mode::connection) {
            connection.resolve(mutation, choice).await;
            self.show(connection);
            self.tell_other_tabs();
        }
    }

    /// Sends what waits and follows the server now; the pages re-render only when something
    /// changed.
    pub async fn sync_now(&self) {
        let shared = self.mode.get_value();
        let mut guard = shared.lock().await;
        if let Some(connection) = guard.as_mut().and_then(Mode::connection) {
            let before = connection.sync_view();
            connection.sync().await;
            if connection.sync_view() != before {
                self.show(connection);
                self.tell_other_tabs();
            }
        }
    }

    /// The whole own data as the export document.
    pub async fn export(&self) -> Result<String, DataError> {
        let shared = self.mode.get_value();
        let mut guard = shared.lock().await;
        Ok(guard.as_mut().ok_or(DataError::Loading)?.local()?.export())
    }

    /// Replaces the own data with an export document, validated first; a bad one changes
    /// nothing.
    pub async fn import(&self, document: &str) -> Result<(), DataError> {
        let state =
            portal_core::model::import(document).map_err(|e| DataError::Refused(e.to_string()))?;
        self.reset(state).await
    }

    /// Replaces the own data (Reset to demo data, Start empty).
    pub async fn reset(&self, state: State) -> Result<(), DataError> {
        let shared = self.mode.get_value();
        let mut guard = shared.lock().await;
        let backend = guard.as_mut().ok_or(DataError::Loading)?.local()?;
        backend
            .reset(state)
            .await
            .map_err(|e| DataError::Refused(e.to_string()))?;
        self.adopt(backend.shared());
        self.tell_other_tabs();
        Ok(())
    }

    /// `mode` connected through `connection`, acting as its token, and synced in the background.
    fn connect_to(&self, mode: Mode, connection: Connected) -> Mode {
        self.principal
            .try_set(connection.actor().map(|a| a.principal));
        self.show(&connection);
        if let Some(loops) = self.syncs.try_get_value() {
            loops.start(*self);
        }
        mode.connect(connection)
    }

    /// `mode` connected through the connection kept in IndexedDB, when the config takes it up
    /// and there is one.
    async fn resume(&self, mode: Mode) -> Mode {
        if !self.config.resume_connection {
            return mode;
        }
        match Connected::resume().await {
            Ok(Some(connection)) => self.connect_to(mode, connection),
            _ => mode,
        }
    }

    /// Serves the connection's view (its copy with the unsent changes) and its sync state.
    fn show(&self, connection: &Connected) {
        self.state.try_set(Some(Arc::new(connection.view(now()))));
        self.sync.try_set(Some(connection.sync_view()));
    }

    /// A newer build in another tab upgrades the database (or something deletes it): this tab
    /// closes its databases, which would block that, and says to reload.
    fn step_aside_when_asked(&self, asked: impl std::future::Future<Output = bool> + 'static) {
        let portal = *self;
        spawn_local(async move {
            if !asked.await {
                return;
            }
            let Some(shared) = portal.mode.try_get_value() else {
                return;
            };
            if let Some(mode) = shared.lock().await.take() {
                mode.close();
            }
            portal.status.try_set(Status::Failed(
                "another tab opened it with a newer version of the portal: reload this page".into(),
            ));
        });
    }

    /// Back to the own data, as nobody: whoever acts there is chosen again.
    fn leave_connection(&self, mode: &mut Option<Mode>) {
        *mode = mode.take().map(Mode::disconnect);
        self.sync.try_set(None);
        self.principal.try_set(None);
    }

    /// Another tab changed the database: serve what it stored. When it disconnected, or
    /// connected anew, this tab follows at once, rather than on its next reload.
    async fn refresh(&self) {
        let Some(shared) = self.mode.try_get_value() else {
            return;
        };
        let mut guard = shared.lock().await;
        if let Some(connection) = guard.as_mut().and_then(Mode::connection) {
            match connection.reload().await {
                Ok(Reloaded::Ended) => self.leave_connection(&mut guard),
                Ok(Reloaded::Kept) => {
                    self.show(connection);
                    return;
                }
                Err(_) => return,
            }
        }
        // Another tab may have connected.
        if let Some(mode) = guard.take() {
            *guard = Some(self.resume(mode).await);
        }
        if let Some(Ok(own)) = guard.as_mut().map(Mode::local) {
            match own.reload().await {
                Ok(()) => self.adopt(own.shared()),
                Err(e) => self.status.set(Status::Failed(e.to_string())),
            }
        }
    }

    /// Generates the billing reports waiting in the own data (`state`, as just stored), after
    /// this request's answer; under the portal's lock.
    fn generate_reports(&self, state: &State) {
        let portal = *self;
        self.reports
            .try_with_value(|reports| reports.generate_waiting(portal, state));
    }

    fn tell_other_tabs(&self) {
        self.tabs.with_value(|tabs| {
            if let Some(tabs) = tabs {
                tabs.tell();
            }
        });
    }

    /// Serves a replaced own data, keeping the acting principal if it still exists.
    fn adopt(&self, state: Arc<State>) {
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

/// What a control may do: `Ok`, or the core's refusal, which a disabled control shows.
pub type Allowed = Result<(), ApiError>;

/// Why nobody can act yet.
const SIGN_IN: &str = "sign in as someone first";

/// A refusal the handle gives before any handler runs (nothing loaded, nobody signed in), in the
/// same shape as the core's.
fn refused(message: &str) -> ApiError {
    ApiError::new(api::ErrorId::Forbidden, message)
}
