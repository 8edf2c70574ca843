//! The query parameters of `GET /v2/databases`, as the spec's listDatabases types them.

use chrono::{DateTime, Utc};

use super::CLOUD_PROVIDERS;
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Request;
use crate::model::{Database, DatabaseStatus};

/// The list's query parameters, as the spec types them; a value it doesn't take is a 400 that
/// names the parameter and what it takes.
pub(super) struct ListQuery<'a> {
    include: Include,
    /// `None` for every provider (`ALL`).
    provider: Option<&'static str>,
    pub limit: usize,
    pub after: Option<&'a str>,
}

#[derive(Copy, Clone)]
enum Include {
    NonTerminated,
    All,
    Only(DatabaseStatus),
    /// One of the spec's statuses (parked, resizing, ...) that no database of the portal is in.
    Never,
}

/// The spec's default page.
const LIMIT_DEFAULT: usize = 25;
const LIMIT_MAX: usize = 100;

impl<'a> ListQuery<'a> {
    pub fn of(request: &'a Request) -> Result<ListQuery<'a>, ApiError> {
        let invalid = |name: &str, value: &str, takes: String| {
            ApiError::new(
                ErrorId::InvalidField,
                format!("query parameter '{name}' is invalid: '{value}' is not {takes}"),
            )
        };
        let mut query = ListQuery {
            include: Include::NonTerminated,
            provider: None,
            limit: LIMIT_DEFAULT,
            after: None,
        };
        for (name, value) in &request.query {
            match name.as_str() {
                "include" => {
                    query.include = match value.to_ascii_lowercase().as_str() {
                        "nonterminated" => Include::NonTerminated,
                        "all" => Include::All,
                        wanted => {
                            let status = DatabaseStatus::ALL
                                .into_iter()
                                .find(|s| s.as_str().eq_ignore_ascii_case(wanted));
                            match status {
                                Some(status) => Include::Only(status),
                                None if INCLUDE_OTHERS.contains(&wanted) => Include::Never,
                                None => {
                                    let statuses = DatabaseStatus::ALL
                                        .map(|s| s.as_str().to_ascii_lowercase());
                                    let takes = format!(
                                        "a status the spec lists (nonterminated, all, {}, {})",
                                        statuses.join(", "),
                                        INCLUDE_OTHERS.join(", ")
                                    );
                                    return Err(invalid(name, value, takes));
                                }
                            }
                        }
                    }
                }
                "provider" => {
                    query.provider = match value.to_ascii_uppercase().as_str() {
                        "ALL" => None,
                        wanted => Some(
                            CLOUD_PROVIDERS
                                .into_iter()
                                .find(|p| *p == wanted)
                                .ok_or_else(|| {
                                    invalid(name, value, "ALL, GCP, AWS or Azure".to_owned())
                                })?,
                        ),
                    }
                }
                "limit" => {
                    query.limit = value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=LIMIT_MAX).contains(n))
                        .ok_or_else(|| {
                            invalid(name, value, format!("a whole number from 1 to {LIMIT_MAX}"))
                        })?
                }
                "starting_after" => query.after = Some(value.as_str()),
                _ => {}
            }
        }
        Ok(query)
    }

    pub fn includes(&self, db: &Database, now: DateTime<Utc>) -> bool {
        let by_status = match self.include {
            Include::NonTerminated => !db.is_terminated(now),
            Include::All => true,
            Include::Only(wanted) => db.status(now) == wanted,
            Include::Never => false,
        };
        by_status && self.provider.is_none_or(|p| db.cloud_provider == p)
    }
}

/// The spec's `include` values for statuses no database of the portal is ever in.
const INCLUDE_OTHERS: [&str; 7] = [
    "preparing",
    "prepared",
    "resizing",
    "error",
    "hibernating",
    "hibernated",
    "resuming",
];
