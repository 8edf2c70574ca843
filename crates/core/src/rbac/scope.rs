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

/// One database of a specific scope and which of its keyspaces the scope covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseKeyspaces {
    pub database: String,
    pub keyspaces: Keyspaces,
}

/// The keyspaces of one database that a specific scope covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Keyspaces {
    /// Every keyspace, present and future, with their tables. The form's documented choices
    /// leave future keyspaces out, but the role a database's token gets is "scoped to that
    /// database" and editable "like any other custom role" (seed 004, "View roles"), so the
    /// form must be able to read and keep it.
    All,
    /// Existing keyspaces by name ("all existing keyspaces" is the list of every keyspace the
    /// database has now); keyspaces made later are not covered.
    Listed(Vec<String>),
}

impl ResourceScope {
    /// The scope of the role a database's token gets: the whole database and nothing else of the
    /// organization's resources but the organization itself.
    pub fn whole_database(database: &str) -> ResourceScope {
        ResourceScope::Specific(vec![DatabaseKeyspaces {
            database: database.to_owned(),
            keyspaces: Keyspaces::All,
        }])
    }

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
                    let keyspaces: Vec<&str> = match &db.keyspaces {
                        Keyspaces::All => vec!["*"],
                        Keyspaces::Listed(listed) => listed.iter().map(String::as_str).collect(),
                    };
                    for ks in keyspaces {
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
                keyspaces: Keyspaces::Listed(Vec::new()),
            });
        }
        for drn in drns.iter().filter(|d| d.kind() == DrnKind::Keyspace) {
            let db = drn.ids()[1].id()?;
            let entry = databases.iter_mut().find(|d| d.database == db)?;
            match (&mut entry.keyspaces, drn.ids()[2].id()) {
                (Keyspaces::Listed(listed), Some(ks)) => listed.push(ks.to_owned()),
                // `*` beside named keyspaces is no form's: the DevOps API's.
                (Keyspaces::Listed(listed), None) if listed.is_empty() => {
                    entry.keyspaces = Keyspaces::All
                }
                _ => return None,
            }
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
                keyspaces: Keyspaces::Listed(vec!["k1".into(), "k2".into()]),
            },
            DatabaseKeyspaces {
                database: "d2".into(),
                keyspaces: Keyspaces::Listed(vec![]),
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

    /// seed 004, "View roles": the role a database's token gets is "scoped to that database", its
    /// future keyspaces included, and "you can edit them like any other custom role": its
    /// resources read back as a form, beside databases chosen by keyspace.
    #[test]
    fn a_whole_database_with_its_future_keyspaces() {
        assert_eq!(
            texts(&ResourceScope::whole_database("d1").to_drns("o")),
            [
                "drn:astra:org:o",
                "drn:astra:org:o:db:d1",
                "drn:astra:org:o:db:d1:keyspace:*",
                "drn:astra:org:o:db:d1:keyspace:*:table:*",
            ]
        );
        let scope = ResourceScope::Specific(vec![
            DatabaseKeyspaces {
                database: "d1".into(),
                keyspaces: Keyspaces::All,
            },
            DatabaseKeyspaces {
                database: "d2".into(),
                keyspaces: Keyspaces::Listed(vec!["k1".into()]),
            },
        ]);
        let drns = scope.to_drns("o");
        let covered = |r: Drn| drns.iter().any(|p| p.matches(&r));
        assert!(covered(Drn::keyspace(
            "o",
            "d1",
            "a_keyspace_made_tomorrow"
        )));
        assert!(covered(Drn::table(
            "o",
            "d1",
            "a_keyspace_made_tomorrow",
            "t"
        )));
        assert!(!covered(Drn::keyspace(
            "o",
            "d2",
            "a_keyspace_made_tomorrow"
        )));
        assert!(!covered(Drn::database("o", "d3")));
        assert_eq!(ResourceScope::from_drns("o", &drns), Some(scope));
        let mut reversed = drns.clone();
        reversed.reverse();
        assert!(ResourceScope::from_drns("o", &reversed).is_some());
    }

    #[test]
    fn lists_neither_form_makes_read_back_as_none() {
        let drns = [
            Drn::organization("o"),
            Drn::database("o", "d1"),
            Drn::table("o", "d1", "k1", "only_this_table"),
        ];
        assert_eq!(ResourceScope::from_drns("o", &drns), None);
        // Every keyspace without their tables, or beside a named one.
        let whole = ResourceScope::whole_database("d1").to_drns("o");
        assert_eq!(ResourceScope::from_drns("o", &whole[..3]), None);
        for mixed in [
            [&whole[..], &[Drn::keyspace("o", "d1", "k1")]].concat(),
            [&[Drn::keyspace("o", "d1", "k1")], &whole[..]].concat(),
        ] {
            assert_eq!(ResourceScope::from_drns("o", &mixed), None);
        }
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
