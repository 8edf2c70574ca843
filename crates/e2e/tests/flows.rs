//! End to end: what a person does with the portal, in the release build, in Chromium,
//! by keyboard and mouse through WebDriver, on the demo data the page loads on its first start
//! (state in the browser's IndexedDB). Screenshots land in target/e2e-screenshots/.

use std::path::Path;

use fantoccini::Locator;
use portal_core::fixtures::bulk::{grow, Growth};
use portal_core::model::demo::demo;
use portal_core::model::{export, SeededEntropy};
use portal_core::pricing::bill::money;
use portal_core::usage::{aggregate, write_report, UsageRecord};
use portal_e2e::Session;

async fn open(session: &Session, path: &str) {
    session.visit(path).await;
    session.ready().await;
}

/// Ticks or unticks the checkbox at `xpath`.
async fn set_checked(session: &Session, xpath: &str, on: bool) {
    let input = session.element(Locator::XPath(xpath)).await;
    if input.is_selected().await.unwrap() != on {
        input.click().await.unwrap();
    }
}

/// Chooses the option showing `text` in the select at `xpath`.
async fn choose(session: &Session, select: &str, text: &str) {
    session
        .click_at(&format!("{select}/option[normalize-space()='{text}']"))
        .await;
}

/// The user table's row for `email`, as its cells' texts.
async fn user_row(session: &Session, email: &str) -> Vec<String> {
    session.wait_for_text(".user-table tbody", email).await;
    for row in session
        .client
        .find_all(Locator::Css(".user-table tbody tr"))
        .await
        .unwrap()
    {
        let mut cells = Vec::new();
        for cell in row.find_all(Locator::Css("td")).await.unwrap() {
            cells.push(cell.text().await.unwrap());
        }
        if cells.first().map(String::as_str) == Some(email) {
            return cells;
        }
    }
    panic!("no row for {email}");
}

async fn page_source(session: &Session) -> String {
    session.client.source().await.expect("the page source")
}

/// Invites two people from one box (a comma and a line break between them), both Read Only
/// Users, and finds them pending.
async fn invite_two(session: &Session, org: &str) {
    invite(
        session,
        org,
        "new.one@acme.example,\nnew.two@acme.example",
        "new.two@acme.example",
    )
    .await;
    for email in ["new.one@acme.example", "new.two@acme.example"] {
        let row = user_row(session, email).await;
        assert_eq!(row[1..3], ["Pending", "Read Only User"], "{row:?}");
    }
    session.screenshot("flow_invited_two").await;
}

/// Invites the addresses typed in `emails` to the organization as Read Only Users, and waits for
/// the result to name `last`.
async fn invite(session: &Session, org: &str, emails: &str, last: &str) {
    open(session, &format!("/settings/organizations/{org}/users")).await;
    session.press("", "Invite User").await;
    session.type_into("dialog[open] textarea", emails).await;
    set_checked(
        session,
        "//dialog[@open]//label[contains(@class,'user-role')][normalize-space()='Read Only User']//input",
        true,
    )
    .await;
    session.press("//dialog[@open]", "Invite Users").await;
    session.wait_for_text(".user-invite-result", last).await;
}

/// A custom role that may read the tables of one keyspace (inventory) of one database (orders).
async fn scoped_role(session: &Session, org: &str) {
    open(session, &format!("/settings/organizations/{org}/roles")).await;
    session.press("", "Add Custom Role").await;
    session
        .type_into("dialog[open] input[name='role-name']", "Inventory Readers")
        .await;
    for permission in ["org-db-view", "db-keyspace-describe", "db-table-select"] {
        set_checked(
            session,
            &format!("//dialog[@open]//input[@name='permissions'][@value='{permission}']"),
            true,
        )
        .await;
    }
    set_checked(
        session,
        "//dialog[@open]//label[normalize-space()='orders']/input[@name='databases']",
        true,
    )
    .await;
    for (keyspace, on) in [("orders", false), ("inventory", true)] {
        set_checked(
            session,
            &format!(
                "//dialog[@open]//input[starts-with(@name,'keyspaces-')][@value='{keyspace}']"
            ),
            on,
        )
        .await;
    }
    session.press("//dialog[@open]", "Create Role").await;
    session
        .wait_for_text("main", "Created role Inventory Readers.")
        .await;
    session
        .wait_for_text("table.roles", "orders: inventory")
        .await;
    session.screenshot("flow_scoped_role").await;
}

/// Generates a token: its secret is shown once, then, after a reload, only the list shows the
/// token, without its secret. Returns the token's Client ID.
async fn token_shown_once(session: &Session, org: &str) -> String {
    let tokens = format!("/settings/organizations/{org}/tokens");
    open(session, &tokens).await;
    choose(
        session,
        "//section[contains(@class,'token-generator')]//select",
        "Read Only User",
    )
    .await;
    session
        .wait_for_text(".token-role-permissions", "Permissions of Read Only User")
        .await;
    session
        .type_into(".token-generator input[type=text]", "nightly report")
        .await;
    session
        .press("//*[contains(@class,'token-generator')]", "Generate Token")
        .await;
    let client_id = session.text("code[data-field='client-id']").await;
    let secret = session.text("code[data-field='secret']").await;
    let token = session.text("code[data-field='token']").await;
    assert!(
        token.starts_with(&format!("AstraCS:{client_id}:")),
        "{token}"
    );
    session
        .wait_for_text(
            ".token-reveal [role=alert]",
            "won't be able to see or download them again",
        )
        .await;
    session.screenshot("flow_token_revealed").await;

    session.client.refresh().await.unwrap();
    session.ready().await;
    session.wait_for_text(".token-list", &client_id).await;
    session.wait_for_text(".token-list", "nightly report").await;
    let source = page_source(session).await;
    assert!(
        !source.contains(&secret) && !source.contains(&token),
        "the secret is on the page after a reload"
    );
    client_id
}

/// The header's "Sign in as": the menu opens (unless open), the user is chosen and signed in as.
async fn act_as(session: &Session, email: &str) {
    let menu = session.find("details.acting-as").await;
    if menu.attr("open").await.unwrap().is_none() {
        session
            .find("details.acting-as summary")
            .await
            .click()
            .await
            .unwrap();
    }
    choose(
        session,
        "//details[contains(@class,'acting-as')]//select",
        email,
    )
    .await;
    session
        .click_at("//details[contains(@class,'acting-as')]//button[normalize-space()='Sign in']")
        .await;
    session.wait_for_text(".acting-as summary", email).await;
}

/// Mia is a UI View Only user in Acme Analytics: Generate Token is disabled, saying why.
async fn view_only_is_refused(session: &Session) {
    let analytics = session.organization_id("Acme Analytics").await;
    open(
        session,
        &format!("/settings/organizations/{analytics}/tokens"),
    )
    .await;
    act_as(session, "mia.audit@acme.example").await;
    let button = session
        .element(Locator::XPath(
            "//*[contains(@class,'token-generator')]//button[normalize-space()='Generate Token']",
        ))
        .await;
    assert!(
        !button.is_enabled().await.unwrap(),
        "Generate Token is enabled"
    );
    session
        .wait_for_text(
            ".token-generator .refusal",
            "mia.audit@acme.example needs Write Token (org-token-write)",
        )
        .await;
    session.screenshot("flow_view_only_refused").await;
    // Back to the administrator.
    act_as(session, "dana.admin@acme.example").await;
}

/// Creates an organization, then deletes it through the dialog that asks for its name.
async fn create_and_delete_organization(session: &Session) {
    open(session, "/settings/enterprise/overview").await;
    session.press("", "Create Organization").await;
    session
        .type_into("dialog[open] input[type=text]", "Acme Sandbox")
        .await;
    session
        .type_into("dialog[open] textarea", "Experiments")
        .await;
    session
        .press("//dialog[@open]", "Create Organization")
        .await;
    session
        .wait_for_text("table.organizations", "Acme Sandbox")
        .await;
    session.press("", "More actions for Acme Sandbox").await;
    session.press("", "Delete Acme Sandbox").await;
    session
        .type_into("dialog[open] input[type=text]", "Acme Sandbx")
        .await;
    session
        .press("//dialog[@open]", "Delete Organization")
        .await;
    session
        .wait_for_text(
            "dialog[open] .notice.error",
            "is not the organization's name",
        )
        .await;
    session
        .type_into("dialog[open] input[type=text]", "Acme Sandbox")
        .await;
    session.screenshot("flow_delete_confirm").await;
    session
        .press("//dialog[@open]", "Delete Organization")
        .await;
    session
        .wait_for_text("main", "Deleted organization Acme Sandbox.")
        .await;
    let list = session.text("table.organizations").await;
    assert!(!list.contains("Acme Sandbox"), "{list}");
}

/// After a reload, everything the person did is still there. The reload served the state
/// `index.html` read while the module loaded (`store::early`): its inline script ran under the
/// page's Content-Security-Policy and the portal decoded that read.
async fn all_kept_after_reload(session: &Session, org: &str, client_id: &str) {
    session.client.refresh().await.unwrap();
    session.ready().await;
    let decoded = session
        .client
        .execute(
            "return performance.getEntriesByName('portal-early-decoded').length",
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(decoded, 1, "the reload decoded the page's early read");
    open(session, &format!("/settings/organizations/{org}/users")).await;
    user_row(session, "new.one@acme.example").await;
    user_row(session, "new.two@acme.example").await;
    open(session, &format!("/settings/organizations/{org}/roles")).await;
    session
        .wait_for_text("table.roles", "Inventory Readers")
        .await;
    open(session, &format!("/settings/organizations/{org}/tokens")).await;
    session.wait_for_text(".token-list", client_id).await;
}

/// Export, Reset to demo data, Import the export: the same state, byte for byte.
async fn export_reset_import(session: &Session, org: &str) {
    let export = || async {
        open(session, "/settings/enterprise/general").await;
        session.press("", "Export").await;
        session
            .wait_for_text(".portal-data", "Exported the portal's data as")
            .await;
        let file = session.downloaded("astra-portal-").await;
        let text = std::fs::read_to_string(&file).unwrap();
        // The next export downloads under the same name.
        std::fs::remove_file(&file).unwrap();
        (text, file)
    };
    let (before, file) = export().await;
    assert!(before.contains("new.one@acme.example"));

    session.press("", "Reset to demo data").await;
    session.press("//dialog[@open]", "Reset").await;
    session
        .wait_for_text("main", "Reset to demo data: done.")
        .await;
    // A new demo: its organizations may have new IDs.
    let reset_org = session.organization_id("Acme Production").await;
    open(
        session,
        &format!("/settings/organizations/{reset_org}/users"),
    )
    .await;
    session
        .wait_for_text(".user-table tbody", "dana.admin@acme.example")
        .await;
    let reset = session.text(".user-table").await;
    assert!(!reset.contains("new.one@acme.example"), "{reset}");

    open(session, "/settings/enterprise/general").await;
    let kept = session.downloads.join("kept-export.json");
    std::fs::write(&kept, &before).unwrap();
    choose_file(session, ".portal-data input[type=file]", &kept).await;
    session
        .wait_for_text(".portal-data", "Imported kept-export.json.")
        .await;
    let (after, _) = export().await;
    assert!(
        after == before,
        "the imported state differs from the export ({file:?})"
    );
    open(session, &format!("/settings/organizations/{org}/users")).await;
    user_row(session, "new.one@acme.example").await;
}

async fn choose_file(session: &Session, css: &str, file: &Path) {
    let input = session.find(css).await;
    let path = std::fs::canonicalize(file).unwrap();
    input
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap_or_else(|e| panic!("choose {}: {e}", path.display()));
}

#[tokio::test]
async fn a_person_manages_the_demo_and_everything_is_kept() {
    let session = Session::start().await;
    let org = session.organization_id("Acme Production").await;
    invite_two(&session, &org).await;
    scoped_role(&session, &org).await;
    let client_id = token_shown_once(&session, &org).await;
    view_only_is_refused(&session).await;
    create_and_delete_organization(&session).await;
    all_kept_after_reload(&session, &org, &client_id).await;
    export_reset_import(&session, &org).await;
    session.close().await;
}

/// Seed 001's two batch examples typed into the calculator: 12 WRUs and 5 WRUs a batch.
#[tokio::test]
async fn the_calculator_prices_the_seeds_batch_examples() {
    let session = Session::start().await;
    open(&session, "/pricing").await;
    session.find("[data-total]").await;
    session.press("", "Remove batch 2").await;
    session.press("", "Remove batch 1").await;
    for (batch, (rows, partitions, logged)) in
        [(10, 1, false), (2, 2, true)].into_iter().enumerate()
    {
        session.press("", "Add batch").await;
        let at = |name: &str| format!("#pricing-batches-{batch}-{name}");
        session.type_into(&at("count"), "1").await;
        session.type_into(&at("rows"), &rows.to_string()).await;
        session.type_into(&at("row_kb"), "1.2").await;
        session
            .type_into(&at("partitions"), &partitions.to_string())
            .await;
        set_checked(
            &session,
            &format!("//input[@id='pricing-batches-{batch}-logged']"),
            logged,
        )
        .await;
    }
    session
        .wait_for_text(
            ".pricing-lines",
            "1 batches x 12 WRU (⌈10 rows x 1.2 KB / 1 KB⌉)",
        )
        .await;
    session
        .wait_for_text(
            ".pricing-lines",
            "1 batches x 5 WRU (⌈2 rows x 1.2 KB / 1 KB⌉ + 2 for a logged batch's partitions)",
        )
        .await;
    session.screenshot("flow_pricing_batches").await;
    session.close().await;
}

/// A usage report CSV chosen as a file: the page shows its rows and total.
#[tokio::test]
async fn an_imported_usage_report_shows_its_totals() {
    let (state, _) = demo(
        "2026-11-22T10:00:00Z".parse().unwrap(),
        &mut SeededEntropy::new(7),
    );
    let records: Vec<UsageRecord> = state.usage.values().map(|r| r.record.clone()).collect();
    let total = aggregate(&records).totals.cost_in("USD");
    let session = Session::start().await;
    let file = session.downloads.join("usage-report.csv");
    std::fs::write(&file, write_report(&records)).unwrap();

    open(&session, "/usage").await;
    choose_file(&session, ".usage-source input[type=file]", &file).await;
    session
        .wait_for_text(".usage-totals", "Totals of usage-report.csv")
        .await;
    assert_eq!(session.text(".usage-total").await, money(total, "USD"));
    assert_eq!(session.text(".usage-rows").await, records.len().to_string());
    session.screenshot("flow_usage_imported").await;
    session.close().await;
}

/// A small filesystem (tmpfs) of its own, unmounted when dropped; `None`, saying why, where this
/// machine doesn't let the tests mount one.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(megabytes: u32) -> Option<SmallDisk> {
        let dir = portal_e2e::workspace_root()
            .join("target/e2e-small-disk")
            .join(std::process::id().to_string());
        std::fs::create_dir_all(&dir).unwrap();
        let dir = std::fs::canonicalize(&dir).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&dir)
            .status();
        match mounted {
            Ok(status) if status.success() => Some(SmallDisk(dir)),
            other => {
                eprintln!(
                    "skipped: no tmpfs could be mounted for a small disk ({other:?}); it needs root"
                );
                None
            }
        }
    }

    /// Fills the disk with a file of its own until `bytes` are left free. What the browser has
    /// written by then (its caches, its metrics, the service worker's copy of the build) varies
    /// from run to run by megabytes, as much as a write the test means to be too large.
    fn leave_free(&self, bytes: u64) {
        let df = std::process::Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&self.0)
            .output()
            .expect("df");
        let free: u64 = String::from_utf8_lossy(&df.stdout)
            .lines()
            .nth(1)
            .and_then(|line| line.trim().parse().ok())
            .unwrap_or_else(|| panic!("df's free bytes: {df:?}"));
        let mut filler = std::fs::File::create(self.0.join("filler")).unwrap();
        let fill = free.saturating_sub(bytes);
        // Written, not a sparse `set_len`, which takes no room.
        std::io::copy(
            &mut std::io::Read::take(std::io::repeat(0), fill),
            &mut filler,
        )
        .unwrap();
        filler.sync_all().unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        // Lazily: the browser may still be closing its files.
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// "A failed write (quota [...]) is shown as an error and the page state stays as
/// stored". The browser's profile is on a small disk, filled but for a megabyte once the demo is
/// written, and an import needs more than that:
/// IndexedDB refuses the write, the page says so, and the demo stays, before and after a reload.
#[tokio::test]
async fn a_write_the_disk_cannot_hold_is_refused_and_nothing_changes() {
    let Some(disk) = SmallDisk::mount(32) else {
        return;
    };
    let session = Session::start_in(&disk.0.join("profile")).await;
    open(&session, "/settings/enterprise/general").await;
    session.controlled_by_service_worker().await;
    // The demo is written; the import's 20,000 users take about 3.4 MB once IndexedDB has
    // compressed them.
    disk.leave_free(1 << 20);
    let now = "2026-11-22T10:00:00Z".parse().unwrap();
    let mut entropy = SeededEntropy::new(5);
    let (mut large, _) = demo(now, &mut entropy);
    let growth = Growth {
        users: 20_000,
        roles: 0,
        tokens: 0,
    };
    grow(&mut large, growth, now, &mut entropy).unwrap();
    let file = session.downloads.join("large.json");
    std::fs::write(&file, export(&large)).unwrap();

    choose_file(&session, ".portal-data input[type=file]", &file).await;
    session
        .wait_for_text(
            ".portal-data .notice.error",
            "large.json was not imported, and nothing changed",
        )
        .await;
    let notice = session.text(".portal-data .notice.error").await;
    assert!(notice.contains("the browser's storage refused"), "{notice}");
    session.screenshot("flow_disk_full_refused").await;

    for _ in 0..2 {
        let org = session.organization_id("Acme Production").await;
        open(&session, &format!("/settings/organizations/{org}/users")).await;
        user_row(&session, "dana.admin@acme.example").await;
        // None of the import's 20,000 users, on any page of the list.
        session
            .type_into(".user-filter input", "@bulk.example")
            .await;
        session
            .wait_for_text(".user-empty", "No user's email or role matches the filter.")
            .await;
        session.client.refresh().await.unwrap();
        session.ready().await;
    }
    session.close().await;
}

/// Invites someone, finds the invitation in the organization's Email outbox, follows its link,
/// continues as the invitee and accepts: they are active, with a personal organization of their
/// own.
async fn invitation_accepted_through_the_outbox(session: &Session, org: &str) {
    let walker = "walk.new@acme.example";
    invite(session, org, walker, walker).await;
    open(session, &format!("/settings/organizations/{org}/emails")).await;
    session
        .wait_for_text(".outbox", "To walk.new@acme.example")
        .await;
    session.screenshot("flow_email_outbox").await;
    session
        .click_at("//li[contains(@class,'email')][.//strong[normalize-space()='walk.new@acme.example']]//a[normalize-space()='Open the invitation']")
        .await;
    assert_eq!(session.heading().await, "Accept Invitation");
    session.press("", "Continue as walk.new@acme.example").await;
    session.press("", "Accept Invitation").await;
    session
        .wait_for_text("main", "You joined Acme Production")
        .await;
    // A new page load acts as the first administrator again: sign in as the invitee.
    open(session, "/organizations").await;
    act_as(session, "walk.new@acme.example").await;
    session
        .wait_for_text(".organization-list", "walk.new's Organization")
        .await;
}

/// Edit Role shows, before Save, who would lose a permission unticked, and Cancel keeps the role
/// as it was.
async fn impact_before_saving_a_role(session: &Session, org: &str) {
    open(session, &format!("/settings/organizations/{org}/roles")).await;
    session
        .press("", "More actions for Orders Keyspace Editor")
        .await;
    session
        .press(
            "//details[summary[@aria-label='More actions for Orders Keyspace Editor']]",
            "Edit Role",
        )
        .await;
    session
        .wait_for_text(".impact", "No user or application token gains or loses")
        .await;
    set_checked(
        session,
        "//dialog[@open]//input[@name='permissions'][@value='db-table-modify']",
        false,
    )
    .await;
    session
        .wait_for_text(".impact-principals", "tom.orders@acme.example")
        .await;
    session
        .wait_for_text(".impact-loses", "db-table-modify")
        .await;
    session.screenshot("flow_role_impact").await;
    session.press("//dialog[@open]", "Cancel").await;
}

/// Generates a token that expires in 7 days, fills in its environment block for the orders
/// database (seeds 001 and 002, "Set environment variables") and copies it; after a reload the
/// token list shows its expiry, flagged.
async fn token_with_an_expiry_and_its_environment(session: &Session, org: &str) {
    open(session, &format!("/settings/organizations/{org}/tokens")).await;
    choose(
        session,
        "//section[contains(@class,'token-generator')]//select[not(@id='token-expiry')]",
        "Read Only User",
    )
    .await;
    choose(session, "//select[@id='token-expiry']", "7 days").await;
    session
        .type_into(".token-generator input[type=text]", "walk token")
        .await;
    session
        .press("//*[contains(@class,'token-generator')]", "Generate Token")
        .await;
    let client_id = session.text("code[data-field='client-id']").await;
    choose(
        session,
        "//section[contains(@class,'token-environment')]//select[@name='database']",
        "orders",
    )
    .await;
    session
        .wait_for_text(
            "code[data-field='environment']",
            "ASTRA_DB_APPLICATION_TOKEN=AstraCS:",
        )
        .await;
    let block = session.text("code[data-field='environment']").await;
    assert!(block.contains("ASTRA_DB_KEYSPACE="), "{block}");
    session.press("", "Copy environment variables").await;
    session.wait_for_text(".token-environment", "Copied").await;
    session.screenshot("flow_token_environment").await;

    session.client.refresh().await.unwrap();
    session.ready().await;
    let row = format!(".token-list tr[data-client-id='{client_id}']");
    session.wait_for_text(&row, "walk token").await;
    session.wait_for_text(&row, "Expires within 7 days").await;
}

/// Opens the orders database's Access list from the Databases page, sees a range with host bits
/// refused beside its field, and adds the office's range.
async fn access_list_entry(session: &Session, org: &str) {
    open(session, &format!("/settings/organizations/{org}/databases")).await;
    session.press("", "Access list of orders").await;
    session.press("", "Add Address").await;
    session
        .type_into("dialog[open] input[name=address]", "137.187.23.10/24")
        .await;
    session
        .type_into("dialog[open] input[name=description]", "office")
        .await;
    session.press("//dialog[@open]", "Add Address").await;
    session
        .wait_for_text("dialog[open] .field-error", "137.187.23.0/24")
        .await;
    session.screenshot("flow_access_list_refused").await;
    session
        .type_into("dialog[open] input[name=address]", "137.187.23.0/24")
        .await;
    session.press("//dialog[@open]", "Add Address").await;
    session
        .wait_for_text(".access-list tbody", "137.187.23.0/24")
        .await;
    session.wait_for_text(".access-list tbody", "office").await;
}

/// Seeds 000, 001, 002 and 004 around access, as a person meets them.
#[tokio::test]
async fn a_person_walks_through_access_tokens_access_lists_invitations_and_a_roles_impact() {
    let session = Session::start().await;
    let org = session.organization_id("Acme Production").await;
    token_with_an_expiry_and_its_environment(&session, &org).await;
    access_list_entry(&session, &org).await;
    invitation_accepted_through_the_outbox(&session, &org).await;
    act_as(&session, "dana.admin@acme.example").await;
    impact_before_saving_a_role(&session, &org).await;
    session.close().await;
}

/// Presses `opener`, types `text` into the dialog's field named `field`, and presses `action` in
/// the dialog.
async fn one_field_dialog(session: &Session, opener: &str, field: &str, text: &str, action: &str) {
    session.press("", opener).await;
    session
        .type_into(&format!("dialog[open] input[name={field}]"), text)
        .await;
    session.press("//dialog[@open]", action).await;
}

/// Acme Production's Estimated Bill shows each database with its total cost (seed 001), and its
/// newest invoice opens as a page.
async fn estimated_bill_and_an_invoice(session: &Session, org: &str) {
    open(session, &format!("/settings/organizations/{org}/billing")).await;
    session
        .wait_for_text(".billing-estimate .database-costs", "orders")
        .await;
    session
        .wait_for_text(".billing-estimate .bill-total", "Estimated total: USD ")
        .await;
    session.screenshot("flow_estimated_bill").await;
    session
        .click_at("(//table[contains(@class,'invoices')]//a[normalize-space(.)='View'])[1]")
        .await;
    session.wait_for_text(".invoice", "Total due").await;
    session
        .wait_for_text(".invoice .database-costs", "orders")
        .await;
    session.screenshot("flow_invoice").await;
}

/// In Dana's own organization (Free): a card added, the plan changed to Pay As You Go (seed 001:
/// it needs a payment method first), a new database given a private endpoint; removing the card
/// is refused with a link to where the endpoint is turned off ("Click the link for each premium
/// feature"), it is rejected there, and then the card is removed.
async fn plan_changed_and_card_removed_once_the_endpoint_is_off(session: &Session, org: &str) {
    let billing = format!("/settings/organizations/{org}/billing");
    open(session, &billing).await;
    session.press("", "Add Payment Method").await;
    session
        .type_into("dialog[open] input[name=brand]", "Visa")
        .await;
    session
        .type_into("dialog[open] input[name=last4]", "4242")
        .await;
    session
        .type_into("dialog[open] input[name=expires]", "09/30")
        .await;
    session
        .press("//dialog[@open]", "Save Payment Method")
        .await;
    session.wait_for_text(".billing-payment", "•••• 4242").await;
    session.press("", "Manage").await;
    choose(
        session,
        "//dialog[@open]//select[@name='plan']",
        "Pay As You Go",
    )
    .await;
    session.press("//dialog[@open]", "Change Plan").await;
    session
        .wait_for_text(".billing-estimate", "on the Pay As You Go plan")
        .await;

    open(session, &format!("/settings/organizations/{org}/databases")).await;
    session.press("", "Create Database").await;
    let field =
        |n: usize, control: &str| format!("dialog[open] form > label:nth-of-type({n}) {control}");
    session.type_into(&field(1, "input"), "walk-db").await;
    session.type_into(&field(4, "input"), "walk").await;
    session.press("//dialog[@open]", "Create Database").await;
    session
        .wait_for_text("tr[data-database='walk-db'] .database-status", "ACTIVE")
        .await;
    session.press("", "Private endpoints of walk-db").await;
    let principal = "arn:aws:iam::123456789012:role/walk";
    one_field_dialog(
        session,
        "Add Principal in us-east-1",
        "principal",
        principal,
        "Add Principal",
    )
    .await;
    let endpoint = "vpce-0a1b2c3d4e5f67890";
    one_field_dialog(
        session,
        "Accept Endpoint in us-east-1",
        "endpoint",
        endpoint,
        "Accept Endpoint",
    )
    .await;
    session
        .wait_for_text("main", "vpce-0a1b2c3d4e5f67890")
        .await;

    open(session, &billing).await;
    session
        .press("//section[contains(@class,'billing-payment')]", "Remove")
        .await;
    session
        .wait_for_text(
            "dialog[open] .premium-feature-links",
            "Private endpoint on walk-db",
        )
        .await;
    session.screenshot("flow_removal_blocked").await;
    session
        .click_at("//dialog[@open]//*[contains(@class,'premium-feature-links')]//a")
        .await;
    session.press("", "Reject vpce-0a1b2c3d4e5f67890").await;
    session.press("//dialog[@open]", "Reject Endpoint").await;
    session
        .wait_for_text("main", "Rejected the endpoint vpce-0a1b2c3d4e5f67890")
        .await;
    session
        .until_true(
            "return !document.querySelector(\"tr[data-endpoint='vpce-0a1b2c3d4e5f67890']\")",
            "the endpoint's row to be gone",
        )
        .await;

    open(session, &billing).await;
    session
        .press("//section[contains(@class,'billing-payment')]", "Remove")
        .await;
    session
        .press("//dialog[@open]", "Remove Payment Method")
        .await;
    session
        .wait_for_text(".billing-payment", "No payment method on file.")
        .await;
    session.screenshot("flow_card_removed").await;
}

/// Seed 001's Billing as a person meets it: the Estimated Bill and an invoice, a plan change, and
/// a card removed once the premium feature that held it is turned off.
#[tokio::test]
async fn a_person_changes_the_plan_reads_the_bill_and_removes_the_card_once_a_private_endpoint_is_off(
) {
    let session = Session::start().await;
    let production = session.organization_id("Acme Production").await;
    estimated_bill_and_an_invoice(&session, &production).await;
    let own = session
        .organization_id_on("/organizations", "Dana's Organization")
        .await;
    plan_changed_and_card_removed_once_the_endpoint_is_off(&session, &own).await;
    session.close().await;
}
