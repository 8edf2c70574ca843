//! The Access page and the audit logs, driven as a person would: ask whether a user may do a
//! permission on a keyspace and read why, see who can, read a user's effective permissions, find
//! the overbroad token flagged, pick one of 10,000 users by typing part of an email; read an
//! organization's audit log, filter it, and be refused it without Read Audits. Expected answers
//! are computed with the core's evaluator.

use crate::support::{demo_state, org_id, until, user_id, Downloads, Mounted};
use portal_core::api::{self, access, Actor, Method, Principal, Request};
use portal_core::model::{AuditEntry, Membership, Scope, SeededEntropy, State, User};
use portal_core::pricing::bill::count;
use portal_core::rbac::evaluator::{explain, who_can};
use portal_core::rbac::{Drn, Permission, Role};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlSelectElement};

const DB: &str = "portal-test-pages-access";

fn orders_db(state: &State) -> String {
    state
        .databases
        .values()
        .find(|d| d.name == "orders")
        .expect("the orders database")
        .id
        .clone()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn texts(app: &Mounted, selector: &str) -> Vec<String> {
    app.all(selector).iter().map(text).collect()
}

fn roles_of(state: &State, principal: Principal, org: &str) -> Vec<Role> {
    access::roles(
        state,
        &Actor {
            principal,
            scope: Scope::Organization(org.to_owned()),
        },
    )
}

async fn ask(app: &Mounted, org: &str, principal: &str, permission: &str, resource: &Drn) {
    app.fill("#access-org", org).await;
    app.fill("#access-principal", principal).await;
    app.fill("#access-permission", permission).await;
    app.fill("#access-resource", &resource.to_string()).await;
}

#[wasm_bindgen_test]
async fn a_decision_comes_with_the_evaluators_reasons_and_who_can() {
    let state = demo_state();
    let prod = org_id(&state, "Acme Production");
    let tom = user_id(&state, "tom.orders@acme.example");
    let db = orders_db(&state);
    let select = Permission::parse("db-table-select").unwrap();
    let tom_roles = roles_of(&state, Principal::User(tom.clone()), &prod);
    let app = Mounted::seeded("/access", DB, &state).await;
    app.wait_for("#access-org").await;

    let orders = Drn::keyspace(&prod, &db, "orders");
    ask(
        &app,
        &prod,
        &format!("user:{tom}"),
        "db-table-select",
        &orders,
    )
    .await;
    app.wait_for_text(|t| t.contains("Allowed"), "Allowed")
        .await;
    let decision = text(&app.wait_for(".access-decision").await);
    assert!(decision.contains("Allowed"), "{decision}");
    assert!(
        decision.contains(&format!("Orders Keyspace Editor grants {select}")),
        "{decision}"
    );
    let expected = explain(&tom_roles, select, &orders).unwrap();
    assert!(expected.allowed);
    assert_eq!(
        texts(&app, ".access-reasons li"),
        expected
            .reasons
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );

    // Who can: the core's answer over the organization's users and tokens.
    let mut principals: Vec<(String, Vec<Role>)> = state
        .users
        .values()
        .filter(|u| u.organizations.contains_key(&prod))
        .map(|u| {
            (
                u.email.clone(),
                roles_of(&state, Principal::User(u.id.clone()), &prod),
            )
        })
        .collect();
    principals.extend(
        state
            .tokens
            .values()
            .filter(|t| t.scope == Scope::Organization(prod.clone()))
            .map(|t| {
                (
                    t.client_id.clone(),
                    roles_of(&state, Principal::Token(t.client_id.clone()), &prod),
                )
            }),
    );
    let able: Vec<&str> = who_can(&principals, |p| p.1.as_slice(), select, &orders)
        .unwrap()
        .into_iter()
        .map(|p| p.0.as_str())
        .collect();
    assert!(able.contains(&"dana.admin@acme.example") && able.contains(&"tom.orders@acme.example"));
    let shown = texts(&app, ".access-who-can li");
    assert_eq!(shown.len(), able.len(), "{shown:?} vs {able:?}");
    for name in &able {
        assert!(
            shown.iter().any(|s| s.contains(name)),
            "{name} missing from {shown:?}"
        );
    }
    assert_eq!(
        shown.iter().any(|s| s.contains("raj.dev@acme.example")),
        able.contains(&"raj.dev@acme.example")
    );

    app.fill("#access-who-filter", "tom.").await;
    app.wait_for_text(
        |_| texts(&app, ".access-who-can li").len() == 1,
        "the filtered list",
    )
    .await;
    assert!(texts(&app, ".access-who-can li")[0].contains("tom.orders@acme.example"));
    app.fill("#access-who-filter", "").await;

    // The inventory keyspace is outside the role's scope.
    let inventory = Drn::keyspace(&prod, &db, "inventory");
    app.fill("#access-resource", &inventory.to_string()).await;
    app.wait_for_text(|t| t.contains("Denied"), "Denied").await;
    let expected = explain(&tom_roles, select, &inventory).unwrap();
    assert!(!expected.allowed);
    assert!(expected.reasons.iter().any(|r| r.code() == "out-of-scope"));
    assert_eq!(
        texts(&app, ".access-reasons li"),
        expected
            .reasons
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
}

#[wasm_bindgen_test]
async fn the_matrix_and_the_overbroad_token() {
    let state = demo_state();
    let prod = org_id(&state, "Acme Production");
    let analytics = org_id(&state, "Acme Analytics");
    let tom = user_id(&state, "tom.orders@acme.example");
    let db = orders_db(&state);
    let app = Mounted::seeded("/access", DB, &state).await;
    app.wait_for("#access-org").await;

    app.fill("#access-org", &prod).await;
    app.fill("#access-matrix-subject", &format!("user:{tom}"))
        .await;
    app.wait_for_text(
        |t| t.contains("Effective permissions of tom.orders@acme.example"),
        "tom's matrix",
    )
    .await;
    assert!(!app.all(".access-matrix th[scope=col]").is_empty());
    let row = |keyspace: &str| {
        app.find(&format!(
            ".access-matrix tr[data-drn=\"{}\"]",
            Drn::keyspace(&prod, &db, keyspace)
        ))
        .unwrap_or_else(|| panic!("no row for {keyspace}"))
    };
    let select = Permission::parse("db-table-select").unwrap().name();
    assert!(
        text(&row("orders")).contains(select),
        "{}",
        text(&row("orders"))
    );
    let inventory = row("inventory");
    let cells = inventory.query_selector_all("td").unwrap();
    assert!(cells.length() > 0);
    assert_eq!(
        inventory.query_selector_all("td.none").unwrap().length(),
        cells.length(),
        "{}",
        text(&inventory)
    );

    app.fill("#access-org", &analytics).await;
    app.wait_for_text(
        |t| t.contains("\"dashboard\""),
        "the dashboard token flagged",
    )
    .await;
    let flags = texts(&app, ".access-flags li");
    let dashboard = flags
        .iter()
        .find(|f| f.contains("\"dashboard\""))
        .unwrap_or_else(|| panic!("{flags:?}"));
    assert!(
        dashboard.contains("Organization Administrator"),
        "{dashboard}"
    );
    assert!(dashboard.contains("org-token-write"), "{dashboard}");
}

/// Waits until the picker's count line (`#...-count`) reads `expected`.
async fn count_line_becomes(app: &Mounted, line: &str, expected: &str) {
    app.wait_for_text(
        |_| app.text_of(line).as_deref() == Some(expected),
        &format!("{line} reading '{expected}'"),
    )
    .await;
}

/// The demo state with 10,000 more members of Acme Production, `bulk00000@big.example` on: those
/// of even number Read Only Users, those of odd number Read/Write Users.
fn state_with_many_users(prod: &str) -> State {
    let mut state = demo_state();
    let role = |name: &str| {
        state
            .roles_in(&Scope::Organization(prod.to_owned()))
            .into_iter()
            .find(|r| r.name == name)
            .unwrap()
            .id
    };
    let (read_only, read_write) = (role("Read Only User"), role("Read/Write User"));
    for i in 0..10_000 {
        let id = format!("00000000-0000-4000-8000-{i:012}");
        let membership =
            Membership::active(vec![
                if i % 2 == 0 { &read_only } else { &read_write }.clone()
            ]);
        let user = User {
            id: id.clone(),
            email: format!("bulk{i:05}@big.example"),
            organizations: [(prod.to_owned(), membership)].into(),
            enterprise: None,
        };
        state.users.insert(id, user);
    }
    state
}

/// The values of a select's options, in order.
fn option_values(app: &Mounted, select: &str) -> Vec<String> {
    app.all(&format!("{select} option"))
        .iter()
        .map(|o| o.get_attribute("value").unwrap_or_default())
        .collect()
}

/// With 10,000 users the principal's select holds 200 of them; typing part of an email
/// narrows it to the matches, and choosing one answers for that user.
#[wasm_bindgen_test]
async fn typing_narrows_the_principal_pickers_of_a_large_organization() {
    let prod = org_id(&demo_state(), "Acme Production");
    let state = state_with_many_users(&prod);
    let scope = Scope::Organization(prod.clone());
    let total = state
        .users
        .values()
        .filter(|u| u.membership(&scope).is_some())
        .count()
        + state.tokens.values().filter(|t| t.scope == scope).count();
    assert!(total > 10_000);
    let total_text = count(total.into());
    let app = Mounted::seeded("/access", DB, &state).await;
    app.wait_for("#access-org").await;
    app.fill("#access-org", &prod).await;
    count_line_becomes(
        &app,
        "#access-principal-count",
        &format!("Showing 200 of {total_text} — type to narrow"),
    )
    .await;
    assert_eq!(option_values(&app, "#access-principal").len(), 200);

    let chosen = app
        .find("#access-principal")
        .unwrap()
        .unchecked_into::<HtmlSelectElement>()
        .value();
    let matches: Vec<String> = (1230..1240)
        .map(|i| format!("user:00000000-0000-4000-8000-{i:012}"))
        .collect();
    app.fill("#access-principal-filter", "BULK0123").await;
    count_line_becomes(
        &app,
        "#access-principal-count",
        &format!("10 of {total_text} match the filter"),
    )
    .await;
    let listed = option_values(&app, "#access-principal");
    // The chosen principal stays, first, until another is chosen.
    assert_eq!(listed[0], chosen);
    assert_eq!(listed[1..], matches[..]);
    assert!(texts(&app, "#access-principal option")[1..]
        .iter()
        .all(|label| label.starts_with("bulk0123") && label.ends_with("@big.example")));

    // Bulk01232 reads only; bulk01233 also writes.
    let db = orders_db(&state);
    let orders = Drn::keyspace(&prod, &db, "orders");
    let modify = Permission::parse("db-table-modify").unwrap();
    app.fill("#access-permission", "db-table-modify").await;
    app.fill("#access-resource", &orders.to_string()).await;
    for (i, verdict) in [(1232, "Denied"), (1233, "Allowed")] {
        let email = format!("bulk{i:05}@big.example");
        let id = user_id(&state, &email);
        let expected = explain(
            &roles_of(&state, Principal::User(id.clone()), &prod),
            modify,
            &orders,
        )
        .unwrap();
        assert_eq!(expected.allowed, verdict == "Allowed");
        app.fill("#access-principal", &format!("user:{id}")).await;
        app.wait_for_text(
            |_| {
                app.text_of(".access-decision").is_some_and(|t| {
                    t.contains(&format!("Can {email} do {modify} on")) && t.contains(verdict)
                })
            },
            &format!("the answer for {email}"),
        )
        .await;
        assert_eq!(
            texts(&app, ".access-reasons li"),
            expected
                .reasons
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        );
        assert_eq!(option_values(&app, "#access-principal"), matches);
    }

    // The matrix's picker filters the same way, and keeps its roles.
    app.fill("#access-matrix-subject-filter", "bulk09999").await;
    count_line_becomes(
        &app,
        "#access-matrix-subject-count",
        &format!("1 of {total_text} match the filter"),
    )
    .await;
    let last = user_id(&state, "bulk09999@big.example");
    let listed = option_values(
        &app,
        "#access-matrix-subject optgroup[label='Users and tokens']",
    );
    assert_eq!(listed.last(), Some(&format!("user:{last}")));
    assert!(listed.len() <= 2, "{listed:?}");
    assert!(!option_values(&app, "#access-matrix-subject optgroup[label='Roles']").is_empty());
    app.fill("#access-matrix-subject", &format!("user:{last}"))
        .await;
    app.wait_for_text(
        |t| t.contains("Effective permissions of bulk09999@big.example"),
        "the matrix of the chosen user",
    )
    .await;
}

/// The demo state after Dana created a role in Acme Production, through the core's handler.
fn state_with_a_change(prod: &str) -> State {
    let mut state = demo_state();
    let dana = user_id(&state, "dana.admin@acme.example");
    let actor = Actor {
        principal: Principal::User(dana),
        scope: Scope::Organization(prod.to_owned()),
    };
    let body = json!({"name": "Audit Probe", "policy": {"description": "", "effect": "allow",
        "resources": [format!("drn:astra:org:{prod}")], "actions": ["org-read"]}});
    let request = Request::new(Method::Post, "/v2/organizations/roles", body.to_string());
    let mut entropy = SeededEntropy::new(11);
    let mut ctx = api::Context::new("2026-11-22T11:00:00Z".parse().unwrap(), &mut entropy);
    let outcome = api::handle(&state, &actor, &request, &mut ctx);
    assert_eq!(outcome.response.status, 201);
    state.apply(&outcome.changes);
    state
}

#[wasm_bindgen_test]
async fn the_audit_log_filters_and_refuses_without_read_audits() {
    let prod = org_id(&demo_state(), "Acme Production");
    let state = state_with_a_change(&prod);
    let raj = user_id(&state, "raj.dev@acme.example");
    let app = Mounted::seeded(&format!("/settings/organizations/{prod}/audit"), DB, &state).await;
    app.wait_for(".audit-log tbody tr").await;
    let rows = texts(&app, ".audit-log tbody tr");
    assert!(
        rows[0].contains("role.create") && rows[0].contains("Audit Probe"),
        "{rows:?}"
    );
    assert!(rows[0].contains("dana.admin@acme.example"), "{rows:?}");

    app.fill("#audit-action", "role.").await;
    app.wait_for_text(
        |_| {
            let rows = texts(&app, ".audit-log tbody tr");
            !rows.is_empty() && rows.iter().all(|r| r.contains("role."))
        },
        "only role entries",
    )
    .await;

    // Nobody named raj changed anything here.
    app.fill("#audit-actor", "raj").await;
    app.wait_for(".audit-empty").await;
    assert!(app.find(".audit-log").is_none());

    // Dates: the change was made on 2026-11-22.
    app.fill("#audit-actor", "").await;
    app.fill("#audit-from", "2026-11-22").await;
    app.fill("#audit-to", "2026-11-22").await;
    app.wait_for(".audit-log tbody tr").await;
    app.fill("#audit-from", "2026-11-23").await;
    app.fill("#audit-to", "").await;
    app.wait_for(".audit-empty").await;

    app.act_as_id(&raj).await;
    let refusal = text(&app.wait_for(".audit-refusal").await);
    assert!(refusal.contains("org-audits-read"), "{refusal}");
    assert!(app.find(".audit-log").is_none());
}

/// "Download CSV" saves the backend's CSV of the rows the filters leave: the table's columns,
/// one row per entry shown; it is disabled, with the reason, for a reader without Read Audits.
#[wasm_bindgen_test]
async fn the_audit_log_downloads_the_filtered_rows_as_csv() {
    let prod = org_id(&demo_state(), "Acme Production");
    let mut state = state_with_a_change(&prod);
    // An entry the filter leaves out.
    let id = format!("{:012}", state.next_audit_id());
    let invite = AuditEntry {
        id: id.clone(),
        at: "2026-11-22T12:00:00Z".parse().unwrap(),
        actor: user_id(&state, "dana.admin@acme.example"),
        actor_name: "dana.admin@acme.example".into(),
        scope: Scope::Organization(prod.clone()),
        action: "user.invite".into(),
        targets: Vec::new(),
        summary: "invited ana@acme.example".into(),
    };
    state.audit.insert(id, invite);
    let raj = user_id(&state, "raj.dev@acme.example");
    let app = Mounted::seeded(&format!("/settings/organizations/{prod}/audit"), DB, &state).await;
    let downloads = Downloads::capture();
    app.wait_for(".audit-log tbody tr").await;
    let all = texts(&app, ".audit-log tbody tr").len();

    app.fill("#audit-action", "role.").await;
    let shown = until("only role entries", || {
        let rows = texts(&app, ".audit-log tbody tr");
        (rows.len() < all && rows.iter().all(|r| r.contains("role."))).then_some(rows)
    })
    .await;
    app.click("Download CSV").await;
    let csv = downloads.text(0).await;
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("When,Who,Action,What changed,IDs"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), shown.len(), "{csv}");
    assert!(rows.iter().all(|r| r.contains(",role.")), "{csv}");
    assert!(
        rows[0].contains("dana.admin@acme.example") && rows[0].contains("Audit Probe"),
        "{csv}"
    );
    app.wait_for_text(
        |t| t.contains(&format!("Downloaded audit-log-{prod}-")),
        "the download",
    )
    .await;

    app.act_as_id(&raj).await;
    let button = until("Download CSV disabled for raj", || {
        app.all(".audit-download button")
            .into_iter()
            .map(|b| b.unchecked_into::<HtmlButtonElement>())
            .find(|b| b.disabled())
    })
    .await;
    assert_eq!(text(&button), "Download CSV");
}

#[wasm_bindgen_test]
async fn the_enterprise_log_is_for_enterprise_administrators() {
    let state = demo_state();
    let raj = user_id(&state, "raj.dev@acme.example");
    let app = Mounted::seeded("/settings/enterprise/audit", DB, &state).await;
    app.wait_for(".audit-log, .audit-empty").await;
    assert!(app.find(".audit-refusal").is_none());

    app.act_as_id(&raj).await;
    let refusal = text(&app.wait_for(".audit-refusal").await);
    assert!(
        refusal
            .contains("needs the Enterprise Administrator role to read the enterprise's audit log"),
        "{refusal}"
    );
}

/// The page opens on a question with an answer: the default permission (Select Table) asked of a
/// resource it applies to, not of the organization; a permission asked of a resource it never
/// applies to is guidance, with no verdict and no error.
#[wasm_bindgen_test]
async fn the_page_opens_on_a_question_with_an_answer() {
    let state = demo_state();
    let app = Mounted::seeded("/access", DB, &state).await;
    let verdict = text(&app.wait_for(".access-decision .access-verdict").await);
    assert!(verdict == "Allowed" || verdict == "Denied", "{verdict}");
    assert!(app.find(".notice.error").is_none(), "an error notice");
    assert!(app.find(".access-guidance").is_none());
    let decision = text(&app.find(".access-decision").unwrap());
    assert!(decision.contains("Select Table"), "{decision}");
    assert!(!decision.contains(" on Organization "), "{decision}");
    let chosen = app
        .find("#access-resource")
        .unwrap()
        .dyn_into::<HtmlSelectElement>()
        .unwrap()
        .value();
    let drn = Drn::parse(&chosen).unwrap();
    assert!(
        explain(&[] as &[Role], Permission::DB_TABLE_SELECT, &drn).is_ok(),
        "{chosen} has an answer"
    );

    // Asked of the organization, Select Table has no answer: the page says what would.
    let org = org_id(&state, &texts(&app, "#access-org option:checked")[0]);
    app.fill("#access-resource", &Drn::organization(&org).to_string())
        .await;
    let guidance = text(&app.wait_for(".access-decision .access-guidance").await);
    assert!(guidance.contains("a keyspace or a table"), "{guidance}");
    assert!(app.find(".access-decision .access-verdict").is_none());
    assert!(app.find(".notice.error").is_none(), "an error notice");
}

/// The Access page's "Tokens unused for 90 days": last used 90 days ago or more, or never used
/// and generated 90 days ago or more; Delete asks with the token list's own dialog and revokes.
#[wasm_bindgen_test]
async fn tokens_unused_for_90_days_are_listed_with_delete() {
    let mut state = demo_state();
    let prod = org_id(&state, "Acme Production");
    let now = crate::support::fixture_time();
    let template = state
        .tokens
        .values()
        .find(|t| t.description == "orders-service")
        .unwrap()
        .clone();
    let idle = |id: &str, description: &str, generated_days: i64, used_days: Option<i64>| {
        portal_core::model::ApplicationToken {
            client_id: id.to_owned(),
            description: description.to_owned(),
            generated_on: now - chrono::TimeDelta::days(generated_days),
            last_used: used_days.map(|days| now - chrono::TimeDelta::days(days)),
            ..template.clone()
        }
    };
    for token in [
        idle("neverUsedOldTokenAbcdefg", "old, never used", 120, None),
        idle("usedLongAgoTokenAbcdefgh", "used long ago", 200, Some(91)),
        idle("usedLastMonthTokenAbcdef", "used last month", 200, Some(30)),
        idle("neverUsedNewTokenAbcdefg", "new, never used", 10, None),
    ] {
        state.tokens.insert(token.client_id.clone(), token);
    }
    let app = Mounted::seeded("/access", DB, &state).await;
    app.wait_for("#access-org").await;
    app.fill("#access-org", &prod).await;
    app.wait_for_text(|t| t.contains("used long ago"), "the unused tokens")
        .await;
    // The demo's own Organization Administrator token, generated with the organization 120
    // days before and never used, is among them; the longest idle first.
    let boot = state
        .tokens
        .values()
        .find(|t| {
            t.scope == Scope::Organization(prod.clone())
                && t.description == "Organization Administrator token"
        })
        .unwrap()
        .client_id
        .clone();
    let listed = texts(&app, ".access-unused tbody tr");
    assert_eq!(listed.len(), 3, "{listed:?}");
    let mut oldest: Vec<&str> = listed[..2].iter().map(|row| &row[..24]).collect();
    oldest.sort_unstable();
    let mut expected = [boot.as_str(), "neverUsedOldTokenAbcdefg"];
    expected.sort_unstable();
    assert_eq!(oldest, expected, "{listed:?}");
    assert!(
        listed[..2]
            .iter()
            .all(|row| row.contains("Never used; generated 2026-07-25 10:00 UTC")),
        "{listed:?}"
    );
    assert!(listed[2].contains("usedLongAgoTokenAbcdefgh"), "{listed:?}");
    assert!(
        listed[2].contains("Last used 2026-08-23 10:00 UTC"),
        "{listed:?}"
    );

    let row = app
        .find(".access-unused tr[data-client-id=neverUsedOldTokenAbcdefg]")
        .unwrap();
    let delete: HtmlButtonElement = row
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(text(&delete).trim(), "Delete");
    delete.click();
    let dialog = app.wait_for("dialog[open]").await;
    assert!(text(&dialog).contains("Delete token neverUsedOldTokenAbcdefg (old, never used)?"));
    app.click_in_dialog("Delete Token").await;
    app.wait_for_text(
        |t| t.contains("Deleted token neverUsedOldTokenAbcdefg."),
        "the deletion",
    )
    .await;
    until("the row gone", || {
        app.find(".access-unused tr[data-client-id=neverUsedOldTokenAbcdefg]")
            .is_none()
            .then_some(())
    })
    .await;
    assert_eq!(texts(&app, ".access-unused tbody tr").len(), 2);
}
