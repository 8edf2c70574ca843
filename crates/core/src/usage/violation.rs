//! Request violations: what a caller asked wrong, each with a stable numeric code.
//!
//! The HTTP layer answers a refused request with status 400 and
//! `{"errors":[{"ID": <code>, "message": "<what is wrong and how to fix it>"}]}`, one entry per
//! violated condition (design notes, "Wire contract"). [`Violations`] serializes to exactly that
//! body. Codes are part of the wire contract: never renumber one, only add new ones.

use std::fmt;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

/// The kind of a violated condition. [`ViolationKind::code`] is its stable `ID` on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ViolationKind {
    // --- Request bodies (all usage endpoints) ---
    /// The body is not a JSON object.
    MalformedBody,
    /// A field the endpoint does not know.
    UnknownField,
    /// A field of the wrong JSON type.
    WrongType,

    // --- POST /v2/enterprises/consumption ---
    /// `fromDate` is not an RFC 3339 date-time.
    InvalidFromDate,
    /// `toDate` is not an RFC 3339 date-time.
    InvalidToDate,
    /// `toDate` without `fromDate`.
    MissingFromDate,
    /// `fromDate` without `toDate`.
    MissingToDate,
    /// `fromDate` is not before `toDate`.
    FromDateNotBeforeToDate,
    /// The range is longer than 31 days.
    RangeTooLong,
    /// A date before November 2024.
    BeforeNovember2024,
    /// An organization object without an `orgId` (or an empty one).
    MissingOrgId,
    /// The same organization in two objects.
    DuplicateOrganization,
    /// Several organizations in one object (`orgId` given as an array).
    SeveralOrganizationsInOneObject,
    /// A `productName` that is not serverless, managed_cluster, pcu or streaming.
    UnknownProductName,
    /// A product object without a `productName`.
    MissingProductName,
    /// An empty string among `resourceIds`.
    EmptyResourceId,
    /// The usage to sum is in several currencies (a data problem, not the caller's).
    MixedCurrencies,

    // --- POST /v2/enterprises/billing-reports/generate-report and the report's life ---
    /// `month` is not two digits from 01 to 12.
    InvalidMonth,
    /// `year` is not four digits.
    InvalidYear,
    /// A report month before November 2024.
    ReportBeforeNovember2024,
    /// A report month after the current month.
    ReportInFuture,
    /// A report status change the life cycle does not allow.
    IllegalReportTransition,
    /// The report's CSV was asked for before the report is COMPLETED.
    ReportNotReady,
}

impl ViolationKind {
    /// Every kind, in code order.
    pub const ALL: [ViolationKind; 23] = [
        ViolationKind::MalformedBody,
        ViolationKind::UnknownField,
        ViolationKind::WrongType,
        ViolationKind::InvalidFromDate,
        ViolationKind::InvalidToDate,
        ViolationKind::MissingFromDate,
        ViolationKind::MissingToDate,
        ViolationKind::FromDateNotBeforeToDate,
        ViolationKind::RangeTooLong,
        ViolationKind::BeforeNovember2024,
        ViolationKind::MissingOrgId,
        ViolationKind::DuplicateOrganization,
        ViolationKind::SeveralOrganizationsInOneObject,
        ViolationKind::UnknownProductName,
        ViolationKind::MissingProductName,
        ViolationKind::EmptyResourceId,
        ViolationKind::MixedCurrencies,
        ViolationKind::InvalidMonth,
        ViolationKind::InvalidYear,
        ViolationKind::ReportBeforeNovember2024,
        ViolationKind::ReportInFuture,
        ViolationKind::IllegalReportTransition,
        ViolationKind::ReportNotReady,
    ];

    /// The stable numeric `ID` of this kind on the wire: 20xx request bodies, 21xx-23xx the
    /// consumption query, 24xx billing reports.
    pub const fn code(self) -> u32 {
        match self {
            ViolationKind::MalformedBody => 2001,
            ViolationKind::UnknownField => 2002,
            ViolationKind::WrongType => 2003,
            ViolationKind::InvalidFromDate => 2101,
            ViolationKind::InvalidToDate => 2102,
            ViolationKind::MissingFromDate => 2103,
            ViolationKind::MissingToDate => 2104,
            ViolationKind::FromDateNotBeforeToDate => 2105,
            ViolationKind::RangeTooLong => 2106,
            ViolationKind::BeforeNovember2024 => 2107,
            ViolationKind::MissingOrgId => 2201,
            ViolationKind::DuplicateOrganization => 2202,
            ViolationKind::SeveralOrganizationsInOneObject => 2203,
            ViolationKind::UnknownProductName => 2204,
            ViolationKind::MissingProductName => 2205,
            ViolationKind::EmptyResourceId => 2206,
            ViolationKind::MixedCurrencies => 2301,
            ViolationKind::InvalidMonth => 2401,
            ViolationKind::InvalidYear => 2402,
            ViolationKind::ReportBeforeNovember2024 => 2403,
            ViolationKind::ReportInFuture => 2404,
            ViolationKind::IllegalReportTransition => 2405,
            ViolationKind::ReportNotReady => 2406,
        }
    }

    /// Whether the caller can fix it by changing the request (HTTP 400). The others are
    /// conflicts with the state of the data: [`ViolationKind::MixedCurrencies`],
    /// [`ViolationKind::IllegalReportTransition`] and [`ViolationKind::ReportNotReady`] (409).
    pub const fn is_bad_request(self) -> bool {
        !matches!(
            self,
            ViolationKind::MixedCurrencies
                | ViolationKind::IllegalReportTransition
                | ViolationKind::ReportNotReady
        )
    }
}

/// One violated condition: its kind and a message saying what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub kind: ViolationKind,
    pub message: String,
}

impl Violation {
    pub fn new(kind: ViolationKind, message: impl Into<String>) -> Self {
        Violation {
            kind,
            message: message.into(),
        }
    }

    /// The stable numeric `ID` of the violation's kind.
    pub const fn code(&self) -> u32 {
        self.kind.code()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Violation {}

/// `{"ID": <code>, "message": "..."}`, the DevOps API's error entry.
impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("Error", 2)?;
        entry.serialize_field("ID", &self.code())?;
        entry.serialize_field("message", &self.message)?;
        entry.end()
    }
}

/// Every violated condition of one request, in the order they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    pub fn new() -> Self {
        Violations(Vec::new())
    }

    pub fn push(&mut self, kind: ViolationKind, message: impl Into<String>) {
        self.0.push(Violation::new(kind, message));
    }

    pub fn extend(&mut self, other: Violations) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// The kinds, in order (handy in tests).
    pub fn kinds(&self) -> Vec<ViolationKind> {
        self.0.iter().map(|v| v.kind).collect()
    }

    /// Whether any violation is of `kind`.
    pub fn has(&self, kind: ViolationKind) -> bool {
        self.0.iter().any(|v| v.kind == kind)
    }

    /// `Ok(value)` when nothing was violated, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, Violations> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Violation> for Violations {
    fn from(violation: Violation) -> Self {
        Violations(vec![violation])
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&violation.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// `{"errors": [{"ID": ..., "message": ...}, ...]}`, the DevOps API's error body.
impl Serialize for Violations {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_map(Some(1))?;
        body.serialize_entry("errors", &self.0)?;
        body.end()
    }
}
