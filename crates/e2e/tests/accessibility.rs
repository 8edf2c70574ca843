//! axe-core over every page the settings navigation reaches, the page for an unknown path, and
//! the main dialogs, in the release build on the demo data: a serious or critical violation fails
//! the test, listed with its rule, impact, element and help.

use fantoccini::Locator;
use portal_e2e::Session;

/// Every link of the settings navigation on the page at `path`.
async fn navigation_links(session: &Session, path: &str) -> Vec<String> {
    session.visit(path).await;
    session.ready().await;
    let mut links = Vec::new();
    for link in session
        .client
        .find_all(Locator::Css("nav[aria-label=Settings] a"))
        .await
        .expect("the settings navigation")
    {
        links.push(link.attr("href").await.unwrap().expect("a link's href"));
    }
    links
}

/// Opens the dialog behind the button named `button` on the page at `path`.
async fn open_dialog(session: &Session, path: &str, button: &str) {
    session.visit(path).await;
    session.ready().await;
    session.press("//main", button).await;
    session.find("dialog[open]").await;
}

#[tokio::test]
async fn every_page_and_main_dialog_passes_axe() {
    let session = Session::start().await;
    let org = session.organization_id("Acme Production").await;
    let organization = format!("/settings/organizations/{org}");
    // An organization's page lists the enterprise's pages, its own and the tools.
    let mut pages = navigation_links(&session, &format!("{organization}/general")).await;
    pages.push("/settings/enterprise/no-such-page".to_owned());
    pages.push("/organizations".to_owned());
    let mut violations = Vec::new();
    for path in &pages {
        session.visit(path).await;
        session.ready().await;
        violations.extend(session.accessibility_violations(path).await);
    }

    // The pages reached from others: a database's Access list, Regions and Private endpoints
    // (Acme Staging's has two regions and a private endpoint), an invitation's Accept Invitation.
    let staging = format!(
        "/settings/organizations/{}",
        session.organization_id("Acme Staging").await
    );
    for (path, link) in [
        (format!("{organization}/databases"), "Access list of orders"),
        (format!("{staging}/databases"), "Regions of orders_staging"),
        (
            format!("{staging}/databases"),
            "Private endpoints of orders_staging",
        ),
        (format!("{organization}/emails"), "Open the invitation"),
    ] {
        session.visit(&path).await;
        session.ready().await;
        session.press("//main", link).await;
        session.heading().await;
        violations.extend(session.accessibility_violations(link).await);
    }

    // Add Region, on the Regions page the Databases page links to.
    session.visit(&format!("{staging}/databases")).await;
    session.ready().await;
    session.press("//main", "Regions of orders_staging").await;
    session.heading().await;
    session.press("//main", "Add Region").await;
    session.find("dialog[open]").await;
    violations.extend(session.accessibility_violations("Add Region").await);

    for (path, button) in [
        ("/settings/enterprise/users".to_owned(), "Invite User"),
        (format!("{organization}/roles"), "Add Custom Role"),
        (
            "/settings/enterprise/overview".to_owned(),
            "Create Organization",
        ),
        (format!("{organization}/databases"), "Create Database"),
    ] {
        open_dialog(&session, &path, button).await;
        violations.extend(session.accessibility_violations(button).await);
    }

    session.visit("/settings/enterprise/overview").await;
    session
        .find(".org-switcher summary")
        .await
        .click()
        .await
        .expect("open the organizations menu");
    session.press("//header", "Add Organization").await;
    session.find("dialog[open]").await;
    violations.extend(session.accessibility_violations("Add Organization").await);

    // Generate Token is a form on the page; what it opens is the new token's one showing.
    session.visit(&format!("{organization}/tokens")).await;
    session.ready().await;
    session
        .click_at("//section[contains(@class,'token-generator')]//select/option[normalize-space()='Read Only User']")
        .await;
    session
        .type_into(".token-generator input[type=text]", "axe")
        .await;
    session
        .press("//*[contains(@class,'token-generator')]", "Generate Token")
        .await;
    session.find("code[data-field='secret']").await;
    violations.extend(session.accessibility_violations("Generate Token").await);

    assert!(pages.len() >= 18, "the navigation reached only {pages:?}");
    assert!(
        violations.is_empty(),
        "axe-core found {} serious or critical violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
    session.close().await;
}
