//! `portal serve`: the DevOps API on the core's handlers over a SQLite file (or a PostgreSQL
//! database, for deployments that outgrow one file), and the built page on the same port, so
//! that one command gives a team its portal.
//!
//! [`Server::start`] is the whole server for embedding (the HTTP tests and the end-to-end
//! harness start it in-process); [`run`] is the command around it: logs, signals, the bootstrap
//! JSON.

mod connections;
mod http;
mod mailer;
mod page_files;
mod page_headers;
pub mod postgres;
mod published;
mod rate_limit;
mod reporter;
mod router;
pub mod sqlite;
mod worker;

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use portal_core::model::bootstrap::Bootstrap;
use portal_core::store::{Backend, Opened, Storage};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::first_start::{self, FirstStart};
use postgres::PostgresStore;
use published::Published;
use rate_limit::{FailedAuthentications, RateLimit};
use sqlite::SqliteStore;
use worker::Worker;

#[derive(clap::Args, Clone, Debug)]
pub struct Args {
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Where the state is kept: a SQLite file, or an existing PostgreSQL database as
    /// postgres://USER@HOST:PORT/DATABASE (no TLS: a local server, or one through a tunnel; the
    /// password in PGPASSWORD keeps it off the command line). Its tables, with a new
    /// enterprise, are created on first start.
    #[arg(long, value_name = "FILE|URL", default_value = "portal.db")]
    pub db: PathBuf,
    /// The built page (`trunk build --release` makes `dist/`); without it only the API is served.
    #[arg(long, value_name = "DIR")]
    pub dist: Option<PathBuf>,
    /// An origin whose pages may call the API (CORS), e.g. `https://portal.example.com`;
    /// repeat for several, or `*` for any. Without it, only pages served here may.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allowed_origins: Vec<String>,
    /// Requests a minute each token may make (all at once if it likes); 0 for no limit.
    #[arg(long, value_name = "N", default_value_t = 600)]
    pub rate_limit: u32,
    /// Seconds a request's headers, and then its body, may take to arrive, and a kept-alive
    /// connection may wait idle for the next request: slow or idle clients don't hold
    /// connections.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub read_timeout: u64,
    /// The largest request body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1024 * 1024)]
    pub max_body: usize,
    /// How long each step of a database's life cycle lasts (PENDING, INITIALIZING, MAINTENANCE,
    /// TERMINATING), in milliseconds: long enough for a client that polls to see each status.
    #[arg(long, value_name = "MILLISECONDS", default_value_t = 2000)]
    pub database_step: u32,
    /// A mail server to send the portal's emails through (invitations, notices), as
    /// smtp://[USER:PASSWORD@]HOST[:PORT] (no TLS: a relay on the host, or a tunnel). Without
    /// it, emails stay in the outbox, where the page's Settings → Email outbox shows them.
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,
    /// The sender of the portal's emails.
    #[arg(
        long,
        value_name = "ADDRESS",
        default_value = "Astra Portal <portal@localhost>"
    )]
    pub mail_from: String,
    /// The address people open the portal at, which invitation links start with; the listening
    /// address unless given (e.g. `https://portal.example.com` behind a proxy).
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    #[command(flatten)]
    pub first: FirstStart,
}

/// Why the server did not start.
#[derive(Debug)]
pub enum StartError {
    /// The database as [`describe`] names it, and why it could not be opened.
    Database(String, String),
    Listen(SocketAddr, std::io::Error),
    Origin(String),
    Mail(String),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Database(db, e) => write!(f, "{db}: {e}"),
            StartError::Listen(addr, e) => write!(
                f,
                "can't listen on {addr}: {e} (choose another with --listen ADDR:PORT)"
            ),
            StartError::Mail(problem) => write!(f, "{problem}"),
            StartError::Origin(origin) => write!(
                f,
                "'{origin}' is not an origin: give scheme, host and port only, e.g. \
                 https://portal.example.com, or '*'"
            ),
        }
    }
}

/// A running server; it stops when [`Server::stop`] is called or it is dropped.
pub struct Server {
    pub address: SocketAddr,
    /// The IDs and tokens of a database created by this start; `None` when it already existed.
    pub bootstrap: Option<Bootstrap>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
    /// The backend's thread, which closes the database when the server is done with it.
    backend: Option<std::thread::JoinHandle<()>>,
    /// The task sending emails (`--smtp`), and how to stop it.
    mailer: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
    /// The task generating billing reports, and how to stop it.
    reporter: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
}

impl Server {
    pub async fn start(args: &Args) -> Result<Server, StartError> {
        let cors = router::cors(&args.allowed_origins)?;
        // Checked before anything is opened: a wrong option changes nothing.
        let mailer = args
            .smtp
            .as_deref()
            .map(|url| mailer::Mailer::new(url, &args.mail_from))
            .transpose()
            .map_err(StartError::Mail)?;
        let limit = RateLimit::new(args.rate_limit);
        let first = args.first.clone();
        let step = TimeDelta::milliseconds(args.database_step.into());
        let started = match Db::of(&args.db) {
            Db::File(path) => {
                let path = path.to_owned();
                Worker::spawn(
                    move |shared| {
                        let store = SqliteStore::open_alone(&path);
                        open(store.map(|s| Published::new(s, shared)), &first)
                    },
                    None,
                    limit,
                    step,
                )
                .await
            }
            Db::Postgres(url) => {
                let url = url.to_owned();
                let config = postgres::config(&url)
                    .map_err(|e| StartError::Database(describe(&args.db), e.to_string()))?;
                Worker::spawn(
                    move |shared| {
                        let store = PostgresStore::connect(&url);
                        open(store.map(|s| Published::new(s, shared)), &first)
                    },
                    Some(postgres::Head::new(config)),
                    limit,
                    step,
                )
                .await
            }
        };
        let (worker, backend, bootstrap) =
            started.map_err(|e| StartError::Database(describe(&args.db), e))?;
        let listener = TcpListener::bind(args.listen)
            .await
            .map_err(|e| StartError::Listen(args.listen, e))?;
        let address = listener
            .local_addr()
            .map_err(|e| StartError::Listen(args.listen, e))?;
        let mailer = mailer.map(|mailer| {
            let origin = args
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{address}"));
            let (stop, stopped) = oneshot::channel();
            let sending = mailer.linking_to(&origin).run(worker.clone(), stopped);
            (stop, tokio::spawn(sending))
        });
        let (stop_reporter, reporter_stopped) = oneshot::channel();
        let reporting = tokio::spawn(reporter::run(worker.clone(), reporter_stopped));
        let api = Arc::new(http::Api {
            worker,
            max_body: args.max_body,
            read_timeout: Duration::from_secs(args.read_timeout),
            // A tenth of a token's allowance: a person or a client mistyping a token is well
            // within it, a flood of guesses is not.
            failures: FailedAuthentications::new(args.rate_limit.div_ceil(10)),
        });
        let app = router::app(api, args.dist.as_deref(), cors);
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(connections::serve(
            listener,
            app,
            Duration::from_secs(args.read_timeout),
            stopped,
        ));
        Ok(Server {
            address,
            bootstrap,
            shutdown: Some(shutdown),
            task,
            backend: Some(backend),
            mailer,
            reporter: Some((stop_reporter, reporting)),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Stops accepting connections, lets the requests under way finish, then closes the
    /// database.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        let served = (&mut self.task)
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)));
        // The mailer and the reporter hold a `Worker` too: the backend's thread ends only once
        // they have gone.
        for (stop, task) in [self.mailer.take(), self.reporter.take()]
            .into_iter()
            .flatten()
        {
            let _ = stop.send(());
            let _ = task.await;
        }
        // The router (and with it the last `Worker`) is gone once serving ended: the thread is
        // closing the database.
        if let Some(backend) = self.backend.take() {
            tokio::task::spawn_blocking(move || backend.join())
                .await
                .map_err(std::io::Error::other)?
                .map_err(|_| std::io::Error::other("the backend thread panicked"))?;
        }
        served
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// Where `--db` keeps the state.
pub enum Db<'a> {
    File(&'a Path),
    /// A `postgres://` or `postgresql://` connection string.
    Postgres(&'a str),
}

impl Db<'_> {
    pub fn of(db: &Path) -> Db<'_> {
        match db.to_str() {
            Some(url) if postgres::is_url(url) => Db::Postgres(url),
            _ => Db::File(db),
        }
    }
}

/// `--db` as logs and errors show it: a connection string without its password.
pub fn describe(db: &Path) -> String {
    match Db::of(db) {
        Db::File(path) => path.display().to_string(),
        Db::Postgres(url) => postgres::describe(url),
    }
}

/// Opens the backend on a store, creating the first state in it when it has none; the
/// bootstrap is returned only when this start's state is the one stored.
fn open<S: Storage>(
    store: Result<S, S::Error>,
    first: &FirstStart,
) -> Result<(Backend<S>, Option<Bootstrap>), String> {
    let store = store.map_err(|e| e.to_string())?;
    let mut bootstrap = None;
    let (backend, opened) = futures_executor::block_on(Backend::open(store, || {
        let (state, boot) = first.create(Utc::now());
        bootstrap = Some(boot);
        state
    }))
    .map_err(|e| e.to_string())?;
    match opened {
        Opened::Created => Ok((backend, bootstrap)),
        Opened::Loaded => Ok((backend, None)),
        Opened::CreatedElsewhere => {
            // Its tokens are the other server's to print: this one's were never stored.
            tracing::info!(
                enterprise = %backend.state().enterprise.id,
                "the database was empty, but another server created its state first: serving \
                 that state (its bootstrap JSON is in that server's output)"
            );
            Ok((backend, None))
        }
    }
}

/// The command: starts the server, prints the bootstrap JSON of a new database once, and serves
/// until SIGINT or SIGTERM.
pub fn run(args: Args) -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: can't start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let server = match Server::start(&args).await {
            Ok(server) => server,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        // Listened for before the server says it listens: a stop sent as soon as it does is a
        // graceful one, not the signal's default (an exit that finishes nothing).
        let stop = stop_signal();
        if let Some(boot) = &server.bootstrap {
            first_start::print(boot);
        }
        tracing::info!(url = %server.url(), db = %describe(&args.db), "listening");
        stop.await;
        tracing::info!("stopping: finishing the requests under way");
        match server.stop().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// SIGINT (Ctrl-C) or SIGTERM (a service manager's stop), handled from this call on; the future
/// ends when one arrives.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt()).expect("SIGINT can be handled");
    let mut terminate = signal(SignalKind::terminate()).expect("SIGTERM can be handled");
    async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    }
}
