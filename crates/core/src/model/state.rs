//! The whole portal state, and the only way it changes: a [`ChangeSet`] of records put and
//! deleted. Handlers compute a change set from a state they only read; the host writes it to its
//! storage in one transaction and only then applies it to its state (DESIGN, "State, storage and
//! atomicity"), so a refused request or a failed write changes nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::versions::{ClientMark, RecordVersion, SyncMeta};
use super::{
    ApplicationToken, AuditEntry, Database, Email, Enterprise, Organization, Scope, StoredRole,
    User,
};
use crate::pricing::billing::OrganizationBilling;
use crate::rbac::{DefaultRole, Realm, Role, DEFAULT_ROLES};
use crate::usage::{BillingReport, Credits, UsageRecord};

/// One usage report row, kept under an ID so that it can be stored as a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageRow {
    pub id: String,
    pub record: UsageRecord,
}

/// An enterprise billing report and, once it is COMPLETED, its CSV.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredReport {
    pub report: BillingReport,
    #[serde(default)]
    pub csv: Option<String>,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    pub enterprise: Enterprise,
    /// The enterprise's plan credits, which the consumption query reports.
    #[serde(default)]
    pub credits: Credits,
    pub organizations: BTreeMap<String, Organization>,
    pub users: BTreeMap<String, User>,
    /// Custom roles only; default roles are data.
    pub roles: BTreeMap<String, StoredRole>,
    pub tokens: BTreeMap<String, ApplicationToken>,
    pub databases: BTreeMap<String, Database>,
    /// Organization ID → its plan and payment method.
    pub billing: BTreeMap<String, OrganizationBilling>,
    pub usage: BTreeMap<String, UsageRow>,
    pub billing_reports: BTreeMap<String, StoredReport>,
    pub audit: BTreeMap<String, AuditEntry>,
    /// Emails written, in the order they were (`mail`).
    #[serde(default)]
    pub emails: BTreeMap<String, Email>,
    /// Record versions and clients' mutation numbers: kept by the stores, not exported (an
    /// imported state starts a new history).
    #[serde(skip)]
    pub sync: SyncMeta,
}

/// The kinds of record, one per IndexedDB object store or SQL table.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Collection {
    Enterprise,
    Credits,
    Organizations,
    Users,
    Roles,
    Tokens,
    Databases,
    Billing,
    Usage,
    BillingReports,
    Audit,
    Versions,
    Clients,
    Emails,
}

impl Collection {
    pub const ALL: [Collection; 14] = [
        Collection::Enterprise,
        Collection::Credits,
        Collection::Organizations,
        Collection::Users,
        Collection::Roles,
        Collection::Tokens,
        Collection::Databases,
        Collection::Billing,
        Collection::Usage,
        Collection::BillingReports,
        Collection::Audit,
        Collection::Versions,
        Collection::Clients,
        Collection::Emails,
    ];

    /// The store's (table's) name.
    pub fn name(self) -> &'static str {
        match self {
            Collection::Enterprise => "enterprise",
            Collection::Credits => "credits",
            Collection::Organizations => "organizations",
            Collection::Users => "users",
            Collection::Roles => "roles",
            Collection::Tokens => "tokens",
            Collection::Databases => "databases",
            Collection::Billing => "billing",
            Collection::Usage => "usage",
            Collection::BillingReports => "billingReports",
            Collection::Audit => "audit",
            Collection::Versions => "versions",
            Collection::Clients => "clients",
            Collection::Emails => "emails",
        }
    }
}

/// The collections each version of the stored layout added, oldest first: SQLite's tables and
/// IndexedDB's object stores follow it. Frozen: a store made by version N was made by the first N
/// steps as they were then, so a released step never changes and a new collection is a new step.
pub const COLLECTIONS_ADDED: [&[&str]; 3] = [
    &[
        "enterprise",
        "credits",
        "organizations",
        "users",
        "roles",
        "tokens",
        "databases",
        "billing",
        "usage",
        "billingReports",
        "audit",
    ],
    // Sync bookkeeping: every record's version, each client's last mutation.
    &["versions", "clients"],
    // The emails the portal writes.
    &["emails"],
];

/// Where a record lives: its collection and its ID (the enterprise and credits are singletons
/// with the ID "enterprise").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub collection: Collection,
    pub id: String,
}

/// One record of any collection.
// Records are built once and moved into a change set; boxing the large variants would only add
// an allocation per record.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "collection", content = "value")]
pub enum Record {
    Enterprise(Enterprise),
    Credits(Credits),
    Organization(Organization),
    User(User),
    Role(StoredRole),
    Token(ApplicationToken),
    Database(Database),
    Billing {
        org_id: String,
        billing: OrganizationBilling,
    },
    Usage(UsageRow),
    BillingReport(StoredReport),
    Audit(AuditEntry),
    Version(RecordVersion),
    Client(ClientMark),
    Email(Email),
}

const SINGLETON: &str = "enterprise";

impl Record {
    pub fn key(&self) -> Key {
        let (collection, id) = match self {
            Record::Enterprise(_) => (Collection::Enterprise, SINGLETON),
            Record::Credits(_) => (Collection::Credits, SINGLETON),
            Record::Organization(o) => (Collection::Organizations, o.id.as_str()),
            Record::User(u) => (Collection::Users, u.id.as_str()),
            Record::Role(r) => (Collection::Roles, r.role.id.as_str()),
            Record::Token(t) => (Collection::Tokens, t.client_id.as_str()),
            Record::Database(d) => (Collection::Databases, d.id.as_str()),
            Record::Billing { org_id, .. } => (Collection::Billing, org_id.as_str()),
            Record::Usage(u) => (Collection::Usage, u.id.as_str()),
            Record::BillingReport(r) => (Collection::BillingReports, r.report.report_id()),
            Record::Audit(a) => (Collection::Audit, a.id.as_str()),
            Record::Version(v) => (Collection::Versions, v.key.as_str()),
            Record::Client(c) => (Collection::Clients, c.client_id.as_str()),
            Record::Email(e) => (Collection::Emails, e.id.as_str()),
        };
        Key {
            collection,
            id: id.to_owned(),
        }
    }
}

#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Change {
    Put(Record),
    Delete(Key),
}

/// What one request changes, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSet(pub Vec<Change>);

impl ChangeSet {
    /// Every record of `state`, as puts: what a store writes to hold exactly that state.
    pub fn writing_all(state: &State) -> ChangeSet {
        ChangeSet(state.records().into_iter().map(Change::Put).collect())
    }

    pub fn put(&mut self, record: Record) {
        self.0.push(Change::Put(record));
    }

    pub fn delete(&mut self, collection: Collection, id: impl Into<String>) {
        self.0.push(Change::Delete(Key {
            collection,
            id: id.into(),
        }));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Change> {
        self.0.iter()
    }

    /// The distinct keys of the state's records that this puts or deletes, in order (the
    /// bookkeeping of versions and clients aside).
    pub fn keys(&self) -> Vec<Key> {
        self.keys_where(|c| !matches!(c, Collection::Versions | Collection::Clients))
    }

    /// The keys of the collections `keep` takes, once each, in order.
    pub(crate) fn keys_where(&self, keep: impl Fn(Collection) -> bool) -> Vec<Key> {
        let mut seen = std::collections::BTreeSet::new();
        let mut keys = Vec::new();
        for change in self.iter() {
            let key = match change {
                Change::Put(record) => record.key(),
                Change::Delete(key) => key.clone(),
            };
            if keep(key.collection) && seen.insert(key.clone()) {
                keys.push(key);
            }
        }
        keys
    }
}

impl State {
    /// A state with an enterprise and nothing else.
    pub fn new(enterprise: Enterprise) -> State {
        State {
            enterprise,
            credits: Credits::default(),
            organizations: BTreeMap::new(),
            users: BTreeMap::new(),
            roles: BTreeMap::new(),
            tokens: BTreeMap::new(),
            databases: BTreeMap::new(),
            billing: BTreeMap::new(),
            usage: BTreeMap::new(),
            billing_reports: BTreeMap::new(),
            audit: BTreeMap::new(),
            emails: BTreeMap::new(),
            sync: SyncMeta::default(),
        }
    }

    /// Applies a change set that a handler computed from this state.
    pub fn apply(&mut self, changes: &ChangeSet) {
        for change in changes.iter() {
            match change {
                Change::Put(record) => self.put(record.clone()),
                Change::Delete(key) => self.delete(key),
            }
        }
    }

    pub fn put(&mut self, record: Record) {
        match record {
            Record::Enterprise(e) => self.enterprise = e,
            Record::Credits(c) => self.credits = c,
            Record::Organization(o) => {
                self.organizations.insert(o.id.clone(), o);
            }
            Record::User(u) => {
                self.users.insert(u.id.clone(), u);
            }
            Record::Role(r) => {
                self.roles.insert(r.role.id.clone(), r);
            }
            Record::Token(t) => {
                self.tokens.insert(t.client_id.clone(), t);
            }
            Record::Database(d) => {
                self.databases.insert(d.id.clone(), d);
            }
            Record::Billing { org_id, billing } => {
                self.billing.insert(org_id, billing);
            }
            Record::Usage(u) => {
                self.usage.insert(u.id.clone(), u);
            }
            Record::BillingReport(r) => {
                self.billing_reports
                    .insert(r.report.report_id().to_owned(), r);
            }
            Record::Audit(a) => {
                self.audit.insert(a.id.clone(), a);
            }
            Record::Version(v) => self.sync.set(v.key, v.stamp),
            Record::Client(c) => {
                self.sync.clients.insert(c.client_id.clone(), c);
            }
            Record::Email(e) => {
                self.emails.insert(e.id.clone(), e);
            }
        }
    }

    fn delete(&mut self, key: &Key) {
        let id = key.id.as_str();
        match key.collection {
            // Singletons are replaced, never deleted.
            Collection::Enterprise | Collection::Credits => {}
            Collection::Organizations => drop(self.organizations.remove(id)),
            Collection::Users => drop(self.users.remove(id)),
            Collection::Roles => drop(self.roles.remove(id)),
            Collection::Tokens => drop(self.tokens.remove(id)),
            Collection::Databases => drop(self.databases.remove(id)),
            Collection::Billing => drop(self.billing.remove(id)),
            Collection::Usage => drop(self.usage.remove(id)),
            Collection::BillingReports => drop(self.billing_reports.remove(id)),
            Collection::Audit => drop(self.audit.remove(id)),
            Collection::Versions => drop(self.sync.versions.remove(id)),
            Collection::Clients => drop(self.sync.clients.remove(id)),
            Collection::Emails => drop(self.emails.remove(id)),
        }
    }

    /// Every record, collection by collection: what a storage writes when it starts from this
    /// state (first start, import, reset).
    pub fn records(&self) -> Vec<Record> {
        let billing = self
            .billing
            .iter()
            .map(|(org_id, billing)| Record::Billing {
                org_id: org_id.clone(),
                billing: billing.clone(),
            });
        let reports = self.billing_reports.values().cloned();
        let mut records: Vec<Record> = [
            Record::Enterprise(self.enterprise.clone()),
            Record::Credits(self.credits.clone()),
        ]
        .into_iter()
        .chain(
            self.organizations
                .values()
                .cloned()
                .map(Record::Organization),
        )
        .chain(self.users.values().cloned().map(Record::User))
        .chain(self.roles.values().cloned().map(Record::Role))
        .chain(self.tokens.values().cloned().map(Record::Token))
        .chain(self.databases.values().cloned().map(Record::Database))
        .chain(billing)
        .chain(self.usage.values().cloned().map(Record::Usage))
        .chain(reports.map(Record::BillingReport))
        .chain(self.audit.values().cloned().map(Record::Audit))
        .chain(self.emails.values().cloned().map(Record::Email))
        .collect();
        records.extend(self.sync.versions.iter().map(|(key, stamp)| {
            Record::Version(RecordVersion {
                key: key.clone(),
                stamp: stamp.clone(),
                previous: stamp.version,
            })
        }));
        records.extend(self.sync.clients.values().cloned().map(Record::Client));
        records
    }

    /// The state a storage's records make: `Ok(None)` when nothing was stored, and an error when
    /// records were stored without the enterprise they belong to, so that what a database holds
    /// is never taken for nothing (and replaced).
    pub fn from_stored(records: Vec<Record>) -> Result<Option<State>, Headless> {
        let count = records.len();
        match State::from_records(records) {
            None if count > 0 => Err(Headless { records: count }),
            state => Ok(state),
        }
    }

    /// Rebuilds a state from records. `None` without an enterprise record.
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Option<State> {
        let mut records = records.into_iter().peekable();
        let mut state: Option<State> = None;
        let mut early = Vec::new();
        for record in records.by_ref() {
            match (record, &mut state) {
                (Record::Enterprise(e), None) => {
                    let mut s = State::new(e);
                    for r in early.drain(..) {
                        s.put(r);
                    }
                    state = Some(s);
                }
                (record, Some(s)) => s.put(record),
                (record, None) => early.push(record),
            }
        }
        state
    }

    /// The owner ID that a scope's roles use in their DRNs: the organization ID or the
    /// enterprise ID.
    pub fn owner_id<'a>(&'a self, scope: &'a Scope) -> &'a str {
        match scope {
            Scope::Organization(org) => org,
            Scope::Enterprise => &self.enterprise.id,
        }
    }

    /// The role with this ID available in a scope: a default role of the scope's realm,
    /// instantiated for it, or one of the scope's custom roles.
    pub fn role(&self, scope: &Scope, id: &str) -> Option<Role> {
        let realm = realm_of(scope);
        if let Some(default) = DefaultRole::find_by_id(id) {
            return (default.realm == realm)
                .then(|| Role::from_default(default, self.owner_id(scope)));
        }
        self.roles
            .get(id)
            .filter(|stored| &stored.scope == scope)
            .map(|stored| stored.role.clone())
    }

    /// The name of [`State::role`], without building the role: a list of 10,000 members names
    /// their roles.
    pub fn role_name(&self, scope: &Scope, id: &str) -> Option<&str> {
        if let Some(default) = DefaultRole::find_by_id(id) {
            return (default.realm == realm_of(scope)).then_some(default.name);
        }
        self.roles
            .get(id)
            .filter(|stored| &stored.scope == scope)
            .map(|stored| stored.role.name.as_str())
    }

    /// Every role available in a scope: its realm's default roles, then its custom roles.
    pub fn roles_in(&self, scope: &Scope) -> Vec<Role> {
        let realm = realm_of(scope);
        let owner = self.owner_id(scope);
        DEFAULT_ROLES
            .iter()
            .filter(|d| d.realm == realm)
            .map(|d| Role::from_default(d, owner))
            .chain(
                self.roles
                    .values()
                    .filter(|stored| &stored.scope == scope)
                    .map(|stored| stored.role.clone()),
            )
            .collect()
    }

    /// The roles with these IDs in a scope; IDs that are not available there are skipped.
    pub fn resolve_roles(&self, scope: &Scope, ids: &[String]) -> Vec<Role> {
        ids.iter().filter_map(|id| self.role(scope, id)).collect()
    }

    /// The roles of a scope that go by this name, letter case aside. A default role also goes by
    /// its other names ("Admin User" is Administrator User in the real API), so that a custom role
    /// can't pass for it.
    pub fn roles_named<'a>(&self, scope: &Scope, name: &'a str) -> impl Iterator<Item = Role> + 'a {
        let name = name.to_lowercase();
        let answers_to = move |role: &Role| {
            let same = |other: &str| other.to_lowercase() == name;
            same(&role.name)
                || DefaultRole::find_by_id(&role.id)
                    .is_some_and(|d| d.aliases.iter().any(|a| same(a)))
        };
        self.roles_in(scope).into_iter().filter(answers_to)
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users
            .values()
            .find(|u| u.email.eq_ignore_ascii_case(email))
    }

    /// The ID the next audit entry gets.
    pub fn next_audit_id(&self) -> u64 {
        next_in_sequence(&self.audit)
    }

    pub fn next_email_id(&self) -> u64 {
        next_in_sequence(&self.emails)
    }

    /// The organizations of the enterprise.
    pub fn enterprise_organizations(&self) -> impl Iterator<Item = &Organization> {
        self.organizations
            .values()
            .filter(|o| o.enterprise_id.as_deref() == Some(self.enterprise.id.as_str()))
    }

    /// An organization as people call it: its name, or for one the state doesn't hold
    /// [`Organization::unknown_name`].
    pub fn organization_name(&self, id: &str) -> String {
        self.organizations
            .get(id)
            .map_or_else(|| Organization::unknown_name(id), |o| o.name.clone())
    }

    /// The user's own organization, the one made for them when they signed up (seed 000, "your
    /// personal organization").
    pub fn default_organization_of(&self, user_id: &str) -> Option<&Organization> {
        self.organizations
            .values()
            .find(|o| o.default_of.as_deref() == Some(user_id))
    }

    /// The tokens of `scope` unused for [`super::token::UNUSED_AFTER`] at `now`
    /// ([`ApplicationToken::unused`]), the longest idle first: the Access page offers them for
    /// deletion.
    pub fn unused_tokens(&self, scope: &Scope, now: DateTime<Utc>) -> Vec<&ApplicationToken> {
        let mut unused: Vec<&ApplicationToken> = self
            .tokens
            .values()
            .filter(|t| &t.scope == scope && t.unused(now))
            .collect();
        unused.sort_by_key(|t| (t.last_used.unwrap_or(t.generated_on), t.client_id.clone()));
        unused
    }

    /// Whether a user, as a change would leave them, has no membership anywhere and no default
    /// organization of their own, so that nothing is left to keep them for.
    pub fn belongs_nowhere(&self, user: &User) -> bool {
        user.organizations.is_empty()
            && user.enterprise.is_none()
            && self.default_organization_of(&user.id).is_none()
    }
}

pub fn realm_of(scope: &Scope) -> Realm {
    match scope {
        Scope::Organization(_) => Realm::Organization,
        Scope::Enterprise => Realm::Enterprise,
    }
}

/// Stored records without the enterprise record that makes them a state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Headless {
    pub records: usize,
}

impl std::fmt::Display for Headless {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the database holds {} records but no enterprise record, so they are no portal \
             state: it is damaged or was written by something else. Nothing was changed; restore \
             it from a backup, or start on an empty database",
            self.records
        )
    }
}

impl std::error::Error for Headless {}

/// The number after the last of a collection whose IDs are zero-padded numbers, so that their
/// order is the order they were written.
fn next_in_sequence<V>(records: &BTreeMap<String, V>) -> u64 {
    records
        .keys()
        .next_back()
        .and_then(|id| id.parse::<u64>().ok())
        .map_or(1, |n| n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{demo::demo, SeededEntropy};

    /// The name alone answers as the whole role does, for every role of every scope and for IDs
    /// a scope doesn't have (another scope's custom roles, the other realm's default roles).
    #[test]
    fn a_role_name_is_the_name_of_the_role_with_that_id() {
        let now = "2026-11-22T10:00:00Z".parse().unwrap();
        let state = demo(now, &mut SeededEntropy::new(7)).0;
        let scopes: Vec<Scope> = state
            .organizations
            .keys()
            .map(|id| Scope::Organization(id.clone()))
            .chain([Scope::Enterprise])
            .collect();
        let ids: Vec<String> = DEFAULT_ROLES
            .iter()
            .map(|d| d.id.to_owned())
            .chain(state.roles.keys().cloned())
            .chain(["no-such-role".to_owned()])
            .collect();
        assert!(!state.roles.is_empty(), "the demo has custom roles");
        for scope in &scopes {
            for id in &ids {
                assert_eq!(
                    state.role_name(scope, id),
                    state.role(scope, id).map(|r| r.name).as_deref(),
                    "{id} in {scope:?}"
                );
            }
        }
    }
}
