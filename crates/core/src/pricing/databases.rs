//! The estimate of several Serverless databases on one plan: each database's lines as its own
//! Serverless estimate gives them, named after it, and the plan applied once to their sum.

use super::bill::Bill;
use super::estimate_error::EstimateError;
use super::serverless;
use super::workload::DatabasesWorkload;
use super::PriceBook;

/// The most databases one bill prices: an organization's, with room to spare.
const MAX_DATABASES: usize = 10_000;

pub fn estimate(w: &DatabasesWorkload, book: &PriceBook) -> Result<Bill, EstimateError> {
    if w.databases.len() > MAX_DATABASES {
        return Err(EstimateError::at(
            "databases",
            format!(
                "{} databases; the calculator takes {MAX_DATABASES} at most",
                w.databases.len()
            ),
        ));
    }
    let mut lines = Vec::new();
    for (i, (db, label)) in w.databases.iter().zip(labels(w)).enumerate() {
        let mut own = serverless::lines(&db.serverless(w.plan.clone()), book)
            .map_err(|e| e.within(&format!("databases[{i}]")))?;
        for line in &mut own {
            line.database.clone_from(&label);
        }
        lines.extend(own);
    }
    serverless::bill(book, &w.plan, lines)
}

/// How the bill names each database: by its name, and by name and ID where two share a name.
pub fn labels(w: &DatabasesWorkload) -> Vec<String> {
    w.databases
        .iter()
        .map(|db| {
            if w.databases.iter().filter(|o| o.name == db.name).count() > 1 {
                format!("{} ({})", db.name, db.id)
            } else {
                db.name.clone()
            }
        })
        .collect()
}
