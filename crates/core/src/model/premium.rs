//! The premium features an organization uses, read off its databases (seed 001, "Removing a
//! Payment Method": "A premium feature, such as multi-region or private endpoints, is optionally
//! applied to a resource"): a database running in more than one region is Multi-region, and each
//! region with a private endpoint is a Private endpoint. They block removing the payment method
//! and moving to the Free plan until they are turned off where they were turned on.

use super::{Database, State};
use crate::pricing::billing::{PremiumFeature, PremiumKind};

/// The organization's premium features, database by database (a database being terminated uses
/// none).
pub fn premium_features(state: &State, org: &str) -> Vec<PremiumFeature> {
    state
        .databases
        .values()
        .filter(|db| db.org_id == org && !db.is_terminating())
        .flat_map(of_database)
        .collect()
}

fn of_database(db: &Database) -> Vec<PremiumFeature> {
    let active = db.active_datacenters();
    let mut features = Vec::new();
    if active.len() > 1 {
        features.push(PremiumFeature {
            feature: "Multi-region".into(),
            resource: db.name.clone(),
            kind: PremiumKind::MultiRegion,
            database_id: db.id.clone(),
            datacenter_id: None,
        });
    }
    for dc in &active {
        if !db.private_link(&dc.id).endpoints.is_empty() {
            features.push(PremiumFeature {
                feature: "Private endpoint".into(),
                resource: format!("{} in {}", db.name, dc.region),
                kind: PremiumKind::PrivateEndpoint,
                database_id: db.id.clone(),
                datacenter_id: Some(dc.id.clone()),
            });
        }
    }
    features
}
