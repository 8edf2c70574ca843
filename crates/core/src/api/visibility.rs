//! What an actor may read, record by record. Each collection's rule is the rule of the read
//! route that serves its records, asked of the RBAC evaluator, so that what hands records out
//! without a route (the changes feed a connected page follows, a conflict's "theirs") hands out no
//! more than the routes do (DESIGN.md: "a read answers only what the reader may read (the changes
//! feed included)").
//!
//! Always readable: the enterprise record (its ID and name), the actor's own token or user
//! record, and the roles it holds where it acts, so that a page can evaluate what its own
//! principal may do. A record that mixes what the actor may and may not read is projected: a
//! user keeps only the memberships the actor may list, another token loses its hash, no
//! token says who generated it (`GET /v2/tokens` shows neither), and an organization shows its
//! customer keys only with Read CMK Key.

use super::access::{self, Actor, Principal};
use crate::model::mail::{About, Topic};
use crate::model::{
    ApplicationToken, AuditEntry, Collection, Database, Email, Key, Organization, Record, Scope,
    State, StoredReport, StoredRole, User,
};
use crate::rbac::{evaluator, DefaultRole, Drn, Permission, Role};

/// What one actor may read of one state.
pub struct Visibility<'s> {
    state: &'s State,
    actor: &'s Actor,
    /// The actor's roles where it acts (`access::roles`): what every rule asks the evaluator.
    roles: Vec<Role>,
}

impl<'s> Visibility<'s> {
    pub fn of(state: &'s State, actor: &'s Actor) -> Visibility<'s> {
        Visibility {
            state,
            actor,
            roles: access::roles(state, actor),
        }
    }

    /// The record as the actor may read it: whole, projected to what it may read, or `None`.
    pub fn project(&self, record: Record) -> Option<Record> {
        // Every collection is decided here, with no catch-all: a new one does not compile until
        // someone says who reads it.
        match record {
            // Its ID and name, which every page shows.
            Record::Enterprise(_) => Some(record),
            // POST /v2/enterprises/consumption reports them (ent-billing-read).
            Record::Credits(_) => self
                .at_enterprise(Permission::ENT_BILLING_READ)
                .then_some(record),
            Record::Organization(org) => self
                .organization(&org)
                .then(|| Record::Organization(self.customer_keys_of(org))),
            Record::User(user) => self.user(user).map(Record::User),
            Record::Role(stored) => self.role(stored).map(Record::Role),
            Record::Token(token) => self.token(token).map(Record::Token),
            Record::Database(db) => self.database(db).map(Record::Database),
            // GET /v2/organizations/billing: org-billing-read.
            Record::Billing { ref org_id, .. } => self
                .in_acting_organization(org_id, Permission::ORG_BILLING_READ)
                .then_some(record),
            Record::Usage(ref row) => self.usage(&row.record.org_id).then_some(record),
            Record::BillingReport(ref report) => self.report(report).then_some(record),
            Record::Audit(ref entry) => self.audit(entry).then_some(record),
            Record::Email(ref email) => self.email(email).then_some(record),
            // Sync bookkeeping: the server's own.
            Record::Version(_) | Record::Client(_) => None,
        }
    }

    /// Whether the actor may read the record at all (whole or projected).
    pub fn may_read(&self, record: &Record) -> bool {
        self.project(record.clone()).is_some()
    }

    /// Every record the actor may read, projected; no sync bookkeeping.
    pub fn records(&self) -> Vec<Record> {
        self.state
            .records()
            .into_iter()
            .filter_map(|record| self.project(record))
            .collect()
    }

    /// The state the actor may read: what a feed's snapshot gives it.
    pub fn state(&self) -> State {
        State::from_records(self.records()).expect("the enterprise record is always readable")
    }

    /// Whether a change to this record (a put or a delete) can change what the actor may read of
    /// other records: its own token or user record (its roles, its memberships), a custom role it
    /// holds, and, for an actor at the enterprise level, an organization (whether a usage row
    /// belongs to one outside the enterprise). Every other rule reads only the record itself and
    /// these.
    pub fn decides_access(&self, key: &Key) -> bool {
        match key.collection {
            Collection::Tokens => {
                matches!(&self.actor.principal, Principal::Token(id) if *id == key.id)
            }
            Collection::Users => self.actor.user_id() == Some(key.id.as_str()),
            Collection::Roles => self.holds(&key.id),
            Collection::Organizations => self.actor.scope == Scope::Enterprise,
            Collection::Enterprise
            | Collection::Credits
            | Collection::Databases
            | Collection::Billing
            | Collection::Usage
            | Collection::BillingReports
            | Collection::Audit
            | Collection::Emails
            | Collection::Versions
            | Collection::Clients => false,
        }
    }

    fn holds(&self, role_id: &str) -> bool {
        self.roles.iter().any(|role| role.id == role_id)
    }

    fn allows(&self, permission: Permission, resource: &Drn) -> bool {
        // A permission that never applies to the resource allows nothing.
        evaluator::decide(&self.roles, permission, resource).unwrap_or(false)
    }

    /// The permission on the organization, for an actor acting in it.
    fn in_acting_organization(&self, org: &str, permission: Permission) -> bool {
        matches!(&self.actor.scope, Scope::Organization(acting) if acting == org)
            && self.allows(permission, &Drn::organization(org))
    }

    /// The permission on the enterprise, for an actor at the enterprise level.
    fn at_enterprise(&self, permission: Permission) -> bool {
        self.actor.scope == Scope::Enterprise
            && self.allows(permission, &Drn::enterprise(&self.state.enterprise.id))
    }

    /// The permission on an organization of the enterprise, seen from the enterprise
    /// (`drn:astra:ent:<ENT>:org:<ORG>`), for an actor at the enterprise level.
    fn seen_from_enterprise(&self, org: &str, permission: Permission) -> bool {
        self.actor.scope == Scope::Enterprise
            && self.allows(
                permission,
                &Drn::enterprise_organization(&self.state.enterprise.id, org),
            )
    }

    fn is_enterprise_organization(&self, org: &str) -> bool {
        self.state
            .organizations
            .get(org)
            .is_some_and(|o| o.enterprise_id.as_deref() == Some(self.state.enterprise.id.as_str()))
    }

    /// `GET /v2/currentOrg` (org-read where the actor acts), and `GET /v2/enterprises/
    /// organizations` (an enterprise role whose scope names it).
    fn organization(&self, org: &Organization) -> bool {
        self.in_acting_organization(&org.id, Permission::ORG_READ)
            || (self.actor.scope == Scope::Enterprise
                && names_organization(self.state, &self.roles, org))
    }

    /// The organization with its customer keys only for who may view them (`GET /v2/kms`:
    /// org-cmk-read where the actor acts; seed 004, "Read CMK Key").
    fn customer_keys_of(&self, mut org: Organization) -> Organization {
        if !self.in_acting_organization(&org.id, Permission::ORG_CMK_READ) {
            org.customer_keys.clear();
        }
        org
    }

    /// The actor's own record whole; anyone else's with the memberships the actor may list, or
    /// nothing when it may list none.
    fn user(&self, user: User) -> Option<User> {
        if self.actor.user_id() == Some(user.id.as_str()) {
            return Some(user);
        }
        let User {
            id,
            email,
            organizations,
            enterprise,
        } = user;
        let organizations: std::collections::BTreeMap<_, _> = organizations
            .into_iter()
            .filter(|(org, _)| self.lists_members_of(org))
            .collect();
        // GET /v2/enterprises/users: ent-user-read.
        let enterprise = enterprise.filter(|_| self.at_enterprise(Permission::ENT_USER_READ));
        (!organizations.is_empty() || enterprise.is_some()).then_some(User {
            id,
            email,
            organizations,
            enterprise,
        })
    }

    /// Whether the actor may list the user's membership in `scope` (a users route lists it).
    pub(crate) fn lists_member(&self, user_id: &str, scope: &Scope) -> bool {
        self.state
            .users
            .get(user_id)
            .and_then(|user| self.user(user.clone()))
            .is_some_and(|user| user.membership(scope).is_some())
    }

    /// Whether the actor may list the token (`GET /v2/tokens`).
    pub(crate) fn lists_token(&self, client_id: &str) -> bool {
        self.state
            .tokens
            .get(client_id)
            .is_some_and(|token| self.token(token.clone()).is_some())
    }

    /// `GET /v2/organizations/users` (org-user-read where the actor acts), and `GET
    /// /v2/enterprises/organizations/{org}/users` (org-user-read in an enterprise role scoped to
    /// an organization of the enterprise; seed 000, "Manage enterprise roles").
    fn lists_members_of(&self, org: &str) -> bool {
        let read = Permission::ORG_USER_READ;
        self.in_acting_organization(org, read)
            || (self.seen_from_enterprise(org, read) && self.is_enterprise_organization(org))
    }

    /// `GET /v2/organizations/roles`: org-role-read, or ent-role-read for the enterprise's roles
    /// (seed 000), where the actor acts. A role it holds, whoever may read roles, without who
    /// changed it last (no route shows it that).
    fn role(&self, stored: StoredRole) -> Option<StoredRole> {
        if stored.scope != self.actor.scope {
            return None;
        }
        let reads_roles = match &stored.scope {
            Scope::Organization(org) => self.in_acting_organization(org, Permission::ORG_ROLE_READ),
            Scope::Enterprise => self.at_enterprise(Permission::ENT_ROLE_READ),
        };
        if reads_roles {
            Some(stored)
        } else if self.holds(&stored.role.id) {
            Some(StoredRole {
                last_update_userid: String::new(),
                ..stored
            })
        } else {
            None
        }
    }

    /// Its own token with its hash (the page checks the token it is given against it, and the
    /// token's holder can work it out anyway); the tokens of where the actor acts with
    /// org-token-read or ent-token-read, as `GET /v2/tokens` shows them, without their hash. No
    /// token says who generated it: no route shows that.
    fn token(&self, token: ApplicationToken) -> Option<ApplicationToken> {
        if matches!(&self.actor.principal, Principal::Token(id) if *id == token.client_id) {
            return Some(ApplicationToken {
                generated_by: String::new(),
                ..token
            });
        }
        if token.scope != self.actor.scope {
            return None;
        }
        let reads_tokens = match &token.scope {
            Scope::Organization(org) => {
                self.in_acting_organization(org, Permission::ORG_TOKEN_READ)
            }
            Scope::Enterprise => self.at_enterprise(Permission::ENT_TOKEN_READ),
        };
        reads_tokens.then(|| ApplicationToken {
            hash: String::new(),
            generated_by: String::new(),
            ..token
        })
    }

    /// `GET /v2/databases`: org-db-view on the database, in the organization the actor acts in
    /// (seed 004: "can be further limited to specific databases"); its access list only with
    /// accesslist-read on it (seed 004: "Visibility of database access lists depends on the
    /// role's resource scopes").
    fn database(&self, db: Database) -> Option<Database> {
        let drn = Drn::database(&db.org_id, &db.id);
        let viewed = matches!(&self.actor.scope, Scope::Organization(org) if *org == db.org_id)
            && self.allows(Permission::ORG_DB_VIEW, &drn);
        if !viewed {
            return None;
        }
        if self.allows(Permission::ACCESSLIST_READ, &drn) {
            return Some(db);
        }
        Some(Database {
            access_list: Default::default(),
            datacenters: Vec::new(),
            private_links: Default::default(),
            ..db
        })
    }

    /// `GET /v2/organizations/usage` (org-billing-read, the organization the actor acts in), and
    /// `POST /v2/enterprises/consumption` (ent-billing-read in a role whose scope names the
    /// organization, never one outside the enterprise; a deleted organization's rows stay
    /// readable through a scope that names every organization).
    pub fn usage(&self, org: &str) -> bool {
        let outside =
            self.state.organizations.get(org).is_some_and(|o| {
                o.enterprise_id.as_deref() != Some(self.state.enterprise.id.as_str())
            });
        self.in_acting_organization(org, Permission::ORG_BILLING_READ)
            || (!outside && self.seen_from_enterprise(org, Permission::ENT_BILLING_READ))
    }

    /// `GET /v2/enterprises/billing-reports/{id}`: ent-billing-read, and only its requester.
    fn report(&self, report: &StoredReport) -> bool {
        report.requested_by == self.actor.id() && self.at_enterprise(Permission::ENT_BILLING_READ)
    }

    /// `GET /v2/organizations/audits` (org-audits-read where the actor acts) and `GET
    /// /v2/enterprises/audits` (the Enterprise Administrator role: no permission names it).
    fn audit(&self, entry: &AuditEntry) -> bool {
        match &entry.scope {
            Scope::Organization(org) => {
                self.in_acting_organization(org, Permission::ORG_AUDITS_READ)
            }
            Scope::Enterprise => {
                self.actor.scope == Scope::Enterprise && self.holds(enterprise_administrator().id)
            }
        }
    }
}

impl Visibility<'_> {
    /// `GET /v2/portal/emails`: an email to the actor's own address, and those about what the
    /// actor may read where it acts: an invitation with the users of its organization or the
    /// enterprise (org-user-read, ent-user-read), an organization's notice with the organization
    /// (org-read), the payment method's with its billing (org-billing-read).
    pub fn email(&self, email: &Email) -> bool {
        let own_address = self
            .actor
            .user_id()
            .and_then(|id| self.state.users.get(id))
            .is_some_and(|user| user.email.eq_ignore_ascii_case(&email.to));
        own_address
            || match &email.about {
                About::Invitation {
                    scope: Scope::Organization(org),
                    ..
                } => self.in_acting_organization(org, Permission::ORG_USER_READ),
                About::Invitation {
                    scope: Scope::Enterprise,
                    ..
                } => self.at_enterprise(Permission::ENT_USER_READ),
                About::Organization { org_id, topic } => {
                    let permission = match topic {
                        Topic::Created => Permission::ORG_READ,
                        Topic::PaymentMethodRemoved => Permission::ORG_BILLING_READ,
                    };
                    self.in_acting_organization(org_id, permission)
                }
            }
    }
}

fn enterprise_administrator() -> &'static DefaultRole {
    access::default_role("Enterprise Administrator")
}

/// The enterprise's organizations that the actor's enterprise roles name in their scope, by name:
/// what the enterprise Overview lists and counts. None for an actor in an organization, or one
/// without an enterprise role. Seed 000: "For enterprise roles, the resource scope determines the
/// organizations that the role can view at the enterprise level."
pub fn visible_organizations<'s>(state: &'s State, actor: &Actor) -> Vec<&'s Organization> {
    if actor.scope != Scope::Enterprise {
        return Vec::new();
    }
    organizations_named(state, &access::roles(state, actor))
}

/// The enterprise's organizations that these enterprise roles name in their scope, by name.
pub fn organizations_named<'s>(state: &'s State, roles: &[Role]) -> Vec<&'s Organization> {
    let mut named: Vec<&Organization> = state
        .enterprise_organizations()
        .filter(|org| names_organization(state, roles, org))
        .collect();
    named.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    named
}

/// Whether one of these enterprise roles names the organization, an organization of the
/// enterprise, in its scope.
fn names_organization(state: &State, roles: &[Role], org: &Organization) -> bool {
    org.enterprise_id.as_deref() == Some(state.enterprise.id.as_str())
        && in_scope(
            roles,
            &Drn::enterprise_organization(&state.enterprise.id, &org.id),
        )
}

/// Whether a role's resource scope covers the organization. The scope decides, whatever the
/// role's permissions: the Enterprise Organization Administrator's only permission,
/// `ent-org-manage`, applies to the enterprise rather than to its organizations, yet its scope
/// (every organization) is what it sees.
fn in_scope(roles: &[Role], organization: &Drn) -> bool {
    roles.iter().any(|role| {
        role.policy
            .resources
            .iter()
            .any(|p| p.matches(organization))
    })
}
