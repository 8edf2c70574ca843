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
//!
//! Each figure comes with the medians of its loads' steps: when the main module was received, the
//! portal's own marks (`portal::marks`: started, IndexedDB opened, the state read or the demo
//! made, shown, served) and the first contentful paint, so that a figure says where its time went.

use std::collections::BTreeMap;

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

/// The steps of the page load just painted, in milliseconds from its navigation start: the main
/// module received, the first contentful paint, and the portal's own marks (`portal::marks`).
/// Called once the whole state is served, the last of them.
const STEPS: &str = r#"
const steps = {};
for (const mark of performance.getEntriesByType("mark")) {
  if (mark.name.startsWith("portal-")) steps[mark.name.slice("portal-".length)] = mark.startTime;
}
const module = performance
  .getEntriesByType("resource")
  .find((entry) => /\/portal-app-[^/]*\.wasm$/.test(entry.name));
if (module) steps["module-received"] = module.responseEnd;
for (const paint of performance.getEntriesByType("paint")) steps[paint.name] = paint.startTime;
return steps;
"#;

/// One page load: each step's time, the rows' paint among them.
type Steps = BTreeMap<String, f64>;

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
        // Warm means everything a first visit leaves behind: the state written to IndexedDB and
        // the build's files in the service worker's cache (it controls the page once it has
        // them).
        cold.push(load_steps(&session).await);
        session.controlled_by_service_worker().await;
        for reload in 0..RELOADS {
            session.client.refresh().await.expect("reload");
            let steps = load_steps(&session).await;
            if reload == 0 {
                first_reload.push(steps);
            } else {
                later_reloads.push(steps);
            }
        }
        session.close().await;
    }
    report(
        "cold first visit, navigation start to the Overview's organization rows",
        &cold,
    );
    report(
        "warm reload (the first after the visit), navigation start to the same rows",
        &first_reload,
    );
    report(
        "warm reload (the second and third), navigation start to the same rows",
        &later_reloads,
    );
}

/// The current page load's steps, once its rows are painted and its whole state served.
async fn load_steps(session: &Session) -> Steps {
    session.element(Locator::Css(ROWS)).await;
    // WebDriver's script timeout (30 s) bounds the wait for the entry.
    let painted = session
        .client
        .execute_async(PAINTED, Vec::new())
        .await
        .expect("the browser records the rows' paint (Element Timing)");
    session.ready().await;
    let steps = session
        .client
        .execute(STEPS, Vec::new())
        .await
        .expect("the page load's marks");
    let mut steps: Steps = serde_json::from_value(steps).expect("steps in milliseconds");
    steps.insert(
        ROWS_PAINTED.to_owned(),
        painted.as_f64().expect("a time in milliseconds"),
    );
    steps
}

/// The step the figures are about.
const ROWS_PAINTED: &str = "rows-painted";

/// One figure as `tests/bench_browser.rs` prints them (the median, then every run), and the
/// median of each step of the same loads, in the order they came.
fn report(what: &str, loads: &[Steps]) {
    let median = |name: &str| {
        let mut runs: Vec<f64> = loads
            .iter()
            .filter_map(|steps| steps.get(name))
            .copied()
            .collect();
        runs.sort_by(f64::total_cmp);
        runs.get(runs.len() / 2).copied()
    };
    let all: Vec<String> = loads
        .iter()
        .map(|steps| format!("{:.0}", steps[ROWS_PAINTED]))
        .collect();
    println!(
        "[bench] {what}: median {:.1} ms (runs: {} ms)",
        median(ROWS_PAINTED).unwrap_or_default(),
        all.join(", ")
    );
    let mut steps: Vec<(f64, &str)> = loads
        .iter()
        .flat_map(|steps| steps.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter_map(|name| Some((median(name)?, name.as_str())))
        .collect();
    steps.sort_by(|a, b| a.0.total_cmp(&b.0));
    let steps: Vec<String> = steps
        .iter()
        .map(|(ms, name)| format!("{name} {ms:.0}"))
        .collect();
    println!("[bench]   its steps' medians, ms: {}", steps.join(", "));
}
