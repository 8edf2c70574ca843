//! The Users pages of an organization and of the enterprise, driven as a person would: the seeded
//! members, filtering, inviting many addresses at once, editing roles, removing, the evaluator's
//! refusal for a user who may not invite, the backend's refusal to remove the last administrator,
//! and an invitee accepting.

use crate::support::{access_method, demo_state, org_id, role_advice, until, Mounted};
use portal_core::model::{Membership, Scope, State, User};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

const DB: &str = "portal-test-users";

/// The Users page of Acme Production, over a freshly seeded demo state.
async fn production_users() -> (Mounted, State) {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/users"), DB, &state).await;
    app.wait_for(".user-table").await;
    (app, state)
}

/// The table's rows as (email, status, roles, ...) cell texts.
fn table(app: &Mounted) -> Vec<Vec<String>> {
    app.all(".user-table tbody tr")
        .iter()
        .map(|tr| {
            let cells = tr.query_selector_all("td").unwrap();
            (0..cells.length())
                .map(|i| cells.item(i).unwrap().text_content().unwrap_or_default())
                .collect()
        })
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], email: &str) -> Option<&'a Vec<String>> {
    rows.iter().find(|r| r[0] == email)
}

fn emails(app: &Mounted) -> Vec<String> {
    table(app).into_iter().map(|r| r[0].clone()).collect()
}

fn click_element(element: Element) {
    element.unchecked_into::<HtmlElement>().click();
}

/// Checks or unchecks the role checkbox labelled exactly `name` in the open dialog.
fn set_role(app: &Mounted, name: &str, on: bool) {
    let label = app
        .all("dialog[open] label.user-role")
        .into_iter()
        .find(|l| l.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no role checkbox {name}"));
    let input: HtmlInputElement = label
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    if input.checked() != on {
        input.click();
    }
}

fn role_checked(app: &Mounted, name: &str) -> bool {
    app.all("dialog[open] label.user-role")
        .into_iter()
        .find(|l| l.text_content().unwrap_or_default().trim() == name)
        .map(|l| {
            l.query_selector("input")
                .unwrap()
                .unwrap()
                .unchecked_into::<HtmlInputElement>()
                .checked()
        })
        .unwrap_or_else(|| panic!("no role checkbox {name}"))
}

#[wasm_bindgen_test]
async fn seeded_users_appear_with_their_status_and_roles() {
    let (app, _) = production_users().await;
    let rows = table(&app);
    let dana = row(&rows, "dana.admin@acme.example").expect("the administrator is listed");
    assert_eq!(dana[1], "Active");
    assert!(dana[2].contains("Organization Administrator"), "{dana:?}");
    let eve = row(&rows, "eve.new@acme.example").expect("the invitee is listed");
    assert_eq!(eve[1], "Pending");
    assert_eq!(eve[2], "Read Only User");
    assert!(
        row(&rows, "kim.api@acme.example").is_none(),
        "Acme Staging's users are not Acme Production's"
    );
    let listed = emails(&app);
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "sorted by email");
    assert_eq!(
        app.text_of(".user-list .pager-position").unwrap(),
        "Page 1 of 1"
    );
    drop(app);

    // The enterprise list carries the Admin flag.
    let app = Mounted::seeded("/settings/enterprise/users", DB, &demo_state()).await;
    app.wait_for(".user-table").await;
    let rows = table(&app);
    let dana = row(&rows, "dana.admin@acme.example").unwrap();
    assert_eq!((dana[1].as_str(), dana[3].as_str()), ("Active", "Yes"));
    let zoe = row(&rows, "zoe.finance@acme.example").unwrap();
    assert_eq!((zoe[1].as_str(), zoe[3].as_str()), ("Pending", "No"));
    assert!(
        row(&rows, "raj.dev@acme.example").is_none(),
        "organization members are not enterprise users"
    );
}

#[wasm_bindgen_test]
async fn long_lists_are_paged_fifty_at_a_time() {
    let mut state = demo_state();
    let org = org_id(&state, "Acme Production");
    let read_only = state
        .roles_in(&Scope::Organization(org.clone()))
        .into_iter()
        .find(|r| r.name == "Read Only User")
        .unwrap()
        .id;
    for i in 0..60 {
        let id = format!("00000000-0000-4000-8000-{i:012}");
        let membership = Membership::active(vec![read_only.clone()]);
        let user = User {
            id: id.clone(),
            email: format!("bulk{i:02}@acme.example"),
            organizations: [(org.clone(), membership)].into(),
            enterprise: None,
        };
        state.users.insert(id, user);
    }
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/users"), DB, &state).await;
    app.wait_for(".user-table").await;
    assert_eq!(emails(&app).len(), 50);
    assert_eq!(
        app.text_of(".user-list .pager-position").unwrap(),
        "Page 1 of 2"
    );
    app.click("Next").await;
    assert!(
        app.find(".user-list .pager button[disabled]").is_some(),
        "Next stops at the last page"
    );
    assert_eq!(
        app.text_of(".user-list .pager-position").unwrap(),
        "Page 2 of 2"
    );
    let second = emails(&app);
    assert_eq!(
        second.len(),
        16,
        "60 added and 6 seeded members: {second:?}"
    );
    assert!(second.contains(&"tom.orders@acme.example".to_owned()));
    app.fill(".user-filter input", "bulk5").await;
    assert_eq!(
        app.text_of(".user-list .pager-position").unwrap(),
        "Page 1 of 1"
    );
    assert_eq!(emails(&app).len(), 10);
}

#[wasm_bindgen_test]
async fn the_filter_narrows_by_email_or_role_as_you_type() {
    let (app, _) = production_users().await;
    let all = emails(&app).len();
    app.fill(".user-filter input", "RAJ").await;
    assert_eq!(emails(&app), ["raj.dev@acme.example"]);
    app.fill(".user-filter input", "billing admin").await;
    assert_eq!(emails(&app), ["lee.billing@acme.example"]);
    app.fill(".user-filter input", "nobody-like-this").await;
    assert!(emails(&app).is_empty());
    assert!(app
        .text_of(".user-empty")
        .unwrap()
        .contains("matches the filter"));
    app.fill(".user-filter input", "").await;
    assert_eq!(emails(&app).len(), all);
}

#[wasm_bindgen_test]
async fn inviting_several_addresses_lists_each_result() {
    let (app, _) = production_users().await;
    app.click("Invite User").await;
    app.wait_for("dialog[open] textarea").await;
    let groups: Vec<String> = app
        .all("dialog[open] .user-roles legend")
        .iter()
        .map(|l| l.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        groups,
        [
            "Organization Access",
            "Database, Keyspace, or Table Access",
            "API Access"
        ]
    );
    app.fill(
        "dialog[open] textarea",
        "new.one@acme.example, new.two@acme.example\nnot-an-address",
    )
    .await;
    set_role(&app, "Read Only User", true);
    app.click("Invite Users").await;
    app.wait_for(".user-invite-result").await;
    let result = app.text_of(".user-invite-result").unwrap();
    assert!(result.contains("new.one@acme.example"), "{result}");
    assert!(result.contains("new.two@acme.example"), "{result}");
    let refused: Vec<String> = app
        .all(".user-refused li")
        .iter()
        .map(|li| li.text_content().unwrap_or_default())
        .collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].contains("not-an-address"), "{refused:?}");
    assert!(app.find("dialog[open]").is_none(), "the dialog closed");
    let rows = table(&app);
    for email in ["new.one@acme.example", "new.two@acme.example"] {
        let invited = row(&rows, email).unwrap_or_else(|| panic!("{email} is listed"));
        assert_eq!(
            (invited[1].as_str(), invited[2].as_str()),
            ("Pending", "Read Only User")
        );
    }
}

const DATA_LOADER: &str = "Data Loader access based on database access permissions";
const DSBULK: &str = "dsbulk access based on database access permissions";
const DEVOPS_API: &str = "DevOps API access based on database access permissions";

/// Waits until the role checkbox `name` of the open dialog is `on`.
async fn role_becomes(app: &Mounted, name: &str, on: bool) {
    let what = format!(
        "the role {name} to be {}",
        if on { "checked" } else { "cleared" }
    );
    until(&what, || (role_checked(app, name) == on).then_some(())).await;
}

/// seed 001, "Which role should I assign a user?": the methods chosen select the least
/// privileged role the seed recommends for all of them, each recommended role is listed with the
/// seed's reason, and roles chosen by hand stay.
#[wasm_bindgen_test]
async fn which_role_should_i_assign_selects_the_recommended_role() {
    let (app, _) = production_users().await;
    app.click("Invite User").await;
    app.wait_for("dialog[open] .role-advisor").await;
    set_role(&app, "UI View Only", true);

    app.tick(&access_method(DATA_LOADER), true).await;
    role_becomes(&app, "Read Only Service Account", true).await;
    let advice = role_advice(&app);
    let roles: Vec<&str> = advice.iter().map(|(role, _)| role.as_str()).collect();
    assert_eq!(
        roles,
        [
            "Read Only Service Account",
            "Read/Write Service Account",
            "Read Only User",
            "Read/Write User",
            "Administrator Service Account",
            "Administrator User",
        ]
    );
    assert!(
        advice.iter().all(|(_, why)| why == DATA_LOADER),
        "{advice:?}"
    );

    app.tick(&access_method(DSBULK), true).await;
    let both = format!("{DATA_LOADER}; {DSBULK}");
    until("the advice for Data Loader and dsbulk", || {
        let advice = role_advice(&app);
        (advice.len() == 2).then_some(advice)
    })
    .await
    .iter()
    .zip(["Read Only Service Account", "Read/Write Service Account"])
    .for_each(|((role, why), expected)| {
        assert_eq!((role.as_str(), why), (expected, &both));
    });

    // No default role serves dsbulk and the DevOps API: the advice says so and takes its role
    // back, and the role chosen by hand stays.
    app.tick(&access_method(DEVOPS_API), true).await;
    role_becomes(&app, "Read Only Service Account", false).await;
    let said = app.text_of(".role-advice").unwrap_or_default();
    assert!(said.contains("No default role is recommended"), "{said}");
    assert!(role_checked(&app, "UI View Only"));
    app.tick(&access_method(DEVOPS_API), false).await;
    role_becomes(&app, "Read Only Service Account", true).await;

    // The person still changes the roles by hand, and the invitation carries them.
    set_role(&app, "Read Only Service Account", false);
    set_role(&app, "Read/Write Service Account", true);
    app.fill("dialog[open] textarea", "loader@acme.example")
        .await;
    app.click("Invite Users").await;
    app.wait_for(".user-invite-result").await;
    let rows = table(&app);
    let invited = row(&rows, "loader@acme.example").expect("the invitee is listed");
    let mut roles: Vec<&str> = invited[2].split(", ").collect();
    roles.sort();
    assert_eq!(roles, ["Read/Write Service Account", "UI View Only"]);
}

#[wasm_bindgen_test]
async fn edit_user_replaces_the_roles() {
    let (app, _) = production_users().await;
    app.click("More actions for raj.dev@acme.example").await;
    app.click("Edit User raj.dev@acme.example").await;
    app.wait_for("dialog[open] label.user-role").await;
    assert!(
        role_checked(&app, "Read/Write User"),
        "the current role is checked"
    );
    assert!(!role_checked(&app, "Read Only User"));
    set_role(&app, "Read/Write User", false);
    set_role(&app, "Read Only User", true);
    set_role(&app, "UI View Only", true);
    app.click("Save").await;
    app.wait_for_text(
        |t| t.contains("Saved the roles of raj.dev@acme.example"),
        "the confirmation",
    )
    .await;
    let rows = table(&app);
    let roles = &row(&rows, "raj.dev@acme.example").unwrap()[2];
    assert!(
        roles.contains("UI View Only") && roles.contains("Read Only User"),
        "{roles}"
    );
    assert!(!roles.contains("Read/Write User"), "{roles}");
}

#[wasm_bindgen_test]
async fn remove_user_takes_them_off_the_list() {
    let (app, _) = production_users().await;
    app.click("More actions for eve.new@acme.example").await;
    app.click("Remove User eve.new@acme.example").await;
    let dialog = app.wait_for("dialog[open]").await;
    let text = dialog.text_content().unwrap();
    assert!(
        text.contains("Revoke the invitation of eve.new@acme.example"),
        "{text}"
    );
    drop(dialog);
    app.click("Revoke Invitation").await;
    app.wait_for_text(|t| t.contains("Revoked the invitation"), "the confirmation")
        .await;

    app.click("More actions for raj.dev@acme.example").await;
    app.click("Remove User raj.dev@acme.example").await;
    app.wait_for("dialog[open] button.danger").await;
    click_element(app.find("dialog[open] button.danger").unwrap());
    app.wait_for_text(
        |t| t.contains("Removed raj.dev@acme.example from Acme Production"),
        "the confirmation",
    )
    .await;
    let listed = emails(&app);
    assert!(
        !listed.iter().any(|e| e == "raj.dev@acme.example"),
        "{listed:?}"
    );
    assert!(
        !listed.iter().any(|e| e == "eve.new@acme.example"),
        "{listed:?}"
    );
}

#[wasm_bindgen_test]
async fn removing_the_last_organization_administrator_is_refused() {
    let (app, _) = production_users().await;
    app.click("More actions for dana.admin@acme.example").await;
    app.click("Remove User dana.admin@acme.example").await;
    app.wait_for("dialog[open] button.danger").await;
    click_element(app.find("dialog[open] button.danger").unwrap());
    let alert = app.wait_for("dialog[open] .notice.error").await;
    let message = alert.text_content().unwrap();
    assert!(
        message.contains("is the last active Organization Administrator of Acme Production"),
        "{message}"
    );
    assert!(emails(&app).iter().any(|e| e == "dana.admin@acme.example"));
}

#[wasm_bindgen_test]
async fn a_user_without_org_user_write_cannot_invite() {
    let (app, state) = production_users().await;
    app.act_as(&state, "raj.dev@acme.example").await;
    app.wait_for(".user-actions .refusal").await;
    let button = app
        .all(".user-actions button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default() == "Invite User")
        .unwrap();
    assert!(button.has_attribute("disabled"));
    let reason = app.text_of(".user-actions .refusal").unwrap();
    assert!(reason.contains("org-user-write"), "{reason}");
    // Raj may still read the list (Read/Write User has org-user-read), but not change a row.
    let more = app.find(".user-more button").unwrap();
    assert!(more.has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn an_invited_user_accepts_the_invitation() {
    let (app, state) = production_users().await;
    app.act_as(&state, "eve.new@acme.example").await;
    let banner = app.wait_for(".user-invitation").await;
    assert!(banner
        .text_content()
        .unwrap()
        .contains("You have been invited to Acme Production"));
    assert!(
        app.find(".user-unreadable").is_some(),
        "an invitation grants nothing yet: the list is refused with the evaluator's reason"
    );
    app.click("Accept Invitation").await;
    app.wait_for_text(
        |t| t.contains("You joined Acme Production"),
        "the confirmation",
    )
    .await;
    assert!(app.find(".user-invitation").is_none(), "the banner is gone");
    // Read Only User carries org-user-read: Eve now sees the list, herself active.
    app.wait_for(".user-table").await;
    let rows = table(&app);
    assert_eq!(row(&rows, "eve.new@acme.example").unwrap()[1], "Active");
}

#[wasm_bindgen_test]
async fn the_enterprise_invites_with_enterprise_roles() {
    let app = Mounted::seeded("/settings/enterprise/users", DB, &demo_state()).await;
    app.wait_for(".user-table").await;
    app.click("Invite User").await;
    let dialog = app.wait_for("dialog[open]").await;
    assert!(dialog
        .text_content()
        .unwrap()
        .contains("does not add the user to any organizations"));
    let groups: Vec<String> = app
        .all("dialog[open] legend")
        .iter()
        .map(|l| l.text_content().unwrap_or_default())
        .collect();
    assert_eq!(groups, ["Enterprise roles"]);
    app.fill("dialog[open] textarea", "pat.new@acme.example")
        .await;
    set_role(&app, "Enterprise Administrator", true);
    app.click("Invite Users").await;
    app.wait_for(".user-invite-result").await;
    let rows = table(&app);
    let pat = row(&rows, "pat.new@acme.example").expect("the invitee is listed");
    assert_eq!(
        (pat[1].as_str(), pat[2].as_str(), pat[3].as_str()),
        ("Pending", "Enterprise Administrator", "Yes")
    );
}

/// Seed 000: "The user receives an email invitation". The invitation is read in Settings → Email
/// outbox, and its link opens Accept Invitation for the invitee, who accepts there.
#[wasm_bindgen_test]
async fn an_invitation_arrives_in_the_outbox_and_its_link_accepts_it() {
    let (app, state) = production_users().await;
    let org = org_id(&state, "Acme Production");
    app.click("Invite User").await;
    app.fill("dialog[open] textarea", "zoe.new@acme.example")
        .await;
    set_role(&app, "Read Only User", true);
    app.click("Invite Users").await;
    app.wait_for(".user-invite-result").await;

    // The organization's Email outbox (the enterprise's comes first in the menu).
    let outbox = format!("a[href='/settings/organizations/{org}/emails']");
    app.find(&outbox)
        .expect("the organization's Email outbox link")
        .unchecked_into::<HtmlElement>()
        .click();
    let email = app.wait_for(".outbox .email").await;
    let text = email.text_content().unwrap();
    assert!(
        text.contains("You're invited to join Acme Production"),
        "{text}"
    );
    assert!(text.contains("To zoe.new@acme.example"), "{text}");
    assert!(text.contains("as Read Only User"), "{text}");
    assert!(text.contains("In the outbox"), "{text}");

    app.click("Open the invitation").await;
    app.text_becomes("h1", "Accept Invitation").await;
    let path = crate::support::location_path();
    assert!(
        path.starts_with("/invitation/") && path.ends_with(&format!("/organization/{org}")),
        "{path}"
    );
    app.click("Continue as zoe.new@acme.example").await;
    app.click("Accept Invitation").await;
    app.wait_for_text(
        |t| t.contains("You joined Acme Production"),
        "the confirmation",
    )
    .await;
    app.wait_for_text(
        |t| t.contains("zoe.new@acme.example has no pending invitation"),
        "the invitation no longer pending",
    )
    .await;
}
