//! The pages as the route table shows them: every page but the first one a person sees (the
//! enterprise's Overview) is fetched when first opened (`ui::lazy`), so a first visit downloads
//! the shell, the Overview and the backend, and each other page's code comes with its first use.

use leptos::prelude::*;

use crate::pages::{
    access::Access, emails::Emails, enterprise, invitation::Invitation,
    manage_organizations::ManageOrganizations, organization, pricing::Pricing, usage::Usage,
};
use crate::ui::lazy::lazy_view;

lazy_view!(settings: pub fn enterprise_general() => view! { <enterprise::general::General/> });
lazy_view!(people: pub fn enterprise_users() => view! { <enterprise::users::Users/> });
lazy_view!(people: pub fn enterprise_roles() => view! { <enterprise::roles::Roles/> });
lazy_view!(people: pub fn enterprise_tokens() => view! { <enterprise::tokens::Tokens/> });
lazy_view!(billing: pub fn enterprise_billing() => view! { <enterprise::billing::Billing/> });
lazy_view!(settings: pub fn enterprise_audit() => view! { <enterprise::audit::Audit/> });
lazy_view!(settings: pub fn emails() => view! { <Emails/> });
lazy_view!(settings: pub fn organization_general() => view! { <organization::general::General/> });
lazy_view!(people: pub fn organization_users() => view! { <organization::users::Users/> });
lazy_view!(people: pub fn organization_roles() => view! { <organization::roles::Roles/> });
lazy_view!(people: pub fn organization_tokens() => view! { <organization::tokens::Tokens/> });
lazy_view!(billing: pub fn organization_billing() => view! { <organization::billing::Billing/> });
lazy_view!(billing: pub fn invoice() => view! { <organization::invoice::Invoice/> });
lazy_view!(databases: pub fn databases() => view! { <organization::databases::Databases/> });
lazy_view!(databases: pub fn access_list() => view! { <organization::access_list::AccessList/> });
lazy_view!(databases: pub fn regions() => view! { <organization::regions::Regions/> });
lazy_view!(databases: pub fn private_endpoints() => view! { <organization::private_endpoints::PrivateEndpoints/> });
lazy_view!(databases: pub fn customer_keys() => view! { <organization::customer_keys::CustomerKeys/> });
lazy_view!(settings: pub fn organization_audit() => view! { <organization::audit::Audit/> });
lazy_view!(billing: pub fn pricing() => view! { <Pricing/> });
lazy_view!(billing: pub fn usage() => view! { <Usage/> });
lazy_view!(people: pub fn access() => view! { <Access/> });
lazy_view!(settings: pub fn manage_organizations() => view! { <ManageOrganizations/> });
lazy_view!(people: pub fn invitation() => view! { <Invitation/> });
