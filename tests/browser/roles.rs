//! The Roles pages of an organization and of the enterprise, driven as a person would: the locked
//! default roles and their permissions, adding a custom role scoped to one keyspace and widening
//! it to all databases, a database's own role edited whole or narrowed to one keyspace, the
//! backend's refusals shown in the dialog, a role whose scope only the DevOps API can edit,
//! deleting a role held by a user, an enterprise role scoped to one organization, and the
//! evaluator's refusal for a user without the role permissions.

use crate::support::{database_id, demo_state, org_id, token_described, until, user_id, Mounted};
use gloo_timers::future::TimeoutFuture;
use portal::store::indexed_db::IdbStore;
use portal_core::model::{Scope, State, StoredRole};
use portal_core::rbac::{
    DatabaseKeyspaces, Drn, EnterpriseScope, Keyspaces, Permission, Policy, ResourceScope, Role,
};
use portal_core::store::Backend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

const DB: &str = "portal-test-roles";

/// The state as IndexedDB holds it now, read through a connection of the test's own.
async fn stored() -> State {
    let store = IdbStore::open(DB).await.unwrap();
    let backend = Backend::open_existing(store)
        .await
        .unwrap()
        .expect("a stored state");
    let state = backend.state().clone();
    backend.into_storage().close();
    state
}

fn stored_role(state: &State, scope: &Scope, name: &str) -> Option<Role> {
    state.roles_in(scope).into_iter().find(|r| r.name == name)
}

/// A page of roles over a freshly seeded demo state.
async fn roles_page(path: &str, state: &State) -> Mounted {
    let app = Mounted::seeded(path, DB, state).await;
    app.wait_for("table.roles").await;
    app
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The table row of the role called `name`.
fn row(app: &Mounted, name: &str) -> Option<Element> {
    app.all("table.roles tbody tr").into_iter().find(|tr| {
        tr.query_selector("th")
            .unwrap()
            .is_some_and(|th| text(&th).trim().trim_end_matches("Default").trim() == name)
    })
}

/// The button named `name` inside `within`.
fn button(within: &Element, name: &str) -> HtmlButtonElement {
    let list = within.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<HtmlButtonElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button {name}"))
}

async fn open_dialog(app: &Mounted) -> Element {
    app.wait_for("dialog[open] .actions").await;
    app.find("dialog[open]").unwrap()
}

/// Opens a custom role's More menu and chooses `action` ("Edit Role", "Delete Role").
async fn more(app: &Mounted, role: &str, action: &str) {
    app.click(&format!("More actions for {role}")).await;
    let row = row(app, role).unwrap();
    button(&row, action).click();
    TimeoutFuture::new(0).await;
}

/// Sets a checkbox of the open dialog.
async fn tick(app: &Mounted, selector: &str, on: bool) {
    app.tick(&format!("dialog[open] {selector}"), on).await;
}

async fn dialog_closes(app: &Mounted) {
    until("the dialog to close", || {
        app.find("dialog[open]").is_none().then_some(())
    })
    .await;
}

fn cell(app: &Mounted, role: &str, column: usize) -> String {
    let row = row(app, role).unwrap_or_else(|| panic!("no role {role}"));
    text(
        &row.query_selector_all("td")
            .unwrap()
            .item(column as u32)
            .unwrap()
            .unchecked_into(),
    )
}

#[wasm_bindgen_test]
async fn default_roles_are_listed_locked_and_show_their_permissions() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;

    let defaults = app.all("section[aria-labelledby='default-roles'] tbody tr");
    assert_eq!(defaults.len(), 16);
    for tr in &defaults {
        assert!(text(tr).contains("Default"), "{}", text(tr));
        assert!(
            tr.query_selector("details.more").unwrap().is_none(),
            "a default role has no More"
        );
    }

    let admin = row(&app, "Organization Administrator").unwrap();
    let details: HtmlElement = admin
        .query_selector("details")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!details.has_attribute("open"));
    let summary: HtmlElement = details
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(
        text(&summary).starts_with("Permissions ("),
        "{}",
        text(&summary)
    );
    summary.click();
    TimeoutFuture::new(0).await;
    assert!(details.has_attribute("open"));
    let listed = text(&details);
    for expected in [
        "Organization permissions",
        "Write Custom Role",
        "org-role-write",
        "Keyspace permissions",
        "Table permissions",
        "API access permissions",
        "legacy",
    ] {
        assert!(listed.contains(expected), "{expected} in {listed}");
    }

    // The custom roles, with their scopes by name.
    assert_eq!(cell(&app, "Orders Keyspace Editor", 1), "orders: orders");
    assert!(cell(&app, "Orders Keyspace Editor", 0).starts_with("Permissions (6)"));
    assert!(cell(&app, "Orders Keyspace Editor", 2).contains("by dana.admin@acme.example"));
    assert_eq!(
        cell(&app, "orders Database Administrator", 1),
        "orders: all keyspaces, present and future"
    );
}

#[wasm_bindgen_test]
async fn a_custom_role_is_created_for_one_keyspace_then_widened_to_all_databases() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let orders = database_id(&state, "orders");
    let scope = Scope::Organization(org.clone());
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;

    app.click("Add Custom Role").await;
    app.fill("dialog[open] input[name='role-name']", "Inventory Readers")
        .await;
    for permission in ["org-db-view", "db-table-select", "db-keyspace-describe"] {
        tick(
            &app,
            &format!("input[name='permissions'][value='{permission}']"),
            true,
        )
        .await;
    }
    assert!(text(&open_dialog(&app).await).contains("Select permissions to grant to the role."));
    // A database starts with all its existing keyspaces; keep only inventory.
    tick(
        &app,
        &format!("input[name='databases'][value='{orders}']"),
        true,
    )
    .await;
    tick(&app, &format!("input[name='all-keyspaces-{orders}']"), true).await;
    tick(
        &app,
        &format!("input[name='keyspaces-{orders}'][value='orders']"),
        false,
    )
    .await;
    tick(
        &app,
        &format!("input[name='keyspaces-{orders}'][value='inventory']"),
        true,
    )
    .await;
    app.click_in_dialog("Create Role").await;
    dialog_closes(&app).await;
    app.wait_for_text(
        |t| t.contains("Created role Inventory Readers."),
        "the confirmation",
    )
    .await;
    assert_eq!(cell(&app, "Inventory Readers", 1), "orders: inventory");

    let role = stored_role(&stored().await, &scope, "Inventory Readers").expect("stored");
    let expected = ResourceScope::Specific(vec![DatabaseKeyspaces {
        database: orders.clone(),
        keyspaces: Keyspaces::Listed(vec!["inventory".into()]),
    }])
    .to_drns(&org);
    assert_eq!(role.policy.resources, expected);
    assert_eq!(
        role.policy
            .actions
            .iter()
            .map(|p| p.api())
            .collect::<Vec<_>>(),
        ["org-db-view", "db-keyspace-describe", "db-table-select"]
    );

    more(&app, "Inventory Readers", "Edit Role").await;
    let name: HtmlInputElement = app
        .wait_for("dialog[open] input[name='role-name']")
        .await
        .unchecked_into();
    assert_eq!(name.value(), "Inventory Readers");
    tick(
        &app,
        "input[name='permissions'][value='db-table-select']",
        true,
    )
    .await;
    tick(&app, "input[name='all']", true).await;
    app.click_in_dialog("Edit Role").await;
    dialog_closes(&app).await;
    app.wait_for_text(
        |t| t.contains("Saved role Inventory Readers."),
        "the confirmation",
    )
    .await;
    assert_eq!(cell(&app, "Inventory Readers", 1), "All databases");
    let role = stored_role(&stored().await, &scope, "Inventory Readers").unwrap();
    assert_eq!(
        role.policy.resources,
        ResourceScope::AllDatabases.to_drns(&org)
    );
}

/// seed 001, "Create custom role", step 6: "If you want users with this role to be able to see
/// the Astra DB user interface, make sure you select Read User and View DB permissions." The hint
/// shows while either is missing, names it, and goes once both are chosen.
#[wasm_bindgen_test]
async fn a_custom_role_without_read_user_and_view_db_is_told_it_cant_see_the_ui() {
    const SEED: &str = "If you want users with this role to be able to see the Astra DB user \
                        interface, make sure you select Read User and View DB permissions.";
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;
    app.click("Add Custom Role").await;
    open_dialog(&app).await;
    let hint = "dialog[open] .role-ui-hint";
    app.text_becomes(hint, &format!("{SEED} Not selected: Read User, View DB."))
        .await;
    let permission = |api: &str| format!("input[name='permissions'][value='{api}']");
    tick(&app, &permission("db-table-select"), true).await;
    tick(&app, &permission("org-db-view"), true).await;
    app.text_becomes(hint, &format!("{SEED} Not selected: Read User."))
        .await;
    tick(&app, &permission("org-user-read"), true).await;
    app.text_becomes(hint, "").await;
    tick(&app, &permission("org-db-view"), false).await;
    app.text_becomes(hint, &format!("{SEED} Not selected: View DB."))
        .await;
}

#[wasm_bindgen_test]
async fn the_backend_refusals_show_in_the_dialog() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;

    app.click("Add Custom Role").await;
    app.fill("dialog[open] input[name='role-name']", "No Permissions")
        .await;
    app.click_in_dialog("Create Role").await;
    app.wait_for("dialog[open] .notice.error").await;
    let shown = app.text_of("dialog[open] .notice.error").unwrap();
    assert!(shown.contains("no actions"), "{shown}");

    app.fill(
        "dialog[open] input[name='role-name']",
        "orders keyspace editor",
    )
    .await;
    tick(&app, "input[name='permissions'][value='org-db-view']", true).await;
    app.click_in_dialog("Create Role").await;
    until("the name is refused", || {
        app.text_of("dialog[open] .notice.error")
            .is_some_and(|t| t.contains("already has a custom role named 'Orders Keyspace Editor'"))
            .then_some(())
    })
    .await;
    assert!(app.find("dialog[open]").is_some(), "the dialog stays open");
}

/// seed 004, "View roles": a database's token "automatically creates a custom role [...] scoped to
/// that database", and "you can edit them like any other custom role". Its scope, all of the
/// database's keyspaces present and future, is one the form offers.
#[wasm_bindgen_test]
async fn a_databases_own_role_is_edited_whole_or_narrowed_to_one_keyspace() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let orders = database_id(&state, "orders");
    let scope = Scope::Organization(org.clone());
    let name = "orders Database Administrator";
    let made = stored_role(&state, &scope, name).unwrap();
    assert_eq!(
        made.policy.resources,
        ResourceScope::whole_database(&orders).to_drns(&org)
    );
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;

    more(&app, name, "Edit Role").await;
    let dialog = open_dialog(&app).await;
    assert!(!text(&dialog).contains("set with the DevOps API"));
    let role_name: HtmlInputElement = app
        .find("dialog[open] input[name='role-name']")
        .unwrap()
        .unchecked_into();
    assert!(!role_name.disabled());
    let whole: HtmlInputElement = app
        .find(&format!("dialog[open] input[name='whole-{orders}']"))
        .expect("the whole-database choice")
        .unchecked_into();
    assert!(whole.checked());
    assert!(text(&whole.parent_element().unwrap()).contains("All keyspaces, present and future"));
    assert!(app
        .find(&format!("dialog[open] input[name='keyspaces-{orders}']"))
        .is_none());
    app.click_in_dialog("Edit Role").await;
    dialog_closes(&app).await;
    app.wait_for_text(
        |t| t.contains(&format!("Saved role {name}.")),
        "the confirmation",
    )
    .await;
    let kept = stored_role(&stored().await, &scope, name).unwrap();
    assert_eq!(kept.policy.resources, made.policy.resources);
    assert_eq!(kept.policy.actions, made.policy.actions);

    more(&app, name, "Edit Role").await;
    tick(&app, &format!("input[name='whole-{orders}']"), false).await;
    tick(
        &app,
        &format!("input[name='all-keyspaces-{orders}']"),
        false,
    )
    .await;
    tick(
        &app,
        &format!("input[name='keyspaces-{orders}'][value='inventory']"),
        true,
    )
    .await;
    app.click_in_dialog("Edit Role").await;
    dialog_closes(&app).await;
    until("the narrowed scope is listed", || {
        (row(&app, name).is_some() && cell(&app, name, 1) == "orders: inventory").then_some(())
    })
    .await;
    let narrowed = stored_role(&stored().await, &scope, name).unwrap();
    assert_eq!(
        narrowed.policy.resources,
        [
            Drn::organization(&org),
            Drn::database(&org, &orders),
            Drn::keyspace(&org, &orders, "inventory"),
            Drn::table(&org, &orders, "inventory", "*"),
        ]
    );
}

/// The demo state with a role that the DevOps API scoped to one table: a DRN list neither of the
/// form's choices makes.
fn state_with_a_table_scope(org: &str, orders: &str) -> State {
    let mut state = demo_state();
    let policy = Policy {
        description: "Stock Reader".into(),
        actions: [Permission::parse("db-table-select").unwrap()]
            .into_iter()
            .collect(),
        resources: vec![
            Drn::organization(org),
            Drn::database(org, orders),
            Drn::table(org, orders, "inventory", "stock"),
        ],
    };
    let role = Role::new(
        "5e1f0c2a-0000-4000-8000-000000000001",
        "Stock Reader",
        policy,
    )
    .unwrap();
    let stored = StoredRole {
        role,
        scope: Scope::Organization(org.to_owned()),
        last_update_datetime: "2026-11-22T10:00:00Z".parse().unwrap(),
        last_update_userid: user_id(&state, "dana.admin@acme.example"),
    };
    state.roles.insert(stored.role.id.clone(), stored);
    state
}

#[wasm_bindgen_test]
async fn a_scope_set_with_the_devops_api_opens_read_only() {
    let org = org_id(&demo_state(), "Acme Production");
    let orders = database_id(&demo_state(), "orders");
    let state = state_with_a_table_scope(&org, &orders);
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;
    assert_eq!(
        cell(&app, "Stock Reader", 1),
        "Set with the DevOps API: orders, orders.inventory.stock"
    );

    more(&app, "Stock Reader", "Edit Role").await;
    let dialog = open_dialog(&app).await;
    assert!(text(&dialog).contains("This role's scope was set with the DevOps API; edit it there."));
    let name: HtmlInputElement = app
        .find("dialog[open] input[name='role-name']")
        .unwrap()
        .unchecked_into();
    assert!(name.disabled());
    assert!(app
        .all("dialog[open] input[name='permissions']:not(:disabled)")
        .is_empty());
    assert!(app.find("dialog[open] input[name='all']").is_none());
    button(&dialog, "Close").click();
    dialog_closes(&app).await;
}

#[wasm_bindgen_test]
async fn deleting_a_role_names_its_holders_then_removes_it_from_them() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let scope = Scope::Organization(org.clone());
    let tom = user_id(&state, "tom.orders@acme.example");
    let role_id = stored_role(&state, &scope, "Orders Keyspace Editor")
        .unwrap()
        .id;
    assert!(state.users[&tom].organizations[&org]
        .roles
        .contains(&role_id));
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;

    more(&app, "Orders Keyspace Editor", "Delete Role").await;
    let dialog = open_dialog(&app).await;
    let shown = text(&dialog);
    assert!(
        shown.contains("Users who will lose the role (1)"),
        "{shown}"
    );
    assert!(shown.contains("tom.orders@acme.example"), "{shown}");
    assert!(!shown.contains("Application tokens"), "{shown}");
    app.click_in_dialog("Delete Role").await;
    dialog_closes(&app).await;
    app.wait_for_text(
        |t| t.contains("Deleted role Orders Keyspace Editor."),
        "the confirmation",
    )
    .await;
    assert!(row(&app, "Orders Keyspace Editor").is_none());

    let now = stored().await;
    assert!(!now.roles.contains_key(&role_id));
    assert!(!now.users[&tom].organizations[&org].roles.contains(&role_id));
}

#[wasm_bindgen_test]
async fn deleting_a_role_held_by_a_token_names_the_token() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;
    let token = token_described(&state, "orders-service");

    more(&app, "orders Database Administrator", "Delete Role").await;
    let shown = text(&open_dialog(&app).await);
    assert!(
        shown.contains("Application tokens that will lose the role (1)"),
        "{shown}"
    );
    assert!(
        shown.contains(&token.client_id) && shown.contains("orders-service"),
        "{shown}"
    );
    app.click_in_dialog("Cancel").await;
    dialog_closes(&app).await;
    assert!(row(&app, "orders Database Administrator").is_some());
}

#[wasm_bindgen_test]
async fn an_enterprise_role_is_scoped_to_one_organization() {
    let state = demo_state();
    let staging = org_id(&state, "Acme Staging");
    let app = roles_page("/settings/enterprise/roles", &state).await;

    assert_eq!(
        app.all("section[aria-labelledby='default-roles'] tbody tr")
            .len(),
        3
    );
    assert_eq!(cell(&app, "Production User Auditor", 1), "Acme Production");

    app.click("Add Custom Role").await;
    let offered: Vec<String> = app
        .all("dialog[open] input[name='permissions']")
        .iter()
        .map(|i| i.get_attribute("value").unwrap_or_default())
        .collect();
    assert_eq!(offered.len(), 10, "{offered:?}");
    assert!(offered.contains(&"org-user-read".to_owned()));
    assert!(!offered.contains(&"org-db-view".to_owned()));
    app.fill(
        "dialog[open] input[name='role-name']",
        "Staging User Auditor",
    )
    .await;
    tick(
        &app,
        "input[name='permissions'][value='org-user-read']",
        true,
    )
    .await;
    tick(
        &app,
        &format!("input[name='organizations'][value='{staging}']"),
        true,
    )
    .await;
    app.click_in_dialog("Create Custom Role").await;
    dialog_closes(&app).await;
    app.wait_for_text(
        |t| t.contains("Created role Staging User Auditor."),
        "the confirmation",
    )
    .await;
    assert_eq!(cell(&app, "Staging User Auditor", 1), "Acme Staging");

    let role = stored_role(&stored().await, &Scope::Enterprise, "Staging User Auditor").unwrap();
    assert_eq!(
        role.policy.resources,
        EnterpriseScope::Organizations(vec![staging]).to_drns(&state.enterprise.id)
    );
}

#[wasm_bindgen_test]
async fn a_user_without_the_role_permissions_sees_why() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let raj = user_id(&state, "raj.dev@acme.example");
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;

    app.act_as_id(&raj).await;
    until("the list to be withheld", || {
        app.find("table.roles").is_none().then_some(())
    })
    .await;
    let add = button(&app.container, "Add Custom Role");
    assert!(add.disabled());
    let reason = app.text_of(".guarded .refusal").unwrap();
    assert!(reason.contains("org-role-write"), "{reason}");
    let withheld = app.text_of("main p.notice").unwrap();
    assert!(withheld.contains("org-role-read"), "{withheld}");
}

/// Seed 004, "Edit a custom role": "consider the effects that your changes can have on existing
/// tokens and users assigned to that role". Before Save, the dialog shows who would lose what,
/// as the core's dry run of that very request says; nothing changes until Save.
#[wasm_bindgen_test]
async fn editing_a_role_shows_who_loses_what_before_it_is_saved() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = roles_page(&format!("/settings/organizations/{org}/roles"), &state).await;
    more(&app, "Orders Keyspace Editor", "Edit Role").await;
    let dialog = open_dialog(&app).await;
    until("the impact to say nobody changes yet", || {
        text(&dialog)
            .contains("No user or application token gains or loses a permission.")
            .then_some(())
    })
    .await;

    tick(
        &app,
        "input[name='permissions'][value='db-table-modify']",
        false,
    )
    .await;
    until("tom to be shown losing Modify Table", || {
        let losing = app.find("dialog[open] .impact-principal")?;
        let shown = text(&losing);
        (shown.contains("tom.orders@acme.example") && shown.contains("db-table-modify"))
            .then_some(shown)
    })
    .await;
    assert!(text(&dialog).contains("seed 004"));
    let scope = Scope::Organization(org.clone());
    let role = stored_role(&stored().await, &scope, "Orders Keyspace Editor").unwrap();
    assert!(
        role.policy
            .actions
            .iter()
            .any(|p| p.api() == "db-table-modify"),
        "nothing is saved before Save"
    );
    app.click_in_dialog("Cancel").await;
    dialog_closes(&app).await;
}
