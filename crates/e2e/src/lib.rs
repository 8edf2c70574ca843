//! The end-to-end harness: the release build of the page (`dist/`) served on 127.0.0.1 by
//! `portal serve` (in-process, with a database of its own), and Chromium driven through
//! ChromeDriver with the same flags as the wasm suites (`webdriver.json`).

use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use portal_cli::first_start::FirstStart;
use portal_cli::serve::{Args, Server};
use portal_core::model::bootstrap::Bootstrap;
use tokio::process::{Child, Command};

pub mod axe;

/// The workspace root, where `dist/`, `webdriver.json` and `target/` are.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A browser session on a portal page; with [`Session::start`], the server is its own.
pub struct Session {
    pub client: Client,
    base_url: String,
    /// Where this browser saves downloads (Export, Download JSON...).
    pub downloads: PathBuf,
    server: Option<Served>,
    _chromedriver: Child,
}

/// `portal serve --dist dist/` on a free port of 127.0.0.1, with a new database of its own; it
/// can be stopped and started again on the same address and database (a server going away and
/// coming back).
pub struct Served {
    args: Args,
    server: Option<Server>,
    /// The IDs and tokens printed on the first start.
    pub bootstrap: Bootstrap,
}

impl Served {
    /// The page and the API on one port, as a team runs it.
    pub async fn start() -> Served {
        Served::start_with(args(Some(release_build()), Vec::new())).await
    }

    /// The page of a copy of the release build, in a new directory whose path it returns: a test
    /// changes the copy as a new build would.
    pub async fn start_copy() -> (Served, PathBuf) {
        let copy = new_directory("e2e-dist");
        for entry in std::fs::read_dir(release_build()).expect("the release build") {
            let entry = entry.expect("a file of the build");
            std::fs::copy(entry.path(), copy.join(entry.file_name())).expect("copy the build");
        }
        (
            Served::start_with(args(Some(copy.clone()), Vec::new())).await,
            copy,
        )
    }

    /// The API alone, for a page served from `page_origin` (CORS): the page stays reachable
    /// while this server is away.
    pub async fn start_api(page_origin: &str) -> Served {
        Served::start_with(args(None, vec![page_origin.to_owned()])).await
    }

    async fn start_with(mut args: Args) -> Served {
        let server = Server::start(&args)
            .await
            .unwrap_or_else(|e| panic!("portal serve starts: {e}"));
        args.listen = server.address;
        let bootstrap = server.bootstrap.clone().expect("a new database");
        Served {
            args,
            server: Some(server),
            bootstrap,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.args.listen)
    }

    /// Stops the server; the page finds nobody at its address until [`Served::resume`].
    pub async fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop().await.expect("the server stops");
        }
    }

    /// Starts the server again, on the same address and database.
    pub async fn resume(&mut self) {
        let server = Server::start(&self.args)
            .await
            .unwrap_or_else(|e| panic!("portal serve starts again: {e}"));
        self.server = Some(server);
    }
}

fn release_build() -> PathBuf {
    let dist = std::env::var_os("PORTAL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    assert!(
        dist.join("index.html").is_file(),
        "no release build in {}: run `trunk build --release` first (scripts/test does)",
        dist.display()
    );
    dist
}

impl Session {
    /// Serves the release build and opens Chromium on it.
    pub async fn start() -> Session {
        Session::start_with(None).await
    }

    /// Serves the release build and opens Chromium on it, its profile (and so its IndexedDB) in
    /// `profile`.
    pub async fn start_in(profile: &Path) -> Session {
        Session::start_with(Some(profile)).await
    }

    async fn start_with(profile: Option<&Path>) -> Session {
        let server = Served::start().await;
        let mut session = Session::open_with(&server.url(), profile).await;
        session.server = Some(server);
        session
    }

    /// Opens Chromium (a browser profile of its own) on a portal served at `base_url`.
    pub async fn open(base_url: &str) -> Session {
        Session::open_with(base_url, None).await
    }

    async fn open_with(base_url: &str, profile: Option<&Path>) -> Session {
        let downloads = new_directory("e2e-downloads");
        let (chromedriver, client) = open_browser(&downloads, profile).await;
        Session {
            client,
            base_url: base_url.to_owned(),
            downloads,
            server: None,
            _chromedriver: chromedriver,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Opens `path` and waits for the page to render its heading.
    pub async fn visit(&self, path: &str) -> String {
        self.client.goto(&self.url(path)).await.expect("navigate");
        self.heading().await
    }

    /// The text of the page's `h1` once the app has rendered it.
    pub async fn heading(&self) -> String {
        let h1 = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("main h1"))
            .await
            .unwrap_or_else(|e| panic!("no heading rendered (is the wasm broken?): {e}"));
        h1.text().await.expect("heading text")
    }

    /// Waits until the portal has opened IndexedDB and loaded its state (on a first start, the
    /// demo data set).
    pub async fn ready(&self) {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("main[data-portal-ready]"))
            .await
            .unwrap_or_else(|e| panic!("the portal never loaded its data: {e}"));
    }

    /// Waits until the page's service worker has the build's files and controls the page, as
    /// after a first visit.
    pub async fn controlled_by_service_worker(&self) {
        self.until_true(
            "return navigator.serviceWorker.controller !== null",
            "the service worker to control the page",
        )
        .await;
    }

    /// The ID of the demo organization named `name`, from the Overview's link to it.
    pub async fn organization_id(&self, name: &str) -> String {
        self.organization_id_on("/settings/enterprise/overview", name)
            .await
    }

    /// The ID of the organization named `name`, from the link to it on the page at `path`
    /// (Manage Organizations lists the acting principal's own ones too).
    pub async fn organization_id_on(&self, path: &str, name: &str) -> String {
        self.visit(path).await;
        self.ready().await;
        let href = self
            .element(Locator::LinkText(name))
            .await
            .attr("href")
            .await
            .unwrap()
            .expect("a link");
        href.trim_start_matches("/settings/organizations/")
            .split('/')
            .next()
            .unwrap()
            .to_owned()
    }

    /// The first element `locator` finds, once there is one.
    pub async fn element(&self, locator: Locator<'_>) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(locator)
            .await
            .unwrap_or_else(|e| panic!("no {locator:?} at {}: {e}", self.where_now()))
    }

    /// The first element matching `css`, once there is one.
    pub async fn find(&self, css: &str) -> Element {
        self.element(Locator::Css(css)).await
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("element text")
    }

    /// Waits until the first element matching `css` shows `expected` in its text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        let mut seen = String::new();
        let deadline = tokio::time::Instant::now() + WAIT;
        while tokio::time::Instant::now() < deadline {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                seen = element.text().await.unwrap_or_default();
                if seen.contains(expected) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never showed '{expected}'; it shows '{seen}'");
    }

    /// Waits until `script` (a function body that returns a boolean) returns true in the page.
    pub async fn until_true(&self, script: &str, what: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while tokio::time::Instant::now() < deadline {
            let answer = self.client.execute(script, Vec::new()).await;
            if matches!(answer, Ok(serde_json::Value::Bool(true))) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("waited {WAIT:?} for {what} at {}", self.where_now());
    }

    /// Types `text` into the field matching `css`, key by key, after clearing it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let input = self.find(css).await;
        input.clear().await.expect("clear the field");
        input.send_keys(text).await.expect("type into the field");
    }

    /// Clicks the element at `xpath`, once there is one.
    pub async fn click_at(&self, xpath: &str) {
        self.element(Locator::XPath(xpath))
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {xpath}: {e}"));
    }

    /// Clicks the button, link or menu (`summary`) named `name` by its text or its
    /// `aria-label`, inside the element matching the XPath `within` (`""`: anywhere).
    pub async fn press(&self, within: &str, name: &str) {
        let name = xpath_string(name);
        self.click_at(&format!(
            "{within}//*[self::button or self::a or self::summary]\
             [normalize-space(.)={name} or @aria-label={name}]"
        ))
        .await;
    }

    /// Waits for a finished download whose name starts with `prefix` and returns its path.
    pub async fn downloaded(&self, prefix: &str) -> PathBuf {
        let deadline = tokio::time::Instant::now() + WAIT;
        while tokio::time::Instant::now() < deadline {
            let found = std::fs::read_dir(&self.downloads)
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path())
                .find(|path| {
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    name.starts_with(prefix) && !name.ends_with(".crdownload")
                });
            if let Some(path) = found {
                return path;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "no download named {prefix}... in {}",
            self.downloads.display()
        );
    }

    fn where_now(&self) -> String {
        format!("{} (see the screenshots)", self.base_url)
    }

    /// The current path, without the origin.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        url.path().to_owned()
    }

    /// Writes a PNG of the viewport to `target/e2e-screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
        let dir = workspace_root().join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        let file = dir.join(format!("{name}.png"));
        std::fs::write(&file, png).expect("write screenshot");
        file
    }

    pub async fn close(self) {
        self.client.close().await.expect("close the browser");
        if let Some(mut server) = self.server {
            server.stop().await;
        }
    }
}

/// How long the harness waits for the page to show something: generous, since the suites run
/// side by side, each with its own Chromium, and an import of 20,000 users took over 20 s in a
/// CI run on this 2-core machine.
const WAIT: Duration = Duration::from_secs(60);

/// `text` as an XPath string literal.
fn xpath_string(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}

/// A new, empty directory `target/<kind>/<process>-<n>`.
fn new_directory(kind: &str) -> PathBuf {
    static MADE: AtomicUsize = AtomicUsize::new(0);
    let n = MADE.fetch_add(1, Ordering::Relaxed);
    let dir = workspace_root()
        .join("target")
        .join(kind)
        .join(format!("{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    dir
}

/// The options of `portal serve [--dist DIST] [--allow-origin ORIGIN...]` on a free port of
/// 127.0.0.1, with a new database.
fn args(dist: Option<PathBuf>, allowed_origins: Vec<String>) -> Args {
    let dir = workspace_root().join("target/e2e-databases");
    std::fs::create_dir_all(&dir).expect("the databases' directory");
    static STARTED: AtomicUsize = AtomicUsize::new(0);
    let n = STARTED.fetch_add(1, Ordering::Relaxed);
    let db = dir.join(format!("portal-{}-{n}.db", std::process::id()));
    for stale in [
        db.clone(),
        db.with_extension("db-wal"),
        db.with_extension("db-shm"),
    ] {
        let _ = std::fs::remove_file(stale);
    }
    Args {
        listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        db,
        dist,
        allowed_origins,
        rate_limit: 0,
        max_body: 1024 * 1024,
        database_step: 2000,
        read_timeout: 30,
        smtp: None,
        mail_from: "Astra Portal <portal@e2e.test>".into(),
        public_url: None,
        first: FirstStart {
            demo: false,
            enterprise: "E2E Enterprise".into(),
            organization: "E2E Organization".into(),
            email: "admin@e2e.test".into(),
        },
    }
}

/// Starts ChromeDriver on a free port and opens a headless Chromium session with the flags in
/// `webdriver.json`.
async fn open_browser(downloads: &Path, profile: Option<&Path>) -> (Child, Client) {
    let port = free_port();
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    // Its warnings and errors, kept: a session that ends mid-command (the driver or the browser
    // gone) says why only there.
    let log = new_directory("e2e-chromedriver").join("chromedriver.log");
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .arg(format!("--log-path={}", log.display()))
        .arg("--log-level=WARNING")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("start {chromedriver} (scripts/setup test installs it): {e}"));
    let capabilities = browser_capabilities(downloads, profile);
    let url = format!("http://127.0.0.1:{port}");
    let mut last_error = None;
    for _ in 0..100 {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities.clone());
        match builder.connect(&url).await {
            Ok(client) => return (child, client),
            // ChromeDriver answered and refused: asking again would only hide why.
            Err(e @ fantoccini::error::NewSessionError::SessionNotCreated(_)) => {
                panic!("ChromeDriver at {url} did not open a session: {e}")
            }
            Err(e) => last_error = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("ChromeDriver at {url} did not open a session: {last_error:?}");
}

fn browser_capabilities(downloads: &Path, profile: Option<&Path>) -> Capabilities {
    let path = workspace_root().join("webdriver.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let mut capabilities: Capabilities =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
    // Downloads land, without asking, where the test looks for them.
    let downloads = std::fs::canonicalize(downloads).expect("the downloads directory");
    let options = capabilities
        .entry("goog:chromeOptions")
        .or_insert_with(|| serde_json::json!({}));
    options["prefs"] = serde_json::json!({
        "download.default_directory": downloads,
        "download.prompt_for_download": false,
    });
    if let (Some(profile), Some(args)) = (profile, options["args"].as_array_mut()) {
        args.push(format!("--user-data-dir={}", profile.display()).into());
    }
    capabilities
}

fn free_port() -> u16 {
    StdListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}
