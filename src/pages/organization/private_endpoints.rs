//! A database's Private endpoints, reached from the Databases page and from each Private endpoint
//! premium feature of the Billing page (seed 001, "Private endpoints").

use leptos::prelude::*;

use crate::features::databases::settings::DatabaseSettings;
use crate::features::private_endpoints::list::PrivateEndpointList;
use crate::features::private_endpoints::target;

#[component]
pub fn PrivateEndpoints() -> impl IntoView {
    view! {
        <DatabaseSettings
            title="Private endpoints"
            intro="Each region's endpoint service: the cloud accounts allowed to connect to it, and the endpoints accepted into it. Private endpoints are charged per endpoint per region."
            what="The private endpoints list"
            read=target
            body=|database, name| view! { <PrivateEndpointList database name/> }.into_any()
        />
    }
}
