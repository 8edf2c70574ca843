//! seed 001, "Set environment variables" (and seed 002's copy of it): "paste the following
//! environment variables copied for your Astra DB database":
//!
//! ```text
//! export ASTRA_DB_ID=<database_id>
//! export ASTRA_DB_REGION=<database_region>
//! export ASTRA_DB_KEYSPACE=<keyspace_name>
//! export ASTRA_DB_APPLICATION_TOKEN=<app_token>
//! ```

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use portal_core::environment::{environment_block, VARIABLES};
use portal_core::model::{Database, Lifecycle};

const TOKEN: &str = "AstraCS:AbCdEfGhIjKlMnOpQrStUvWx:00ff";

fn database(region: &str, keyspaces: &[&str]) -> Database {
    Database {
        id: "3c0e1f42-7d1a-4c3b-9a55-2f8e6b1d0a77".into(),
        org_id: "org-1".into(),
        owner_id: "u-1".into(),
        name: "orders".into(),
        cloud_provider: "AWS".into(),
        region: region.into(),
        keyspaces: keyspaces
            .iter()
            .map(|k| (k.to_string(), Vec::new()))
            .collect::<BTreeMap<_, _>>(),
        created_at: Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap(),
        tier: "serverless".into(),
        capacity_units: 1,
        db_type: None,
        lifecycle: Lifecycle::Active,
        access_list: Default::default(),
        datacenters: Vec::new(),
        private_links: Default::default(),
    }
}

/// The four variables in the seed's order and spelling, each with the database's ID and region,
/// the keyspace chosen (not the default one) and the token, bare as the seed writes them.
#[test]
fn seed_001_002_set_environment_variables() {
    assert_eq!(
        VARIABLES,
        [
            "ASTRA_DB_ID",
            "ASTRA_DB_REGION",
            "ASTRA_DB_KEYSPACE",
            "ASTRA_DB_APPLICATION_TOKEN"
        ]
    );
    let db = database("eu-west-1", &["inventory", "orders"]);
    assert_eq!(db.default_keyspace(), Some("inventory"));
    assert_eq!(
        environment_block(&db, "orders", TOKEN).unwrap(),
        "export ASTRA_DB_ID=3c0e1f42-7d1a-4c3b-9a55-2f8e6b1d0a77\n\
         export ASTRA_DB_REGION=eu-west-1\n\
         export ASTRA_DB_KEYSPACE=orders\n\
         export ASTRA_DB_APPLICATION_TOKEN=AstraCS:AbCdEfGhIjKlMnOpQrStUvWx:00ff\n"
    );
    assert_eq!(
        environment_block(&db, "archive", TOKEN),
        None,
        "not one of its keyspaces"
    );
}

/// A value a shell would split or expand is pasted in single quotes, a single quote in it
/// closed, escaped and reopened; the others stay bare.
#[test]
fn seed_001_values_a_shell_would_expand_are_quoted() {
    let db = database("us east $HOME", &["orders"]);
    let block = environment_block(&db, "orders", "it's").unwrap();
    assert!(
        block.contains("export ASTRA_DB_REGION='us east $HOME'\n"),
        "{block}"
    );
    assert!(
        block.contains(r"export ASTRA_DB_APPLICATION_TOKEN='it'\''s'"),
        "{block}"
    );
    let empty = environment_block(&db, "orders", "").unwrap();
    assert!(
        empty.ends_with("export ASTRA_DB_APPLICATION_TOKEN=''\n"),
        "{empty}"
    );
}
