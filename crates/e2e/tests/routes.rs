//! Every route of the release build renders in Chromium; the navigation moves between them.
//! Screenshots of each page land in target/e2e-screenshots/.

use fantoccini::Locator;
use portal_e2e::{Served, Session};

const ORG: &str = "7d1c5b0e-3f4a-4b8e-9a62-2f0d6c1e8b47";
/// A database no state has: its pages draw their heading, and say it is not there.
const DB: &str = "0b3e8f27-5d9c-4a61-8e2f-6c7d1a9b4e05";

/// (path, the context line above the heading, the heading)
fn pages() -> Vec<(String, &'static str, &'static str)> {
    let enterprise = [
        ("general", "General"),
        ("overview", "Overview"),
        ("users", "Users"),
        ("roles", "Roles"),
        ("tokens", "Tokens"),
        ("billing", "Billing and usage"),
        ("audit", "Audit log"),
        ("emails", "Email outbox"),
    ];
    let organization = [
        ("general", "General"),
        ("users", "Users"),
        ("roles", "Roles"),
        ("tokens", "Tokens"),
        ("billing", "Billing"),
        ("databases", "Databases"),
        ("databases/DB/access-list", "Access list"),
        ("databases/DB/regions", "Regions"),
        ("databases/DB/private-endpoints", "Private endpoints"),
        ("customer-keys", "Customer keys"),
        ("audit", "Audit log"),
        ("emails", "Email outbox"),
    ];
    let mut pages = Vec::new();
    for (section, heading) in enterprise {
        pages.push((
            format!("/settings/enterprise/{section}"),
            "Enterprise settings",
            heading,
        ));
    }
    for (section, heading) in organization {
        pages.push((
            format!(
                "/settings/organizations/{ORG}/{}",
                section.replace("DB", DB)
            ),
            "Organization settings",
            heading,
        ));
    }
    pages.push(("/pricing".into(), "", "Pricing"));
    pages.push(("/usage".into(), "", "Usage"));
    pages.push(("/access".into(), "", "Access"));
    pages.push(("/organizations".into(), "", "Manage Organizations"));
    pages
}

#[tokio::test]
async fn every_route_renders_its_heading() {
    let session = Session::start().await;
    for (path, context, heading) in pages() {
        assert_eq!(session.visit(&path).await, heading, "heading of {path}");
        session.ready().await;
        if !context.is_empty() {
            let shown = session
                .client
                .find(Locator::Css("main .page-context"))
                .await
                .unwrap_or_else(|e| panic!("context line of {path}: {e}"))
                .text()
                .await
                .unwrap();
            assert_eq!(shown, context, "context line of {path}");
        }
        if path.contains(DB) {
            session
                .wait_for_text("main", "This organization has no such database")
                .await;
        }
        let name = path
            .trim_start_matches('/')
            .replace('/', "_")
            .replace(ORG, "org")
            .replace(DB, "db");
        session.screenshot(&name).await;
    }
    session.close().await;
}

/// The release build opens IndexedDB, loads the demo data on first start, and the pages show
/// it: the Overview lists the demo's organizations, and one of them opens its settings.
#[tokio::test]
async fn the_demo_data_loads_and_every_organization_page_shows_it() {
    let session = Session::start().await;
    session.visit("/settings/enterprise/overview").await;
    session.ready().await;
    let link = session
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::LinkText("Acme Production"))
        .await
        .expect("the demo's organization is listed");
    session.screenshot("demo_enterprise_overview").await;
    link.click().await.unwrap();
    assert_eq!(session.heading().await, "General");
    let path = session.path().await;
    let org = path
        .trim_start_matches("/settings/organizations/")
        .trim_end_matches("/general")
        .to_owned();
    let shown = session
        .client
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        shown.contains(&org) && shown.contains("Acme Production"),
        "{shown}"
    );
    for (section, expected) in [
        ("users", "dana.admin@acme.example"),
        ("roles", "Orders Keyspace Editor"),
        ("tokens", "orders-service"),
        ("databases", "orders"),
    ] {
        session
            .visit(&format!("/settings/organizations/{org}/{section}"))
            .await;
        session.ready().await;
        session.wait_for_text("main", expected).await;
        session
            .screenshot(&format!("demo_organization_{section}"))
            .await;
    }
    for section in ["general", "users", "roles", "tokens"] {
        session
            .visit(&format!("/settings/enterprise/{section}"))
            .await;
        session.ready().await;
        session
            .screenshot(&format!("demo_enterprise_{section}"))
            .await;
    }
    session.close().await;
}

#[tokio::test]
async fn home_goes_to_the_enterprise_overview_and_unknown_paths_are_not_found() {
    let session = Session::start().await;
    assert_eq!(session.visit("/").await, "Overview");
    assert_eq!(session.path().await, "/settings/enterprise/overview");

    assert_eq!(session.visit("/settings/nowhere").await, "Page not found");
    session.screenshot("not-found").await;
    assert_eq!(session.visit("/no/such/page").await, "Page not found");
    session.close().await;
}

#[tokio::test]
async fn settings_navigation_moves_between_pages_and_marks_the_current_one() {
    let session = Session::start().await;
    session
        .visit(&format!("/settings/organizations/{ORG}/general"))
        .await;

    let header_scope = session
        .client
        .find(Locator::Css(".current-scope"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // An organization this state doesn't hold is named by its ID.
    assert_eq!(header_scope, format!("Organization {ORG}"));

    let nav = session
        .client
        .find(Locator::Css("nav[aria-label=Settings]"))
        .await
        .unwrap();
    let databases = nav.find(Locator::LinkText("Databases")).await.unwrap();
    databases.click().await.unwrap();
    session
        .client
        .wait()
        .for_url(
            &session
                .url(&format!("/settings/organizations/{ORG}/databases"))
                .parse()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(session.heading().await, "Databases");
    let current = nav
        .find(Locator::Css("a[aria-current=page]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(current, "Databases");

    // The header's Settings entry leads to the enterprise pages from outside an organization.
    session.visit("/pricing").await;
    session
        .client
        .find(Locator::LinkText("Settings"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    session
        .client
        .wait()
        .for_url(&session.url("/settings/enterprise/general").parse().unwrap())
        .await
        .unwrap();
    assert_eq!(session.heading().await, "General");
    session.close().await;
}

/// The built page registers its service worker, which keeps this build's files: with the server
/// gone, a reload and a deep link still open the portal, on the state in IndexedDB.
#[tokio::test]
async fn the_page_opens_again_with_the_server_gone() {
    let mut served = Served::start().await;
    let session = Session::open(&served.url()).await;
    let org = session.organization_id("Acme Production").await;
    session.controlled_by_service_worker().await;
    served.stop().await;
    session.client.refresh().await.expect("reload");
    session.ready().await;
    session.wait_for_text("main", "Acme Production").await;
    let heading = session
        .visit(&format!("/settings/organizations/{org}/users"))
        .await;
    assert_eq!(heading, "Users");
    session.ready().await;
    session.screenshot("offline-users").await;
    session.close().await;
}

/// A new build is fetched beside the running one and waits: the page says so, and its Reload
/// hands the page to the new build's worker, which keeps the build before its own (a tab still
/// running it fetches its pages from there) and deletes older ones.
#[tokio::test]
async fn a_new_build_is_offered_and_taken_up_on_reload() {
    let (served, dist) = Served::start_copy().await;
    let session = Session::open(&served.url()).await;
    session.visit("/settings/enterprise/overview").await;
    session.ready().await;
    session.controlled_by_service_worker().await;
    let worker = dist.join("sw.js");
    let text = std::fs::read_to_string(&worker).expect("the build's worker");
    let first = text
        .lines()
        .find_map(|line| line.strip_prefix("const VERSION = \""))
        .and_then(|rest| rest.strip_suffix("\";"))
        .expect("the worker names its version")
        .to_owned();

    new_build(&session, &dist, &first, "portal-next").await;
    session.screenshot("new-build").await;
    let mut kept = vec![first.as_str(), "portal-builds", "portal-next"];
    kept.sort();
    assert_eq!(cache_names(&session).await, kept);
    new_build(&session, &dist, "portal-next", "portal-last").await;
    assert_eq!(
        cache_names(&session).await,
        ["portal-builds", "portal-last", "portal-next"],
        "{first} is gone"
    );
    session.close().await;
}

/// Makes a new build (another version of the worker, and no stale compressed copy of it), has
/// the page find it, and takes it up with the page's Reload.
async fn new_build(session: &Session, dist: &std::path::Path, old: &str, new: &str) {
    let worker = dist.join("sw.js");
    let text = std::fs::read_to_string(&worker).expect("the build's worker");
    std::fs::write(&worker, text.replace(old, new)).expect("the new worker");
    for copy in ["sw.js.br", "sw.js.gz"] {
        let _ = std::fs::remove_file(dist.join(copy));
    }
    session
        .client
        .execute(
            "return navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)",
            Vec::new(),
        )
        .await
        .expect("look for a new worker");
    session
        .wait_for_text(".new-build", "A new version of the portal is ready")
        .await;
    session.press("//main", "Reload").await;
    session
        .until_true(
            &format!(
                "return document.querySelector('.new-build') === null \
                 && document.querySelector('main[data-portal-ready]') !== null \
                 && navigator.serviceWorker.controller !== null \
                 && caches.keys().then((keys) => keys.includes('{new}'))"
            ),
            "the page to reload into the new build",
        )
        .await;
}

/// The page's caches, by name.
async fn cache_names(session: &Session) -> Vec<String> {
    let keys = session
        .client
        .execute(
            "return caches.keys().then((keys) => keys.sort())",
            Vec::new(),
        )
        .await
        .expect("the caches");
    serde_json::from_value(keys).expect("cache names")
}

/// The release build is split (`ui::lazy`): a first visit to the Overview fetches the one main
/// module, and another page's code comes when that page is first opened, which then takes the
/// route change's title and focus as a page in the main module does.
#[tokio::test]
async fn a_first_visit_fetches_the_first_pages_code_and_another_page_brings_its_own() {
    const MODULES: &str = "return performance.getEntriesByType('resource')\
        .map((entry) => new URL(entry.name).pathname.slice(1))\
        .filter((name) => name.endsWith('.wasm'))";
    let session = Session::start().await;
    assert_eq!(
        session.visit("/settings/enterprise/overview").await,
        "Overview"
    );
    session.ready().await;
    let names = |value: serde_json::Value| -> Vec<String> {
        serde_json::from_value(value).expect("a list of file names")
    };
    let first = names(session.client.execute(MODULES, Vec::new()).await.unwrap());
    assert_eq!(
        first.len(),
        1,
        "a first visit fetches one module: {first:?}"
    );
    assert!(
        first[0].starts_with("portal-app-") && first[0].ends_with("_bg.wasm"),
        "the main module: {first:?}"
    );

    let nav = session.find("nav[aria-label=Settings]").await;
    nav.find(Locator::LinkText("Users"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    session.wait_for_text("main h1", "Users").await;
    // The page drawn once its code is there still gets the route change's title and focus.
    session
        .until_true(
            "return document.title.startsWith('Users · ') \
             && document.activeElement === document.querySelector('main h1')",
            "the Users page to title the document and take focus",
        )
        .await;
    let then = names(session.client.execute(MODULES, Vec::new()).await.unwrap());
    assert!(
        then.iter().any(|name| name.starts_with("split_people-")),
        "opening Users fetches its module: {then:?}"
    );
    assert!(
        !then.iter().any(|name| name.starts_with("split_billing-")),
        "and not the billing pages' module: {then:?}"
    );
    session.close().await;
}
