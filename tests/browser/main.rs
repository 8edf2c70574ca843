//! The page in a real Chromium: the shell's routes, the IndexedDB store, two tabs, and each page
//! driven as a person would over a seeded demo state. One test binary for all of them: each
//! binary links the whole app, and linking is most of this layer's time.
#![cfg(target_arch = "wasm32")]

#[path = "../support/mod.rs"]
mod support;

mod access;
mod access_list;
mod billing;
mod clock;
mod connection;
mod customer_keys;
mod database_pages;
mod dialogs;
mod early_read;
mod indexed_db;
mod keyboard;
mod organizations;
mod outbox;
mod pricing;
mod reload;
mod roles;
mod shell;
mod tokens;
mod two_tabs;
mod usage;
mod users;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
