//! IndexedDB in a real Chromium: a record written in one transaction is read back, also after
//! the database is closed and opened again.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const DB: &str = "portal-test-round-trip";
const STORE: &str = "organizations";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Organization {
    id: String,
    name: String,
    users: Vec<String>,
}

async fn open() -> Database {
    Database::open(DB)
        .with_version(1u8)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store(STORE).build()?;
            Ok(())
        })
        .await
        .expect("open the database")
}

#[wasm_bindgen_test]
async fn a_record_survives_a_write_read_round_trip_and_a_reopen() {
    let acme = Organization {
        id: "7d1c5b0e-3f4a-4b8e-9a62-2f0d6c1e8b47".into(),
        name: "Acme Dev".into(),
        users: vec!["ada@example.com".into(), "grace@example.com".into()],
    };

    let db = open().await;
    let tx = db
        .transaction(STORE)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store(STORE).unwrap();
    store
        .put(acme.clone())
        .with_key(acme.id.clone())
        .serde()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.expect("commit");

    let tx = db.transaction(STORE).build().unwrap();
    let read: Option<Organization> = tx
        .object_store(STORE)
        .unwrap()
        .get(acme.id.clone())
        .serde()
        .unwrap()
        .await
        .unwrap();
    assert_eq!(read.as_ref(), Some(&acme));
    drop(tx);
    db.close();

    let db = open().await;
    let tx = db.transaction(STORE).build().unwrap();
    let store = tx.object_store(STORE).unwrap();
    let reopened: Option<Organization> = store.get(acme.id.clone()).serde().unwrap().await.unwrap();
    assert_eq!(reopened, Some(acme));
    let missing: Option<Organization> = store.get("no-such-id").serde().unwrap().await.unwrap();
    assert_eq!(missing, None);
    drop(tx);
    db.close();
    Database::delete_by_name(DB).unwrap().await.unwrap();
}
