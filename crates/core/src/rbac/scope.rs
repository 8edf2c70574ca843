//! The portal's resource scope forms, built into DRN lists (seed 004, "Define resource scopes";
//! seed 000, "Manage enterprise roles").

use super::drn::{Drn, DrnKind, Segment};

/// The scope of an organization role, as the portal's Add Custom Role form offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceScope {
    /// "All databases: Grant access to all databases in the organization, including those
    /// currently existing and future databases. This includes all existing and future keyspaces
    /// and tables in all databases."
    AllDatabases,
    /// "Specific databases and keyspaces: [...] Future keyspaces are not included, but all
    /// existing and future tables in the selected keyspaces are included."
    Specific(Vec<DatabaseKeyspaces>),
}

/// One database of a specific scope and the existing keyspaces chosen in it ("all existing
/// keyspaces" is the list of every keyspace it has now).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseKeyspaces {
    pub database: String,
    pub keyspaces: Vec<String>,
}

impl ResourceScope {
    /// The role's resources. Both forms include the organization itself, so that the role's
    /// organization-wide permissions keep working: "Scopes restrict all permissions for the role,
    /// wherever applicable" (seed 004).
    pub fn to_drns(&self, org: &str) -> Vec<Drn> {
        let mut drns = vec![Drn::organization(org)];
        match self {
            ResourceScope::AllDatabases => drns.extend([
                Drn::database(org, "*"),
                Drn::keyspace(org, "*", "*"),
                Drn::table(org, "*", "*", "*"),
            ]),
            ResourceScope::Specific(databases) => {
                for db in databases {
                    drns.push(Drn::database(org, &db.database));
                    for ks in &db.keyspaces {
                        drns.push(Drn::keyspace(org, &db.database, ks));
                        drns.push(Drn::table(org, &db.database, ks, "*"));
                    }
                }
            }
        }
        drns
    }

    /// Reads a role's resources back into the form that made them, or `None` for a list that
    /// neither form makes (one written with the DevOps API).
    pub fn from_drns(org: &str, drns: &[Drn]) -> Option<ResourceScope> {
        let all = ResourceScope::AllDatabases;
        if same_set(drns, &all.to_drns(org)) {
            return Some(all);
        }
        let mut databases: Vec<DatabaseKeyspaces> = Vec::new();
        for drn in drns.iter().filter(|d| d.kind() == DrnKind::Database) {
            let database = drn.ids()[1].id()?.to_owned();
            databases.push(DatabaseKeyspaces {
                database,
                keyspaces: Vec::new(),
            });
        }
        for drn in drns.iter().filter(|d| d.kind() == DrnKind::Keyspace) {
            let (db, ks) = (drn.ids()[1].id()?, drn.ids()[2].id()?);
            let entry = databases.iter_mut().find(|d| d.database == db)?;
            entry.keyspaces.push(ks.to_owned());
        }
        let specific = ResourceScope::Specific(databases);
        same_set(drns, &specific.to_drns(org)).then_some(specific)
    }
}

/// The scope of an enterprise role: "the resource scope determines the organizations that the
/// role can view at the enterprise level" (seed 000).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnterpriseScope {
    AllOrganizations,
    Organizations(Vec<String>),
}

impl EnterpriseScope {
    pub fn to_drns(&self, enterprise: &str) -> Vec<Drn> {
        let mut drns = vec![Drn::enterprise(enterprise)];
        match self {
            EnterpriseScope::AllOrganizations => {
                drns.push(Drn::enterprise_organization(enterprise, "*"))
            }
            EnterpriseScope::Organizations(orgs) => drns.extend(
                orgs.iter()
                    .map(|org| Drn::enterprise_organization(enterprise, org)),
            ),
        }
        drns
    }

    pub fn from_drns(drns: &[Drn]) -> Option<EnterpriseScope> {
        let mut orgs = Vec::new();
        for drn in drns {
            match (drn.kind(), drn.ids().get(1)) {
                (DrnKind::Enterprise, _) => {}
                (DrnKind::EnterpriseOrganization, Some(Segment::Any)) => {
                    return Some(EnterpriseScope::AllOrganizations)
                }
                (DrnKind::EnterpriseOrganization, Some(Segment::Id(org))) => {
                    orgs.push(org.to_string())
                }
                _ => return None,
            }
        }
        Some(EnterpriseScope::Organizations(orgs))
    }
}

fn same_set(a: &[Drn], b: &[Drn]) -> bool {
    a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(drns: &[Drn]) -> Vec<String> {
        drns.iter().map(ToString::to_string).collect()
    }

    /// seed 004, "Define resource scopes": all databases, present and future, with their
    /// keyspaces and tables: the same resources as a default role.
    #[test]
    fn all_databases() {
        assert_eq!(
            texts(&ResourceScope::AllDatabases.to_drns("o")),
            [
                "drn:astra:org:o",
                "drn:astra:org:o:db:*",
                "drn:astra:org:o:db:*:keyspace:*",
                "drn:astra:org:o:db:*:keyspace:*:table:*",
            ]
        );
    }

    /// seed 004, "Define resource scopes": the chosen keyspaces and all their tables, present
    /// and future; no future keyspaces.
    #[test]
    fn specific_databases_and_keyspaces() {
        let scope = ResourceScope::Specific(vec![
            DatabaseKeyspaces {
                database: "d1".into(),
                keyspaces: vec!["k1".into(), "k2".into()],
            },
            DatabaseKeyspaces {
                database: "d2".into(),
                keyspaces: vec![],
            },
        ]);
        let drns = scope.to_drns("o");
        assert_eq!(
            texts(&drns),
            [
                "drn:astra:org:o",
                "drn:astra:org:o:db:d1",
                "drn:astra:org:o:db:d1:keyspace:k1",
                "drn:astra:org:o:db:d1:keyspace:k1:table:*",
                "drn:astra:org:o:db:d1:keyspace:k2",
                "drn:astra:org:o:db:d1:keyspace:k2:table:*",
                "drn:astra:org:o:db:d2",
            ]
        );
        let covered = |r: Drn| drns.iter().any(|p| p.matches(&r));
        assert!(covered(Drn::table(
            "o",
            "d1",
            "k1",
            "a_table_made_tomorrow"
        )));
        assert!(!covered(Drn::keyspace(
            "o",
            "d1",
            "a_keyspace_made_tomorrow"
        )));
        assert!(!covered(Drn::database("o", "d3")));
        assert_eq!(ResourceScope::from_drns("o", &drns), Some(scope));
    }

    #[test]
    fn lists_neither_form_makes_read_back_as_none() {
        let drns = [
            Drn::organization("o"),
            Drn::database("o", "d1"),
            Drn::table("o", "d1", "k1", "only_this_table"),
        ];
        assert_eq!(ResourceScope::from_drns("o", &drns), None);
        assert_eq!(
            ResourceScope::from_drns("o", &ResourceScope::AllDatabases.to_drns("o")),
            Some(ResourceScope::AllDatabases)
        );
    }

    /// seed 000, "Manage enterprise roles": an enterprise role's scope is a set of organizations.
    #[test]
    fn enterprise_scopes() {
        let some = EnterpriseScope::Organizations(vec!["o1".into(), "o2".into()]);
        assert_eq!(
            texts(&some.to_drns("e")),
            [
                "drn:astra:ent:e",
                "drn:astra:ent:e:org:o1",
                "drn:astra:ent:e:org:o2"
            ]
        );
        assert_eq!(EnterpriseScope::from_drns(&some.to_drns("e")), Some(some));
        let all = EnterpriseScope::AllOrganizations;
        assert_eq!(
            texts(&all.to_drns("e")),
            ["drn:astra:ent:e", "drn:astra:ent:e:org:*"]
        );
        assert_eq!(EnterpriseScope::from_drns(&all.to_drns("e")), Some(all));
    }
}
