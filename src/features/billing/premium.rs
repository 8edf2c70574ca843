//! The premium features an organization uses (seed 001, "Removing a Payment Method": "Click the
//! link for each premium feature [...] to remove them"), each linked to the database page that
//! turns it off: its Regions for Multi-region, its Private endpoints for a private endpoint.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::model::premium::premium_features;
use portal_core::pricing::billing::{PremiumFeature, PremiumKind};

use crate::portal::use_portal;

/// The organization's premium features, derived from its databases as the backend derives them.
pub fn use_premium_features(org: Signal<String>) -> Signal<Vec<PremiumFeature>> {
    let portal = use_portal();
    Signal::derive(move || {
        portal
            .state()
            .map(|state| premium_features(&state, &org.get()))
            .unwrap_or_default()
    })
}

/// Where the feature is turned off.
pub fn turn_off_path(org: &str, feature: &PremiumFeature) -> String {
    let page = match feature.kind {
        PremiumKind::MultiRegion => "regions",
        PremiumKind::PrivateEndpoint => "private-endpoints",
    };
    format!(
        "/settings/organizations/{org}/databases/{}/{page}",
        feature.database_id
    )
}

/// The link to the page that turns the feature off, named for what it does.
#[component]
pub fn TurnOffLink(org: String, feature: PremiumFeature) -> impl IntoView {
    let href = turn_off_path(&org, &feature);
    let label = format!("Remove {} on {}", feature.feature, feature.resource);
    view! { <A href=href attr:class="premium-feature-link">{label}</A> }
}

/// Each premium feature as a link, for the Remove Payment Method dialog.
#[component]
pub fn PremiumFeatureLinks(
    #[prop(into)] org: Signal<String>,
    #[prop(into)] features: Signal<Vec<PremiumFeature>>,
) -> impl IntoView {
    move || {
        let features = features.get();
        (!features.is_empty()).then(|| {
            view! {
                <div class="premium-feature-links">
                    <p>"Remove each premium feature first:"</p>
                    <ul>
                        {features.into_iter().map(|feature| view! {
                            <li><TurnOffLink org=org.get() feature/></li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
