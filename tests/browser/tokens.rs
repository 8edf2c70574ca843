//! The Tokens pages (enterprise and organization) and the organization's Databases page, driven
//! as a person would in a real Chromium: generate a token and see it once, find it listed without
//! its secret, delete one, the overbroad token's warning, a refused control, and a database's
//! token with its "DATABASE_NAME Database Administrator" role.

use crate::support::{
    access_method, database_id, demo_state, org_id, role_advice, token_described, until, Downloads,
    Mounted,
};
use portal::store::indexed_db::IdbStore;
use portal_core::model::{ApplicationToken, Lifecycle, Scope, State};
use portal_core::rbac::DefaultRole;
use portal_core::store::Storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlSelectElement};

const DB: &str = "portal-test-pages-tokens";

fn role_id(name: &str) -> &'static str {
    DefaultRole::find(name).unwrap().id
}

/// The organization's Databases page over `state`.
async fn databases_page(org: &str, state: &State) -> Mounted {
    let path = format!("/settings/organizations/{org}/databases");
    Mounted::seeded(&path, DB, state).await
}

/// The state as IndexedDB holds it now.
async fn stored() -> State {
    let mut store = IdbStore::open(DB).await.unwrap();
    let state = store.load().await.unwrap().expect("a stored state");
    store.close();
    state
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The table row whose text contains `needle`, once it exists.
async fn row_with(app: &Mounted, needle: &str) -> Element {
    until(&format!("a table row showing {needle}"), || {
        app.all("tbody tr")
            .into_iter()
            .find(|r| text(r).contains(needle))
    })
    .await
}

fn button_in(element: &Element, name: &str) -> HtmlButtonElement {
    let buttons = element.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlButtonElement>())
        .find(|b| b.text_content().is_some_and(|t| t.trim() == name))
        .unwrap_or_else(|| panic!("no button {name} in {}", text(element)))
}

/// Acme Production's Tokens page over the demo, acting as the demo user with this email.
async fn production_tokens_as(email: &str) -> Mounted {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;
    app.act_as(&state, email).await;
    app
}

/// Chooses a role in "Generate new token", and clicks Generate Token; the credentials shown.
async fn generate(app: &Mounted, role: &str, description: &str) -> (String, String, String) {
    app.fill(".token-generator select", role).await;
    app.wait_for(".token-role-permissions li").await;
    app.fill(".token-generator input[type=text]", description)
        .await;
    app.click("Generate Token").await;
    let token = text(&app.wait_for("[data-field=token]").await);
    let secret = app.text_of("[data-field=secret]").unwrap();
    let client_id = app.text_of("[data-field=client-id]").unwrap();
    (client_id, secret, token)
}

#[wasm_bindgen_test]
async fn an_organization_token_is_shown_once_and_listed_without_its_secret() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let tokens = format!("/settings/organizations/{org}/tokens");
    let app = Mounted::seeded(&tokens, DB, &state).await;

    let service = role_id("Read/Write Service Account");
    app.fill(".token-generator select", service).await;
    let permissions = text(&app.wait_for(".token-role-permissions").await);
    assert!(
        permissions.contains("Permissions of Read/Write Service Account"),
        "{permissions}"
    );
    let (client_id, secret, token) = generate(&app, service, "billing exporter").await;
    assert_eq!(token.len(), 97, "{token}");
    assert!(
        token.starts_with(&format!("AstraCS:{client_id}:")),
        "{token}"
    );
    assert_eq!(secret.len(), 64);
    let warning = app.text_of(".token-reveal [role=alert]").unwrap();
    assert!(
        warning.contains("won't be able to see or download them again"),
        "{warning}"
    );

    let row = row_with(&app, &client_id).await;
    assert!(text(&row).contains("billing exporter"));
    assert!(text(&row).contains("Read/Write Service Account"));
    let list = app.text_of(".token-list").unwrap();
    assert!(
        !list.contains(&secret) && !list.contains(&token),
        "the list shows a secret"
    );

    let saved = stored().await;
    let kept = &saved.tokens[&client_id];
    assert_eq!(kept.roles, vec![service.to_owned()]);
    assert_eq!(kept.description, "billing exporter");
    let document = serde_json::to_string(&saved).unwrap();
    assert!(!document.contains(&secret) && !document.contains(&token[33..]));

    // Away and back: the credentials are gone, the token stays listed.
    let link = |section: &str| {
        app.find(&format!(
            "a[href='/settings/organizations/{org}/{section}']"
        ))
        .unwrap()
        .unchecked_into::<HtmlElement>()
    };
    link("users").click();
    until("leaving the Tokens page", || {
        app.find(".token-generator").is_none().then_some(())
    })
    .await;
    link("tokens").click();
    row_with(&app, &client_id).await;
    let page = text(&app.container);
    assert!(app.find(".token-reveal").is_none());
    assert!(
        !page.contains(&secret) && !page.contains(&token),
        "the secret came back"
    );
}

/// The role chosen in "Generate new token", by ID ("" for none).
fn chosen_role(app: &Mounted) -> String {
    app.find(".token-generator select")
        .expect("the role choice")
        .unchecked_into::<HtmlSelectElement>()
        .value()
}

async fn role_becomes(app: &Mounted, id: &str) {
    until(&format!("the role {id:?} to be chosen"), || {
        (chosen_role(app) == id).then_some(())
    })
    .await;
}

/// seed 001, "Which role should I assign a user?", for an application: what it will do chooses
/// the least privileged recommended role (whose permissions show), each recommended role comes
/// with the seed's reason, and the role can still be chosen by hand.
#[wasm_bindgen_test]
async fn which_role_should_i_assign_chooses_the_tokens_role() {
    const DSBULK: &str = "dsbulk access based on database access permissions";
    const DEVOPS_API: &str = "DevOps API access based on database access permissions";
    const ACCESS_LIST: &str = "Manage access list for IP addresses and CIDR";
    let app = production_tokens_as("dana.admin@acme.example").await;

    app.tick(&access_method(DSBULK), true).await;
    role_becomes(&app, role_id("Read Only Service Account")).await;
    let permissions = text(&app.wait_for(".token-role-permissions").await);
    assert!(
        permissions.contains("Permissions of Read Only Service Account"),
        "{permissions}"
    );
    assert_eq!(
        role_advice(&app),
        [
            ("Read Only Service Account".to_owned(), DSBULK.to_owned()),
            ("Read/Write Service Account".to_owned(), DSBULK.to_owned()),
        ]
    );

    // Nothing serves dsbulk and the DevOps API: no role is chosen, and the advice says why.
    app.tick(&access_method(DEVOPS_API), true).await;
    role_becomes(&app, "").await;
    let said = app.text_of(".role-advice").unwrap_or_default();
    assert!(said.contains("No default role is recommended"), "{said}");

    app.tick(&access_method(DSBULK), false).await;
    app.tick(&access_method(ACCESS_LIST), true).await;
    role_becomes(&app, role_id("Database Administrator")).await;
    let reason = format!("{DEVOPS_API}; {ACCESS_LIST}");
    assert_eq!(
        role_advice(&app),
        [
            ("Database Administrator".to_owned(), reason.clone()),
            ("Organization Administrator".to_owned(), reason),
        ]
    );

    let by_hand = role_id("Organization Administrator");
    app.fill(".token-generator select", by_hand).await;
    assert_eq!(chosen_role(&app), by_hand);
    let (client_id, _, _) = generate(&app, by_hand, "ops automation").await;
    assert_eq!(stored().await.tokens[&client_id].roles, [by_hand]);
}

#[wasm_bindgen_test]
async fn a_token_is_deleted_after_confirmation() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let client_id = token_described(&state, "orders-service").client_id.clone();
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;

    let row = row_with(&app, "orders-service").await;
    button_in(&row, "Delete").click();
    let dialog = app.wait_for("dialog[open]").await;
    assert!(text(&dialog).contains(&client_id));
    button_in(&dialog, "Delete Token").click();
    app.wait_for_text(
        |t| t.contains(&format!("Deleted token {client_id}.")),
        "the deletion",
    )
    .await;
    assert!(app
        .find(&format!("tr[data-client-id='{client_id}']"))
        .is_none());
    assert!(app.find("dialog[open]").is_none());
    assert!(!stored().await.tokens.contains_key(&client_id));
}

#[wasm_bindgen_test]
async fn the_enterprise_page_generates_a_token_with_an_enterprise_role() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/tokens", DB, &state).await;
    app.wait_for(".token-generator select option[value]").await;
    let choices: Vec<String> = app
        .all(".token-generator option")
        .iter()
        .map(text)
        .collect();
    assert!(
        choices
            .iter()
            .any(|c| c == "Enterprise Billing Administrator"),
        "{choices:?}"
    );
    assert!(
        choices.iter().any(|c| c == "Production User Auditor"),
        "{choices:?}"
    );
    assert!(
        !choices.iter().any(|c| c == "Organization Administrator"),
        "{choices:?}"
    );
    row_with(&app, "finance export").await;

    let role = role_id("Enterprise Billing Administrator");
    let (client_id, _, token) = generate(&app, role, "cost reports").await;
    assert!(token.starts_with("AstraCS:"));
    let row = row_with(&app, &client_id).await;
    assert!(text(&row).contains("Enterprise Billing Administrator"));
    let kept = &stored().await.tokens[&client_id];
    assert_eq!(kept.scope, Scope::Enterprise);
    assert_eq!(kept.roles, vec![role.to_owned()]);
}

#[wasm_bindgen_test]
async fn the_dashboard_token_is_flagged_as_far_broader_than_it_needs() {
    let state = demo_state();
    let org = org_id(&state, "Acme Analytics");
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;
    let row = row_with(&app, "dashboard").await;
    let badge = row
        .query_selector(".token-warning")
        .unwrap()
        .expect("a warning badge");
    // The core's rule (`rbac::overbroad`), as the Access page shows it too.
    assert!(
        text(&badge)
            .starts_with("Far more than an application needs: holds Organization Administrator"),
        "{}",
        text(&badge)
    );
    assert_eq!(app.all(".token-warning").len(), 1);
}

#[wasm_bindgen_test]
async fn generate_token_is_refused_with_the_reason_for_a_read_write_user() {
    let app = production_tokens_as("raj.dev@acme.example").await;
    app.fill(".token-generator select", role_id("Read Only User"))
        .await;
    let button = || button_in(&app.find(".token-generator").unwrap(), "Generate Token");
    until("Generate Token disabled", || {
        button().disabled().then_some(())
    })
    .await;
    let reason = app.text_of(".token-generator .refusal").unwrap();
    assert!(
        reason.contains("raj.dev@acme.example needs Write Token (org-token-write)"),
        "{reason}"
    );
    let hidden = app.text_of(".token-list").unwrap();
    assert!(hidden.contains("org-token-read"), "{hidden}");
    assert!(app.find(".token-list table").is_none());
}

#[wasm_bindgen_test]
async fn a_database_token_reuses_the_database_administrator_role() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let role_name = "orders Database Administrator";
    let existing = state
        .roles
        .values()
        .find(|r| r.role.name == role_name)
        .unwrap()
        .role
        .id
        .clone();
    let app = databases_page(&org, &state).await;

    let orders = row_with(&app, "us-east-1").await;
    let names: Vec<String> = app.all("tbody th").iter().map(text).collect();
    assert_eq!(names, ["catalog", "orders"]);
    let cells = text(&orders);
    for expected in [
        "AWS",
        "orders: orders, order_items, customers",
        "inventory: stock, warehouses",
    ] {
        assert!(cells.contains(expected), "{cells}");
    }
    assert!(text(&row_with(&app, "catalog").await).contains("catalog: products, prices"));

    button_in(&orders, "Generate Token").click();
    let token = text(&app.wait_for("[data-field=token]").await);
    assert_eq!(token.len(), 97);
    assert_eq!(app.text_of("[data-field=roles]").unwrap(), role_name);
    app.wait_for_text(
        |t| t.contains(&format!("with the existing role {role_name}")),
        "the role",
    )
    .await;

    let saved = stored().await;
    let named: Vec<_> = saved
        .roles
        .values()
        .filter(|r| r.role.name == role_name)
        .collect();
    assert_eq!(named.len(), 1, "a second role was made");
    let client_id = app.text_of("[data-field=client-id]").unwrap();
    assert_eq!(saved.tokens[&client_id].roles, vec![existing]);
}

/// The variables "Set environment variables" fills in (seeds 001 and 002), once they show.
async fn environment_block(app: &Mounted, expected: &str) {
    until(&format!("the environment variables {expected:?}"), || {
        (app.text_of("[data-field=environment]").as_deref() == Some(expected)).then_some(())
    })
    .await;
}

fn options(app: &Mounted, select: &str) -> Vec<String> {
    let selector = format!(".token-environment select[name={select}] option");
    app.all(&selector).iter().map(text).collect()
}

/// Seeds 001 and 002, "Set environment variables": beside a token just generated, a database
/// (of those listed: not the TERMINATED one) and a keyspace (the default one first) picked fill
/// in the variables with the token, to copy or to download as `.env`.
#[wasm_bindgen_test]
async fn a_new_token_fills_in_the_environment_variables_of_the_database_picked() {
    let mut state = demo_state();
    let org = org_id(&state, "Acme Production");
    let orders = database_id(&state, "orders");
    let catalog = database_id(&state, "catalog");
    let now = crate::support::fixture_time();
    state.databases.get_mut(&catalog).unwrap().lifecycle = Lifecycle::Terminating {
        since: now - chrono::TimeDelta::hours(2),
        done: now - chrono::TimeDelta::hours(1),
    };
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;
    let downloads = Downloads::capture();
    let service = role_id("Read/Write Service Account");
    let (_, _, token) = generate(&app, service, "orders app").await;

    assert_eq!(options(&app, "database"), ["Select a database", "orders"]);
    assert!(
        app.find("[data-field=environment]").is_none(),
        "no database yet"
    );
    app.fill(".token-environment select[name=database]", &orders)
        .await;
    let block = |keyspace: &str| {
        format!(
            "export ASTRA_DB_ID={orders}\nexport ASTRA_DB_REGION=us-east-1\n\
             export ASTRA_DB_KEYSPACE={keyspace}\nexport ASTRA_DB_APPLICATION_TOKEN={token}\n"
        )
    };
    environment_block(&app, &block("inventory")).await;
    assert_eq!(options(&app, "keyspace"), ["inventory", "orders"]);
    app.fill(".token-environment select[name=keyspace]", "orders")
        .await;
    environment_block(&app, &block("orders")).await;
    let copy = app.find("[aria-label='Copy environment variables']");
    assert!(copy.is_some(), "the Copy button");

    app.click("Download .env").await;
    assert_eq!(downloads.text(0).await, block("orders"));
}

/// A database's own Generate Token fills in the variables for that database at once, with its
/// default keyspace.
#[wasm_bindgen_test]
async fn a_database_token_fills_in_the_environment_variables_of_its_database() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let orders = database_id(&state, "orders");
    let app = databases_page(&org, &state).await;
    button_in(&row_with(&app, "us-east-1").await, "Generate Token").click();
    let token = text(&app.wait_for("[data-field=token]").await);

    let picked: HtmlSelectElement = app
        .wait_for(".token-environment select[name=database]")
        .await
        .unchecked_into();
    assert_eq!(picked.value(), orders);
    let expected = format!(
        "export ASTRA_DB_ID={orders}\nexport ASTRA_DB_REGION=us-east-1\n\
         export ASTRA_DB_KEYSPACE=inventory\nexport ASTRA_DB_APPLICATION_TOKEN={token}\n"
    );
    environment_block(&app, &expected).await;
}

#[wasm_bindgen_test]
async fn the_backends_refusal_is_shown_and_nothing_is_revealed() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;
    // The field's maxlength stops typing, not a pasted value set by script.
    app.fill(".token-generator select", role_id("Read Only User"))
        .await;
    app.fill(".token-generator input[type=text]", &"x".repeat(201))
        .await;
    app.click("Generate Token").await;
    let alert = text(&app.wait_for(".token-generator [role=alert]").await);
    assert!(
        alert.contains("field 'description' has 201 characters"),
        "{alert}"
    );
    assert!(app.find(".token-reveal").is_none());
    assert_eq!(stored().await.tokens.len(), demo_state().tokens.len());
}

/// The buttons of the list's pager, as a person reads them, and whether each is disabled.
fn pager_buttons(app: &Mounted) -> Vec<(String, bool)> {
    let pager = app
        .find(".token-list .pager")
        .expect("the token list's pager");
    let buttons = pager.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| b.unchecked_into::<HtmlButtonElement>())
        .map(|b| (b.inner_text(), b.disabled()))
        .collect()
}

#[wasm_bindgen_test]
async fn sixty_more_tokens_take_two_pages_of_fifty() {
    let mut state = demo_state();
    let org = org_id(&state, "Acme Production");
    let template = token_described(&state, "orders-service").clone();
    for i in 0..60 {
        let client_id = format!("bulkTokenClientId{i:07}");
        let token = ApplicationToken {
            client_id: client_id.clone(),
            description: format!("bulk {i:02}"),
            ..template.clone()
        };
        state.tokens.insert(client_id, token);
    }
    let listed = state
        .tokens
        .values()
        .filter(|t| t.scope == Scope::Organization(org.clone()))
        .count();
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;
    row_with(&app, "bulk").await;
    assert_eq!(app.all(".token-list tbody tr").len(), 50);
    assert_eq!(
        pager_buttons(&app),
        [("Previous".to_owned(), true), ("Next".to_owned(), false)]
    );
    assert_eq!(
        app.text_of(".token-list .pager-position").unwrap(),
        "Page 1 of 2"
    );

    app.click("Next").await;
    app.text_becomes(".token-list .pager-position", "Page 2 of 2")
        .await;
    // The pager's words and the table's rows are redrawn one after the other.
    until("the second page's rows", || {
        (app.all(".token-list tbody tr").len() == listed - 50).then_some(())
    })
    .await;
    assert_eq!(
        pager_buttons(&app),
        [("Previous".to_owned(), false), ("Next".to_owned(), true)]
    );

    app.fill(".token-filter input", "bulk 5").await;
    app.text_becomes(".token-list .pager-position", "Page 1 of 1")
        .await;
    until("the filter's ten rows", || {
        (app.all(".token-list tbody tr").len() == 10).then_some(())
    })
    .await;
    assert_eq!(
        pager_buttons(&app),
        [("Previous".to_owned(), true), ("Next".to_owned(), true)]
    );
}

#[wasm_bindgen_test]
async fn a_role_beyond_what_the_actor_holds_is_refused_before_generating() {
    let app = production_tokens_as("ana.dba@acme.example").await;
    let button = || button_in(&app.find(".token-generator").unwrap(), "Generate Token");
    app.fill(
        ".token-generator select",
        role_id("Organization Administrator"),
    )
    .await;
    until(
        "Generate Token disabled for Organization Administrator",
        || button().disabled().then_some(()),
    )
    .await;
    let reason = app.text_of(".token-generator .refusal").unwrap();
    assert!(
        reason.contains(
            "ana.dba@acme.example can't generate a token with Organization Administrator"
        ) && reason.contains("does not hold"),
        "{reason}"
    );
    app.fill(".token-generator select", role_id("Database Administrator"))
        .await;
    until("Generate Token enabled for Database Administrator", || {
        (!button().disabled()).then_some(())
    })
    .await;
    assert_eq!(stored().await.tokens.len(), demo_state().tokens.len());
}

#[wasm_bindgen_test]
async fn a_token_holding_more_than_the_actor_cant_be_deleted_by_it() {
    let app = production_tokens_as("ana.dba@acme.example").await;
    let delete_in = |needle: &'static str| {
        let app = &app;
        async move { button_in(&row_with(app, needle).await, "Delete") }
    };
    until("Delete disabled on the administrator's token", || {
        app.all("tbody tr")
            .into_iter()
            .find(|r| text(r).contains("Organization Administrator token"))
            .map(|r| button_in(&r, "Delete"))
            .filter(|b| b.disabled())
    })
    .await;
    let row = row_with(&app, "Organization Administrator token").await;
    let reason = text(&row);
    assert!(
        reason.contains("can't revoke token") && reason.contains("does not hold"),
        "{reason}"
    );
    assert!(
        !delete_in("orders-service").await.disabled(),
        "within what ana holds"
    );
}

/// The Databases page shows each database's status as the DevOps API reports it at the page's
/// clock (the spec's StatusEnum), and a TERMINATED database has left it, as it leaves
/// `GET /v2/databases`.
#[wasm_bindgen_test]
async fn the_databases_page_shows_each_status_and_not_the_terminated() {
    let mut state = demo_state();
    let org = org_id(&state, "Acme Production");
    let now = crate::support::fixture_time();
    let hour = chrono::TimeDelta::hours(1);
    for db in state.databases.values_mut() {
        match db.name.as_str() {
            "orders" => {
                db.lifecycle = Lifecycle::Creating {
                    initializing: now + hour,
                    active: now + hour + hour,
                }
            }
            "catalog" => {
                db.lifecycle = Lifecycle::Terminating {
                    since: now - hour - hour,
                    done: now - hour,
                }
            }
            _ => {}
        }
    }
    let app = databases_page(&org, &state).await;
    let orders = row_with(&app, "us-east-1").await;
    let names: Vec<String> = app.all("tbody th").iter().map(text).collect();
    assert_eq!(names, ["orders"], "the terminated catalog has left");
    let badge = orders.query_selector(".database-status").unwrap().unwrap();
    assert_eq!(text(&badge), "PENDING");
}

/// Create Database and Terminate Database from the Databases page: the form offers each
/// provider's regions (the region follows the provider), the new database shows PENDING, then
/// ACTIVE as the page's clock moves on; Terminate asks for the name typed exactly, says so in the
/// page's words when it is not, and the database leaves the list once TERMINATED.
#[wasm_bindgen_test]
async fn a_database_is_created_and_terminated_from_the_databases_page() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = databases_page(&org, &state).await;
    app.click("Create Database").await;
    let field =
        |n: usize, control: &str| format!("dialog[open] form > label:nth-of-type({n}) {control}");
    app.fill(&field(1, "input"), "events-db").await;
    app.fill(&field(2, "select"), "AZURE").await;
    let regions: Vec<String> = app
        .all(&field(3, "option"))
        .iter()
        .map(|o| o.get_attribute("value").unwrap())
        .collect();
    assert_eq!(regions, ["eastus", "westeurope", "australiaeast"]);
    app.fill(&field(3, "select"), "westeurope").await;
    app.fill(&field(4, "input"), "events").await;
    app.click_in_dialog("Create Database").await;
    app.wait_for_text(|t| t.contains("Created database events-db"), "the creation")
        .await;
    let created = stored()
        .await
        .databases
        .into_values()
        .find(|db| db.name == "events-db")
        .expect("the new database is stored");
    assert_eq!(
        (created.cloud_provider.as_str(), created.region.as_str()),
        ("AZURE", "westeurope")
    );
    assert!(created.keyspaces.contains_key("events"));
    let badge = "tr[data-database='events-db'] .database-status";
    app.text_becomes(badge, "PENDING").await;
    // Two steps of 2 s by the page's clock.
    app.text_becomes(badge, "ACTIVE").await;

    app.click("Terminate Database events-db").await;
    app.fill("dialog[open] input[type=text]", "events").await;
    app.click_in_dialog("Terminate Database").await;
    app.wait_for("dialog[open] .field-error").await;
    assert!(app
        .text_of("dialog[open] .field-error")
        .unwrap()
        .contains("is not the database's name"));
    app.fill("dialog[open] input[type=text]", "events-db").await;
    app.click_in_dialog("Terminate Database").await;
    app.wait_for_text(
        |t| t.contains("Terminating database events-db"),
        "the termination",
    )
    .await;
    app.text_becomes(badge, "TERMINATING").await;
    until("events-db to leave the list once TERMINATED", || {
        app.find("tr[data-database='events-db']")
            .is_none()
            .then_some(())
    })
    .await;
}

/// Park and Unpark from the Databases page (Suspend DB): Park is offered while the database is
/// ACTIVE, Unpark once it is PARKED, and the badge follows each status as the page's clock moves
/// on; what was done is stored.
#[wasm_bindgen_test]
async fn a_database_is_parked_and_unparked_from_the_databases_page() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = databases_page(&org, &state).await;
    let badge = "tr[data-database='orders'] .database-status";
    app.text_becomes(badge, "ACTIVE").await;
    assert!(app
        .find("button[aria-label='Unpark Database orders']")
        .is_none());
    app.click("Park Database orders").await;
    app.wait_for_text(|t| t.contains("Parking database orders"), "the parking")
        .await;
    app.text_becomes(badge, "PARKING").await;
    app.text_becomes(badge, "PARKED").await;
    assert!(app
        .find("button[aria-label='Park Database orders']")
        .is_none());
    let parked = stored()
        .await
        .databases
        .into_values()
        .find(|db| db.name == "orders")
        .expect("orders is stored");
    assert!(matches!(parked.lifecycle, Lifecycle::Parking { .. }));
    app.click("Unpark Database orders").await;
    app.text_becomes(badge, "UNPARKING").await;
    app.text_becomes(badge, "ACTIVE").await;
}

/// Generate Token's "Expires": "Never" by default, the presets 7 days, 30 days, 90 days and
/// 1 year, and a date. A preset counts from the page's clock; a date means through that day
/// (UTC). The list shows each expiry and flags one within 7 days.
#[wasm_bindgen_test]
async fn generate_token_offers_never_and_expiry_presets() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;
    let select = expiry_select(&app).await;
    let options: Vec<String> = (0..select.length())
        .filter_map(|i| select.item(i))
        .map(|o| text(&o))
        .collect();
    assert_eq!(
        options,
        [
            "Never",
            "7 days",
            "30 days",
            "90 days",
            "1 year",
            "On a date"
        ]
    );
    assert_eq!(select.value(), "never");

    let reader = role_id("Read Only User");
    let (never, _, _) = generate(&app, reader, "never expires").await;
    assert_eq!(stored().await.tokens[&never].token_expiry, None);
    let row = row_with(&app, &never).await;
    assert_eq!(cell(&row, ".token-expiry"), "Never");

    let fixture = crate::support::fixture_time();
    let mut previous = never;
    for (choice, days, flagged) in [("7", 7, true), ("30", 30, false), ("365", 365, false)] {
        app.fill("#token-expiry", choice).await;
        let id = generate_next(&app, &format!("{choice} days"), &previous).await;
        previous = id.clone();
        let expiry = stored().await.tokens[&id].token_expiry.expect("an expiry");
        let from = fixture + chrono::TimeDelta::days(days);
        assert!(
            expiry >= from && expiry < from + chrono::TimeDelta::minutes(5),
            "{choice}: {expiry}"
        );
        let row = row_with(&app, &id).await;
        let shown = cell(&row, ".token-expiry");
        assert!(
            shown.contains(&expiry.format("%Y-%m-%d %H:%M").to_string()),
            "{shown}"
        );
        assert_eq!(shown.contains("Expires within 7 days"), flagged, "{shown}");
        // "Never" again after each token.
        assert_eq!(expiry_select(&app).await.value(), "never");
    }

    app.fill("#token-expiry", "date").await;
    app.fill(".token-generator input[type=date]", "2027-01-15")
        .await;
    let dated = generate_next(&app, "dated", &previous).await;
    assert_eq!(
        stored().await.tokens[&dated].token_expiry,
        Some("2027-01-16T00:00:00Z".parse().unwrap())
    );
}

/// Generate Token again, the role still chosen, with this description; the new token's
/// clientId, once it replaced the one shown before.
async fn generate_next(app: &Mounted, description: &str, previous: &str) -> String {
    app.fill(".token-generator input[type=text]", description)
        .await;
    app.click("Generate Token").await;
    until("the next token shown", || {
        app.text_of("[data-field=client-id]")
            .filter(|id| id != previous)
    })
    .await
}

async fn expiry_select(app: &Mounted) -> HtmlSelectElement {
    app.wait_for("#token-expiry").await.unchecked_into()
}

fn cell(row: &Element, selector: &str) -> String {
    text(&row.query_selector(selector).unwrap().expect(selector))
        .trim()
        .to_owned()
}

/// The list's Expires and Last used: "Never", or the minute; an expiry within 7 days and one
/// past are flagged.
#[wasm_bindgen_test]
async fn the_list_shows_each_tokens_expiry_and_last_use() {
    let mut state = demo_state();
    let org = org_id(&state, "Acme Production");
    let now = crate::support::fixture_time();
    let used = token_described(&state, "orders-service").client_id.clone();
    let token = state.tokens.get_mut(&used).unwrap();
    token.last_used = Some("2026-11-21T08:15:00Z".parse().unwrap());
    token.token_expiry = Some(now + chrono::TimeDelta::days(3));
    let template = token.clone();
    let expired = ApplicationToken {
        client_id: "expiredTokenClientIdAbcd".into(),
        description: "expired".into(),
        token_expiry: Some(now - chrono::TimeDelta::hours(1)),
        last_used: None,
        ..template
    };
    state.tokens.insert(expired.client_id.clone(), expired);
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;

    let header = app.text_of(".token-list thead").unwrap();
    assert!(
        header.contains("Expires") && header.contains("Last used"),
        "{header}"
    );
    let row = row_with(&app, "orders-service").await;
    assert_eq!(cell(&row, ".token-last-used"), "2026-11-21 08:15 UTC");
    assert_eq!(
        cell(&row, ".token-expiry"),
        "2026-11-25 10:00 UTC Expires within 7 days"
    );
    let row = row_with(&app, "expiredTokenClientIdAbcd").await;
    assert_eq!(cell(&row, ".token-last-used"), "Never");
    assert_eq!(cell(&row, ".token-expiry"), "2026-11-22 09:00 UTC Expired");
}
