//! The organization's months as bills, asked of the core as its backend answers them: the
//! Estimated Bill of the month under way and an invoice for each closed month.

use leptos::prelude::*;
use portal_core::api::handlers::invoices::months_of;
use portal_core::pricing::invoice::Invoice;

use crate::clock::now;
use crate::portal::use_portal;

/// Every month of `org` up to the one under way, oldest first, or why they can't be priced.
pub fn use_months(org: Signal<String>) -> Memo<Option<Result<Vec<Invoice>, String>>> {
    let portal = use_portal();
    Memo::new(move |_| {
        let state = portal.state()?;
        Some(months_of(&state, &org.get(), now()).map_err(|e| e.to_string()))
    })
}
