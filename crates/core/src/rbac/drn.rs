//! DRNs: the resource names that roles are scoped to (DESIGN.md "Wire contract", Roles.json).
//!
//! ```text
//! drn:astra:org:<ORG>[:db:<DB|*>[:keyspace:<KS|*>[:table:<T|*>]]]
//! drn:astra:org:<ORG>:stream:<TENANT|*>        drn:astra:org:<ORG>:role:<ROLE|*>
//! drn:astra:ent:<ENTERPRISE>[:org:<ORG|*>]
//! ```
//!
//! The seeds give no DRN for the enterprise; the `ent` forms are ours, in the same style, so that
//! enterprise roles (whose scope is a set of organizations, seed 000) are DRN lists like any role.

use std::fmt;
use std::sync::Arc;

/// What a DRN names.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DrnKind {
    Organization,
    Database,
    Keyspace,
    Table,
    Stream,
    Role,
    Enterprise,
    /// An organization as the enterprise sees it.
    EnterpriseOrganization,
}

impl DrnKind {
    /// Every kind, in declaration order (the evaluator indexes by `kind as usize`).
    pub const ALL: [DrnKind; 8] = [
        DrnKind::Organization,
        DrnKind::Database,
        DrnKind::Keyspace,
        DrnKind::Table,
        DrnKind::Stream,
        DrnKind::Role,
        DrnKind::Enterprise,
        DrnKind::EnterpriseOrganization,
    ];

    /// "a database", "a keyspace", ... for messages.
    pub fn article_name(self) -> &'static str {
        match self {
            DrnKind::Organization => "an organization",
            DrnKind::Database => "a database",
            DrnKind::Keyspace => "a keyspace",
            DrnKind::Table => "a table",
            DrnKind::Stream => "a streaming tenant",
            DrnKind::Role => "a role",
            DrnKind::Enterprise => "the enterprise",
            DrnKind::EnterpriseOrganization => "an organization of the enterprise",
        }
    }

    /// The keywords of this kind's segments, after `drn:astra:`: `["org", "db"]` for a database.
    pub fn keywords(self) -> &'static [&'static str] {
        match self {
            DrnKind::Organization => &["org"],
            DrnKind::Database => &["org", "db"],
            DrnKind::Keyspace => &["org", "db", "keyspace"],
            DrnKind::Table => &["org", "db", "keyspace", "table"],
            DrnKind::Stream => &["org", "stream"],
            DrnKind::Role => &["org", "role"],
            DrnKind::Enterprise => &["ent"],
            DrnKind::EnterpriseOrganization => &["ent", "org"],
        }
    }

    /// Whether resources of this kind belong to the enterprise realm.
    pub fn is_enterprise(self) -> bool {
        matches!(self, DrnKind::Enterprise | DrnKind::EnterpriseOrganization)
    }
}

/// One ID segment: a name, or `*` for any one segment.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    Any,
    Id(Arc<str>),
}

impl Segment {
    fn matches(&self, other: &Segment) -> bool {
        match (self, other) {
            (Segment::Any, _) => true,
            (Segment::Id(a), Segment::Id(b)) => a == b,
            (Segment::Id(_), Segment::Any) => false,
        }
    }

    pub fn id(&self) -> Option<&str> {
        match self {
            Segment::Any => None,
            Segment::Id(id) => Some(id),
        }
    }
}

impl From<&str> for Segment {
    fn from(id: &str) -> Segment {
        if id == "*" {
            Segment::Any
        } else {
            Segment::Id(id.into())
        }
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id().unwrap_or("*"))
    }
}

/// A parsed DRN: its kind and its ID segments (one per keyword of the kind).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Drn {
    kind: DrnKind,
    ids: Box<[Segment]>,
}

/// Why a string is not a DRN. `segment` counts from 1 over the `:`-separated parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrnError {
    pub drn: String,
    pub segment: usize,
    pub problem: String,
}

impl fmt::Display for DrnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "malformed DRN '{}': segment {}: {}",
            self.drn, self.segment, self.problem
        )
    }
}

impl std::error::Error for DrnError {}

impl Drn {
    pub fn parse(text: &str) -> Result<Drn, DrnError> {
        let parts: Vec<&str> = text.trim().split(':').collect();
        let fail = |segment: usize, problem: String| DrnError {
            drn: text.to_owned(),
            segment,
            problem,
        };
        if parts[0] != "drn" {
            return Err(fail(1, format!("'{}' should be 'drn'", parts[0])));
        }
        match parts.get(1) {
            Some(&"astra") => {}
            Some(other) => return Err(fail(2, format!("'{other}' should be 'astra'"))),
            None => return Err(fail(2, "missing: a DRN starts 'drn:astra:'".into())),
        }
        let kind = match (parts.get(2), parts.get(4)) {
            (Some(&"org"), None) => DrnKind::Organization,
            (Some(&"org"), Some(&"db")) => match (parts.get(6), parts.get(8)) {
                (None, _) => DrnKind::Database,
                (Some(&"keyspace"), None) => DrnKind::Keyspace,
                (Some(&"keyspace"), Some(&"table")) => DrnKind::Table,
                (Some(&"keyspace"), Some(other)) => {
                    return Err(fail(9, format!("'{other}' should be 'table'")))
                }
                (Some(other), _) => return Err(fail(7, format!("'{other}' should be 'keyspace'"))),
            },
            (Some(&"org"), Some(&"stream")) => DrnKind::Stream,
            (Some(&"org"), Some(&"role")) => DrnKind::Role,
            (Some(&"org"), Some(other)) => {
                return Err(fail(
                    5,
                    format!("'{other}' should be 'db', 'stream' or 'role'"),
                ))
            }
            (Some(&"ent"), None) => DrnKind::Enterprise,
            (Some(&"ent"), Some(&"org")) => DrnKind::EnterpriseOrganization,
            (Some(&"ent"), Some(other)) => {
                return Err(fail(5, format!("'{other}' should be 'org'")))
            }
            (Some(other), _) => return Err(fail(3, format!("'{other}' should be 'org' or 'ent'"))),
            (None, _) => {
                return Err(fail(
                    3,
                    "missing: 'org' or 'ent' follows 'drn:astra:'".into(),
                ))
            }
        };
        let keywords = kind.keywords();
        let expected = 2 + 2 * keywords.len();
        if parts.len() > expected {
            return Err(fail(
                expected + 1,
                format!("'{}' is one segment too many", parts[expected]),
            ));
        }
        let mut ids = Vec::with_capacity(keywords.len());
        for (i, keyword) in keywords.iter().enumerate() {
            let at = 3 + 2 * i; // the 0-based index of the ID after `keyword`
            let id = parts.get(at).copied().unwrap_or("");
            if let Some(problem) = id_problem(id, keyword) {
                return Err(fail(at + 1, problem));
            }
            ids.push(Segment::from(id));
        }
        Ok(Drn {
            kind,
            ids: ids.into(),
        })
    }

    pub fn kind(&self) -> DrnKind {
        self.kind
    }

    /// The ID segments, outermost first (organization, database, keyspace, table).
    pub fn ids(&self) -> &[Segment] {
        &self.ids
    }

    /// Segment by segment, `*` in `self` matching any one segment of `resource`.
    pub fn matches(&self, resource: &Drn) -> bool {
        self.kind == resource.kind
            && self
                .ids
                .iter()
                .zip(resource.ids.iter())
                .all(|(pattern, id)| pattern.matches(id))
    }

    pub fn organization(org: &str) -> Drn {
        Drn::build(DrnKind::Organization, &[org])
    }

    pub fn database(org: &str, db: &str) -> Drn {
        Drn::build(DrnKind::Database, &[org, db])
    }

    pub fn keyspace(org: &str, db: &str, keyspace: &str) -> Drn {
        Drn::build(DrnKind::Keyspace, &[org, db, keyspace])
    }

    pub fn table(org: &str, db: &str, keyspace: &str, table: &str) -> Drn {
        Drn::build(DrnKind::Table, &[org, db, keyspace, table])
    }

    pub fn enterprise(enterprise: &str) -> Drn {
        Drn::build(DrnKind::Enterprise, &[enterprise])
    }

    pub fn enterprise_organization(enterprise: &str, org: &str) -> Drn {
        Drn::build(DrnKind::EnterpriseOrganization, &[enterprise, org])
    }

    /// The organization (or, for `ent` DRNs, the enterprise) the DRN is in.
    pub fn root_id(&self) -> &Segment {
        &self.ids[0]
    }

    fn build(kind: DrnKind, ids: &[&str]) -> Drn {
        debug_assert_eq!(ids.len(), kind.keywords().len());
        Drn {
            kind,
            ids: ids.iter().map(|id| Segment::from(*id)).collect(),
        }
    }
}

fn id_problem(id: &str, keyword: &str) -> Option<String> {
    if id.is_empty() {
        return Some(format!("the {keyword} ID is missing"));
    }
    if id != "*" && id.contains('*') {
        return Some(format!(
            "'{id}': '*' matches a whole segment and stands alone"
        ));
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("'{id}': an ID has no spaces"));
    }
    None
}

impl fmt::Display for Drn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("drn:astra")?;
        for (keyword, id) in self.kind.keywords().iter().zip(self.ids.iter()) {
            write!(f, ":{keyword}:{id}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Drn {
    type Err = DrnError;

    fn from_str(text: &str) -> Result<Drn, DrnError> {
        Drn::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG: &str = "__ORG_ID__";

    #[test]
    fn all_lists_the_kinds_in_declaration_order() {
        for (i, kind) in DrnKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i);
        }
    }

    #[test]
    fn every_form_prints_as_it_parses() {
        for text in [
            "drn:astra:org:__ORG_ID__",
            "drn:astra:org:__ORG_ID__:db:*",
            "drn:astra:org:__ORG_ID__:db:*:keyspace:*",
            "drn:astra:org:__ORG_ID__:db:*:keyspace:*:table:*",
            "drn:astra:org:o1:db:d1:keyspace:k1:table:t1",
            "drn:astra:org:__ORG_ID__:stream:*",
            "drn:astra:org:__ORG_ID__:role:*",
            "drn:astra:ent:e1",
            "drn:astra:ent:e1:org:*",
        ] {
            assert_eq!(Drn::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn kinds() {
        for (text, expected) in [
            ("drn:astra:org:o", DrnKind::Organization),
            ("drn:astra:org:o:db:d", DrnKind::Database),
            ("drn:astra:org:o:db:d:keyspace:k", DrnKind::Keyspace),
            ("drn:astra:org:o:db:d:keyspace:k:table:t", DrnKind::Table),
            ("drn:astra:org:o:stream:s", DrnKind::Stream),
            ("drn:astra:org:o:role:r", DrnKind::Role),
            ("drn:astra:ent:e", DrnKind::Enterprise),
            ("drn:astra:ent:e:org:o", DrnKind::EnterpriseOrganization),
        ] {
            assert_eq!(Drn::parse(text).unwrap().kind(), expected, "{text}");
        }
    }

    #[test]
    fn malformed_drns_say_which_segment_is_wrong() {
        let err = |t: &str| Drn::parse(t).unwrap_err();
        let cases = [
            ("arn:astra:org:o", 1, "'arn' should be 'drn'"),
            ("drn", 2, "missing"),
            ("drn:aws:org:o", 2, "'aws' should be 'astra'"),
            ("drn:astra", 3, "missing"),
            (
                "drn:astra:organization:o",
                3,
                "'organization' should be 'org' or 'ent'",
            ),
            ("drn:astra:org", 4, "the org ID is missing"),
            ("drn:astra:org:", 4, "the org ID is missing"),
            (
                "drn:astra:org:o:database:d",
                5,
                "'database' should be 'db', 'stream' or 'role'",
            ),
            ("drn:astra:org:o:db", 6, "the db ID is missing"),
            ("drn:astra:org:o:db:d:ks:k", 7, "'ks' should be 'keyspace'"),
            (
                "drn:astra:org:o:db:d:keyspace:k:tbl:t",
                9,
                "'tbl' should be 'table'",
            ),
            (
                "drn:astra:org:o:db:d:keyspace:k:table:",
                10,
                "the table ID is missing",
            ),
            (
                "drn:astra:org:o:db:d:keyspace:k:table:t:x",
                11,
                "one segment too many",
            ),
            ("drn:astra:org:o:db:prod*", 6, "'*' matches a whole segment"),
            ("drn:astra:org:my org", 4, "no spaces"),
            ("drn:astra:ent:e:db:d", 5, "'db' should be 'org'"),
        ];
        for (text, segment, problem) in cases {
            let e = err(text);
            assert_eq!(e.segment, segment, "{text}: {e}");
            assert!(e.problem.contains(problem), "{text}: {e}");
            assert!(e.to_string().contains(text), "{e}");
        }
    }

    #[test]
    fn matching_is_segment_by_segment_with_star_matching_one_segment() {
        let p = |t: &str| Drn::parse(t).unwrap();
        let table = Drn::table(ORG, "d1", "k1", "t1");
        assert!(p("drn:astra:org:__ORG_ID__:db:*:keyspace:*:table:*").matches(&table));
        assert!(p("drn:astra:org:__ORG_ID__:db:d1:keyspace:k1:table:*").matches(&table));
        assert!(!p("drn:astra:org:__ORG_ID__:db:d2:keyspace:*:table:*").matches(&table));
        // A pattern matches resources of its own depth only: `db:*` is not every table.
        assert!(!p("drn:astra:org:__ORG_ID__:db:*").matches(&table));
        assert!(!p("drn:astra:org:__ORG_ID__").matches(&table));
        assert!(!p("drn:astra:org:other:db:*:keyspace:*:table:*").matches(&table));
        // A specific pattern does not cover a wildcard resource ("all databases").
        assert!(!p("drn:astra:org:__ORG_ID__:db:d1").matches(&p("drn:astra:org:__ORG_ID__:db:*")));
        assert!(p("drn:astra:org:__ORG_ID__:db:*").matches(&p("drn:astra:org:__ORG_ID__:db:*")));
        // Streams and roles are not databases.
        assert!(
            !p("drn:astra:org:__ORG_ID__:db:*").matches(&p("drn:astra:org:__ORG_ID__:stream:s"))
        );
    }
}
