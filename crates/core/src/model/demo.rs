//! The demo data set a first start loads: an enterprise with three organizations (and one user's
//! personal organization), a dozen users in various roles, some still invited, databases with
//! keyspaces and tables, custom roles with scopes, tokens (one far broader than it needs), billing
//! with the cases the Billing page explains, and three months of daily usage: enough to make every
//! page of the portal meaningful.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::bootstrap::{enterprise_billing, new_state, Bootstrap, Names};
use super::entropy::{below, uuid, Entropy};
use super::mail::{About, Delivery, InvitationLetter, INVITATION_LIFETIME};
use super::{
    ApplicationToken, Credentials, Database, Datacenter, Email, Lifecycle, MemberStatus,
    Membership, PrivateEndpoint, PrivateLink, Scope, State, StoredRole, UsageRow, User,
};
use crate::pricing::billing::{CreditGrant, OrganizationBilling, PaymentMethod, PlanKind};
use crate::rbac::scope::{DatabaseKeyspaces, EnterpriseScope, Keyspaces, ResourceScope};
use crate::rbac::{DefaultRole, Drn, Permission, PermissionSet, Policy, Role};
use crate::time::midnight;
use crate::usage::{Credits, UsageRecord};

const PRODUCTION: &str = "Acme Production";
const STAGING: &str = "Acme Staging";
const ANALYTICS: &str = "Acme Analytics";

/// The demo state and, shown once, its administrator's enterprise and organization tokens.
pub fn demo(now: DateTime<Utc>, entropy: &mut dyn Entropy) -> (State, Bootstrap) {
    let names = Names {
        enterprise: "Acme Corporation",
        organization: PRODUCTION,
        admin_email: "dana.admin@acme.example",
    };
    let (mut state, boot) = new_state(&names, now - Duration::days(120), entropy);
    state.credits = Credits {
        credit_type: "enterprise".into(),
        total: Decimal::from(5000),
    };
    let mut demo = Demo {
        state: &mut state,
        entropy,
        now,
        admin: boot.user_id.clone(),
    };
    let production = boot.organization_id.clone();
    let staging = demo.organization(STAGING, "platform@acme.example", 90);
    let analytics = demo.organization(ANALYTICS, "data@acme.example", 60);
    let admin = demo.admin.clone();
    demo.name_personal_organization(&admin, "Dana's Organization");
    for org in [&staging, &analytics] {
        demo.grant(
            &admin,
            &Scope::Organization(org.clone()),
            &["Organization Administrator"],
        );
    }

    let orders = demo.database(
        &production,
        "orders",
        "AWS",
        "us-east-1",
        &[
            ("orders", &["orders", "order_items", "customers"]),
            ("inventory", &["stock", "warehouses"]),
        ],
    );
    demo.database(
        &production,
        "catalog",
        "GCP",
        "us-east1",
        &[("catalog", &["products", "prices"])],
    );
    let orders_staging = demo.database(
        &staging,
        "orders_staging",
        "AWS",
        "us-west-2",
        &[("orders", &["orders"])],
    );
    // Staging's premium features, which keep its payment method from being removed (seed 001,
    // "Removing a Payment Method"): a second region and a private endpoint.
    demo.add_region(&orders_staging, "us-east-1");
    demo.private_endpoint(
        &orders_staging,
        "arn:aws:iam::123456789012:role/staging-app",
        "vpce-0a1b2c3d4e5f67890",
        "staging app VPC",
    );
    demo.database(
        &analytics,
        "events",
        "AZURE",
        "eastus",
        &[("events", &["clicks", "sessions"]), ("reports", &["daily"])],
    );

    let editor = demo.role(
        &Scope::Organization(production.clone()),
        "Orders Keyspace Editor",
        &[
            "org-db-view",
            "db-keyspace-describe",
            "db-table-select",
            "db-table-modify",
            "db-table-describe",
            "db-cql",
        ],
        ResourceScope::Specific(vec![DatabaseKeyspaces {
            database: orders.clone(),
            keyspaces: Keyspaces::Listed(vec!["orders".into()]),
        }])
        .to_drns(&production),
    );
    let db_admin = demo.database_administrator(&production, &orders);
    let readers = demo.role(
        &Scope::Organization(analytics.clone()),
        "Analytics Readers",
        &[
            "org-db-view",
            "db-all-keyspace-describe",
            "db-keyspace-describe",
            "db-table-select",
            "db-table-describe",
            "db-cql",
        ],
        ResourceScope::AllDatabases.to_drns(&analytics),
    );
    let enterprise_id = demo.state.enterprise.id.clone();
    let auditor = demo.role(
        &Scope::Enterprise,
        "Production User Auditor",
        &["org-user-read"],
        EnterpriseScope::Organizations(vec![production.clone()]).to_drns(&enterprise_id),
    );

    let prod = Scope::Organization(production.clone());
    let stag = Scope::Organization(staging.clone());
    let anal = Scope::Organization(analytics.clone());
    let people: [(&str, Memberships); 11] = [
        (
            "lee.billing@acme.example",
            &[
                (
                    &Scope::Enterprise,
                    &["Enterprise Billing Administrator"],
                    MemberStatus::Active,
                ),
                (&prod, &["Billing Administrator"], MemberStatus::Active),
            ],
        ),
        (
            "sam.platform@acme.example",
            &[
                (
                    &Scope::Enterprise,
                    &["Enterprise Organization Administrator"],
                    MemberStatus::Active,
                ),
                (&stag, &["Organization Administrator"], MemberStatus::Active),
            ],
        ),
        (
            "ana.dba@acme.example",
            &[
                (&prod, &["Database Administrator"], MemberStatus::Active),
                (&stag, &["Database Administrator"], MemberStatus::Active),
            ],
        ),
        (
            "raj.dev@acme.example",
            &[
                (&prod, &["Read/Write User"], MemberStatus::Active),
                (&stag, &["Read Only User"], MemberStatus::Active),
            ],
        ),
        (
            "mia.audit@acme.example",
            &[
                (
                    &Scope::Enterprise,
                    &[auditor.as_str()],
                    MemberStatus::Active,
                ),
                (&anal, &["UI View Only"], MemberStatus::Active),
            ],
        ),
        (
            "tom.orders@acme.example",
            &[(&prod, &[editor.as_str()], MemberStatus::Active)],
        ),
        (
            "kim.api@acme.example",
            &[(&stag, &["API Read/Write User"], MemberStatus::Active)],
        ),
        (
            "ian.data@acme.example",
            &[(
                &anal,
                &["Organization Administrator", readers.as_str()],
                MemberStatus::Active,
            )],
        ),
        (
            "eve.new@acme.example",
            &[(&prod, &["Read Only User"], MemberStatus::Invited)],
        ),
        (
            "bob.contractor@partner.example",
            &[(&anal, &["Administrator User"], MemberStatus::Invited)],
        ),
        (
            "zoe.finance@acme.example",
            &[(
                &Scope::Enterprise,
                &["Enterprise Billing Administrator"],
                MemberStatus::Invited,
            )],
        ),
    ];
    for (email, memberships) in people {
        let id = demo.user(email);
        for (scope, roles, status) in memberships {
            demo.membership(&id, scope, roles, *status);
        }
    }

    demo.token(&prod, &[db_admin.as_str()], "orders-service");
    demo.token(&stag, &["API Read/Write Service Account"], "CI pipeline");
    // Far more than a dashboard needs: the Access page flags it.
    demo.token(&anal, &["Organization Administrator"], "dashboard");
    demo.token(
        &Scope::Enterprise,
        &["Enterprise Billing Administrator"],
        "finance export",
    );

    demo.billing(&production, Some(("Visa", "4242", "08/28")), Decimal::ZERO);
    demo.billing(
        &staging,
        Some(("Mastercard", "5454", "11/27")),
        Decimal::new(4217, 2),
    );
    demo.billing(&analytics, None, Decimal::ZERO);
    demo.grant_credit(&production, Decimal::from(500), "launch promotion");
    demo.usage();
    (state, boot)
}

/// A demo user's memberships: where, which roles (default names or custom IDs), and whether
/// accepted.
type Memberships<'a> = &'a [(&'a Scope, &'a [&'a str], MemberStatus)];

struct Demo<'a> {
    state: &'a mut State,
    entropy: &'a mut dyn Entropy,
    now: DateTime<Utc>,
    /// Who made the demo's databases, roles and tokens.
    admin: String,
}

impl Demo<'_> {
    fn organization(&mut self, name: &str, email: &str, age_days: i64) -> String {
        let created = self.now - Duration::days(age_days);
        let org = super::bootstrap::enterprise_organization(
            self.state,
            name,
            email,
            created,
            self.entropy,
        );
        let id = org.id.clone();
        self.state.organizations.insert(id.clone(), org);
        self.state.billing.insert(id.clone(), enterprise_billing());
        id
    }

    /// The bootstrapped administrator's personal organization, named and aged as a person's
    /// would be.
    fn name_personal_organization(&mut self, user: &str, name: &str) {
        let created = self.now - Duration::days(400);
        let org = self
            .state
            .organizations
            .values_mut()
            .find(|o| o.default_of.as_deref() == Some(user))
            .expect("the bootstrap made one");
        org.name = name.to_owned();
        org.created_at = created;
        org.last_modified = created;
    }

    fn user(&mut self, email: &str) -> String {
        let id = uuid(self.entropy);
        self.state.users.insert(
            id.clone(),
            User {
                id: id.clone(),
                email: email.to_owned(),
                organizations: Default::default(),
                enterprise: None,
            },
        );
        id
    }

    fn grant(&mut self, user: &str, scope: &Scope, roles: &[&str]) {
        self.membership(user, scope, roles, MemberStatus::Active);
    }

    /// `roles` are default role names or custom role IDs. A pending invitation was sent by the
    /// administrator two days ago, and its email waits in the outbox.
    fn membership(&mut self, user: &str, scope: &Scope, roles: &[&str], status: MemberStatus) {
        let roles: Vec<String> = roles.iter().map(|r| role_id(r)).collect();
        let sent = self.now - Duration::days(2);
        let expires = (status == MemberStatus::Invited).then_some(sent + INVITATION_LIFETIME);
        if let Some(expires) = expires {
            self.invitation_email(user, scope, &roles, sent, expires);
        }
        let user = self.state.users.get_mut(user).expect("a demo user");
        user.set_membership(
            scope,
            Some(Membership {
                status,
                roles,
                expires,
            }),
        );
    }

    fn invitation_email(
        &mut self,
        user: &str,
        scope: &Scope,
        roles: &[String],
        sent: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) {
        let names: Vec<String> = self
            .state
            .resolve_roles(scope, roles)
            .into_iter()
            .map(|r| r.name)
            .collect();
        let letter = InvitationLetter {
            inviter: self.state.users[&self.admin].email.clone(),
            place: match scope {
                Scope::Organization(org) => self.state.organization_name(org),
                Scope::Enterprise => self.state.enterprise.name.clone(),
            },
            roles: names.join(", "),
        };
        let id = format!("{:012}", self.state.next_email_id());
        let email = Email {
            id: id.clone(),
            at: sent,
            to: self.state.users[user].email.clone(),
            subject: letter.subject(),
            body: letter.body(expires),
            about: About::Invitation {
                scope: scope.clone(),
                user_id: user.to_owned(),
                expires,
            },
            delivery: Delivery::Outbox,
        };
        self.state.emails.insert(id, email);
    }

    fn database(
        &mut self,
        org: &str,
        name: &str,
        provider: &str,
        region: &str,
        keyspaces: &[(&str, &[&str])],
    ) -> String {
        let id = uuid(self.entropy);
        self.state.databases.insert(
            id.clone(),
            Database {
                id: id.clone(),
                org_id: org.to_owned(),
                owner_id: self.admin.clone(),
                name: name.to_owned(),
                cloud_provider: provider.to_owned(),
                region: region.to_owned(),
                keyspaces: keyspaces
                    .iter()
                    .map(|(ks, tables)| {
                        (
                            ks.to_string(),
                            tables.iter().map(|t| t.to_string()).collect(),
                        )
                    })
                    .collect(),
                created_at: self.now - Duration::days(100),
                tier: "serverless".into(),
                capacity_units: 1,
                db_type: None,
                lifecycle: Lifecycle::Active,
                access_list: Default::default(),
                datacenters: Vec::new(),
                private_links: Default::default(),
            },
        );
        id
    }

    /// A region added to the database 70 days ago, in its own provider.
    fn add_region(&mut self, db: &str, region: &str) {
        let db = self.state.databases.get_mut(db).expect("a demo database");
        let added = Datacenter {
            id: db.next_datacenter_id(),
            cloud_provider: db.cloud_provider.clone(),
            region: region.to_owned(),
            created_at: self.now - Duration::days(70),
            terminated_at: None,
        };
        db.datacenters.push(added);
    }

    /// A private endpoint in the database's primary region, accepted 40 days ago.
    fn private_endpoint(&mut self, db: &str, principal: &str, endpoint: &str, description: &str) {
        let db = self.state.databases.get_mut(db).expect("a demo database");
        let link = PrivateLink {
            allowed_principals: vec![principal.to_owned()],
            endpoints: vec![PrivateEndpoint {
                endpoint_id: endpoint.to_owned(),
                description: description.to_owned(),
                link_id: "126845687".into(),
                created_at: self.now - Duration::days(40),
            }],
        };
        db.private_links.insert(db.primary_datacenter().id, link);
    }

    fn role(&mut self, scope: &Scope, name: &str, actions: &[&str], resources: Vec<Drn>) -> String {
        let actions: PermissionSet = actions
            .iter()
            .map(|a| Permission::parse(a).expect("demo roles name catalog permissions"))
            .collect();
        self.stored_role(scope, name, actions, resources)
    }

    fn stored_role(
        &mut self,
        scope: &Scope,
        name: &str,
        actions: PermissionSet,
        resources: Vec<Drn>,
    ) -> String {
        let id = uuid(self.entropy);
        let policy = Policy {
            description: name.to_owned(),
            actions,
            resources,
        };
        let role = Role::new(id.clone(), name, policy).expect("demo roles are valid");
        self.state.roles.insert(
            id.clone(),
            StoredRole {
                role,
                scope: scope.clone(),
                last_update_datetime: self.now - Duration::days(30),
                last_update_userid: self.admin.clone(),
            },
        );
        id
    }

    /// seed 004: "When you create an application token from a database's Overview tab, Astra DB
    /// automatically creates a custom role based on the Database Administrator default role that
    /// is scoped to that database."
    fn database_administrator(&mut self, org: &str, db: &str) -> String {
        let template = DefaultRole::find("Database Administrator").expect("a default role");
        let actions = Role::from_default(template, org).policy.actions;
        let resources = ResourceScope::whole_database(db).to_drns(org);
        let scope = Scope::Organization(org.to_owned());
        let name = self.state.databases[db].token_role_name();
        self.stored_role(&scope, &name, actions, resources)
    }

    fn token(&mut self, scope: &Scope, roles: &[&str], description: &str) {
        let credentials = Credentials::generate(self.entropy);
        self.state.tokens.insert(
            credentials.client_id.clone(),
            ApplicationToken {
                client_id: credentials.client_id.clone(),
                hash: credentials.hash(),
                roles: roles.iter().map(|r| role_id(r)).collect(),
                scope: scope.clone(),
                description: description.to_owned(),
                generated_on: self.now - Duration::days(20),
                generated_by: self.admin.clone(),
                token_expiry: None,
                last_used: None,
            },
        );
    }

    fn billing(
        &mut self,
        org: &str,
        card: Option<(&str, &str, &str)>,
        outstanding_balance: Decimal,
    ) {
        self.state.billing.insert(
            org.to_owned(),
            OrganizationBilling {
                plan: PlanKind::Enterprise,
                payment_method: card.map(|(brand, last4, expires)| PaymentMethod {
                    brand: brand.into(),
                    last4: last4.into(),
                    expires: expires.into(),
                }),
                outstanding_balance,
                ..enterprise_billing()
            },
        );
    }

    /// Credit granted on the first day of the demo's usage, drawn on month after month.
    fn grant_credit(&mut self, org: &str, amount: Decimal, reason: &str) {
        let granted = midnight(first_of_month_before(self.now.date_naive(), 2));
        if let Some(billing) = self.state.billing.get_mut(org) {
            billing.credit_grants.push(CreditGrant {
                amount,
                granted,
                reason: reason.to_owned(),
            });
        }
    }

    /// Daily Serverless usage of every database in each of its regions, from the first day of
    /// the month two months ago up to today: reads, writes and storage at the default price
    /// book's AWS standard rates, and endpoint-hours and data for each private endpoint (seed 001,
    /// "Private endpoints are charged per endpoint per region at $0.01/hour", "$0.01/GB").
    fn usage(&mut self) {
        let today = self.now.date_naive();
        let first = first_of_month_before(today, 2);
        let databases: Vec<Database> = self.state.databases.values().cloned().collect();
        let mut day = first;
        let mut n = 0u32;
        while day < today {
            for db in &databases {
                for dc in db.active_datacenters() {
                    if day < dc.created_at.date_naive() {
                        continue;
                    }
                    let endpoints = db.private_link(&dc.id).endpoints.len() as u32;
                    let mut rows = vec![
                        ("read_request_units", "million", Decimal::new(62, 2), 40u32),
                        ("write_request_units", "million", Decimal::new(104, 2), 12),
                        ("storage", "gib", Decimal::new(83, 4), 180),
                    ];
                    if endpoints > 0 {
                        rows.push(("private_endpoint_data", "gib", Decimal::new(1, 2), 20));
                    }
                    for (usage_type, unit, price, base) in rows {
                        let amount =
                            Decimal::from(base + below(self.entropy, base)) / Decimal::from(4);
                        n += 1;
                        self.usage_row(n, db, &dc, day, (usage_type, unit, price, amount));
                    }
                    if endpoints > 0 {
                        // Each endpoint runs the whole day.
                        let hours = Decimal::from(24 * endpoints);
                        let row = ("private_endpoint", "hour", Decimal::new(1, 2), hours);
                        n += 1;
                        self.usage_row(n, db, &dc, day, row);
                    }
                }
            }
            day = day.succ_opt().expect("a next day");
        }
    }

    /// One day's usage row of a database's region.
    fn usage_row(
        &mut self,
        n: u32,
        db: &Database,
        dc: &Datacenter,
        day: NaiveDate,
        (usage_type, unit, price, amount): (&str, &str, Decimal, Decimal),
    ) {
        let start = midnight(day);
        let record = UsageRecord {
            product: "serverless".into(),
            org_id: db.org_id.clone(),
            org_name: self.state.organizations[&db.org_id].name.clone(),
            resource_id: db.id.clone(),
            resource_name: db.name.clone(),
            region: dc.region.clone(),
            cloud_provider: dc.cloud_provider.clone(),
            classification: "standard".into(),
            zone: "na".into(),
            cluster_size: None,
            az_count: Some(3),
            usage_type: usage_type.into(),
            usage: amount,
            usage_unit: unit.into(),
            currency_type: "USD".into(),
            unit_price: price,
            calculated_cost: amount * price,
            breakdown_start_timestamp: start,
            breakdown_end_timestamp: start + Duration::days(1),
        };
        let id = format!("{n:08}");
        self.state.usage.insert(id.clone(), UsageRow { id, record });
    }
}

/// A default role's ID by name, or the custom role ID given.
fn role_id(name_or_id: &str) -> String {
    DefaultRole::find(name_or_id).map_or_else(|| name_or_id.to_owned(), |d| d.id.to_owned())
}

fn first_of_month_before(day: NaiveDate, months: u32) -> NaiveDate {
    let index = day.year() * 12 + day.month0() as i32 - months as i32;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .expect("the first of a month")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{check_invariants, SeededEntropy};

    /// The demo data set is sound, and has what every page needs.
    #[test]
    fn the_demo_is_sound_and_full() {
        let now = "2026-11-22T10:00:00Z".parse().unwrap();
        let (state, boot) = demo(now, &mut SeededEntropy::new(1));
        assert_eq!(check_invariants(&state), vec![]);
        assert_eq!(state.enterprise_organizations().count(), 3);
        assert!(state.users.len() >= 12);
        let invited = state
            .users
            .values()
            .filter(|u| {
                u.organizations
                    .values()
                    .chain(u.enterprise.as_ref())
                    .any(|m| m.status == MemberStatus::Invited)
            })
            .count();
        assert!(invited >= 3);
        assert!(state.databases.values().all(|d| !d.keyspaces.is_empty()));
        assert!(state.roles.len() >= 4 && state.tokens.len() >= 6);
        assert!(state.usage.len() >= 4 * 3 * 60);
        assert!(state.tokens.contains_key(&boot.enterprise_token.client_id));
    }

    #[test]
    fn months_before() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(first_of_month_before(d(2026, 11, 22), 2), d(2026, 9, 1));
        assert_eq!(first_of_month_before(d(2026, 1, 5), 2), d(2025, 11, 1));
    }
}
