//! The state as last committed, shared with the HTTP tasks so that reads are answered on any of
//! tokio's workers instead of queueing behind writes on the backend's thread.
//!
//! [`Published`] wraps the backend's storage: each time the storage tells the backend what its
//! state now is (loaded, created, committed, replaced, caught up), the same is applied to the
//! shared copy, before the backend's answer leaves. So a read that arrives after a change was
//! answered sees it. Readers hold the copy's read lock only while a handler runs; the writer takes
//! the write lock only to apply a committed change set, never across storage I/O.

use std::ops::Deref;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use portal_core::model::{ChangeSet, State};
use portal_core::store::{Created, Since, Storage};

/// The shared copy: empty until the backend has opened its storage, which is before any request
/// is taken.
#[derive(Clone, Default)]
pub struct Shared(Arc<RwLock<Option<State>>>);

/// The shared state, read-locked.
pub struct Reading<'a>(RwLockReadGuard<'a, Option<State>>);

impl Deref for Reading<'_> {
    type Target = State;

    fn deref(&self) -> &State {
        self.0
            .as_ref()
            .expect("the state is published as the backend opens, before requests are taken")
    }
}

impl Shared {
    pub fn read(&self) -> Reading<'_> {
        // A handler that panicked while reading leaves the state as it was: nothing writes
        // under a read lock.
        Reading(self.0.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        if let Some(state) = &mut *self.0.write().unwrap_or_else(PoisonError::into_inner) {
            f(state);
        }
    }

    fn set(&self, state: &State) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = Some(state.clone());
    }
}

/// A storage whose every state change is published to a [`Shared`] copy.
pub struct Published<S> {
    inner: S,
    shared: Shared,
}

impl<S> Published<S> {
    pub fn new(inner: S, shared: Shared) -> Published<S> {
        Published { inner, shared }
    }
}

impl<S: Storage> Storage for Published<S> {
    type Error = S::Error;

    async fn load(&mut self) -> Result<Option<State>, S::Error> {
        let loaded = self.inner.load().await?;
        if let Some(state) = &loaded {
            self.shared.set(state);
        }
        Ok(loaded)
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), S::Error> {
        self.inner.commit(changes).await?;
        self.shared.update(|state| state.apply(changes));
        Ok(())
    }

    async fn create(&mut self, state: &State) -> Result<Created, S::Error> {
        let created = self.inner.create(state).await?;
        match &created {
            Created::Stored => self.shared.set(state),
            Created::Existing(theirs) => self.shared.set(theirs),
        }
        Ok(created)
    }

    async fn replace(&mut self, state: &State) -> Result<(), S::Error> {
        self.inner.replace(state).await?;
        self.shared.set(state);
        Ok(())
    }

    fn is_stale(error: &S::Error) -> bool {
        S::is_stale(error)
    }

    async fn changes_since(&mut self, revision: u64) -> Result<Since, S::Error> {
        let since = self.inner.changes_since(revision).await?;
        self.publish(&since);
        Ok(since)
    }

    async fn begin_write(&mut self, revision: u64) -> Result<Since, S::Error> {
        let since = self.inner.begin_write(revision).await?;
        self.publish(&since);
        Ok(since)
    }

    async fn end_write(&mut self) {
        self.inner.end_write().await;
    }

    fn is_behind(error: &S::Error) -> bool {
        S::is_behind(error)
    }
}

impl<S> Published<S> {
    fn publish(&self, since: &Since) {
        match since {
            Since::Current => {}
            Since::Changes(sets) => self.shared.update(|state| {
                for changes in sets {
                    state.apply(changes);
                }
            }),
            Since::Replaced(state) => self.shared.set(state),
        }
    }
}
