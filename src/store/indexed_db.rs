//! The portal state in IndexedDB: one object store per record collection, its records spread over
//! a few values by a hash of their ID (see [`BUCKETS`]), implementing the core's `Storage`. Each change set is
//! written in one read-write transaction that touches nothing but IndexedDB between its first
//! request and its commit, so IndexedDB keeps it open and applies all of it or none.

use std::cell::RefCell;
use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::fmt;

use indexed_db_futures::database::{Database, VersionChangeListener};
use indexed_db_futures::iter::ArrayMapIter;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use js_sys::{Array, Object, Reflect};
use portal_core::model::{
    Change, ChangeSet, Collection, Headless, Key, Record, RecordVersion, State, COLLECTIONS_ADDED,
};
use portal_core::store::{Created, Storage};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

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
    Step::Buckets,
];

enum Step {
    /// Made these object stores.
    Create(&'static [&'static str]),
    /// Moved the records of the stores made before into buckets (see [`BUCKETS`]): until then
    /// each record was a value of its own, the structured value serde_wasm_bindgen made of it.
    Buckets,
}

/// How many values (buckets) each collection's records are spread over, by a hash of their ID;
/// a bucket is the JSON text of its records by ID, under the bucket's number.
///
/// Chromium spends about 100 µs on each request, whatever its size: with a value per record,
/// writing 43,000 records took 4 s and reading them 1 s (scripts/bench-browser), and a few
/// dozen values hold them in a tenth of that. A change rewrites the buckets it touches, a few
/// hundred records for a state of that size.
///
/// Frozen with [`bucket_of`]: a record is looked for in the bucket it was written to.
const BUCKETS: u32 = 16;

/// The bucket of a record ID: FNV-1a of its bytes.
fn bucket_of(id: &str) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash % BUCKETS
}

/// One bucket's records, by ID.
type Bucket = BTreeMap<String, Record>;

/// Buckets by collection and number.
type Buckets = BTreeMap<(Collection, u32), Bucket>;

/// Where the record of `key` is kept: its collection's bucket.
fn bucket_at(key: &Key) -> (Collection, u32) {
    (key.collection, bucket_of(&key.id))
}

fn into_buckets(records: impl IntoIterator<Item = Record>) -> Buckets {
    let mut buckets = Buckets::new();
    for record in records {
        let key = record.key();
        buckets
            .entry(bucket_at(&key))
            .or_default()
            .insert(key.id, record);
    }
    buckets
}

/// The store of the values that are not state records, by name.
const META: &str = "connection";

/// The schema this build writes; opening brings every earlier one to it.
pub const SCHEMA_VERSION: u32 = UPGRADES.len() as u32;

/// The page's database name.
pub const DATABASE: &str = "astra-portal";

pub struct IdbStore {
    db: Database,
    /// Listening from the moment the database opened, so that a newer build's request to step
    /// aside, made while the state loads, is not lost.
    version_changes: RefCell<Option<VersionChangeListener>>,
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
                        // A new database has no records to move.
                        Step::Buckets if old > 0.0 => into_buckets_in_upgrade(&db, version).await?,
                        Step::Buckets => {}
                    }
                }
                Ok(())
            })
            .await
            .map_err(err)?;
        let version_changes = RefCell::new(db.version_changes().ok());
        Ok(IdbStore {
            db,
            version_changes,
        })
    }

    pub fn close(self) {
        self.db.close();
    }

    /// Resolves to `true` when another connection (a newer build in another tab, or a deletion)
    /// asks this one to step aside, which it must do by closing; to `false` when this connection
    /// closed first.
    pub fn stepping_aside(&self) -> impl std::future::Future<Output = bool> + 'static {
        let listener = self
            .version_changes
            .take()
            .map_or_else(|| self.db.version_changes(), Ok);
        async move {
            match listener {
                Ok(mut listener) => listener.recv().await.is_some(),
                Err(_) => false,
            }
        }
    }

    /// A value kept under `key` beside the state (Connected mode's outbox and server); `None`
    /// when there is none.
    pub async fn get_meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, IdbError> {
        let tx = self.db.transaction(META).build().map_err(err)?;
        let store = tx.object_store(META).map_err(err)?;
        get_written(&store, key).await
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
        T: serde::Serialize + DeserializeOwned,
    {
        let tx = self.meta_write()?;
        let store = tx.object_store(META).map_err(err)?;
        let mut value = get_written(&store, key).await?;
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
            Step::Buckets => &[],
        })
        .copied()
        .filter(|store| *store != META)
}

/// The store the upgrade makes and removes again, only to reach the upgrade's transaction: the
/// IndexedDB library hands that out through a store made in it, and through nothing else.
const SCRATCH: &str = "upgrading";

/// [`Step::Buckets`], inside the upgrade's transaction: a failure aborts the upgrade, and the
/// database stays as it was.
async fn into_buckets_in_upgrade(db: &Database, version: u32) -> indexed_db_futures::Result<()> {
    let js = |e: IdbError| js_sys::Error::new(&e.to_string());
    let scratch = db.create_object_store(SCRATCH).build()?;
    let tx = scratch.transaction();
    let mut reads = Vec::new();
    for name in record_stores_before(version) {
        let store = tx.object_store(name)?;
        let all = store.get_all::<JsValue>().primitive()?;
        reads.push((store, all));
    }
    for (store, all) in reads {
        let mut records = Vec::new();
        for value in all.await? {
            records.push(from_written::<Record>(&value?).map_err(js)?);
        }
        store.clear()?;
        for ((_, number), bucket) in into_buckets(records) {
            put_bucket(&store, number, &bucket).map_err(js)?;
        }
    }
    drop(scratch);
    db.delete_object_store(SCRATCH)
}

/// The value under `key` in `store`, as serde_wasm_bindgen wrote it; `None` when there is none.
async fn get_written<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    key: &str,
) -> Result<Option<T>, IdbError> {
    let value: Option<JsValue> = store
        .get(key)
        .primitive()
        .map_err(err)?
        .await
        .map_err(err)?;
    value.map(|value| from_written(&value)).transpose()
}

/// A structured value as serde_wasm_bindgen wrote it (the meta store's values, see [`keep`];
/// the records before [`Step::Buckets`]), read through its JSON text: the buckets need every record's reader for
/// text anyway, and reading the JavaScript value itself compiled each of them once more (twice,
/// with the buffer a record's tagged content may need). Its objects, strings, safe integers,
/// arrays and booleans are what their JSON text says; a missing value (`None`), which it writes
/// as `undefined`, leaves the property out, and serde reads a missing optional field as `None`.
fn from_written<T: DeserializeOwned>(value: &JsValue) -> Result<T, IdbError> {
    let text = js_sys::JSON::stringify(value)
        .map_err(|e| IdbError::Refused(format!("a stored value is not JSON: {e:?}")))?;
    serde_json::from_str(&String::from(text)).map_err(err)
}

/// A bucket as stored in `store` (its JSON text, or why it couldn't be had), back.
fn decode(store: &str, stored: Result<String, String>) -> Result<Bucket, IdbError> {
    let unreadable = |why: String| IdbError::Unreadable {
        store: store.to_owned(),
        why,
    };
    let text = stored.map_err(unreadable)?;
    serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))
}

/// A store's buckets as read, each still a JavaScript string until it is taken.
type Stored = Box<dyn Iterator<Item = Result<String, String>>>;

/// What this connection's read of a store returned.
fn stored_read(all: ArrayMapIter<String>) -> Stored {
    Box::new(all.map(|text| text.map_err(|e| e.to_string())))
}

/// What another connection's read of a store returned (see [`state_in`]).
fn stored_values(values: Array) -> Stored {
    Box::new((0..values.length()).map(move |i| {
        values
            .get(i)
            .as_string()
            .ok_or_else(|| "a bucket is not text".to_owned())
    }))
}

/// Places the request that stores `bucket` under its number, or removes it once empty.
fn put_bucket(store: &ObjectStore<'_>, number: u32, bucket: &Bucket) -> Result<(), IdbError> {
    if bucket.is_empty() {
        store.delete(number).primitive().map_err(err)?;
    } else {
        let text = serde_json::to_string(bucket).map_err(err)?;
        store.put(text).with_key(number).primitive().map_err(err)?;
    }
    Ok(())
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

    /// Places a request for each bucket, and awaits none of them: the transaction runs them in
    /// order, and a request that fails aborts it, which its commit reports.
    fn write(&mut self, buckets: &Buckets) -> Result<(), IdbError> {
        for (&(collection, number), bucket) in buckets {
            put_bucket(self.get(collection)?, number, bucket)?;
        }
        Ok(())
    }
}

/// The buckets that hold the records `changes` touch, as stored (empty where none is), every
/// read placed before any is awaited.
async fn touched(stores: &mut Stores<'_>, changes: &ChangeSet) -> Result<Buckets, IdbError> {
    let mut reads = Vec::new();
    for change in changes.iter() {
        let key = match change {
            Change::Put(record) => record.key(),
            Change::Delete(key) => key.clone(),
        };
        let at = bucket_at(&key);
        if !reads.iter().any(|(read, _)| *read == at) {
            let read = stores.get(at.0)?.get(at.1).primitive().map_err(err)?;
            reads.push((at, read));
        }
    }
    let mut buckets = Buckets::new();
    for (at, read) in reads {
        let stored: Option<String> = read.await.map_err(err)?;
        let bucket = match stored {
            Some(text) => decode(at.0.name(), Ok(text))?,
            None => Bucket::new(),
        };
        buckets.insert(at, bucket);
    }
    Ok(buckets)
}

/// Refuses `changes` when a record they version was written since the writer read it: the
/// version stored (in `stored`, the buckets the changes touch) must be the `previous` the writer
/// saw (0: never written).
fn ensure_current(stored: &Buckets, changes: &ChangeSet) -> Result<(), IdbError> {
    for change in changes.iter() {
        let Change::Put(Record::Version(expected)) = change else {
            continue;
        };
        let at = (Collection::Versions, bucket_of(&expected.key));
        let record = stored.get(&at).and_then(|bucket| bucket.get(&expected.key));
        if stored_version(&expected.key, record)? != expected.previous {
            return Err(IdbError::Stale {
                key: expected.key.clone(),
            });
        }
    }
    Ok(())
}

/// The version a record of the "versions" store holds; 0 when there is none.
fn stored_version(key: &str, stored: Option<&Record>) -> Result<u64, IdbError> {
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
        // The structured value serde_wasm_bindgen made of it, but made from its JSON text (a
        // `None` is null rather than left out, which reads the same): the text's writer is
        // compiled for the buckets already.
        Some(value) => {
            let text = serde_json::to_string(value).map_err(err)?;
            let value =
                js_sys::JSON::parse(&text).map_err(|e| IdbError::Refused(format!("{e:?}")))?;
            store
                .put(value)
                .with_key(key.to_owned())
                .primitive()
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

/// The state the transaction's stores hold; `None` when they hold nothing.
async fn read(tx: &Transaction<'_>) -> Result<Option<State>, IdbError> {
    let Some((mut state, later)) = read_but(tx, &[]).await? else {
        return Ok(None);
    };
    later.add_to(&mut state)?;
    Ok(Some(state))
}

/// The state the transaction's stores hold but the records of the collections `later` names,
/// which are read in the same transaction (one snapshot) and kept as text; `None` when the
/// stores hold nothing.
async fn read_but(
    tx: &Transaction<'_>,
    later: &[Collection],
) -> Result<Option<(State, Later)>, IdbError> {
    let mut reads = Vec::new();
    for name in store_names() {
        let store = tx.object_store(name).map_err(err)?;
        reads.push((name, store.get_all().primitive().map_err(err)?));
    }
    let mut stores = Vec::new();
    for (name, all) in reads {
        stores.push((name, stored_read(all.await.map_err(err)?)));
    }
    decode_but(stores, later)
}

/// The state in `stores`, each store's values by its name as another connection read them in
/// one transaction (`index.html`'s early read, see `store::early`), but the records of the
/// collections `later` names, kept as text; `None` when the stores hold nothing.
pub fn state_in(stores: &Object, later: &[Collection]) -> Result<Option<(State, Later)>, IdbError> {
    let mut read = Vec::new();
    for name in store_names() {
        let values = Reflect::get(stores, &name.into())
            .ok()
            .and_then(|values| values.dyn_into::<Array>().ok())
            .ok_or_else(|| IdbError::Unreadable {
                store: name.to_owned(),
                why: "the read has no such store".to_owned(),
            })?;
        read.push((name, stored_values(values)));
    }
    decode_but(read, later)
}

/// The state in the stores' buckets but the records of the collections `later` names, which
/// are kept undecoded; `None` when the stores hold nothing.
fn decode_but(
    stores: Vec<(&'static str, Stored)>,
    later: &[Collection],
) -> Result<Option<(State, Later)>, IdbError> {
    let mut records: Vec<Record> = Vec::new();
    let mut kept = Later::default();
    for (name, all) in stores {
        if later.iter().any(|c| c.name() == name) {
            kept.buckets.push((name, all));
            continue;
        }
        for stored in all {
            records.extend(decode(name, stored)?.into_values());
        }
    }
    let state = State::from_stored(records).map_err(IdbError::Headless)?;
    Ok(state.map(|state| (state, kept)))
}

/// Records read with a state but not yet decoded: the stores' buckets, still JavaScript
/// strings.
#[derive(Default)]
pub struct Later {
    buckets: Vec<(&'static str, Stored)>,
}

impl Later {
    /// Decodes the records and puts them in `state`.
    pub fn add_to(self, state: &mut State) -> Result<(), IdbError> {
        for (name, all) in self.buckets {
            for stored in all {
                for record in decode(name, stored)?.into_values() {
                    state.put(record);
                }
            }
        }
        Ok(())
    }
}

impl IdbStore {
    /// The stored state but the records of `later`'s collections, and those records, to be
    /// decoded once the state has been shown; `None` when nothing was stored yet. One
    /// transaction reads both, so together they are one state.
    pub async fn load_but(&self, later: &[Collection]) -> Result<Option<(State, Later)>, IdbError> {
        let tx = self.db.transaction(store_names()).build().map_err(err)?;
        read_but(&tx, later).await
    }
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
        Stores::of(&tx).write(&into_buckets(state.records()))?;
        tx.commit().await.map_err(err)?;
        Ok(Created::Stored)
    }

    // On any error the transaction is dropped uncommitted, which indexed_db_futures turns into
    // an abort: nothing of the change set stays. Every version is checked before anything is
    // written, so a refusal leaves nothing to roll back.
    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), IdbError> {
        let tx = self.read_write()?;
        let mut stores = Stores::of(&tx);
        let mut buckets = touched(&mut stores, changes).await?;
        ensure_current(&buckets, changes)?;
        for change in changes.iter() {
            match change {
                Change::Put(record) => {
                    let key = record.key();
                    let bucket = buckets.entry(bucket_at(&key)).or_default();
                    bucket.insert(key.id, record.clone());
                }
                Change::Delete(key) => {
                    buckets.entry(bucket_at(key)).or_default().remove(&key.id);
                }
            }
        }
        stores.write(&buckets)?;
        drop(stores);
        tx.commit().await.map_err(err)
    }

    // No version check: a replacement is not an edit of what was there, it is a new state.
    async fn replace(&mut self, state: &State) -> Result<(), IdbError> {
        let tx = self.read_write()?;
        clear(&tx)?;
        Stores::of(&tx).write(&into_buckets(state.records()))?;
        tx.commit().await.map_err(err)
    }

    fn is_stale(error: &IdbError) -> bool {
        matches!(error, IdbError::Stale { .. })
    }
}
