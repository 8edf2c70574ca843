//! Connected mode: the server is the source of truth, and the page keeps a copy of its
//! state in IndexedDB so that it opens and reads while offline. Changes go to an outbox (the
//! core's `sync::Outbox`, kept in the same database) and are sent in order, each under its own
//! number; the server applies each at most once and answers a change made on an older copy with
//! a conflict that waits for the person's choice.
//!
//! Reads and the evaluator's answers come from the copy with the changes not yet sent applied
//! on top, so a control is enabled or disabled by the same rules offline as online. The copy
//! holds only what the token may read (the server's feed, `api::visibility`): a page reads in it
//! what the read routes would answer the token, and asks the core's handlers, which refuse
//! there as they refuse on the server.

pub mod leader;
pub mod server;

use chrono::{DateTime, Utc};
use portal_core::api::{
    self, routes, Actor, ApiError, Context, ErrorId, Method, Principal, Request, Response,
};
use portal_core::model::{entropy, ChangeSet, OsEntropy, State};
use portal_core::store::Storage;
use portal_core::sync::{Choice, Conflict, Outbox, Settled};
use serde::{Deserialize, Serialize};

use crate::store::indexed_db::{IdbError, IdbStore};
use server::{Server, Unreachable};

/// The database of the server's copy, apart from the local mode's.
pub const DATABASE: &str = "astra-portal-connected";

/// The keys of the connection and of the outbox in the copy's database.
pub const REMOTE: &str = "remote";
pub const OUTBOX: &str = "outbox";

/// What is kept about the connection: where, and as which token (its clientId, not the token).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Remote {
    pub base_url: String,
    pub token_client_id: String,
}

/// What the page shows about syncing.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncView {
    pub remote: Remote,
    /// The token's roles where it acts, by name.
    pub roles: Vec<String>,
    /// Why the last attempt to reach the server failed; `None` when it worked.
    pub offline: Option<String>,
    /// The token is not in this tab's memory (a reload): asked again before syncing.
    pub needs_token: bool,
    pub pending: usize,
    pub conflicts: Vec<Conflict>,
    /// The server revision the copy has.
    pub revision: u64,
}

/// What [`Connected::reload`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reloaded {
    /// The connection is still the kept one; its copy and outbox are read again.
    Kept,
    /// Another tab disconnected, or connected anew: this connection is over.
    Ended,
}

pub struct Connected {
    remote: Remote,
    server: Option<Server>,
    store: IdbStore,
    copy: State,
    outbox: Outbox,
    offline: Option<String>,
}

fn idb(e: IdbError) -> String {
    e.to_string()
}

impl Connected {
    /// Checks the address and the token by fetching all the token may read, and keeps it as the
    /// copy.
    pub async fn connect(base_url: &str, token: &str) -> Result<Connected, String> {
        let server = Server::new(base_url, token);
        let feed = match server.changes(0).await {
            Ok(Ok(feed)) => feed,
            Ok(Err(refused)) => {
                return Err(refused.refusal().map(|e| e.to_string()).unwrap_or_default())
            }
            Err(Unreachable(why)) => return Err(why),
        };
        let copy = feed
            .apply_to(None)
            .ok_or("the server sent no enterprise: is it a portal server?")?;
        let actor =
            api::authenticate(&copy, token, crate::clock::now()).map_err(|e| e.to_string())?;
        let Principal::Token(token_client_id) = actor.principal else {
            return Err("the server did not answer for this token".into());
        };
        let mut store = IdbStore::open(DATABASE).await.map_err(idb)?;
        store.replace(&copy).await.map_err(idb)?;
        let mut outbox = Outbox::new(entropy::uuid(&mut OsEntropy));
        outbox.revision = feed.revision;
        let remote = Remote {
            base_url: base_url.trim().trim_end_matches('/').to_owned(),
            token_client_id,
        };
        store.put_meta(REMOTE, Some(&remote)).await.map_err(idb)?;
        store.put_meta(OUTBOX, Some(&outbox)).await.map_err(idb)?;
        Ok(Connected {
            remote,
            server: Some(server),
            store,
            copy,
            outbox,
            offline: None,
        })
    }

    /// The connection of an earlier visit, from IndexedDB alone: it reads while offline, and
    /// syncs once the token is given again.
    pub async fn resume() -> Result<Option<Connected>, IdbError> {
        let mut store = IdbStore::open(DATABASE).await?;
        let remote: Option<Remote> = store.get_meta(REMOTE).await?;
        let outbox: Option<Outbox> = store.get_meta(OUTBOX).await?;
        // Every reload asks: the copy is read only when there is a connection to resume.
        let copy = match (&remote, &outbox) {
            (Some(_), Some(_)) => store.load().await?,
            _ => None,
        };
        let (Some(remote), Some(outbox), Some(copy)) = (remote, outbox, copy) else {
            store.close();
            return Ok(None);
        };
        Ok(Some(Connected {
            remote,
            server: None,
            store,
            copy,
            outbox,
            offline: None,
        }))
    }

    /// Gives the token again after a reload; it must be the connection's.
    pub fn unlock(&mut self, token: &str) -> Result<(), String> {
        let actor =
            api::authenticate(&self.copy, token, crate::clock::now()).map_err(|e| e.to_string())?;
        if actor.principal != Principal::Token(self.remote.token_client_id.clone()) {
            return Err(
                "this is another token: give the one this portal is connected with, or \
                        disconnect and connect again"
                    .into(),
            );
        }
        self.server = Some(Server::new(&self.remote.base_url, token));
        Ok(())
    }

    /// Forgets the connection and the copy in IndexedDB, so that no tab or later visit resumes
    /// it; the outbox's unsent changes go with them.
    pub async fn forget(&self) -> Result<(), String> {
        self.store
            .put_meta::<Remote>(REMOTE, None)
            .await
            .map_err(idb)?;
        self.store
            .put_meta::<Outbox>(OUTBOX, None)
            .await
            .map_err(idb)
    }

    pub fn close(self) {
        self.store.close();
    }

    /// The connection's token, acting where it belongs.
    pub fn actor(&self) -> Option<Actor> {
        let token = self.copy.tokens.get(&self.remote.token_client_id)?;
        Some(Actor {
            principal: Principal::Token(token.client_id.clone()),
            scope: token.scope.clone(),
        })
    }

    /// The copy with the unsent changes applied: what the pages show and the evaluator reads.
    pub fn view(&self, now: DateTime<Utc>) -> State {
        match self.actor() {
            Some(actor) => {
                let mut entropy = OsEntropy;
                let mut ctx = Context::new(now, &mut entropy);
                self.outbox.view(&self.copy, &actor, &mut ctx)
            }
            None => self.copy.clone(),
        }
    }

    pub fn sync_view(&self) -> SyncView {
        let roles = self
            .actor()
            .map(|actor| {
                api::access::roles(&self.copy, &actor)
                    .into_iter()
                    .map(|r| r.name)
                    .collect()
            })
            .unwrap_or_default();
        SyncView {
            remote: self.remote.clone(),
            roles,
            offline: self.offline.clone(),
            needs_token: self.server.is_none(),
            pending: self.outbox.pending.len(),
            conflicts: self.outbox.conflicts.clone(),
            revision: self.outbox.revision,
        }
    }

    /// Runs a request as the connection's token: reads on the copy; a change through the server
    /// when it can be reached, else queued (what needs the server, such as a new token's secret,
    /// is refused offline).
    pub async fn request(&mut self, request: Request, now: DateTime<Utc>) -> Response {
        let Some(actor) = self.actor() else {
            return refusal(ErrorId::Unauthenticated, "the connection's token is gone from the server's state: disconnect and connect with another token");
        };
        let view = self.view(now);
        let mut entropy = OsEntropy;
        let mut ctx = Context::new(now, &mut entropy);
        let local = api::handle(&view, &actor, &request, &mut ctx);
        // The copy holds what the token may read (the server's feed gives it no more): a change
        // to a record it doesn't hold (a token may write what it may not read) is the server's to
        // answer, and waits for no queue.
        let server_only = request.method != Method::Get && local.response.status == 404;
        if request.method == Method::Get || (local.response.status >= 400 && !server_only) {
            return local.response;
        }
        let number = match self.update_outbox(|outbox| outbox.push(&request)).await {
            Ok(number) => number,
            Err(e) => return refusal(ErrorId::StorageFailed, &e),
        };
        match self.flush(Some(number)).await {
            Some(answer) => {
                self.pull().await;
                answer
            }
            None if routes::makes_secret(&request) => {
                let _ = self.update_outbox(|outbox| outbox.withdraw(number)).await;
                refusal(ErrorId::StorageFailed, "a new token's secret is made by the server, which can't be reached now: try again when online")
            }
            None if server_only => {
                let _ = self.update_outbox(|outbox| outbox.withdraw(number)).await;
                local.response
            }
            // Queued: the copy shows it until the server answers.
            None => local.response,
        }
    }

    /// Sends the outbox in order; the answer to `wanted` when it was sent. `None` when the
    /// server could not be reached (or has no token yet) before that.
    async fn flush(&mut self, wanted: Option<u64>) -> Option<Response> {
        let server = self.server.clone()?;
        while let Some(pending) = self.outbox.front().cloned() {
            let number = pending.mutation.number;
            let response = match server.send(&pending).await {
                Ok(response) => response,
                Err(Unreachable(why)) => {
                    self.offline = Some(why);
                    return None;
                }
            };
            self.offline = None;
            let settled = self
                .update_outbox(|outbox| outbox.settle_sent(number, &response))
                .await;
            let settled = match settled {
                Ok(Some(settled)) => settled,
                // Another tab took the server's answer first: on to what is first now.
                Ok(None) => continue,
                // Not kept: sent again later, the server answers it as a retry.
                Err(_) => return None,
            };
            if settled == Settled::Later {
                // Busy (429) or not stored (503): it stays first in line for the next sync.
                self.offline = response.refusal().map(|e| e.to_string());
                return None;
            }
            if Some(number) == wanted {
                return Some(match settled {
                    Settled::Conflict(_) => refusal(
                        ErrorId::StaleEdit,
                        "someone changed this on the server since your copy was made: choose \
                         yours or theirs under General, API connection",
                    ),
                    Settled::Applied(_, answer) | Settled::Refused(_, answer) => answer,
                    Settled::Later => response,
                });
            }
        }
        None
    }

    /// Sends what waits and follows the server's feed: the background sync.
    pub async fn sync(&mut self) {
        if self.server.is_none() {
            return;
        }
        self.flush(None).await;
        self.pull().await;
    }

    /// Follows the feed from the copy's revision and stores what changed.
    async fn pull(&mut self) {
        let Some(server) = self.server.clone() else {
            return;
        };
        let feed = match server.changes(self.outbox.revision).await {
            Ok(Ok(feed)) => feed,
            Ok(Err(_)) => match server.changes(0).await {
                Ok(Ok(feed)) => feed,
                _ => return,
            },
            Err(Unreachable(why)) => {
                self.offline = Some(why);
                return;
            }
        };
        self.offline = None;
        let Some(next) = self.outbox.follow(Some(self.copy.clone()), &feed) else {
            return;
        };
        let stored = if feed.snapshot {
            self.store.replace(&next).await
        } else {
            self.store.commit(&ChangeSet(feed.changes.clone())).await
        };
        let revision = self.outbox.revision;
        if stored.is_ok()
            && self
                .update_outbox(|outbox| outbox.revision = revision)
                .await
                .is_ok()
        {
            self.copy = next;
        }
    }

    /// Settles a conflict as the person chose, then syncs.
    pub async fn resolve(&mut self, mutation: u64, choice: Choice) {
        // "Mine" is sent again on top of the current state: get it first.
        self.pull().await;
        let resolved = self
            .update_outbox(|outbox| outbox.resolve(mutation, choice))
            .await;
        if resolved == Ok(true) {
            self.sync().await;
        }
    }

    /// Reads the copy and the outbox again: another tab changed them. `Ended` when IndexedDB
    /// keeps this connection no more: another tab disconnected, or connected anew.
    pub async fn reload(&mut self) -> Result<Reloaded, IdbError> {
        let outbox: Option<Outbox> = self.store.get_meta(OUTBOX).await?;
        let Some(outbox) = outbox.filter(|kept| self.is_this_connections(kept)) else {
            return Ok(Reloaded::Ended);
        };
        if let Some(copy) = self.store.load().await? {
            self.copy = copy;
        }
        self.outbox = outbox;
        Ok(Reloaded::Kept)
    }

    /// Changes the outbox as IndexedDB keeps it, in one read-write transaction, and takes the
    /// result as this tab's: the tabs of a connection queue into and send from one outbox, and
    /// writing this tab's copy of it back whole would drop what another tab queued meanwhile.
    async fn update_outbox<R>(
        &mut self,
        change: impl FnOnce(&mut Outbox) -> R,
    ) -> Result<R, String> {
        let updated = self
            .store
            .update_meta(OUTBOX, |kept: &mut Option<Outbox>| {
                let outbox = kept
                    .as_mut()
                    .filter(|kept| self.is_this_connections(kept))?;
                let result = change(outbox);
                Some((outbox.clone(), result))
            })
            .await
            .map_err(idb)?;
        let (outbox, result) = updated.ok_or(ENDED)?;
        self.outbox = outbox;
        Ok(result)
    }

    /// Each connection makes an outbox under a client ID of its own.
    fn is_this_connections(&self, kept: &Outbox) -> bool {
        kept.client_id == self.outbox.client_id
    }
}

/// Why a change is refused when another tab ended the connection before this tab heard of it.
const ENDED: &str = "another tab disconnected or connected again: this one follows it in a moment";

fn refusal(id: ErrorId, message: &str) -> Response {
    ApiError::new(id, message).into_response()
}
