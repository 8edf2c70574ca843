//! The server's state in one SQLite file: a table per record collection (the same split as the
//! page's IndexedDB object stores), each row a record's JSON under its ID. A change set is one
//! transaction; WAL mode lets readers of the file (a backup, `sqlite3`) work beside the server.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use portal_core::model::{
    Change, ChangeSet, Collection, Headless, Record, State, COLLECTIONS_ADDED,
};
use portal_core::store::{Created, Storage};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};

/// The schema this build writes; [`migrate`] brings every earlier one to it.
pub const SCHEMA_VERSION: u32 = COLLECTIONS_ADDED.len() as u32;

pub struct SqliteStore {
    db: Connection,
    /// A server's hold on the file (see [`SqliteStore::open_alone`]); after `db`, so that it is
    /// let go once the file is closed.
    _alone: Option<std::fs::File>,
}

/// How long a request's write waits for a lock another connection holds (a backup, an `sqlite3`
/// shell) before it is refused (503) rather than left hanging.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a start waits for another's: its migrations, or the first state it is writing.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Why a SQL store failed; `E` is its engine's own error, the rest is the same for every engine.
#[derive(Debug)]
pub enum StoreError<E> {
    Sql(E),
    /// A row that is not a record of its table: the database was edited by hand or is damaged.
    Record {
        table: &'static str,
        id: String,
        error: serde_json::Error,
    },
    /// A database written by a newer `portal`.
    TooNew(u32),
    /// A schema version that no `portal` writes: the version was edited by hand or is damaged.
    BadVersion(i64),
    /// Records without their enterprise: refused, never replaced.
    Headless(Headless),
    /// Another server committed first; nothing was written.
    Behind,
    /// The file is another server's (or its lock file can't be made), as the message says.
    Taken(String),
}

pub type SqliteError = StoreError<rusqlite::Error>;

impl<E: fmt::Display> fmt::Display for StoreError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sql(e) => e.fmt(f),
            StoreError::Record { table, id, error } => {
                write!(
                    f,
                    "the row '{id}' of table {table} is not a record ({error})"
                )
            }
            StoreError::TooNew(version) => write!(
                f,
                "the database has schema version {version}, newer than this portal's \
                 {SCHEMA_VERSION}: run a newer portal"
            ),
            StoreError::BadVersion(version) => write!(
                f,
                "the database has schema version {version}, which no portal writes: it was \
                 edited by hand or is damaged"
            ),
            StoreError::Headless(headless) => headless.fmt(f),
            StoreError::Taken(why) => f.write_str(why),
            StoreError::Behind => f.write_str(
                "another server changed the state first; nothing was written by this one",
            ),
        }
    }
}

impl<E> From<E> for StoreError<E> {
    fn from(e: E) -> StoreError<E> {
        StoreError::Sql(e)
    }
}

/// The record a row holds; a row that holds none is an error for the operator, never a panic.
pub fn record<E>(table: &'static str, id: String, value: &str) -> Result<Record, StoreError<E>> {
    serde_json::from_str(value).map_err(|error| StoreError::Record { table, id, error })
}

impl SqliteStore {
    /// Opens the file for a server, which must be its only one: a server answers from the state
    /// it holds, and a second one on the same file would not see the first one's changes. Held
    /// with a lock on `FILE.lock` beside it, which the system lets go when the process ends,
    /// however it ends. (Servers that share one state share a PostgreSQL database.)
    pub fn open_alone(path: &Path) -> Result<SqliteStore, SqliteError> {
        let mut name = path.as_os_str().to_owned();
        name.push(".lock");
        let lock_path = std::path::PathBuf::from(name);
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| {
                StoreError::Taken(format!(
                    "can't create the lock file {} ({e}): a server needs to write beside its \
                     database",
                    lock_path.display()
                ))
            })?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Taken(format!(
                    "another portal server is serving this file (it holds {}): stop that one \
                     first, or give this one another --db. Servers that share one state share a \
                     PostgreSQL database: --db postgres://...",
                    lock_path.display()
                )))
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(StoreError::Taken(format!(
                    "can't lock {} ({e})",
                    lock_path.display()
                )))
            }
        }
        let mut store = SqliteStore::open(path)?;
        store._alone = Some(lock);
        Ok(store)
    }

    /// Opens (creating or migrating) the database file.
    pub fn open(path: &Path) -> Result<SqliteStore, SqliteError> {
        // Servers creating one new file at once can meet an I/O error while another switches it
        // to WAL: the file is fine, and opening it again a moment later finds it so.
        let mut attempts = 0;
        loop {
            match SqliteStore::open_once(path) {
                Err(StoreError::Sql(rusqlite::Error::SqliteFailure(e, _)))
                    if e.code == rusqlite::ErrorCode::SystemIoFailure && attempts < 5 =>
                {
                    attempts += 1;
                    std::thread::sleep(Duration::from_millis(100 * attempts));
                }
                opened => return opened,
            }
        }
    }

    fn open_once(path: &Path) -> Result<SqliteStore, SqliteError> {
        let mut db = Connection::open(path)?;
        db.busy_timeout(START_TIMEOUT)?;
        use_wal(&db)?;
        // FULL: a commit the server acknowledged survives a power cut, not only a crash.
        db.pragma_update(None, "synchronous", "FULL")?;
        migrate(&mut db)?;
        db.busy_timeout(BUSY_TIMEOUT)?;
        Ok(SqliteStore { db, _alone: None })
    }

    /// The schema version of the open file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32, SqliteError> {
        Ok(self
            .db
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn create_unless_stored(&mut self, state: &State) -> Result<Created, SqliteError> {
        let tx = self
            .db
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(theirs) = read(&tx)? {
            return Ok(Created::Existing(Box::new(theirs)));
        }
        for change in &ChangeSet::writing_all(state).0 {
            apply(&tx, change)?;
        }
        tx.commit()?;
        Ok(Created::Stored)
    }

    fn write(&mut self, clear: bool, changes: &[Change]) -> Result<(), SqliteError> {
        let tx = self.db.transaction()?;
        if clear {
            for collection in Collection::ALL {
                tx.execute(&format!("DELETE FROM \"{}\"", collection.name()), [])?;
            }
        }
        for change in changes {
            apply(&tx, change)?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn apply(tx: &Transaction, change: &Change) -> Result<(), SqliteError> {
    match change {
        Change::Put(record) => {
            let key = record.key();
            let value = serde_json::to_string(record).expect("records serialize");
            tx.prepare_cached(&format!(
                "INSERT OR REPLACE INTO \"{}\" (id, value) VALUES (?1, ?2)",
                key.collection.name()
            ))?
            .execute(params![key.id, value])?;
        }
        Change::Delete(key) => {
            tx.prepare_cached(&format!(
                "DELETE FROM \"{}\" WHERE id = ?1",
                key.collection.name()
            ))?
            .execute(params![key.id])?;
        }
    }
    Ok(())
}

/// Switches the file to WAL: a crash mid-commit leaves the last committed state, and readers
/// don't block the writer. The switch needs the file to itself, and SQLite answers "busy" at
/// once, without waiting the busy timeout, while another connection (a server starting on the
/// same new file) holds it: that is retried until [`START_TIMEOUT`].
fn use_wal(db: &Connection) -> Result<(), SqliteError> {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        match db.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            switched => return Ok(switched?),
        }
    }
}

/// Each step takes the schema from the version before it; `user_version` records the last step
/// applied, in the same transaction as the step.
fn migrate(db: &mut Connection) -> Result<(), SqliteError> {
    let version = |db: &Connection| -> Result<u32, SqliteError> {
        let found: u32 = db.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew(found));
        }
        Ok(found)
    };
    // Up to date, the common case: no write lock taken.
    if version(db)? == SCHEMA_VERSION {
        return Ok(());
    }
    loop {
        // The version is read again under the write lock: of several servers starting on one
        // new file, the others wait for the first one's step, then find it done.
        let tx = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = version(&tx)?;
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        step(&tx, found + 1)?;
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}

/// The tables each version added: one per record collection, as the core's stored layout
/// grew (frozen: a step creates what it created when it was released).
pub const TABLES_ADDED: [&[&str]; SCHEMA_VERSION as usize] = COLLECTIONS_ADDED;

/// The tables migration step `version` creates.
pub fn tables_added(version: u32) -> &'static [&'static str] {
    (version as usize)
        .checked_sub(1)
        .and_then(|step| TABLES_ADDED.get(step))
        .copied()
        .unwrap_or_default()
}

fn step(tx: &Transaction, version: u32) -> Result<(), SqliteError> {
    for table in tables_added(version) {
        tx.execute(
            &format!(
                "CREATE TABLE \"{table}\" (id TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) \
                 WITHOUT ROWID"
            ),
            [],
        )?;
    }
    Ok(())
}

/// The state the transaction sees; `None` when the tables are empty.
fn read(tx: &Transaction) -> Result<Option<State>, SqliteError> {
    let mut records = Vec::new();
    for collection in Collection::ALL {
        let table = collection.name();
        let mut rows = tx.prepare(&format!("SELECT id, value FROM \"{table}\""))?;
        let rows = rows.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, value) = row?;
            records.push(record(table, id, &value)?);
        }
    }
    State::from_stored(records).map_err(StoreError::Headless)
}

impl Storage for SqliteStore {
    type Error = SqliteError;

    async fn load(&mut self) -> Result<Option<State>, SqliteError> {
        // One snapshot for every table: a state another server commits meanwhile is either
        // read whole or not at all, never as records without their enterprise.
        let tx = self.db.transaction()?;
        let state = read(&tx)?;
        tx.commit()?;
        Ok(state)
    }

    // IMMEDIATE takes the write lock before the check: of several servers that found the file
    // empty, one writes its state and the others, waiting for the lock, then find that one.
    async fn create(&mut self, state: &State) -> Result<Created, SqliteError> {
        self.db.busy_timeout(START_TIMEOUT)?;
        let created = self.create_unless_stored(state);
        self.db.busy_timeout(BUSY_TIMEOUT)?;
        created
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), SqliteError> {
        self.write(false, &changes.0)
    }

    async fn replace(&mut self, state: &State) -> Result<(), SqliteError> {
        self.write(true, &ChangeSet::writing_all(state).0)
    }
}
