//! The databases of a scope as `GET /v2/databases` lists them to the acting principal.

use chrono::{DateTime, Utc};
use portal_core::api::{ApiError, Method};
use portal_core::model::{Database, Scope, State};
use serde_json::Value;

use crate::portal::Portal;

/// The organization's databases that have not left the list (TERMINATED) and that the actor may
/// view (org-db-view on each), by name; and the refusal of one it may not view, if any. The
/// enterprise has none.
pub fn visible_databases(
    portal: Portal,
    state: &State,
    scope: &Scope,
    now: DateTime<Utc>,
) -> (Vec<Database>, Option<ApiError>) {
    let Some(org) = scope.organization() else {
        return (Vec::new(), None);
    };
    let mut visible = Vec::new();
    let mut refusal = None;
    let listed = state
        .databases
        .values()
        .filter(|db| db.org_id == org && !db.is_terminated(now));
    for database in listed {
        let target = format!("/v2/databases/{}", database.id);
        match portal.permits(scope, Method::Get, &target, &Value::Null) {
            Ok(()) => visible.push(database.clone()),
            Err(why) => refusal = refusal.or(Some(why)),
        }
    }
    visible.sort_by(|a, b| a.name.cmp(&b.name));
    (visible, refusal)
}
