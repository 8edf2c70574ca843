//! Random roles, scopes and requests over a small universe of organizations, databases,
//! keyspaces and tables, so that patterns and resources often meet.

use portal_core::rbac::evaluator::applies_to;
use portal_core::rbac::{
    DatabaseKeyspaces, DefaultRole, Drn, DrnKind, EnterpriseScope, Keyspaces, Permission, Policy,
    Realm, ResourceScope, Role, DEFAULT_ROLES,
};
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const ORGS: [&str; 2] = ["o1", "o2"];
const ENTERPRISE: &str = "e1";
const DATABASES: [&str; 3] = ["d1", "d2", "d3"];
const KEYSPACES: [&str; 2] = ["k1", "k2"];
const TABLES: [&str; 2] = ["t1", "t2"];
const STREAMS: [&str; 2] = ["s1", "s2"];

/// A question: a principal with some roles of the pool asks for an action on a resource.
#[derive(Clone, Debug)]
pub struct Case {
    pub roles: Vec<usize>,
    pub action: Permission,
    pub resource: Drn,
}

pub struct Generator {
    rng: SmallRng,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: SmallRng::seed_from_u64(seed),
        }
    }

    /// `n` roles: default roles, the portal's scope forms, and arbitrary DRN patterns as the
    /// DevOps API allows, in both realms.
    pub fn roles(&mut self, n: usize) -> Vec<Role> {
        (0..n).map(|i| self.role(i)).collect()
    }

    fn role(&mut self, i: usize) -> Role {
        let enterprise = self.rng.random_bool(0.15);
        if self.rng.random_bool(0.2) {
            let defaults: Vec<&DefaultRole> = DEFAULT_ROLES
                .iter()
                .filter(|d| (d.realm == Realm::Enterprise) == enterprise)
                .collect();
            let owner = if enterprise {
                ENTERPRISE
            } else {
                self.pick(&ORGS)
            };
            return Role::from_default(defaults.choose(&mut self.rng).unwrap(), owner);
        }
        let actions = self.permissions(enterprise);
        let resources = if enterprise {
            self.enterprise_scope()
        } else {
            self.organization_scope()
        };
        Role::new(
            format!("custom-{i}"),
            format!("Custom {i}"),
            Policy {
                description: String::new(),
                actions,
                resources,
            },
        )
        .expect("generated roles are valid")
    }

    fn permissions(&mut self, enterprise: bool) -> portal_core::rbac::PermissionSet {
        let fits = |p: &Permission| {
            if enterprise {
                p.is_enterprise() || p.api() == "org-user-read"
            } else {
                !p.is_enterprise()
            }
        };
        let candidates: Vec<Permission> = Permission::all().filter(fits).collect();
        let density = self.rng.random_range(0.05..0.6);
        let mut set: portal_core::rbac::PermissionSet = candidates
            .iter()
            .copied()
            .filter(|_| self.rng.random_bool(density))
            .collect();
        if set.is_empty() {
            set.insert(*candidates.choose(&mut self.rng).unwrap());
        }
        set
    }

    fn organization_scope(&mut self) -> Vec<Drn> {
        let org = self.pick(&ORGS);
        match self.rng.random_range(0..3) {
            0 => ResourceScope::AllDatabases.to_drns(org),
            1 => {
                let dbs = (0..self.rng.random_range(1..=2))
                    .map(|_| DatabaseKeyspaces {
                        database: self.pick(&DATABASES).to_owned(),
                        keyspaces: Keyspaces::Listed(
                            KEYSPACES
                                .iter()
                                .filter(|_| self.rng.random_bool(0.5))
                                .map(|k| (*k).to_owned())
                                .collect(),
                        ),
                    })
                    .collect();
                ResourceScope::Specific(dbs).to_drns(org)
            }
            _ => {
                let n = self.rng.random_range(1..=5);
                let kinds = &DrnKind::ALL[..6];
                (0..n)
                    .map(|_| {
                        let kind = *kinds.choose(&mut self.rng).unwrap();
                        self.drn(kind, org, 0.4)
                    })
                    .collect()
            }
        }
    }

    fn enterprise_scope(&mut self) -> Vec<Drn> {
        if self.rng.random_bool(0.5) {
            EnterpriseScope::AllOrganizations.to_drns(ENTERPRISE)
        } else {
            let orgs = ORGS
                .iter()
                .filter(|_| self.rng.random_bool(0.5))
                .map(|o| (*o).to_owned())
                .collect();
            EnterpriseScope::Organizations(orgs).to_drns(ENTERPRISE)
        }
    }

    /// A DRN of `kind` in `org`, each other segment `*` with probability `star`.
    fn drn(&mut self, kind: DrnKind, org: &str, star: f64) -> Drn {
        let mut seg = |names: &[&'static str]| -> &'static str {
            if self.rng.random_bool(star) {
                "*"
            } else {
                names.choose(&mut self.rng).unwrap()
            }
        };
        let text = match kind {
            DrnKind::Organization => format!("drn:astra:org:{org}"),
            DrnKind::Database => format!("drn:astra:org:{org}:db:{}", seg(&DATABASES)),
            DrnKind::Keyspace => format!(
                "drn:astra:org:{org}:db:{}:keyspace:{}",
                seg(&DATABASES),
                seg(&KEYSPACES)
            ),
            DrnKind::Table => format!(
                "drn:astra:org:{org}:db:{}:keyspace:{}:table:{}",
                seg(&DATABASES),
                seg(&KEYSPACES),
                seg(&TABLES)
            ),
            DrnKind::Stream => format!("drn:astra:org:{org}:stream:{}", seg(&STREAMS)),
            DrnKind::Role => format!("drn:astra:org:{org}:role:{}", seg(&["r1", "r2"])),
            DrnKind::Enterprise => format!("drn:astra:ent:{ENTERPRISE}"),
            DrnKind::EnterpriseOrganization => {
                format!("drn:astra:ent:{ENTERPRISE}:org:{}", seg(&ORGS))
            }
        };
        Drn::parse(&text).expect("generated DRNs are valid")
    }

    /// A case over a pool of `pool` roles: 0 to 4 of them, an action, and a resource of a kind
    /// the action applies to.
    pub fn case(&mut self, pool: usize) -> Case {
        let roles = (0..self.rng.random_range(0..=4))
            .map(|_| self.rng.random_range(0..pool))
            .collect();
        let all: Vec<Permission> = Permission::all().collect();
        let action = *all.choose(&mut self.rng).unwrap();
        let kinds: Vec<DrnKind> = DrnKind::ALL
            .into_iter()
            .filter(|k| applies_to(action, *k))
            .collect();
        let kind = *kinds.choose(&mut self.rng).unwrap();
        let org = self.pick(&ORGS);
        let resource = self.drn(kind, org, 0.05);
        Case {
            roles,
            action,
            resource,
        }
    }

    fn pick(&mut self, from: &[&'static str]) -> &'static str {
        from.choose(&mut self.rng).unwrap()
    }
}
