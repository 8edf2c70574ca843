//! The server's state in PostgreSQL, for deployments that outgrow one file: the same tables as
//! the SQLite file (one per record collection, each row a record's JSON under its ID), the same
//! migrations, and a change set is one transaction.
//!
//! The values are TEXT rather than JSONB: JSONB reorders keys and drops duplicates, and nothing
//! queries inside a record, so the text as the core wrote it is what comes back.
//!
//! One server per database, as with the file: the backend answers from the state it loaded, so
//! a second writer's changes would go unseen until a restart. Several servers may still start
//! on one new database at once: migrations and the first state are each written by one of them,
//! under a lock, and the others find them done.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt;
use std::time::Duration;

use portal_core::model::{Change, ChangeSet, Collection, State};
use portal_core::store::{Created, Storage};
use postgres::config::Host;
use postgres::error::SqlState;
use postgres::{Client, Config, IsolationLevel, NoTls, Statement, Transaction};

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

/// How long a start waits for another's lock: its migrations, or the first state it is writing.
/// (Requests wait 2 s, the `lock_timeout` of every session.)
const START_LOCK_TIMEOUT: &str = "SET LOCAL lock_timeout = '60s'";

pub struct PostgresStore {
    config: Config,
    connection: Connection,
}

/// A session with each collection's writes prepared: a change then costs one round trip.
struct Connection {
    client: Client,
    put: BTreeMap<Collection, Statement>,
    delete: BTreeMap<Collection, Statement>,
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
    /// Connects to an existing database and creates or migrates its tables. The password may
    /// come from `PGPASSWORD` instead of the string, which keeps it off the command line.
    pub fn connect(url: &str) -> Result<PostgresStore, PostgresError> {
        let mut config: Config = url.parse()?;
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
        // rather than holding up every request queued behind it. First, so that the string's
        // own `options` can override it.
        let options = format!("-c lock_timeout=2s {}", config.get_options().unwrap_or(""));
        config.options(options.trim_end());
        let connection = Connection::open(&config)?;
        Ok(PostgresStore { config, connection })
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
            self.connection = Connection::open(&self.config)?;
        }
        Ok(&mut self.connection)
    }

    fn write(&mut self, clear: bool, changes: &[Change]) -> Result<(), PostgresError> {
        let Connection {
            client,
            put,
            delete,
        } = self.live()?;
        let mut tx = client.transaction()?;
        if clear {
            for collection in Collection::ALL {
                tx.batch_execute(&format!("DELETE FROM \"{}\"", collection.name()))?;
            }
        }
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
        tx.commit()?;
        Ok(())
    }
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
        Ok(Connection {
            client,
            put,
            delete,
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

fn schema_version(tx: &mut Transaction) -> Result<u32, PostgresError> {
    let row = tx.query_one("SELECT max(version) FROM portal_schema", &[])?;
    let version: Option<i32> = row.try_get(0)?;
    let version = version.unwrap_or(0);
    u32::try_from(version).map_err(|_| StoreError::BadVersion(version.into()))
}

/// The state the transaction sees; `None` when the tables are empty.
fn read(tx: &mut Transaction) -> Result<Option<State>, PostgresError> {
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
        // One snapshot for every table: a backup or a tool writing meanwhile can't tear it.
        let mut tx = self
            .live()?
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let state = read(&mut tx)?;
        tx.commit()?;
        Ok(state)
    }

    // The lock that migrations take, held to the commit: of several servers that found the
    // database empty, one writes its state and the others, waiting for the lock, then find that
    // one. The snapshot is taken after the lock (by the first SELECT), so it holds what the
    // server before wrote.
    async fn create(&mut self, state: &State) -> Result<Created, PostgresError> {
        let Connection { client, put, .. } = self.live()?;
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .start()?;
        tx.batch_execute(START_LOCK_TIMEOUT)?;
        tx.batch_execute("LOCK TABLE portal_schema IN EXCLUSIVE MODE")?;
        if let Some(theirs) = read(&mut tx)? {
            tx.commit()?;
            return Ok(Created::Existing(Box::new(theirs)));
        }
        for record in state.records() {
            let key = record.key();
            let value = serde_json::to_string(&record).expect("records serialize");
            tx.execute(&put[&key.collection], &[&key.id, &value])?;
        }
        tx.commit()?;
        Ok(Created::Stored)
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), PostgresError> {
        self.write(false, &changes.0)
    }

    async fn replace(&mut self, state: &State) -> Result<(), PostgresError> {
        self.write(true, &ChangeSet::writing_all(state).0)
    }
}
