//! The portal state in IndexedDB: one object store per record collection, keyed by record ID,
//! implementing the core's `Storage`. Each change set is written in one read-write transaction
//! that touches nothing but IndexedDB between its first request and its commit, so IndexedDB keeps
//! it open and applies all of it or none.

use std::fmt;

use indexed_db_futures::database::Database;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use portal_core::model::{
    Change, ChangeSet, Collection, Headless, Record, RecordVersion, State, COLLECTIONS_ADDED,
};
use portal_core::store::{Created, Storage};

/// The object stores each schema version added, oldest first: a database at version N has the
/// stores of the first N steps, and opening it runs the steps after N.
///
/// Frozen on purpose, rather than derived from `Collection::ALL`: a database was made by the
/// steps as they were when it was written, so a step that grew with the model would claim to have
/// made stores it never made, and the upgrade would skip creating them. A new collection is a
/// new step.
const UPGRADES: [&[&str]; 4] = [
    COLLECTIONS_ADDED[0],
    COLLECTIONS_ADDED[1],
    // Connected mode's own keys (the server's address, the outbox), beside the server's copy.
    &[META],
    COLLECTIONS_ADDED[2],
];

/// The store of the values that are not state records, by name.
const META: &str = "connection";

/// The schema this build writes; opening brings every earlier one to it.
pub const SCHEMA_VERSION: u32 = UPGRADES.len() as u32;

/// The page's database name.
pub const DATABASE: &str = "astra-portal";

pub struct IdbStore {
    db: Database,
}

/// Why IndexedDB did not load or write the state, as text for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdbError {
    /// IndexedDB refused (quota, a blocked upgrade, a closed connection).
    Refused(String),
    /// A stored record is not what this portal writes there.
    Damaged { key: String, found: String },
    /// Another connection (another tab) wrote this record (`collection/id`) after this one read
    /// it: the change was based on an older copy.
    Stale { key: String },
    /// Records without their enterprise: refused, never replaced with the demo.
    Headless(Headless),
}

impl fmt::Display for IdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdbError::Refused(reason) => write!(f, "the browser's storage refused: {reason}"),
            IdbError::Damaged { key, found } => {
                write!(f, "the stored record {key} is damaged: it holds {found}")
            }
            IdbError::Stale { key } => write!(f, "another tab changed {key} first"),
            IdbError::Headless(headless) => headless.fmt(f),
        }
    }
}

fn err(e: impl fmt::Display) -> IdbError {
    IdbError::Refused(e.to_string())
}

/// Every store the current schema has: what each transaction spans.
fn store_names() -> Vec<&'static str> {
    Collection::ALL.iter().map(|c| c.name()).collect()
}

impl IdbStore {
    /// Opens (creating or upgrading) the database `name`.
    pub async fn open(name: &str) -> Result<IdbStore, IdbError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_upgrade_needed(|event, db| {
                let old = event.old_version();
                for (version, stores) in (1u32..).zip(UPGRADES) {
                    if f64::from(version) > old {
                        for store in stores {
                            db.create_object_store(store).build()?;
                        }
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

    /// Resolves to `true` when another connection (a newer build in another tab, or a deletion)
    /// asks this one to step aside, which it must do by closing; to `false` when this connection
    /// closed first.
    pub fn stepping_aside(&self) -> impl std::future::Future<Output = bool> + 'static {
        let listener = self.db.version_changes();
        async move {
            match listener {
                Ok(mut listener) => listener.recv().await.is_some(),
                Err(_) => false,
            }
        }
    }

    /// A value kept under `key` beside the state (Connected mode's outbox and server); `None`
    /// when there is none.
    pub async fn get_meta<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, IdbError> {
        let tx = self.db.transaction(META).build().map_err(err)?;
        let store = tx.object_store(META).map_err(err)?;
        store.get(key).serde().map_err(err)?.await.map_err(err)
    }

    /// Keeps `value` under `key`, or removes the key for `None`.
    pub async fn put_meta<T: serde::Serialize>(
        &self,
        key: &str,
        value: Option<&T>,
    ) -> Result<(), IdbError> {
        let tx = self.meta_write()?;
        let store = tx.object_store(META).map_err(err)?;
        keep(&store, key, value).await?;
        tx.commit().await.map_err(err)
    }

    /// Changes the value under `key` in one read-write transaction: `change` gets what is stored
    /// (`None`: nothing) and leaves what to keep (`None`: remove the key). IndexedDB runs
    /// read-write transactions on one store one after the other, so what another connection
    /// (another tab) writes there comes before this read or after this write, never between:
    /// a read-modify-write of two tabs at once loses neither's change.
    pub async fn update_meta<T, R>(
        &self,
        key: &str,
        change: impl FnOnce(&mut Option<T>) -> R,
    ) -> Result<R, IdbError>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        let tx = self.meta_write()?;
        let store = tx.object_store(META).map_err(err)?;
        let mut value = store.get(key).serde().map_err(err)?.await.map_err(err)?;
        let result = change(&mut value);
        keep(&store, key, value.as_ref()).await?;
        tx.commit().await.map_err(err)?;
        Ok(result)
    }

    fn meta_write(&self) -> Result<Transaction<'_>, IdbError> {
        self.db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(err)
    }

    fn read_write(&self) -> Result<Transaction<'_>, IdbError> {
        self.db
            .transaction(store_names())
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(err)
    }
}

/// Refuses `changes` when a record they version was written since the writer read it: the
/// version stored must be the `previous` the writer saw (0: never written).
///
/// Every version is checked before anything is written, so a refusal leaves the transaction
/// without a write to roll back.
async fn ensure_current(tx: &Transaction<'_>, changes: &ChangeSet) -> Result<(), IdbError> {
    let store = tx.object_store(Collection::Versions.name()).map_err(err)?;
    for change in changes.iter() {
        let Change::Put(Record::Version(expected)) = change else {
            continue;
        };
        let stored: Option<Record> = store
            .get(expected.key.as_str())
            .serde()
            .map_err(err)?
            .await
            .map_err(err)?;
        if stored_version(&expected.key, stored)? != expected.previous {
            return Err(IdbError::Stale {
                key: expected.key.clone(),
            });
        }
    }
    Ok(())
}

/// The version a record of the "versions" store holds; 0 when there is none.
fn stored_version(key: &str, stored: Option<Record>) -> Result<u64, IdbError> {
    match stored {
        None => Ok(0),
        Some(Record::Version(RecordVersion { stamp, .. })) => Ok(stamp.version),
        Some(other) => Err(IdbError::Damaged {
            key: format!("{}/{key}", Collection::Versions.name()),
            found: format!("a record of {}", other.key().collection.name()),
        }),
    }
}

/// Writes `value` under `key` in the meta store, or removes the key for `None`.
async fn keep<T: serde::Serialize>(
    store: &ObjectStore<'_>,
    key: &str,
    value: Option<&T>,
) -> Result<(), IdbError> {
    match value {
        Some(value) => {
            store
                .put(value)
                .with_key(key.to_owned())
                .serde()
                .map_err(err)?
                .await
                .map_err(err)?;
        }
        None => store.delete(key).await.map_err(err)?,
    }
    Ok(())
}

async fn clear(tx: &Transaction<'_>) -> Result<(), IdbError> {
    for name in store_names() {
        tx.object_store(name)
            .map_err(err)?
            .clear()
            .map_err(err)?
            .await
            .map_err(err)?;
    }
    Ok(())
}

async fn write(
    tx: &Transaction<'_>,
    changes: impl Iterator<Item = Change>,
) -> Result<(), IdbError> {
    // Every request is placed before any is awaited: the transaction runs them in order, and
    // waiting for each before placing the next cost a round trip per record (17 s for an import
    // of 21,000 records, measured by scripts/bench-browser).
    // (Awaiting the puts before the deletes changes nothing: all are placed, in order.)
    let (mut puts, mut deletes) = (Vec::new(), Vec::new());
    for change in changes {
        match change {
            Change::Put(record) => {
                let key = record.key();
                let store = tx.object_store(key.collection.name()).map_err(err)?;
                puts.push(store.put(record).with_key(key.id).serde().map_err(err)?);
            }
            Change::Delete(key) => {
                let store = tx.object_store(key.collection.name()).map_err(err)?;
                deletes.push(store.delete(key.id).primitive().map_err(err)?);
            }
        }
    }
    for put in puts {
        put.await.map_err(err)?;
    }
    for delete in deletes {
        delete.await.map_err(err)?;
    }
    Ok(())
}

/// The state the transaction's stores hold; `None` when they hold nothing.
async fn read(tx: &Transaction<'_>) -> Result<Option<State>, IdbError> {
    let mut records: Vec<Record> = Vec::new();
    for name in store_names() {
        let store = tx.object_store(name).map_err(err)?;
        let all = store.get_all().serde().map_err(err)?.await.map_err(err)?;
        for record in all {
            records.push(record.map_err(err)?);
        }
    }
    State::from_stored(records).map_err(IdbError::Headless)
}

impl Storage for IdbStore {
    type Error = IdbError;

    async fn load(&mut self) -> Result<Option<State>, IdbError> {
        let tx = self.db.transaction(store_names()).build().map_err(err)?;
        read(&tx).await
    }

    // One read-write transaction over every store reads and then writes: IndexedDB runs
    // read-write transactions with overlapping stores one after the other, so two tabs that
    // found the database empty can't both write their first state.
    async fn create(&mut self, state: &State) -> Result<Created, IdbError> {
        let tx = self.read_write()?;
        if let Some(theirs) = read(&tx).await? {
            tx.commit().await.map_err(err)?;
            return Ok(Created::Existing(Box::new(theirs)));
        }
        write(&tx, ChangeSet::writing_all(state).0.into_iter()).await?;
        tx.commit().await.map_err(err)?;
        Ok(Created::Stored)
    }

    // On any error the transaction is dropped uncommitted, which indexed_db_futures turns into
    // an abort: nothing of the change set stays.
    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), IdbError> {
        let tx = self.read_write()?;
        ensure_current(&tx, changes).await?;
        write(&tx, changes.iter().cloned()).await?;
        tx.commit().await.map_err(err)
    }

    // No version check: a replacement is not an edit of what was there, it is a new state.
    async fn replace(&mut self, state: &State) -> Result<(), IdbError> {
        let tx = self.read_write()?;
        clear(&tx).await?;
        write(&tx, ChangeSet::writing_all(state).0.into_iter()).await?;
        tx.commit().await.map_err(err)
    }

    fn is_stale(error: &IdbError) -> bool {
        matches!(error, IdbError::Stale { .. })
    }
}
