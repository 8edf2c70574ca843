use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::pages::{
    access::Access, emails::Emails, enterprise, invitation::Invitation,
    manage_organizations::ManageOrganizations, not_found::NotFound, organization, pricing::Pricing,
    usage::Usage,
};
use crate::portal::{Config, Portal, Status};
use crate::shell::header::Header;
use crate::shell::new_build::NewBuild;
use crate::shell::portal_status::PortalStatus;
use crate::shell::route_change::RouteChange;
use crate::shell::settings_nav::SettingsNav;
use crate::shell::skip_link::SkipLink;

/// The whole portal: header, settings navigation and the page of the current route.
#[component]
pub fn App(
    /// Where the state lives (tests give each suite a database of its own); the page's own by
    /// default.
    #[prop(optional)]
    config: Config,
) -> impl IntoView {
    let portal = Portal::start(config);
    view! {
        <Router>
            <SkipLink/>
            <RouteChange/>
            <Header/>
            <div class="layout">
                <SettingsNav/>
                <main id="main" tabindex="-1" data-portal-ready=move || (portal.status() == Status::Ready).then_some("")>
                    {config.offline.then(|| view! { <NewBuild/> })}
                    <PortalStatus/>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/settings/enterprise/overview"/> }/>
                        <ParentRoute path=path!("/settings/enterprise") view=Outlet>
                            <Route path=path!("") view=|| view! { <Redirect path="overview"/> }/>
                            <Route path=path!("general") view=enterprise::general::General/>
                            <Route path=path!("overview") view=enterprise::overview::Overview/>
                            <Route path=path!("users") view=enterprise::users::Users/>
                            <Route path=path!("roles") view=enterprise::roles::Roles/>
                            <Route path=path!("tokens") view=enterprise::tokens::Tokens/>
                            <Route path=path!("billing") view=enterprise::billing::Billing/>
                            <Route path=path!("audit") view=enterprise::audit::Audit/>
                            <Route path=path!("emails") view=Emails/>
                        </ParentRoute>
                        <ParentRoute path=path!("/settings/organizations/:org") view=Outlet>
                            <Route path=path!("") view=|| view! { <Redirect path="general"/> }/>
                            <Route path=path!("general") view=organization::general::General/>
                            <Route path=path!("users") view=organization::users::Users/>
                            <Route path=path!("roles") view=organization::roles::Roles/>
                            <Route path=path!("tokens") view=organization::tokens::Tokens/>
                            <Route path=path!("billing") view=organization::billing::Billing/>
                            <Route path=path!("billing/invoices/:month") view=organization::invoice::Invoice/>
                            <Route path=path!("databases") view=organization::databases::Databases/>
                            <Route path=path!("databases/:db/access-list") view=organization::access_list::AccessList/>
                            <Route path=path!("databases/:db/regions") view=organization::regions::Regions/>
                            <Route path=path!("databases/:db/private-endpoints") view=organization::private_endpoints::PrivateEndpoints/>
                            <Route path=path!("customer-keys") view=organization::customer_keys::CustomerKeys/>
                            <Route path=path!("audit") view=organization::audit::Audit/>
                            <Route path=path!("emails") view=Emails/>
                        </ParentRoute>
                        <Route path=path!("/pricing") view=Pricing/>
                        <Route path=path!("/usage") view=Usage/>
                        <Route path=path!("/access") view=Access/>
                        <Route path=path!("/organizations") view=ManageOrganizations/>
                        <Route path=path!("/invitation/:user/organization/:org") view=Invitation/>
                        <Route path=path!("/invitation/:user/enterprise") view=Invitation/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
