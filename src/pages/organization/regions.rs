//! A database's Regions, reached from the Databases page and from each Multi-region premium
//! feature of the Billing page (seed 001, "Multiple regions").

use leptos::prelude::*;

use crate::features::databases::settings::DatabaseSettings;
use crate::features::regions::list::RegionList;
use crate::features::regions::target;

#[component]
pub fn Regions() -> impl IntoView {
    view! {
        <DatabaseSettings
            title="Regions"
            intro="The regions a database runs in, its primary region first. Multiple regions is available on only pay as you go and annual plans."
            what="The regions list"
            read=target
            body=|database, _| view! { <RegionList database/> }.into_any()
        />
    }
}
