use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::pages::{enterprise, lazy, not_found::NotFound};
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
                            <Route path=path!("general") view=lazy::enterprise_general/>
                            <Route path=path!("overview") view=enterprise::overview::Overview/>
                            <Route path=path!("users") view=lazy::enterprise_users/>
                            <Route path=path!("roles") view=lazy::enterprise_roles/>
                            <Route path=path!("tokens") view=lazy::enterprise_tokens/>
                            <Route path=path!("billing") view=lazy::enterprise_billing/>
                            <Route path=path!("audit") view=lazy::enterprise_audit/>
                            <Route path=path!("emails") view=lazy::emails/>
                        </ParentRoute>
                        <ParentRoute path=path!("/settings/organizations/:org") view=Outlet>
                            <Route path=path!("") view=|| view! { <Redirect path="general"/> }/>
                            <Route path=path!("general") view=lazy::organization_general/>
                            <Route path=path!("users") view=lazy::organization_users/>
                            <Route path=path!("roles") view=lazy::organization_roles/>
                            <Route path=path!("tokens") view=lazy::organization_tokens/>
                            <Route path=path!("billing") view=lazy::organization_billing/>
                            <Route path=path!("billing/invoices/:month") view=lazy::invoice/>
                            <Route path=path!("databases") view=lazy::databases/>
                            <Route path=path!("databases/:db/access-list") view=lazy::access_list/>
                            <Route path=path!("databases/:db/regions") view=lazy::regions/>
                            <Route path=path!("databases/:db/private-endpoints") view=lazy::private_endpoints/>
                            <Route path=path!("customer-keys") view=lazy::customer_keys/>
                            <Route path=path!("audit") view=lazy::organization_audit/>
                            <Route path=path!("emails") view=lazy::emails/>
                        </ParentRoute>
                        <Route path=path!("/pricing") view=lazy::pricing/>
                        <Route path=path!("/usage") view=lazy::usage/>
                        <Route path=path!("/access") view=lazy::access/>
                        <Route path=path!("/organizations") view=lazy::manage_organizations/>
                        <Route path=path!("/invitation/:user/organization/:org") view=lazy::invitation/>
                        <Route path=path!("/invitation/:user/enterprise") view=lazy::invitation/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
