//! The audit log: who changed what, newest first, for an organization (seed 004, "Read Audits
//! (org-audits-read): Download organization audit logs") or the enterprise.
//!
//! Both logs take the same filters: `actor` (an ID, or part of the name in any letter case),
//! `action` (a prefix such as `role.`), `from` and `to` (RFC 3339 instants, `from` inclusive,
//! `to` exclusive) and `limit` (1 to 1000, 100 unless given); `format=csv` answers the same
//! entries as a CSV file for spreadsheets.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{unchanged, Call, Handled};
use crate::api::access::{self};
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::{Body, Request, Response};
use crate::api::Context;
use crate::model::audit::write_csv;
use crate::model::{AuditEntry, Scope, State};
use crate::time::parse_rfc3339;
use crate::validation::AUDIT_LOG_LIMIT_MAX;

const DEFAULT_LIMIT: usize = 100;

/// How the entries are answered: JSON (the default) or a CSV file.
#[derive(PartialEq, Eq)]
enum Format {
    Json,
    Csv,
}

impl Format {
    fn parse(request: &Request) -> Result<Format, ApiError> {
        match given(request, "format") {
            None | Some("json") => Ok(Format::Json),
            Some("csv") => Ok(Format::Csv),
            Some(other) => Err(invalid(
                "format",
                format!("'{other}' is not a format: use json or csv"),
            )),
        }
    }
}

/// The query's filters, checked.
struct Filter {
    actor: Option<String>,
    action: Option<String>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    limit: usize,
}

#[derive(Serialize)]
struct AuditLog<'a> {
    entries: Vec<&'a AuditEntry>,
}

fn invalid(parameter: &str, problem: String) -> ApiError {
    ApiError::new(
        ErrorId::InvalidField,
        format!("query parameter '{parameter}' is invalid: {problem}"),
    )
}

/// A parameter's value; an empty one (`?actor=`) is no filter.
fn given<'r>(request: &'r Request, parameter: &str) -> Option<&'r str> {
    request
        .query(parameter)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn instant(request: &Request, parameter: &str) -> Result<Option<DateTime<Utc>>, ApiError> {
    given(request, parameter)
        .map(|text| {
            parse_rfc3339(text).map_err(|e| {
                invalid(
                    parameter,
                    format!(
                        "'{text}' is not an RFC 3339 instant ({e}): write it like \
                         2025-06-01T00:00:00Z"
                    ),
                )
            })
        })
        .transpose()
}

fn limit(request: &Request) -> Result<usize, ApiError> {
    let Some(text) = given(request, "limit") else {
        return Ok(DEFAULT_LIMIT);
    };
    text.parse::<usize>()
        .ok()
        .filter(|n| (1..=AUDIT_LOG_LIMIT_MAX).contains(n))
        .ok_or_else(|| {
            invalid(
                "limit",
                format!("'{text}' is not a whole number from 1 to {AUDIT_LOG_LIMIT_MAX}"),
            )
        })
}

impl Filter {
    fn parse(request: &Request) -> Result<Filter, ApiError> {
        let filter = Filter {
            actor: given(request, "actor").map(str::to_owned),
            action: given(request, "action").map(str::to_owned),
            from: instant(request, "from")?,
            to: instant(request, "to")?,
            limit: limit(request)?,
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if from >= to {
                return Err(invalid(
                    "to",
                    format!("{to} is not after 'from' ({from}): give a 'to' later than 'from'"),
                ));
            }
        }
        Ok(filter)
    }

    fn matches(&self, entry: &AuditEntry) -> bool {
        let actor = self.actor.as_deref().is_none_or(|wanted| {
            entry.actor == wanted
                || entry
                    .actor_name
                    .to_lowercase()
                    .contains(&wanted.to_lowercase())
        });
        let action = self
            .action
            .as_deref()
            .is_none_or(|prefix| entry.action.starts_with(prefix));
        let from = self.from.is_none_or(|from| entry.at >= from);
        let to = self.to.is_none_or(|to| entry.at < to);
        actor && action && from && to
    }
}

/// The entries of `scope` that pass the request's filters, newest first, in the format asked
/// for; the file is named after the log (`organization` or `enterprise`) and the day. Entry IDs
/// are sequence numbers, so the map's last keys are the newest.
fn answer(state: &State, scope: &Scope, request: &Request, ctx: &Context) -> Handled {
    let format = Format::parse(request)?;
    let filter = Filter::parse(request)?;
    let entries: Vec<&AuditEntry> = state
        .audit
        .values()
        .rev()
        .filter(|entry| &entry.scope == scope && filter.matches(entry))
        .take(filter.limit)
        .collect();
    if format == Format::Json {
        return unchanged(Response::ok(AuditLog { entries }));
    }
    let log = match scope {
        Scope::Organization(org) => org.as_str(),
        Scope::Enterprise => "enterprise",
    };
    let body = Body::Csv {
        filename: format!("audit-log-{log}-{}.csv", ctx.now.date_naive()),
        text: write_csv(entries),
    };
    unchanged(Response::new(200, body))
}

/// `GET /v2/organizations/audits`: seed 004, "Read Audits (org-audits-read): Download
/// organization audit logs".
pub fn organization(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let org = access::organization_of(actor)?;
    answer(state, &Scope::Organization(org.to_owned()), request, ctx)
}

/// `GET /v2/enterprises/audits`. The seeds name no audit permission for the enterprise, so its
/// log is for the role that holds every enterprise permission, the Enterprise Administrator.
pub fn enterprise(call: Call, ctx: &mut Context) -> Handled {
    let Call { state, request, .. } = call;
    answer(state, &Scope::Enterprise, request, ctx)
}
