//! The portal state in IndexedDB: one object store per record collection, keyed by record ID,
//! implementing the core's `Storage`. Each change set is written in one read-write transaction
//! that touches nothing but IndexedDB between its first request and its commit, so IndexedDB keeps
//! it open and applies all of it or none.

use std::fmt;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use portal_core::model::{Change, ChangeSet, Collection, Record, State};
use portal_core::store::Storage;

/// The schema this build writes; `upgrade` brings every earlier one to it.
pub const SCHEMA_VERSION: u32 = 1;

/// The page's database name.
pub const DATABASE: &str = "astra-portal";

pub struct IdbStore {
    db: Database,
}

/// An IndexedDB failure (quota, a blocked upgrade, a closed connection), as text for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdbError(pub String);

impl fmt::Display for IdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the browser's storage refused: {}", self.0)
    }
}

fn err(e: impl fmt::Display) -> IdbError {
    IdbError(e.to_string())
}

fn store_names() -> Vec<&'static str> {
    Collection::ALL.iter().map(|c| c.name()).collect()
}

impl IdbStore {
    /// Opens (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<IdbStore, IdbError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_upgrade_needed(|event, db| {
                // Version 1 has one object store per collection; later versions add their steps
                // here, each from the version before it.
                if event.old_version() < 1.0 {
                    for name in store_names() {
                        db.create_object_store(name).build()?;
                    }
                }
                Ok(())
            })
            .await
            .map_err(err)?;
        Ok(IdbStore { db })
    }

    pub fn close(self) {
        self.db.close();
    }

    async fn write(
        &self,
        clear: bool,
        changes: impl Iterator<Item = Change>,
    ) -> Result<(), IdbError> {
        let tx = self
            .db
            .transaction(store_names())
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(err)?;
        if clear {
            for name in store_names() {
                tx.object_store(name).map_err(err)?.clear().map_err(err)?;
            }
        }
        for change in changes {
            match change {
                Change::Put(record) => {
                    let key = record.key();
                    let store = tx.object_store(key.collection.name()).map_err(err)?;
                    store
                        .put(record)
                        .with_key(key.id)
                        .serde()
                        .map_err(err)?
                        .await
                        .map_err(err)?;
                }
                Change::Delete(key) => {
                    let store = tx.object_store(key.collection.name()).map_err(err)?;
                    store.delete(key.id).await.map_err(err)?;
                }
            }
        }
        tx.commit().await.map_err(err)
    }
}

impl Storage for IdbStore {
    type Error = IdbError;

    async fn load(&mut self) -> Result<Option<State>, IdbError> {
        let tx = self.db.transaction(store_names()).build().map_err(err)?;
        let mut records: Vec<Record> = Vec::new();
        for name in store_names() {
            let store = tx.object_store(name).map_err(err)?;
            let all = store.get_all().serde().map_err(err)?.await.map_err(err)?;
            for record in all {
                records.push(record.map_err(err)?);
            }
        }
        Ok(State::from_records(records))
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), IdbError> {
        self.write(false, changes.iter().cloned()).await
    }

    async fn replace(&mut self, state: &State) -> Result<(), IdbError> {
        self.write(true, state.records().into_iter().map(Change::Put))
            .await
    }
}
