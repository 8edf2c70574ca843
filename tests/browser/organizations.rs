//! The organizations pages, driven as a person would: the header's Organizations dropdown (switch,
//! Add Organization), the enterprise's General page (ID, Edit name, the portal's data: export,
//! import, reset, start empty), its Overview (Create Organization, More > Delete, the usage and
//! credits summary, all within the viewer's scope), and an organization's General page (Edit,
//! Delete, not found).

use crate::support::{
    choose_file, demo_state, dialog_closes, location_path, org_id, until, Mounted,
};
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

const DB: &str = "portal-test-organizations";

fn org_general(org: &str) -> String {
    format!("/settings/organizations/{org}/general")
}

async fn wait_for_location(expected: &str) {
    until(&format!("the address {expected}"), || {
        (location_path() == expected).then_some(())
    })
    .await;
}

fn switcher_entries(app: &Mounted) -> Vec<String> {
    app.all(".org-switcher .menu li a")
        .iter()
        .map(|a| a.text_content().unwrap_or_default())
        .collect()
}

/// The Overview's organization names, in table order.
fn overview_names(app: &Mounted) -> Vec<String> {
    app.all("table.organizations tbody th a")
        .iter()
        .map(|a| a.text_content().unwrap_or_default())
        .collect()
}

fn button(app: &Mounted, selector: &str) -> HtmlButtonElement {
    app.find(selector)
        .unwrap_or_else(|| panic!("no button {selector}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_switcher_lists_where_the_user_belongs_and_navigates() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/overview", DB, &state).await;
    app.text_becomes(".current-scope", "Acme Corporation").await;
    app.find(".org-switcher summary")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    let entries = switcher_entries(&app);
    assert_eq!(
        entries,
        [
            "Acme Corporation",
            "Acme Analytics",
            "Acme Production",
            "Acme Staging",
            "Dana's Organization"
        ],
        "the enterprise, then the acting administrator's organizations by name"
    );
    app.click("Acme Staging").await;
    let staging = org_id(&state, "Acme Staging");
    wait_for_location(&org_general(&staging)).await;
    app.text_becomes(".current-scope", "Acme Staging").await;
    app.text_becomes(".org-name", "Acme Staging").await;
    assert!(
        !app.find(".org-switcher")
            .unwrap()
            .unchecked_into::<web_sys::HtmlDetailsElement>()
            .open(),
        "the menu closes once a choice navigates"
    );

    // A user in one organization, with an invitation pending elsewhere, sees just those.
    app.act_as(&state, "raj.dev@acme.example").await;
    assert_eq!(
        switcher_entries(&app),
        ["Acme Corporation", "Acme Production", "Acme Staging"]
    );
    app.act_as(&state, "eve.new@acme.example").await;
    assert_eq!(
        switcher_entries(&app),
        ["Acme Corporation", "Acme Production"]
    );
    assert!(app
        .text_of(".org-switcher .menu")
        .unwrap()
        .contains("pending"));

    app.click("Manage Organizations").await;
    wait_for_location("/organizations").await;
}

/// Manage Organizations lists every organization the acting user belongs to, standalone and in
/// the enterprise (seed 000: "Organizations are either standalone or part of an enterprise"),
/// their default (personal) one flagged; the switcher opens the current organization's settings.
#[wasm_bindgen_test]
async fn manage_organizations_lists_standalone_and_enterprise_ones() {
    let state = demo_state();
    let app = Mounted::seeded("/organizations", DB, &state).await;
    app.wait_for(".organization-list").await;
    let rows: Vec<String> = app
        .all(".organization-list tbody tr")
        .iter()
        .map(|tr| tr.text_content().unwrap_or_default())
        .collect();
    let personal = rows
        .iter()
        .find(|r| r.contains("Dana's Organization"))
        .expect("the personal organization is listed");
    assert!(
        personal.contains("Standalone") && personal.contains("Yes (personal)"),
        "{personal}"
    );
    let production = rows
        .iter()
        .find(|r| r.contains("Acme Production"))
        .expect("an enterprise organization is listed");
    assert!(
        production.contains("Enterprise") && production.contains("Active"),
        "{production}"
    );

    app.act_as(&state, "eve.new@acme.example").await;
    app.wait_for_text(
        |t| t.contains("Invited (pending)"),
        "Eve's pending invitation",
    )
    .await;

    let org = org_id(&state, "Acme Production");
    app.click("Acme Production").await;
    wait_for_location(&format!("/settings/organizations/{org}/general")).await;
    app.find(&format!("a[href='/settings/organizations/{org}/users']"))
        .expect("the organization's Users link")
        .unchecked_into::<HtmlElement>()
        .click();
    wait_for_location(&format!("/settings/organizations/{org}/users")).await;
    app.click("Acme Production: switch organization or enterprise")
        .await;
    app.click("Organization Settings").await;
    wait_for_location(&format!("/settings/organizations/{org}/general")).await;
}

#[wasm_bindgen_test]
async fn add_organization_creates_a_standalone_one_and_lands_on_it() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/overview", DB, &state).await;
    app.click("Add Organization").await;
    app.wait_for("dialog[open] input[type=text]").await;
    assert_eq!(
        app.find("dialog[open] input[type=email]")
            .unwrap()
            .unchecked_into::<HtmlInputElement>()
            .value(),
        "dana.admin@acme.example",
        "the acting user's address to start with"
    );
    app.fill("dialog[open] input[type=text]", "Dana's Lab")
        .await;
    app.fill("dialog[open] input[type=email]", "lab@acme.example")
        .await;
    app.click_in_dialog("Add").await;
    app.text_becomes(".org-name", "Dana's Lab").await;
    assert!(location_path().ends_with("/general"));
    assert_eq!(app.text_of(".current-scope").unwrap(), "Dana's Lab");
    assert_eq!(app.text_of(".org-email").unwrap(), "lab@acme.example");
    assert!(app.text_of("main dl").unwrap().contains("Standalone"));
    assert!(
        switcher_entries(&app).contains(&"Dana's Lab".to_owned()),
        "its creator is its Organization Administrator, so it is in the switcher"
    );

    // The backend's refusal is shown in the dialog, which stays open.
    dialog_closes(&app).await;
    app.click("Add Organization").await;
    app.fill("dialog[open] input[type=text]", "Another").await;
    app.fill("dialog[open] input[type=email]", "not an address")
        .await;
    app.click_in_dialog("Add").await;
    app.wait_for("dialog[open] .notice.error").await;
    assert!(app
        .text_of("dialog[open] .notice.error")
        .unwrap()
        .contains("is not an email address"));
    app.click_in_dialog("Cancel").await;
    dialog_closes(&app).await;

    // Its Organization Administrator may delete it from its own General page.
    app.click("Delete Organization").await;
    app.fill("dialog[open] input[type=text]", "Dana's Lab")
        .await;
    app.click_in_dialog("Delete Organization").await;
    wait_for_location("/settings/enterprise/overview").await;
    app.wait_for("table.organizations tbody tr").await;
    assert!(!switcher_entries(&app).contains(&"Dana's Lab".to_owned()));
}

#[wasm_bindgen_test]
async fn the_enterprise_general_page_shows_the_id_and_renames_for_administrators_only() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/general", DB, &state).await;
    app.text_becomes(".enterprise-id", &state.enterprise.id)
        .await;
    app.click("Copy enterprise ID").await;
    app.wait_for_text(|t| t.contains("Copied"), "Copied").await;

    app.click("Edit").await;
    app.fill("dialog[open] input[type=text]", "Acme Holdings")
        .await;
    app.click_in_dialog("Save").await;
    app.text_becomes(".enterprise-name", "Acme Holdings").await;
    app.text_becomes(".current-scope", "Acme Holdings").await;
    assert!(app.find("dialog[open]").is_none(), "the dialog closes");

    app.act_as(&state, "lee.billing@acme.example").await;
    let edit = button(&app, "main .actions button");
    assert_eq!(edit.text_content().unwrap(), "Edit");
    assert!(
        edit.disabled(),
        "lee has Enterprise Billing Administrator only"
    );
    assert!(app
        .text_of("main .refusal")
        .unwrap()
        .contains("needs the Enterprise Administrator role"));
}

#[wasm_bindgen_test]
async fn create_organization_then_delete_it_with_its_name() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/overview", DB, &state).await;
    app.wait_for("table.organizations tbody tr").await;
    assert_eq!(
        overview_names(&app),
        ["Acme Analytics", "Acme Production", "Acme Staging"]
    );

    app.click("Create Organization").await;
    app.fill("dialog[open] input[type=text]", "Acme Sandbox")
        .await;
    app.fill("dialog[open] textarea", "Experiments").await;
    app.click_in_dialog("Create Organization").await;
    app.wait_for_text(
        |t| t.contains("Created organization Acme Sandbox"),
        "the confirmation",
    )
    .await;
    assert_eq!(
        overview_names(&app),
        [
            "Acme Analytics",
            "Acme Production",
            "Acme Sandbox",
            "Acme Staging"
        ]
    );
    let row = app
        .all("table.organizations tbody tr")
        .into_iter()
        .find(|tr| tr.text_content().unwrap().contains("Acme Sandbox"))
        .unwrap();
    let sandbox = row.get_attribute("data-org-id").unwrap();
    assert!(
        row.text_content()
            .unwrap()
            .contains("dana.admin@acme.example"),
        "the email defaults to the creator's"
    );

    app.click("More actions for Acme Sandbox").await;
    app.find(&format!("tr[data-org-id='{sandbox}'] details button"))
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    app.fill("dialog[open] input[type=text]", "Acme Sandbx")
        .await;
    app.click_in_dialog("Delete Organization").await;
    // The page says it in its own words, on the field, and sends nothing.
    app.wait_for("dialog[open] .field-error").await;
    assert_eq!(
        app.text_of("dialog[open] .field-error").unwrap(),
        "What you typed is not the organization's name: type it exactly as it is spelled above."
    );
    let field = app.find("dialog[open] input[type=text]").unwrap();
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(app.find("dialog[open] .notice.error[role=alert]").is_none());
    assert!(overview_names(&app).contains(&"Acme Sandbox".to_owned()));

    app.fill("dialog[open] input[type=text]", "Acme Sandbox")
        .await;
    app.click_in_dialog("Delete Organization").await;
    app.wait_for_text(
        |t| t.contains("Deleted organization Acme Sandbox."),
        "the deletion",
    )
    .await;
    assert_eq!(
        overview_names(&app),
        ["Acme Analytics", "Acme Production", "Acme Staging"]
    );

    // An organization with databases: the backend refuses and says why.
    dialog_closes(&app).await;
    app.click("More actions for Acme Staging").await;
    let staging = org_id(&state, "Acme Staging");
    app.find(&format!("tr[data-org-id='{staging}'] details button"))
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    app.fill("dialog[open] input[type=text]", "Acme Staging")
        .await;
    app.click_in_dialog("Delete Organization").await;
    app.wait_for("dialog[open] .notice.error").await;
    assert!(app
        .text_of("dialog[open] .notice.error")
        .unwrap()
        .contains("still has databases"));
    app.click_in_dialog("Cancel").await;

    // sam may create organizations (Enterprise Organization Administrator) but not delete Acme
    // Staging from here: he is its Organization Administrator, not an Enterprise Administrator.
    app.act_as(&state, "sam.platform@acme.example").await;
    assert!(!button(&app, "main section .actions button").disabled());
    let delete = button(&app, &format!("tr[data-org-id='{staging}'] details button"));
    assert!(delete.disabled());
    let why = app
        .text_of(&format!("tr[data-org-id='{staging}'] .refusal"))
        .unwrap();
    assert!(why.contains("the Enterprise Administrator role"), "{why}");
    assert!(
        !why.contains("Organization Administrator membership"),
        "{why}"
    );
    let production = org_id(&state, "Acme Production");
    let why = app
        .text_of(&format!("tr[data-org-id='{production}'] .refusal"))
        .unwrap();
    assert!(
        why.contains("an active Organization Administrator membership in Acme Production"),
        "{why}"
    );

    // lee may not create one: the evaluator's reason names the permission.
    app.act_as(&state, "lee.billing@acme.example").await;
    let create = button(&app, "main section .actions button");
    assert!(create.disabled());
    assert!(app
        .text_of("main section .actions .refusal")
        .unwrap()
        .contains("ent-org-manage"));
}

#[wasm_bindgen_test]
async fn the_overview_sums_this_months_usage_and_credits() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/overview", DB, &state).await;
    app.wait_for(".usage-summary").await;
    let summary = app.text_of(".usage-summary").unwrap();
    assert!(summary.contains("Total"), "{summary}");
    assert_eq!(app.text_of(".credits-total").unwrap(), "USD 5,000.00");
    let exact = |selector: &str| -> Decimal {
        let money = app.find(&format!("{selector} .money")).unwrap();
        let title = money.get_attribute("title").unwrap();
        title.trim_start_matches("USD ").parse().unwrap()
    };
    let consumed = exact(".credits-consumed");
    let remaining = exact(".credits-remaining");
    assert_eq!(consumed + remaining, Decimal::from(5000));
    for name in [
        "Acme Production",
        "Acme Staging",
        "Acme Analytics",
        "Projected for the month",
    ] {
        assert!(summary.contains(name), "{name} in {summary}");
    }
    assert!(consumed > Decimal::ZERO, "{consumed}");
    assert_ne!(app.text_of(".usage-total").unwrap(), "USD 0.00");
}

/// Seed 000, "Manage enterprise roles": "For enterprise roles, the resource scope determines the
/// organizations that the role can view at the enterprise level." Mia's enterprise role names
/// Acme Production only and carries no ent-billing-read: her Overview lists that organization and
/// shows why the usage and credits are hidden.
#[wasm_bindgen_test]
async fn the_overview_lists_the_organizations_the_viewers_scope_names() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/overview", DB, &state).await;
    app.wait_for("table.organizations tbody tr").await;
    assert_eq!(app.all("table.organizations tbody tr").len(), 3);
    app.act_as(&state, "mia.audit@acme.example").await;
    until("the Overview to list Mia's one organization", || {
        (app.all("table.organizations tbody tr").len() == 1).then_some(())
    })
    .await;
    let listed = app.text_of("table.organizations tbody").unwrap();
    assert!(listed.contains("Acme Production"), "{listed}");
    app.wait_for_text(
        |t| {
            t.contains("The enterprise's usage and credits are hidden")
                && t.contains("ent-billing-read")
        },
        "the usage summary's refusal",
    )
    .await;
    assert!(app.find(".credits-total").is_none());
}

#[wasm_bindgen_test]
async fn export_import_and_a_bad_file_that_changes_nothing() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/general", DB, &state).await;
    app.click("Export").await;
    app.wait_for_text(
        |t| t.contains("Exported the portal's data as astra-portal-"),
        "the export",
    )
    .await;

    let input: HtmlInputElement = app.wait_for("input[type=file]").await.unchecked_into();
    choose_file(
        &input,
        "broken.json",
        "{\"format\": \"portal-state\", \"version\": 1, \"state\": {",
    );
    app.wait_for(".portal-data .notice.error").await;
    let error = app.text_of(".portal-data .notice.error").unwrap();
    assert!(
        error.contains("broken.json was not imported, and nothing changed"),
        "{error}"
    );
    assert!(error.contains("line"), "the error says where: {error}");

    app.find("nav a[href='/settings/enterprise/overview']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    app.wait_for("table.organizations tbody tr").await;
    assert_eq!(
        overview_names(&app),
        ["Acme Analytics", "Acme Production", "Acme Staging"]
    );

    // A good file replaces everything.
    let mut renamed = state.clone();
    let production = org_id(&state, "Acme Production");
    renamed.organizations.get_mut(&production).unwrap().name = "Acme Live".to_owned();
    app.find("nav a[href='/settings/enterprise/general']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    let input: HtmlInputElement = app.wait_for("input[type=file]").await.unchecked_into();
    choose_file(&input, "good.json", &portal_core::model::export(&renamed));
    app.wait_for_text(|t| t.contains("Imported good.json."), "the import")
        .await;
    app.find("nav a[href='/settings/enterprise/overview']")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    app.wait_for("table.organizations tbody tr").await;
    assert_eq!(
        overview_names(&app),
        ["Acme Analytics", "Acme Live", "Acme Staging"]
    );
}

#[wasm_bindgen_test]
async fn start_empty_shows_the_tokens_once_and_reset_brings_the_demo_back() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/general", DB, &state).await;
    app.click("Start empty").await;
    app.click_in_dialog("Erase and start empty").await;
    app.text_becomes(".enterprise-name", "My Enterprise").await;
    let tokens: Vec<String> = app
        .all(".fresh-tokens code.token")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert_eq!(tokens.len(), 2);
    assert!(
        tokens
            .iter()
            .all(|t| t.starts_with("AstraCS:") && t.len() == 97),
        "{tokens:?}"
    );
    assert!(app
        .find("button[aria-label='Copy enterprise token']")
        .is_some());
    assert!(app
        .find("button[aria-label='Copy organization token']")
        .is_some());
    app.text_becomes(".current-scope", "My Enterprise").await;
    assert!(app
        .text_of(".acting-as summary")
        .unwrap()
        .contains("admin@example.com"));
    app.click("I have saved them").await;
    assert!(app.find(".fresh-tokens").is_none(), "shown once");

    app.click("Reset to demo data").await;
    app.click_in_dialog("Reset").await;
    app.text_becomes(".enterprise-name", "Acme Corporation")
        .await;
    assert_ne!(
        app.text_of(".enterprise-id").unwrap(),
        state.enterprise.id,
        "a new copy of the demo, with new IDs"
    );
    app.wait_for_text(
        |t| t.contains("Reset to demo data: done."),
        "the confirmation",
    )
    .await;
}

#[wasm_bindgen_test]
async fn an_organizations_general_page_edits_and_refuses_what_the_backend_refuses() {
    let state = demo_state();
    let production = org_id(&state, "Acme Production");
    let app = Mounted::seeded(&org_general(&production), DB, &state).await;
    app.text_becomes(".org-id", &production).await;
    assert!(app.text_of("main dl").unwrap().contains("Enterprise"));
    app.click("Edit").await;
    assert_eq!(
        app.find("dialog[open] input[type=text]")
            .unwrap()
            .unchecked_into::<HtmlInputElement>()
            .value(),
        "Acme Production"
    );
    app.fill("dialog[open] input[type=text]", "Acme Prod").await;
    app.fill("dialog[open] input[type=email]", "ops@acme.example")
        .await;
    app.fill("dialog[open] textarea", "Customer-facing <b>services</b>")
        .await;
    app.click_in_dialog("Save").await;
    app.text_becomes(".org-name", "Acme Prod").await;
    assert_eq!(app.text_of(".org-email").unwrap(), "ops@acme.example");
    assert_eq!(
        app.text_of(".org-description").unwrap(),
        "Customer-facing <b>services</b>",
        "typed text stays text"
    );
    app.text_becomes(".current-scope", "Acme Prod").await;
    assert_eq!(
        app.text_of("main .notice.done").unwrap(),
        "Saved the organization's details."
    );

    // Another enterprise organization's name is taken: the backend says so in the dialog.
    dialog_closes(&app).await;
    app.click("Edit").await;
    app.fill("dialog[open] input[type=text]", "acme staging")
        .await;
    app.click_in_dialog("Save").await;
    app.wait_for("dialog[open] .notice.error").await;
    assert!(app
        .text_of("dialog[open] .notice.error")
        .unwrap()
        .contains("already has an organization named"));
    app.click_in_dialog("Cancel").await;

    // raj reads and writes data in Production but may not change the organization.
    app.act_as(&state, "raj.dev@acme.example").await;
    let edit = button(&app, "main .actions button");
    assert!(edit.disabled());
    assert!(app
        .text_of("main .actions .refusal")
        .unwrap()
        .contains("org-write"));
    drop(app);

    // A default (personal) organization can't be deleted: the backend's message says so.
    let personal = org_id(&state, "Dana's Organization");
    let app = Mounted::seeded(&org_general(&personal), DB, &state).await;
    app.text_becomes(".org-name", "Dana's Organization").await;
    assert!(app
        .text_of("main dl")
        .unwrap()
        .contains("default personal organization"));
    app.click("Delete Organization").await;
    app.fill("dialog[open] input[type=text]", "Dana's Organization")
        .await;
    app.click_in_dialog("Delete Organization").await;
    app.wait_for("dialog[open] .notice.error").await;
    assert!(app
        .text_of("dialog[open] .notice.error")
        .unwrap()
        .contains("default organizations can't be deleted"));
    drop(app);

    let app = Mounted::seeded(&org_general("no-such-org"), DB, &state).await;
    app.wait_for_text(|t| t.contains("Organization not found"), "not found")
        .await;
    assert_eq!(
        app.find("main a[href='/settings/enterprise/overview']")
            .unwrap()
            .text_content()
            .unwrap(),
        "See the enterprise's organizations"
    );
    assert_eq!(
        app.text_of(".current-scope").unwrap(),
        "Organization no-such-org"
    );
}

/// The organization's General page sets the maximum lifetime of its new tokens (Edit); the
/// Tokens page then says so under "Expires", and Generate Token with "Never" is refused with
/// the core's message naming the field.
#[wasm_bindgen_test]
async fn a_maximum_token_lifetime_is_set_on_the_general_page_and_bounds_generate_token() {
    let state = demo_state();
    let production = org_id(&state, "Acme Production");
    let app = Mounted::seeded(&org_general(&production), DB, &state).await;
    app.text_becomes(
        ".org-max-token-lifetime",
        "None: new tokens may never expire",
    )
    .await;
    let lifetime = "dialog[open] input[aria-describedby=org-max-lifetime-note]";

    app.click("Edit").await;
    app.fill(lifetime, "0").await;
    app.click_in_dialog("Save").await;
    app.wait_for("dialog[open] .notice.error").await;
    let refusal = app.text_of("dialog[open] .notice.error").unwrap();
    assert!(
        refusal.contains("field 'maxTokenLifetimeDays'"),
        "{refusal}"
    );
    app.fill(lifetime, "30").await;
    app.click_in_dialog("Save").await;
    app.text_becomes(".org-max-token-lifetime", "30 days").await;
    dialog_closes(&app).await;
    drop(app);

    let tokens = format!("/settings/organizations/{production}/tokens");
    let app = Mounted::at(&tokens, DB);
    let note = app.wait_for(".token-max-lifetime").await;
    assert_eq!(
        note.text_content().unwrap(),
        "This organization's new tokens must expire within 30 days."
    );
    let reader = portal_core::rbac::DefaultRole::find("Read Only User")
        .unwrap()
        .id;
    app.fill(".token-generator select", reader).await;
    app.wait_for(".token-role-permissions li").await;
    app.click("Generate Token").await;
    app.wait_for(".token-generator .notice.error").await;
    let refusal = app.text_of(".token-generator .notice.error").unwrap();
    assert!(
        refusal.contains("field 'tokenExpiry' is Never") && refusal.contains("at most 30 day(s)"),
        "{refusal}"
    );
    assert!(app.find("[data-field=token]").is_none(), "nothing revealed");
}
