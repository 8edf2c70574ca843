//! Timed page loads of the release build in Chromium, as a person meets them: a cold first visit
//! (a new browser profile: no cache, no IndexedDB, no service worker; `portal serve` over a new
//! database), on which the page makes the demo data, writes it to IndexedDB and renders, and
//! warm reloads of the same page in the same profile (the service worker's copy of the build and
//! the state in IndexedDB), each from navigation start to the Overview's organization rows.
//!
//! Timings are figures, never pass or fail: the test is ignored, and `scripts/bench-browser` runs
//! it with `--ignored --nocapture`. It is a test of this crate rather than an example so that it
//! shares the suites' harness and build and is compiled (so kept working) with them. Its server
//! is the harness's in-process `portal serve`, built in the test profile: it sends the build's
//! precompressed files, which takes it about a millisecond longer than the release server for
//! the wasm (2.5-3.2 ms against 1.6 ms on loopback), next to hundreds in the browser.
//!
//! The clock is the browser's own: the Overview marks its organization names for Element Timing
//! (`elementtiming`), and the browser records when each is first painted, relative to the
//! document's time origin, which is the navigation's start. Polling the page through WebDriver
//! would add its round trips (several milliseconds each, more on a busy machine) to every figure;
//! here WebDriver only waits for the rows and then reads what the browser recorded, through a
//! buffered PerformanceObserver (the browser keeps element entries for observers, not for
//! `performance.getEntriesByType`).

use fantoccini::Locator;
use portal_e2e::Session;

const OVERVIEW: &str = "/settings/enterprise/overview";
const ROWS: &str = "table.organizations tbody tr";
/// Cold visits, each followed by reloads in its profile.
const RUNS: usize = 5;
/// Reloads after each cold visit. The first is measurably slower than the ones after it (most
/// likely Chromium's cache of compiled WebAssembly, which fills once the module has been loaded
/// from the service worker's copy), so both are reported.
const RELOADS: usize = 3;

/// The earliest paint of an organization name in the current document, in milliseconds from its
/// navigation start; it waits for the entry if the rows are in the document but not yet painted.
const PAINTED: &str = r#"
const done = arguments[arguments.length - 1];
new PerformanceObserver((list, observer) => {
  const times = list
    .getEntries()
    .filter((entry) => entry.identifier === "organization-name")
    .map((entry) => entry.renderTime || entry.loadTime);
  if (times.length > 0) {
    observer.disconnect();
    done(Math.min(...times));
  }
}).observe({ type: "element", buffered: true });
"#;

#[tokio::test]
#[ignore = "timings, run by scripts/bench-browser"]
async fn cold_first_visit_and_warm_reload() {
    let mut cold = Vec::new();
    let mut first_reload = Vec::new();
    let mut later_reloads = Vec::new();
    for _ in 0..RUNS {
        let session = Session::start().await;
        session
            .client
            .goto(&session.url(OVERVIEW))
            .await
            .expect("open the Overview");
        cold.push(rows_painted(&session).await);
        // Warm means everything a first visit leaves behind: the state written to IndexedDB and
        // the build's files in the service worker's cache (it controls the page once it has
        // them).
        session.ready().await;
        session.controlled_by_service_worker().await;
        for reload in 0..RELOADS {
            session.client.refresh().await.expect("reload");
            let painted = rows_painted(&session).await;
            if reload == 0 {
                first_reload.push(painted);
            } else {
                later_reloads.push(painted);
            }
        }
        session.close().await;
    }
    report(
        "cold first visit, navigation start to the Overview's organization rows",
        cold,
    );
    report(
        "warm reload (the first after the visit), navigation start to the same rows",
        first_reload,
    );
    report(
        "warm reload (the second and third), navigation start to the same rows",
        later_reloads,
    );
}

/// Milliseconds from the current document's navigation start to the first paint of its
/// organization rows.
async fn rows_painted(session: &Session) -> f64 {
    session.element(Locator::Css(ROWS)).await;
    // WebDriver's script timeout (30 s) bounds the wait for the entry.
    let painted = session
        .client
        .execute_async(PAINTED, Vec::new())
        .await
        .expect("the browser records the rows' paint (Element Timing)");
    painted.as_f64().expect("a time in milliseconds")
}

/// One figure as `tests/bench_browser.rs` prints them: the median, then every run.
fn report(what: &str, mut runs: Vec<f64>) {
    let all: Vec<String> = runs.iter().map(|ms| format!("{ms:.0}")).collect();
    runs.sort_by(f64::total_cmp);
    println!(
        "[bench] {what}: median {:.1} ms (runs: {} ms)",
        runs[runs.len() / 2],
        all.join(", ")
    );
}
