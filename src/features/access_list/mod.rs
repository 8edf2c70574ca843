//! A database's IP access list (seeds 001 and 004: Read/Write IP Access List; seed 001, "Manage
//! access list for IP addresses and CIDR"): its entries, the list's switch, and "would this
//! address be allowed?". Every rule (CIDR ranges, duplicates, overlaps, what the list allows) is
//! the core's `model::access_list`; the page sends the spec's Access List requests.

pub mod allow_check;
pub mod entries;
pub mod entry_form;
pub mod switch;

use portal_core::model::AccessAddress;
use serde_json::{json, Value};

/// `/v2/databases/{id}/access-list`, which every request of the page goes to.
pub fn target(database: &str) -> String {
    format!("/v2/databases/{database}/access-list")
}

/// An entry as the spec's AddressRequest writes it.
pub fn address_request(address: &str, enabled: bool, description: &str) -> Value {
    json!({"address": address, "enabled": enabled, "description": description})
}

/// The stored entry, as a request gives it back.
pub fn request_of(entry: &AccessAddress) -> Value {
    address_request(&entry.address, entry.enabled, &entry.description)
}
