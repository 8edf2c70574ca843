//! Timed runs of the page in headless Chromium, in the release profile:
//! the Overview's first render over the demo data, a reload over 10,000 users, 10,000 tokens and
//! 1,000 roles, the evaluator's 1,000 x 1,000 matrix, and a 100,000-row usage report imported
//! through the Usage page. Not part of `scripts/test` (timings don't belong in pass/fail): run by
//! `scripts/bench-browser`, which also reports the download size. Each figure is the median of a
//! few runs; the page is looked at once per animation frame, so a render time is within a frame
//! of when it was painted.
#![cfg(target_arch = "wasm32")]

#[path = "support/mod.rs"]
mod support;

use std::time::Duration;

use gloo_timers::future::TimeoutFuture;
use portal_core::fixtures::bulk::{grow, Growth};
use portal_core::model::{SeededEntropy, State};
use portal_core::rbac::{
    evaluator, DatabaseKeyspaces, DefaultRole, Drn, Keyspaces, ResourceScope, Role, DEFAULT_ROLES,
};
use portal_core::usage::{write_report, UsageRecord};
use support::{demo_state, org_id, seed, Mounted};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, Instant};
use web_sys::HtmlInputElement;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Waits (up to two minutes) until `selector` matches in the mounted app, or no longer matches
/// (`shown` false), looking once per animation frame: a frame shows what was painted, where a
/// timer would wait behind the work the page queues after a paint.
async fn settle(app: &Mounted, selector: &str, shown: bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        if app.find(selector).is_some() == shown {
            return;
        }
        next_frame().await;
    }
    panic!(
        "{selector} still {}",
        if shown { "missing" } else { "there" }
    );
}

/// The browser's next animation frame, or 100 ms in a page the browser hides (it gets no frames).
async fn next_frame() {
    let (sender, frame) = futures::channel::oneshot::channel();
    leptos::prelude::request_animation_frame(move || {
        let _ = sender.send(());
    });
    futures::future::select(frame, TimeoutFuture::new(100)).await;
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn report(what: &str, runs: Vec<Duration>) {
    let all: Vec<String> = runs.iter().map(|d| format!("{:.0}", ms(*d))).collect();
    console_log!(
        "[bench] {what}: median {:.1} ms (runs: {} ms)",
        ms(median(runs)),
        all.join(", ")
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// When a mount showed what the person came for and when it served all of its state.
struct Mount {
    rows: Duration,
    served: Duration,
}

/// Mounts the app at `path` over `database` and times until `selector` shows, then until the
/// portal says it is ready (a large state's audit entries and emails are read after the rows are
/// shown).
async fn time_mount(path: &str, database: &'static str, selector: &str) -> Mount {
    let start = Instant::now();
    let app = Mounted::at(path, database);
    settle(&app, selector, true).await;
    let rows = start.elapsed();
    settle(&app, "main[data-portal-ready]", true).await;
    Mount {
        rows,
        served: start.elapsed(),
    }
}

#[wasm_bindgen_test]
async fn overview_first_render_with_the_demo() {
    const DB: &str = "portal-bench-demo";
    seed(DB, &demo_state()).await;
    let mut runs = Vec::new();
    for _ in 0..7 {
        runs.push(
            time_mount(
                "/settings/enterprise/overview",
                DB,
                "table.organizations tbody tr",
            )
            .await
            .rows,
        );
    }
    report("first render of the Overview, demo data", runs);
}

/// The demo with 10,000 more users (invited to Acme Production), 1,000 more custom roles and
/// 10,000 more tokens there, made through the core's handlers.
fn large_state() -> State {
    let mut state = demo_state();
    let growth = Growth {
        users: 10_000,
        roles: 1_000,
        tokens: 10_000,
    };
    let now = "2026-11-22T10:00:00Z".parse().unwrap();
    grow(&mut state, growth, now, &mut SeededEntropy::new(11)).unwrap();
    state
}

#[wasm_bindgen_test]
async fn reload_of_10000_users_10000_tokens_1000_roles() {
    const DB: &str = "portal-bench-large";
    let start = Instant::now();
    let state = large_state();
    console_log!(
        "[bench] making the large state through the handlers: {:.0} ms ({} users, {} tokens, {} roles)",
        ms(start.elapsed()),
        state.users.len(),
        state.tokens.len(),
        state.roles.len()
    );
    let start = Instant::now();
    seed(DB, &state).await;
    console_log!(
        "[bench] writing it to IndexedDB: {:.0} ms",
        ms(start.elapsed())
    );
    let org = org_id(&state, "Acme Production");
    for (page, selector) in [
        ("users", ".user-table tbody tr"),
        ("tokens", ".token-list tbody tr"),
        ("roles", "table.roles tbody tr"),
    ] {
        let (mut rows, mut served) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            let mount = time_mount(
                &format!("/settings/organizations/{org}/{page}"),
                DB,
                selector,
            )
            .await;
            rows.push(mount.rows);
            served.push(mount.served);
        }
        let what =
            format!("reload into the {page} page, 10,000 users / 10,000 tokens / 1,000 roles");
        report(&format!("{what}: to the rows"), rows);
        report(&format!("{what}: to all of the state served"), served);
    }
}

/// 1,000 principals, each holding one to three of 60 roles (default roles and the portal's scope
/// forms), over 1,000 resources of one organization: every permission of every cell.
#[wasm_bindgen_test]
fn access_matrix_1000_by_1000() {
    let org = "o1";
    let databases: Vec<String> = (0..10).map(|d| format!("d{d}")).collect();
    let mut pool: Vec<Role> = DEFAULT_ROLES
        .iter()
        .map(|d| Role::from_default(d, org))
        .collect();
    for (i, db) in databases.iter().enumerate() {
        let scope = ResourceScope::Specific(vec![DatabaseKeyspaces {
            database: db.clone(),
            keyspaces: Keyspaces::Listed(vec![format!("k{i}")]),
        }]);
        let mut role =
            Role::from_default(DefaultRole::find("Database Administrator").unwrap(), org);
        role.policy.resources = scope.to_drns(org);
        pool.push(role);
    }
    let principals: Vec<Vec<Role>> = (0..1_000)
        .map(|i| {
            (0..1 + i % 3)
                .map(|j| pool[(i * 7 + j * 13) % pool.len()].clone())
                .collect()
        })
        .collect();
    let mut resources = vec![Drn::organization(org)];
    for db in &databases {
        resources.push(Drn::database(org, db));
        for k in 0..10 {
            let keyspace = format!("k{k}");
            resources.push(Drn::keyspace(org, db, &keyspace));
            for t in 0..9 {
                resources.push(Drn::table(org, db, &keyspace, &format!("t{t}")));
            }
        }
    }
    resources.truncate(1_000);
    assert_eq!((principals.len(), resources.len()), (1_000, 1_000));
    let mut runs = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let matrix = evaluator::matrix(&principals, |p| p.as_slice(), &resources);
        runs.push(start.elapsed());
        std::hint::black_box(matrix);
    }
    report("access matrix, 1,000 principals x 1,000 resources", runs);
}

/// The demo's usage rows repeated to 100,000, as a file chosen on the Usage page.
#[wasm_bindgen_test]
async fn usage_import_of_100000_rows() {
    const DB: &str = "portal-bench-usage";
    let state = demo_state();
    let demo: Vec<UsageRecord> = state.usage.values().map(|r| r.record.clone()).collect();
    let records: Vec<UsageRecord> = demo.iter().cycle().take(100_000).cloned().collect();
    let csv = write_report(&records);
    seed(DB, &state).await;
    let mut runs = Vec::new();
    for run in 0..3 {
        let app = Mounted::at("/usage", DB);
        settle(&app, ".usage-source input[type=file]", true).await;
        let input: HtmlInputElement = app
            .find(".usage-source input[type=file]")
            .unwrap()
            .unchecked_into();
        let name = format!("bench-{run}.csv");
        let start = Instant::now();
        support::choose_file(&input, &name, &csv);
        let expected = format!("Totals of {name}");
        for _ in 0..24_000 {
            if app.text_of("#usage-totals-heading").as_deref() == Some(expected.as_str()) {
                break;
            }
            TimeoutFuture::new(5).await;
        }
        runs.push(start.elapsed());
        assert_eq!(
            app.text_of(".usage-rows").as_deref(),
            Some("100000"),
            "every row was read"
        );
    }
    report(
        &format!(
            "usage report import, 100,000 rows ({:.1} MB), to its totals and charts",
            csv.len() as f64 / 1e6
        ),
        runs,
    );
}
