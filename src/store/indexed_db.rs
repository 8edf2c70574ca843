//! The portal state in IndexedDB: one object store per record collection, keyed by record ID,
//! each record kept as its JSON text, implementing the core's `Storage`. Each change set is
//! written in one read-write transaction that touches nothing but IndexedDB between its first
//! request and its commit, so IndexedDB keeps it open and applies all of it or none.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::fmt;

use indexed_db_futures::database::Database;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use portal_core::model::{
    Change, ChangeSet, Collection, Headless, Record, RecordVersion, State, COLLECTIONS_ADDED,
};
use portal_core::store::{Created, Storage};

/// What each schema version did, oldest first: a database at version N went through the first N
/// steps, and opening it runs the steps after N.
///
/// Frozen on purpose, rather than derived from `Collection::ALL`: a database was made by the
/// steps as they were when it was written, so a step that grew with the model would claim to have
/// made stores it never made, and the upgrade would skip creating them. A new collection is a
/// new step.
const UPGRADES: [Step; 5] = [
    Step::Create(COLLECTIONS_ADDED[0]),
    Step::Create(COLLECTIONS_ADDED[1]),
    // Connected mode's own keys (the server's address, the outbox), beside the server's copy.
    Step::Create(&[META]),
    Step::Create(COLLECTIONS_ADDED[2]),
    Step::RecordsAsJson,
];

enum Step {
    /// Made these object stores.
    Create(&'static [&'static str]),
    /// Rewrote every record of the stores made before as its JSON text: until then a record was
    /// stored as the structured value serde_wasm_bindgen made of it, which costs a call across
    /// the wasm boundary per field both ways (seconds for a state of 60,000 records).
    RecordsAsJson,
}

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
    /// A record of this store is not the JSON of a record.
    Unreadable { store: String, why: String },
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
            IdbError::Unreadable { store, why } => {
                write!(f, "a record stored in {store} can't be read: {why}")
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
            .with_on_upgrade_needed_fut(|event, db| async move {
                let old = event.old_version();
                for (version, step) in (1u32..).zip(&UPGRADES) {
                    if f64::from(version) <= old {
                        continue;
                    }
                    match step {
                        Step::Create(stores) => {
                            for store in *stores {
                                db.create_object_store(store).build()?;
                            }
                        }
                        // A new database has no records to rewrite.
                        Step::RecordsAsJson if old > 0.0 => rewrite_as_json(&db, version).await?,
                        Step::RecordsAsJson => {}
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

/// The record stores the steps before `version` made: those a step of that version finds.
fn record_stores_before(version: u32) -> impl Iterator<Item = &'static str> {
    UPGRADES[..version as usize - 1]
        .iter()
        .flat_map(|step| match step {
            Step::Create(stores) => *stores,
            Step::RecordsAsJson => &[],
        })
        .copied()
        .filter(|store| *store != META)
}

/// The store the upgrade makes and removes again, only to reach the upgrade's transaction: the
/// IndexedDB library hands that out through a store made in it, and through nothing else.
const SCRATCH: &str = "upgrading";

/// [`Step::RecordsAsJson`], inside the upgrade's transaction: a failure aborts the upgrade, and
/// the database stays as it was.
async fn rewrite_as_json(db: &Database, version: u32) -> indexed_db_futures::Result<()> {
    let scratch = db.create_object_store(SCRATCH).build()?;
    let tx = scratch.transaction();
    let mut reads = Vec::new();
    for name in record_stores_before(version) {
        let store = tx.object_store(name)?;
        let all = store.get_all().serde()?;
        reads.push((store, all));
    }
    for (store, all) in reads {
        for record in all.await? {
            let record: Record = record?;
            let text =
                serde_json::to_string(&record).map_err(|e| js_sys::Error::new(&e.to_string()))?;
            store.put(text).with_key(record.key().id).primitive()?;
        }
    }
    drop(scratch);
    db.delete_object_store(SCRATCH)
}

/// A record as stored: its JSON text.
fn encode(record: &Record) -> Result<String, IdbError> {
    serde_json::to_string(record).map_err(err)
}

/// A record as stored in `store`, back.
fn decode(store: &str, stored: indexed_db_futures::Result<String>) -> Result<Record, IdbError> {
    let unreadable = |why: String| IdbError::Unreadable {
        store: store.to_owned(),
        why,
    };
    let text = stored.map_err(|e| unreadable(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))
}

/// The transaction's object stores, each asked for once.
struct Stores<'a> {
    tx: &'a Transaction<'a>,
    open: BTreeMap<Collection, ObjectStore<'a>>,
}

impl<'a> Stores<'a> {
    fn of(tx: &'a Transaction<'a>) -> Self {
        Stores {
            tx,
            open: BTreeMap::new(),
        }
    }

    fn get(&mut self, collection: Collection) -> Result<&ObjectStore<'a>, IdbError> {
        match self.open.entry(collection) {
            Entry::Occupied(open) => Ok(open.into_mut()),
            Entry::Vacant(vacant) => {
                let store = self.tx.object_store(collection.name()).map_err(err)?;
                Ok(vacant.insert(store))
            }
        }
    }
}

/// Refuses `changes` when a record they version was written since the writer read it: the
/// version stored must be the `previous` the writer saw (0: never written).
///
/// Every version is checked before anything is written, so a refusal leaves the transaction
/// without a write to roll back.
async fn ensure_current(tx: &Transaction<'_>, changes: &ChangeSet) -> Result<(), IdbError> {
    let store = tx.object_store(Collection::Versions.name()).map_err(err)?;
    let mut reads = Vec::new();
    for change in changes.iter() {
        if let Change::Put(Record::Version(expected)) = change {
            let read = store.get(expected.key.as_str()).primitive().map_err(err)?;
            reads.push((expected, read));
        }
    }
    for (expected, read) in reads {
        let stored: Option<String> = read.await.map_err(err)?;
        let stored = stored
            .map(|text| decode(Collection::Versions.name(), Ok(text)))
            .transpose()?;
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

/// Places a request that empties every store.
fn clear(tx: &Transaction<'_>) -> Result<(), IdbError> {
    for name in store_names() {
        tx.object_store(name).map_err(err)?.clear().map_err(err)?;
    }
    Ok(())
}

/// Places a request for each change, in order, and awaits none of them: the transaction runs them
/// in order, and a request that fails aborts it, which its commit reports. Waiting for each
/// before placing the next cost a round trip per record (17 s for an import of 21,000 records,
/// measured by scripts/bench-browser), and waiting for each at all a listener per record.
fn write<'c>(
    tx: &Transaction<'_>,
    changes: impl Iterator<Item = &'c Change>,
) -> Result<(), IdbError> {
    let mut stores = Stores::of(tx);
    for change in changes {
        match change {
            Change::Put(record) => {
                let key = record.key();
                let text = encode(record)?;
                let store = stores.get(key.collection)?;
                store.put(text).with_key(key.id).primitive().map_err(err)?;
            }
            Change::Delete(key) => {
                let store = stores.get(key.collection)?;
                store.delete(key.id.as_str()).primitive().map_err(err)?;
            }
        }
    }
    Ok(())
}

/// The state the transaction's stores hold; `None` when they hold nothing.
async fn read(tx: &Transaction<'_>) -> Result<Option<State>, IdbError> {
    let mut reads = Vec::new();
    for name in store_names() {
        let store = tx.object_store(name).map_err(err)?;
        reads.push((name, store.get_all().primitive().map_err(err)?));
    }
    let mut records: Vec<Record> = Vec::new();
    for (name, all) in reads {
        for stored in all.await.map_err(err)? {
            records.push(decode(name, stored)?);
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
        write(&tx, ChangeSet::writing_all(state).iter())?;
        tx.commit().await.map_err(err)?;
        Ok(Created::Stored)
    }

    // On any error the transaction is dropped uncommitted, which indexed_db_futures turns into
    // an abort: nothing of the change set stays.
    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), IdbError> {
        let tx = self.read_write()?;
        ensure_current(&tx, changes).await?;
        write(&tx, changes.iter())?;
        tx.commit().await.map_err(err)
    }

    // No version check: a replacement is not an edit of what was there, it is a new state.
    async fn replace(&mut self, state: &State) -> Result<(), IdbError> {
        let tx = self.read_write()?;
        clear(&tx)?;
        write(&tx, ChangeSet::writing_all(state).iter())?;
        tx.commit().await.map_err(err)
    }

    fn is_stale(error: &IdbError) -> bool {
        matches!(error, IdbError::Stale { .. })
    }
}
