//! Refusals: `{"errors":[{"ID": <int>, "message": "..."}]}` with a 4xx status. IDs are part of
//! the wire contract: 1xxx are the backend's, 2xxx the usage endpoints' (`usage::violation`).
//! Never renumber one; only add.

use serde::{Deserialize, Serialize};

use super::request::Response;
use crate::usage::Violations;

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorId {
    /// 400: the body is not JSON.
    MalformedJson,
    /// 400: a field is missing, of the wrong type or has a value that can't be used.
    InvalidField,
    /// 404: no such endpoint.
    UnknownRoute,
    /// 405: the endpoint exists, not with this method.
    MethodNotAllowed,
    /// 413: the body is larger than the server accepts.
    BodyTooLarge,
    /// 408: the body did not arrive in time; the connection is not held for a slow sender.
    RequestTimeout,
    /// 422: a name in the path that can't be what it names, such as a keyspace name that isn't a
    /// CQL identifier (the spec's UnprocessableEntity for addKeyspace and dropKeyspace).
    Unprocessable,
    /// 401: no token, a malformed one, or one that isn't known.
    Unauthenticated,
    /// 403: the principal lacks a permission (the message names it).
    Forbidden,
    /// 429: the token made more requests than its rate limit allows; Retry-After says when.
    TooManyRequests,
    /// 404: the organization, user, role, token, database or report doesn't exist (or isn't
    /// visible to the principal).
    NotFound,
    /// 409: the name is already used.
    NameTaken,
    /// 409: the change would leave no Organization Administrator or Enterprise Administrator.
    LastAdministrator,
    /// 400: default roles can't be edited or deleted.
    DefaultRole,
    /// 400: the typed confirmation doesn't match.
    ConfirmationMismatch,
    /// 409: a default (personal) organization can't be deleted or be in an enterprise.
    DefaultOrganization,
    /// 400: a role that isn't available where it's being assigned.
    RoleNotAvailable,
    /// 400: an email address that isn't one.
    InvalidEmail,
    /// 409: the operation needs a pending invitation (or an active membership) that isn't there.
    InvitationState,
    /// 409: the payment method can't be removed yet (seed 001's prerequisites).
    PaymentMethodRemoval,
    /// 409: the organization still has databases.
    OrganizationNotEmpty,
    /// 409: the plan can't be changed yet (a payment method to add, premium features to remove,
    /// a balance or a commitment to see through).
    PlanChange,
    /// 409: the edit was based on an older version of a record someone else changed since.
    StaleEdit,
    /// 409: the database is not ACTIVE (being created, changing a keyspace, or terminated).
    DatabaseNotActive,
    /// 400: the organization already has a customer key for the provider and region (seed 001:
    /// "one per region"; the spec's CreateKey documents 400 and no 409).
    CustomerKeyExists,
    /// 400: a premium feature (another region, a private endpoint) asked for on the Free plan
    /// (seed 001: "Multiple regions is available on only pay as you go and annual plans").
    PremiumNeedsPlan,
    /// 409: the region can't be terminated as it is (the primary one, one already terminated, one
    /// with private endpoints).
    DatacenterState,
    /// 409: the private link already has what was asked for (the endpoint, every principal).
    PrivateLinkConflict,
    /// 503: the storage refused the write; nothing changed.
    StorageFailed,
}

impl ErrorId {
    pub const ALL: [ErrorId; 29] = [
        ErrorId::MalformedJson,
        ErrorId::InvalidField,
        ErrorId::UnknownRoute,
        ErrorId::MethodNotAllowed,
        ErrorId::BodyTooLarge,
        ErrorId::RequestTimeout,
        ErrorId::Unprocessable,
        ErrorId::Unauthenticated,
        ErrorId::Forbidden,
        ErrorId::TooManyRequests,
        ErrorId::NotFound,
        ErrorId::NameTaken,
        ErrorId::LastAdministrator,
        ErrorId::DefaultRole,
        ErrorId::ConfirmationMismatch,
        ErrorId::DefaultOrganization,
        ErrorId::RoleNotAvailable,
        ErrorId::InvalidEmail,
        ErrorId::InvitationState,
        ErrorId::PaymentMethodRemoval,
        ErrorId::OrganizationNotEmpty,
        ErrorId::PlanChange,
        ErrorId::StaleEdit,
        ErrorId::DatabaseNotActive,
        ErrorId::CustomerKeyExists,
        ErrorId::PremiumNeedsPlan,
        ErrorId::DatacenterState,
        ErrorId::PrivateLinkConflict,
        ErrorId::StorageFailed,
    ];

    pub const fn code(self) -> u32 {
        match self {
            ErrorId::MalformedJson => 1001,
            ErrorId::InvalidField => 1002,
            ErrorId::UnknownRoute => 1003,
            ErrorId::MethodNotAllowed => 1004,
            ErrorId::BodyTooLarge => 1005,
            ErrorId::Unprocessable => 1006,
            ErrorId::RequestTimeout => 1007,
            ErrorId::Unauthenticated => 1101,
            ErrorId::Forbidden => 1102,
            ErrorId::TooManyRequests => 1103,
            ErrorId::NotFound => 1201,
            ErrorId::NameTaken => 1301,
            ErrorId::LastAdministrator => 1302,
            ErrorId::DefaultRole => 1303,
            ErrorId::ConfirmationMismatch => 1304,
            ErrorId::DefaultOrganization => 1305,
            ErrorId::RoleNotAvailable => 1306,
            ErrorId::InvalidEmail => 1307,
            ErrorId::InvitationState => 1308,
            ErrorId::PaymentMethodRemoval => 1309,
            ErrorId::OrganizationNotEmpty => 1310,
            ErrorId::StaleEdit => 1311,
            ErrorId::DatabaseNotActive => 1312,
            ErrorId::PlanChange => 1313,
            ErrorId::CustomerKeyExists => 1314,
            ErrorId::PremiumNeedsPlan => 1315,
            ErrorId::DatacenterState => 1316,
            ErrorId::PrivateLinkConflict => 1317,
            ErrorId::StorageFailed => 1401,
        }
    }

    pub const fn status(self) -> u16 {
        match self {
            ErrorId::MalformedJson
            | ErrorId::InvalidField
            | ErrorId::DefaultRole
            | ErrorId::ConfirmationMismatch
            | ErrorId::RoleNotAvailable
            | ErrorId::InvalidEmail
            | ErrorId::CustomerKeyExists
            | ErrorId::PremiumNeedsPlan => 400,
            ErrorId::Unauthenticated => 401,
            ErrorId::Forbidden => 403,
            ErrorId::UnknownRoute | ErrorId::NotFound => 404,
            ErrorId::MethodNotAllowed => 405,
            ErrorId::RequestTimeout => 408,
            ErrorId::BodyTooLarge => 413,
            ErrorId::Unprocessable => 422,
            ErrorId::TooManyRequests => 429,
            ErrorId::NameTaken
            | ErrorId::LastAdministrator
            | ErrorId::DefaultOrganization
            | ErrorId::InvitationState
            | ErrorId::PaymentMethodRemoval
            | ErrorId::OrganizationNotEmpty
            | ErrorId::PlanChange
            | ErrorId::StaleEdit
            | ErrorId::DatabaseNotActive
            | ErrorId::DatacenterState
            | ErrorId::PrivateLinkConflict => 409,
            ErrorId::StorageFailed => 503,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEntry {
    #[serde(rename = "ID")]
    pub id: u32,
    pub message: String,
}

/// A refusal: its status and one entry per thing that was wrong. It reads back from its own
/// JSON (see `Response::refusal`), so that the page and clients show the core's entries rather
/// than picking strings out of a body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: u16,
    pub errors: Vec<ErrorEntry>,
}

impl ApiError {
    pub fn new(id: ErrorId, message: impl Into<String>) -> ApiError {
        ApiError {
            status: id.status(),
            errors: vec![ErrorEntry {
                id: id.code(),
                message: message.into(),
            }],
        }
    }

    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError::new(
            ErrorId::NotFound,
            format!("{what} '{id}' was not found: check the ID, or list them to find it"),
        )
    }

    pub fn into_response(self) -> Response {
        Response::json(self.status, &self)
    }

    /// The first entry's ID (handy in tests).
    pub fn id(&self) -> u32 {
        self.errors.first().map_or(0, |e| e.id)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<&str> = self.errors.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join("; "))
    }
}

/// The usage endpoints' violations keep their own IDs: 400 when the request can be fixed, 409 when
/// the data is in the way.
impl From<Violations> for ApiError {
    fn from(violations: Violations) -> ApiError {
        let status = if violations.iter().all(|v| v.kind.is_bad_request()) {
            400
        } else {
            409
        };
        ApiError {
            status,
            errors: bounded(
                violations
                    .iter()
                    .map(|v| ErrorEntry {
                        id: v.code(),
                        message: v.message.clone(),
                    })
                    .collect(),
            ),
        }
    }
}

/// The most error entries one answer lists: a request with thousands of mistakes gets the
/// first ones and a count, not megabytes of the same advice.
pub const MAX_ERRORS: usize = 50;

/// The first [`MAX_ERRORS`] entries, and one more that counts the rest (with the ID of the
/// last one listed).
pub fn bounded(mut errors: Vec<ErrorEntry>) -> Vec<ErrorEntry> {
    if errors.len() > MAX_ERRORS {
        let more = errors.len() - MAX_ERRORS;
        errors.truncate(MAX_ERRORS);
        let id = errors[MAX_ERRORS - 1].id;
        errors.push(ErrorEntry {
            id,
            message: format!("and {more} more like these: correct the ones above and send again"),
        });
    }
    errors
}

#[cfg(test)]
mod bound_tests {
    use super::*;

    #[test]
    fn a_long_error_list_keeps_the_first_fifty_and_counts_the_rest() {
        let entry = |i: usize| ErrorEntry {
            id: 2001,
            message: format!("mistake {i}"),
        };
        let errors = bounded((0..3_962).map(entry).collect());
        assert_eq!(errors.len(), MAX_ERRORS + 1);
        assert_eq!(errors[49].message, "mistake 49");
        assert_eq!(
            errors[50].message,
            "and 3912 more like these: correct the ones above and send again"
        );
        assert_eq!(bounded((0..3).map(entry).collect()).len(), 3);
    }
}
