//! The default roles' names, realms, aliases and IDs.

use std::collections::HashSet;

use super::{grants, role, EXPECTED};
use portal_core::rbac::{DefaultGrant, Permission, Realm, DEFAULT_ROLES};

/// seed 004, "Default roles" (16, in the seed's order); seed 000, "Manage enterprise roles"
/// ("Default enterprise roles", 3).
#[test]
fn seed_004_000_role_names_and_realms() {
    let names_in = |realm: Realm| -> Vec<&str> {
        DEFAULT_ROLES
            .iter()
            .filter(|r| r.realm == realm)
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(
        names_in(Realm::Organization),
        [
            "Organization Administrator",
            "Administrator Service Account",
            "Administrator User",
            "Billing Administrator",
            "UI View Only",
            "Database Administrator",
            "Read Only Service Account",
            "Read/Write Service Account",
            "Read Only User",
            "Read/Write User",
            "API Administrator Service Account",
            "API Read/Write Service Account",
            "API Read Only Service Account",
            "API Read Only User",
            "API Administrator User",
            "API Read/Write User",
        ]
    );
    assert_eq!(
        names_in(Realm::Enterprise),
        [
            "Enterprise Administrator",
            "Enterprise Billing Administrator",
            "Enterprise Organization Administrator",
        ]
    );
    // Enterprise roles grant only ent-*, organization roles none (seed 000, "Enterprise roles
    // are separate from organization roles").
    for r in &DEFAULT_ROLES {
        for p in Permission::all().filter(|&p| grants(r, p)) {
            assert_eq!(
                p.is_enterprise(),
                r.realm == Realm::Enterprise,
                "{} grants {p}",
                r.name
            );
        }
        assert!(
            r.source.starts_with("seed 0"),
            "{}: source {}",
            r.name,
            r.source
        );
    }
}

/// seed 001, "Default Operational Roles", "Operational Roles Detail" and "Special Roles Detail":
/// the short and matrix names find the seed-004 role; names and aliases are unique.
#[test]
fn seed_001_aliases() {
    let aliases = [
        ("Admin User", "Administrator User"),
        ("RO User", "Read Only User"),
        ("R/W User", "Read/Write User"),
        ("API Admin User", "API Administrator User"),
        ("API RO User", "API Read Only User"),
        ("API R/W User", "API Read/Write User"),
        ("Admin Svc Acct", "Administrator Service Account"),
        ("Administrator Svc Acct", "Administrator Service Account"),
        ("RO Svc Acct", "Read Only Service Account"),
        ("R/W Svc Acct", "Read/Write Service Account"),
        ("API Admin Svc Acct", "API Administrator Service Account"),
        (
            "API Administrator Svc Acct",
            "API Administrator Service Account",
        ),
        ("API RO Svc Acct", "API Read Only Service Account"),
        ("API R/W Svc Acct", "API Read/Write Service Account"),
        ("Billing Admin", "Billing Administrator"),
    ];
    for (alias, name) in aliases {
        let holders: Vec<&str> = DEFAULT_ROLES
            .iter()
            .filter(|r| r.aliases.contains(&alias))
            .map(|r| r.name)
            .collect();
        assert_eq!(holders, [name], "alias {alias}");
    }

    // Names unique; aliases unique across roles and never another role's (or the same role's)
    // name, compared without case.
    let mut seen = HashSet::new();
    for r in &DEFAULT_ROLES {
        assert!(
            seen.insert(r.name.to_lowercase()),
            "duplicate name {}",
            r.name
        );
    }
    for r in &DEFAULT_ROLES {
        for alias in r.aliases {
            assert!(
                seen.insert(alias.to_lowercase()),
                "alias {alias} of {} collides with a name or another alias",
                r.name
            );
        }
    }
    let alias_count: usize = DEFAULT_ROLES.iter().map(|r| r.aliases.len()).sum();
    assert_eq!(alias_count, aliases.len());
}

/// reference `astra-cli-fixtures/Roles.json`: the five roles it holds keep their real IDs; the
/// others have fixed generated UUIDs (uuid5), all distinct.
#[test]
fn reference_roles_json_ids() {
    for (name, id) in [
        (
            "Read/Write Service Account",
            "b4ed0e9e-67e8-47b6-8b58-c6629be961a9",
        ),
        ("Administrator User", "43745b73-ad46-46e4-b826-c15d06d2cea0"),
        (
            "API Administrator User",
            "67c4b5dc-dd3f-4b2d-be51-09be12836d57",
        ),
        (
            "Organization Administrator",
            "ad0566b5-2a67-49de-89e8-92258c2f2c98",
        ),
        (
            "Read Only Service Account",
            "16a4b1d7-a615-41f8-95ca-52b0280f4d77",
        ),
        // Generated once: uuid5(NAMESPACE_URL, "astra-portal:default-role:" + name).
        (
            "Administrator Service Account",
            "bdaf9003-84c9-5159-abe2-770177262092",
        ),
        (
            "Billing Administrator",
            "4868ef20-b2c1-5900-804f-917e4f4ebde8",
        ),
        ("UI View Only", "fd2b4c49-42eb-5ebd-b6f3-d9142b7bafd6"),
        (
            "Database Administrator",
            "bcba8e70-06d0-5a4b-80e8-59ab288d94d6",
        ),
        ("Read Only User", "9d274655-116c-53d6-8b25-9ec10c7e26f6"),
        ("Read/Write User", "5c4c33f7-f255-541c-9887-2d13f5ef4024"),
        (
            "API Administrator Service Account",
            "64a4fc10-75e9-5dc8-9ae3-796ac60cfa67",
        ),
        (
            "API Read/Write Service Account",
            "f0969df0-e080-5f2e-908f-cd566447b789",
        ),
        (
            "API Read Only Service Account",
            "e3d108f9-b859-5a70-a66f-15dd930da819",
        ),
        ("API Read Only User", "7f21cceb-dd22-5eeb-811d-e1bb4b26ba65"),
        (
            "API Read/Write User",
            "46198378-2da7-5708-8b0c-a1c0c0e397bf",
        ),
        (
            "Enterprise Administrator",
            "a44e7fb6-65a1-5630-919a-f2ea7b64b4c6",
        ),
        (
            "Enterprise Billing Administrator",
            "c894efe3-00aa-54bd-916b-c6ba498d7858",
        ),
        (
            "Enterprise Organization Administrator",
            "180f3ce1-8991-58f7-8932-1a92d71f65b5",
        ),
    ] {
        assert_eq!(role(name).id, id, "ID of {name}");
    }
    let mut ids = HashSet::new();
    for r in &DEFAULT_ROLES {
        assert!(ids.insert(r.id), "duplicate ID {}", r.id);
        let groups: Vec<usize> = r.id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{} is not a UUID", r.id);
        assert!(
            r.id.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
            "{}",
            r.id
        );
    }
}

/// seed 001, "Operational Roles Detail" / "Special Roles Detail" and seed 000: every parameter a
/// default role lists is a real permission (no typos), listed once.
#[test]
fn seed_001_000_listed_parameters_parse() {
    for r in &DEFAULT_ROLES {
        if let DefaultGrant::Listed(list) = r.grants {
            assert!(!list.is_empty(), "{}", r.name);
            let mut seen = HashSet::new();
            for api in list {
                let parsed = Permission::parse(api)
                    .unwrap_or_else(|e| panic!("{} lists an unknown permission: {e}", r.name));
                assert_eq!(parsed.api(), *api);
                assert!(seen.insert(*api), "{} lists {api} twice", r.name);
            }
        }
    }
    for (name, list) in EXPECTED {
        for api in *list {
            assert!(
                Permission::parse(api).is_ok(),
                "expected table of {name}: {api}"
            );
        }
    }
}
