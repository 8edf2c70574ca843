//! The server's state in PostgreSQL, for deployments that outgrow one file: the same tables as
//! the SQLite file (one per record collection, each row a record's JSON under its ID), the same
//! migrations, and a change set is one transaction.
//!
//! The values are TEXT rather than JSONB: JSONB reorders keys and drops duplicates, and nothing
//! queries inside a record, so the text as the core wrote it is what comes back.
//!
//! Any number of servers may share one database and behave as one portal. Beside the records,
//! `portal_head` holds the revision of the stored state and `portal_log` the change sets that
//! made the last revisions:
//! - a commit moves the head from the revision its request was decided on to the next one, in
//!   the same transaction as its records and its log entry. The head's row lock puts concurrent
//!   commits in line, and one whose revision another server took first writes nothing and is
//!   refused as behind ([`Storage::is_behind`]): its backend catches up from the log and decides
//!   the request again;
//! - every request starts by reading the head (one round trip), and a server behind it applies
//!   the log entries since its revision ([`Storage::changes_since`]), or loads the whole state
//!   when they are no longer kept;
//! - replacing the state (an import) starts a new generation, which every server loads whole.
//!
//! Migrations and the first state are each written by one server, under a lock: the others wait
//! and find them done.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt;
use std::time::Duration;

use portal_core::model::{Change, ChangeSet, Collection, State};
use portal_core::store::{Created, Since, Storage};
use postgres::config::Host;
use postgres::error::SqlState;
use postgres::{Client, Config, GenericClient, IsolationLevel, NoTls, Statement, Transaction};

use super::sqlite::{record, tables_added, StoreError, SCHEMA_VERSION};

pub type PostgresError = StoreError<PgError>;

/// The client's error with its causes: its own text alone is only "db error".
#[derive(Debug)]
pub struct PgError(pub postgres::Error);

impl fmt::Display for PgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)?;
        let mut cause = self.0.source();
        while let Some(e) = cause {
            write!(f, ": {e}")?;
            cause = e.source();
        }
        Ok(())
    }
}

impl From<postgres::Error> for PostgresError {
    fn from(e: postgres::Error) -> PostgresError {
        StoreError::Sql(PgError(e))
    }
}

/// Asked before every read: the revision (and generation) of the state stored, which a server
/// behind catches up to before it answers. One query on a connection of its own, which the
/// concurrent reads share (the client pipelines them); a lost connection fails the read that
/// found it lost, and the next one opens another.
pub struct Head {
    config: tokio_postgres::Config,
    client: tokio::sync::Mutex<Option<std::sync::Arc<tokio_postgres::Client>>>,
}

impl Head {
    pub fn new(config: tokio_postgres::Config) -> Head {
        Head {
            config,
            client: Default::default(),
        }
    }

    /// The stored state's generation and revision; `None` when the head row is missing (the
    /// database was emptied by hand). A connection found lost is opened again once: a read
    /// can always be asked again.
    pub async fn get(&self) -> Result<Option<(i64, u64)>, PgError> {
        match self.ask().await {
            Err(_)
                if self
                    .client
                    .lock()
                    .await
                    .as_ref()
                    .is_some_and(|c| c.is_closed()) =>
            {
                self.ask().await
            }
            asked => asked,
        }
    }

    async fn ask(&self) -> Result<Option<(i64, u64)>, PgError> {
        let client = {
            let mut slot = self.client.lock().await;
            match &*slot {
                Some(client) if !client.is_closed() => client.clone(),
                _ => {
                    let (client, connection) = self.config.connect(NoTls).await.map_err(PgError)?;
                    tokio::spawn(connection);
                    let client = std::sync::Arc::new(client);
                    *slot = Some(client.clone());
                    client
                }
            }
        };
        // The simple protocol: one round trip, no statement to prepare.
        let messages = client
            .simple_query("SELECT generation, revision FROM portal_head")
            .await
            .map_err(PgError)?;
        let row = messages.iter().find_map(|message| match message {
            tokio_postgres::SimpleQueryMessage::Row(row) => Some(row),
            _ => None,
        });
        let column = |i: usize| row.and_then(|row| row.get(i));
        Ok(column(0)
            .and_then(|generation| generation.parse().ok())
            .zip(column(1).and_then(|revision| revision.parse().ok())))
    }
}

/// How long a start waits for another's lock: its migrations, or the first state it is writing.
/// (Requests wait 2 s, the `lock_timeout` of every session.)
const START_LOCK_TIMEOUT: &str = "SET LOCAL lock_timeout = '60s'";

pub struct PostgresStore {
    config: Config,
    connection: Connection,
    /// The generation of the state this server loaded: another means the state was replaced.
    generation: i64,
    /// A write is being decided: its transaction is open and holds the head's row lock.
    writing: bool,
}

/// How many of the last change sets the log keeps for servers catching up; one further behind
/// (a server that was stopped) loads the whole state instead.
const LOG_KEPT: i64 = 1000;

/// A session with each collection's writes prepared: a change then costs one round trip.
struct Connection {
    client: Client,
    put: BTreeMap<Collection, Statement>,
    delete: BTreeMap<Collection, Statement>,
    head: Statement,
    /// The head, locked for a write until its transaction ends.
    lock_head: Statement,
    /// Moves the head on by one, logs the change set and prunes the log, in one round trip.
    advance: Statement,
    since: Statement,
}

/// The connection string's settings. The password may come from `PGPASSWORD` instead of the
/// string, which keeps it off the command line.
pub fn config(url: &str) -> Result<tokio_postgres::Config, PostgresError> {
    let mut config: tokio_postgres::Config = url.parse().map_err(PgError)?;
    if config.get_password().is_none() {
        if let Some(password) = std::env::var_os("PGPASSWORD") {
            config.password(password.as_encoded_bytes());
        }
    }
    if config.get_connect_timeout().is_none() {
        // An unreachable host fails the start in seconds rather than the system's minutes.
        config.connect_timeout(Duration::from_secs(10));
    }
    // Like the file's busy timeout: a write waiting on someone else's lock is refused (503)
    // rather than holding up every request queued behind it. First, so that the string's own
    // `options` can override it.
    let options = format!("-c lock_timeout=2s {}", config.get_options().unwrap_or(""));
    config.options(options.trim_end());
    Ok(config)
}

/// Whether `--db` names a PostgreSQL database rather than a file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The database a connection string names, for logs and errors: never its password.
pub fn describe(url: &str) -> String {
    let Ok(config) = url.parse::<Config>() else {
        return "the PostgreSQL connection string".into();
    };
    let user = config
        .get_user()
        .map(|u| format!("{u}@"))
        .unwrap_or_default();
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let host = match host {
                Host::Tcp(name) => name.clone(),
                Host::Unix(dir) => dir.display().to_string(),
            };
            // One port for all hosts, or one each; none is the default.
            match ports.get(i).or(ports.first()) {
                Some(port) => format!("{host}:{port}"),
                None => host,
            }
        })
        .collect();
    let dbname = config.get_dbname().unwrap_or_default();
    format!("postgresql://{user}{}/{dbname}", hosts.join(","))
}

impl PostgresStore {
    /// Connects to an existing database and creates or migrates its tables.
    pub fn connect(url: &str) -> Result<PostgresStore, PostgresError> {
        let config = Config::from(config(url)?);
        let connection = Connection::open(&config)?;
        Ok(PostgresStore {
            config,
            connection,
            generation: 0,
            writing: false,
        })
    }

    /// The schema version the database is at.
    pub fn schema_version(&mut self) -> Result<u32, PostgresError> {
        let mut tx = self.live()?.client.transaction()?;
        schema_version(&mut tx)
    }

    /// The session, opened again if the last one was closed (the server restarted, or an
    /// administrator or an idle timeout ended it): the request that found it closed failed with
    /// a 503, the next one works.
    fn live(&mut self) -> Result<&mut Connection, PostgresError> {
        if self.connection.client.is_closed() {
            // The write's transaction, if one was open, ended with the session.
            self.writing = false;
            self.connection = Connection::open(&self.config)?;
        }
        Ok(&mut self.connection)
    }

    /// Writes a versioned change set as the revision after the one it was decided on, or
    /// nothing when another server took that revision first; in the write's transaction when
    /// [`Storage::begin_write`] opened one, else in one of its own.
    fn write(&mut self, changes: &ChangeSet) -> Result<(), PostgresError> {
        let generation = self.generation;
        self.live()?;
        let writing = std::mem::take(&mut self.writing);
        let connection = &mut self.connection;
        if !writing {
            connection.client.batch_execute("BEGIN")?;
        }
        match write_in(connection, generation, changes) {
            Ok(()) => Ok(connection.client.batch_execute("COMMIT")?),
            Err(e) => {
                // The session may be gone with the error; a new one starts with no transaction.
                let _ = connection.client.batch_execute("ROLLBACK");
                Err(e)
            }
        }
    }

    /// What was committed since `revision`, read in the session's current transaction (if any).
    fn since(&mut self, revision: u64, lock: bool) -> Result<Since, PostgresError> {
        let generation = self.generation;
        let Connection {
            client,
            head,
            lock_head,
            since,
            ..
        } = self.live()?;
        let row = client.query_one(if lock { &*lock_head } else { &*head }, &[])?;
        let (found, stored): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
        let revision = revision as i64;
        if found == generation && stored == revision {
            return Ok(Since::Current);
        }
        if found == generation && stored > revision {
            let rows = client.query(&*since, &[&revision])?;
            // Whole from the next revision on, or pruned past it: then the state is loaded.
            let whole = rows.first().is_some_and(|row| {
                row.try_get::<_, i64>(0)
                    .is_ok_and(|first| first == revision + 1)
            });
            if whole {
                let mut sets = Vec::with_capacity(rows.len());
                for row in rows {
                    let changes: &str = row.try_get(1)?;
                    sets.push(serde_json::from_str(changes).map_err(|error| {
                        StoreError::Record {
                            table: "portal_log",
                            id: row.get::<_, i64>(0).to_string(),
                            error,
                        }
                    })?);
                }
                return Ok(Since::Changes(sets));
            }
        }
        let state = if lock {
            // No commit can come between the tables' reads: each would have to move the head,
            // whose lock this transaction holds.
            let state = read(client)?;
            self.generation = found;
            state
        } else {
            self.load_with_head()?
        };
        Ok(Since::Replaced(Box::new(state.ok_or(StoreError::Behind)?)))
    }

    /// The state, the head and its generation, all from one snapshot.
    fn load_with_head(&mut self) -> Result<Option<State>, PostgresError> {
        // One snapshot for every table: a commit meanwhile is either read whole or not at all.
        let mut tx = self
            .live()?
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let state = read(&mut tx)?;
        let (generation, _) = head(&mut tx)?;
        tx.commit()?;
        self.generation = generation;
        Ok(state)
    }

    /// Ends the write's transaction without writing: the request changed nothing.
    fn rollback_write(&mut self) {
        if std::mem::take(&mut self.writing) {
            let _ = self.connection.client.batch_execute("ROLLBACK");
        }
    }
}

/// A change set's statements: the head moved on first, so that a concurrent commit waits here
/// for this one's row lock, then finds the head moved and writes nothing.
fn write_in(
    connection: &mut Connection,
    generation: i64,
    changes: &ChangeSet,
) -> Result<(), PostgresError> {
    let Connection {
        client,
        put,
        delete,
        advance,
        ..
    } = connection;
    let next = changes.revision().map_or(0, |revision| revision as i64);
    let logged = serde_json::to_string(changes).expect("change sets serialize");
    let moved: i64 = client
        .query_one(&*advance, &[&next, &generation, &logged])?
        .try_get(0)?;
    if moved == 0 {
        return Err(StoreError::Behind);
    }
    write_records(client, put, delete, &changes.0)
}

fn write_records(
    tx: &mut impl GenericClient,
    put: &BTreeMap<Collection, Statement>,
    delete: &BTreeMap<Collection, Statement>,
    changes: &[Change],
) -> Result<(), PostgresError> {
    for change in changes {
        match change {
            Change::Put(record) => {
                let key = record.key();
                let value = serde_json::to_string(record).expect("records serialize");
                tx.execute(&put[&key.collection], &[&key.id, &value])?;
            }
            Change::Delete(key) => {
                tx.execute(&delete[&key.collection], &[&key.id])?;
            }
        }
    }
    Ok(())
}

/// The generation and the revision of the stored state.
fn head(tx: &mut impl GenericClient) -> Result<(i64, i64), PostgresError> {
    let row = tx.query_one("SELECT generation, revision FROM portal_head", &[])?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

impl Connection {
    fn open(config: &Config) -> Result<Connection, PostgresError> {
        let mut client = config.connect(NoTls)?;
        migrate(&mut client)?;
        let (mut put, mut delete) = (BTreeMap::new(), BTreeMap::new());
        for collection in Collection::ALL {
            let table = collection.name();
            put.insert(
                collection,
                client.prepare(&format!(
                    "INSERT INTO \"{table}\" (id, value) VALUES ($1, $2) \
                     ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value"
                ))?,
            );
            delete.insert(
                collection,
                client.prepare(&format!("DELETE FROM \"{table}\" WHERE id = $1"))?,
            );
        }
        let head = client.prepare("SELECT generation, revision FROM portal_head")?;
        let lock_head =
            client.prepare("SELECT generation, revision FROM portal_head FOR UPDATE")?;
        // The head moves first: a commit whose revision another took writes nothing.
        let advance = client.prepare(&format!(
            "WITH moved AS (UPDATE portal_head SET revision = $1::BIGINT \
                 WHERE revision = $1::BIGINT - 1 AND generation = $2::BIGINT RETURNING revision), \
             logged AS (INSERT INTO portal_log (revision, changes) \
                 SELECT revision, $3::TEXT FROM moved), \
             pruned AS (DELETE FROM portal_log WHERE revision <= $1::BIGINT - {LOG_KEPT} \
                 AND EXISTS (SELECT 1 FROM moved)) \
             SELECT count(*) FROM moved"
        ))?;
        let since = client.prepare(
            "SELECT revision, changes FROM portal_log WHERE revision > $1 ORDER BY revision",
        )?;
        Ok(Connection {
            client,
            put,
            delete,
            head,
            lock_head,
            advance,
            since,
        })
    }
}

/// Each step takes the schema from the version before it; `portal_schema` records the last step
/// applied, in the same transaction as the step.
fn migrate(client: &mut Client) -> Result<(), PostgresError> {
    let create = "CREATE TABLE IF NOT EXISTS portal_schema (version INTEGER NOT NULL)";
    if let Err(e) = client.batch_execute(create) {
        // Two servers creating it at the same moment: IF NOT EXISTS does not keep the second
        // from colliding with the first in the catalog ("type portal_schema already exists"),
        // and then the first one's table is there: asked again, IF NOT EXISTS finds it.
        let raced = [
            &SqlState::UNIQUE_VIOLATION,
            &SqlState::DUPLICATE_TABLE,
            &SqlState::DUPLICATE_OBJECT,
        ];
        if !e.code().is_some_and(|code| raced.contains(&code)) {
            return Err(e.into());
        }
        client.batch_execute(create)?;
    }
    loop {
        let mut tx = client.transaction()?;
        // Two servers starting on one new database: the second waits here, then finds the
        // first one's steps done instead of repeating them.
        tx.batch_execute(START_LOCK_TIMEOUT)?;
        tx.batch_execute("LOCK TABLE portal_schema IN EXCLUSIVE MODE")?;
        let found = schema_version(&mut tx)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew(found));
        }
        if found == SCHEMA_VERSION {
            keep_a_head(&mut tx)?;
            tx.commit()?;
            return Ok(());
        }
        let version = found + 1;
        for table in tables_added(version) {
            tx.batch_execute(&format!(
                "CREATE TABLE \"{table}\" (id TEXT PRIMARY KEY, value TEXT NOT NULL)"
            ))?;
        }
        tx.batch_execute(&format!(
            "DELETE FROM portal_schema; INSERT INTO portal_schema (version) VALUES ({version})"
        ))?;
        tx.commit()?;
    }
}

/// Creates the head and the log when the database has none (new, or written by a portal from
/// before servers shared one), the head at the stored state's revision; under the migrations'
/// lock, so that one server does it.
fn keep_a_head(tx: &mut Transaction) -> Result<(), PostgresError> {
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS portal_log (revision BIGINT PRIMARY KEY, changes TEXT NOT NULL); \
         CREATE TABLE IF NOT EXISTS portal_head (generation BIGINT NOT NULL, revision BIGINT NOT NULL)",
    )?;
    let heads: i64 = tx
        .query_one("SELECT count(*) FROM portal_head", &[])?
        .try_get(0)?;
    if heads == 0 {
        let revision = read(tx)?.map_or(0, |state| state.sync.revision() as i64);
        tx.execute(
            "INSERT INTO portal_head (generation, revision) VALUES (1, $1)",
            &[&revision],
        )?;
    }
    Ok(())
}

fn schema_version(tx: &mut Transaction) -> Result<u32, PostgresError> {
    let row = tx.query_one("SELECT max(version) FROM portal_schema", &[])?;
    let version: Option<i32> = row.try_get(0)?;
    let version = version.unwrap_or(0);
    u32::try_from(version).map_err(|_| StoreError::BadVersion(version.into()))
}

/// The state the transaction sees; `None` when the tables are empty.
fn read(tx: &mut impl GenericClient) -> Result<Option<State>, PostgresError> {
    let mut records = Vec::new();
    for collection in Collection::ALL {
        let table = collection.name();
        for row in tx.query(&format!("SELECT id, value FROM \"{table}\""), &[])? {
            let value: &str = row.try_get(1)?;
            records.push(record(table, row.try_get(0)?, value)?);
        }
    }
    State::from_stored(records).map_err(StoreError::Headless)
}

impl Storage for PostgresStore {
    type Error = PostgresError;

    async fn load(&mut self) -> Result<Option<State>, PostgresError> {
        self.rollback_write();
        self.load_with_head()
    }

    // The lock that migrations take, held to the commit: of several servers that found the
    // database empty, one writes its state and the others, waiting for the lock, then find that
    // one. The snapshot is taken after the lock (by the first SELECT), so it holds what the
    // server before wrote.
    async fn create(&mut self, state: &State) -> Result<Created, PostgresError> {
        self.rollback_write();
        let Connection { client, put, .. } = self.live()?;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .start()?;
        tx.batch_execute(START_LOCK_TIMEOUT)?;
        tx.batch_execute("LOCK TABLE portal_schema IN EXCLUSIVE MODE")?;
        if let Some(theirs) = read(&mut tx)? {
            let (generation, _) = head(&mut tx)?;
            tx.commit()?;
            self.generation = generation;
            return Ok(Created::Existing(Box::new(theirs)));
        }
        for record in state.records() {
            let key = record.key();
            let value = serde_json::to_string(&record).expect("records serialize");
            tx.execute(&put[&key.collection], &[&key.id, &value])?;
        }
        let generation: i64 = tx
            .query_one(
                "UPDATE portal_head SET revision = $1 RETURNING generation",
                &[&(state.sync.revision() as i64)],
            )?
            .try_get(0)?;
        tx.commit()?;
        self.generation = generation;
        Ok(Created::Stored)
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), PostgresError> {
        self.write(changes)
    }

    /// A new generation: the log's entries belong to the state replaced, and every server
    /// loads this one whole.
    async fn replace(&mut self, state: &State) -> Result<(), PostgresError> {
        self.rollback_write();
        let Connection {
            client,
            put,
            delete,
            ..
        } = self.live()?;
        let mut tx = client.transaction()?;
        for collection in Collection::ALL {
            tx.batch_execute(&format!("DELETE FROM \"{}\"", collection.name()))?;
        }
        tx.batch_execute("DELETE FROM portal_log")?;
        write_records(&mut tx, put, delete, &ChangeSet::writing_all(state).0)?;
        let generation: i64 = tx
            .query_one(
                "UPDATE portal_head SET generation = generation + 1, revision = $1 \
                 RETURNING generation",
                &[&(state.sync.revision() as i64)],
            )?
            .try_get(0)?;
        tx.commit()?;
        self.generation = generation;
        Ok(())
    }

    async fn changes_since(&mut self, revision: u64) -> Result<Since, PostgresError> {
        self.rollback_write();
        match self.since(revision, false) {
            // A session found lost (PostgreSQL restarted) is opened again at once: reading what
            // was committed can always be asked again.
            Err(StoreError::Sql(_)) if self.connection.client.is_closed() => {
                self.since(revision, false)
            }
            read => read,
        }
    }

    /// Opens the write's transaction and locks the head in it, so that no other server commits
    /// between this catch-up and this commit: concurrent writes through several servers wait
    /// in PostgreSQL's queue for the lock, one after the other, rather than decide on states
    /// that the first commit makes old.
    async fn begin_write(&mut self, revision: u64) -> Result<Since, PostgresError> {
        self.rollback_write();
        self.live()?.client.batch_execute("BEGIN")?;
        self.writing = true;
        let since = self.since(revision, true);
        if since.is_err() {
            self.rollback_write();
        }
        since
    }

    async fn end_write(&mut self) {
        self.rollback_write();
    }

    fn is_behind(error: &PostgresError) -> bool {
        matches!(error, StoreError::Behind)
    }
}
