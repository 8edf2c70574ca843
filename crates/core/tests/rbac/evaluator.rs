//! The evaluator against the seeds' rules on scopes, realms and explanations.

use portal_core::rbac::evaluator::{self, Reason};
use portal_core::rbac::{
    DatabaseKeyspaces, DefaultRole, Drn, Keyspaces, Permission, Policy, Realm, ResourceScope, Role,
    RoleError,
};

const ORG: &str = "0f3b6c9e-1111-4c2d-9a41-5e2c7d8b9a10";
const OTHER_ORG: &str = "7a2d4e6f-2222-4b3c-8d5e-6f7a8b9c0d1e";
const ENT: &str = "e1e1e1e1-3333-4e5f-8a9b-0c1d2e3f4a5b";

fn p(api: &str) -> Permission {
    Permission::parse(api).unwrap()
}

fn default(name: &str, owner: &str) -> Role {
    Role::from_default(DefaultRole::find(name).unwrap(), owner)
}

fn custom(name: &str, actions: &[&str], resources: Vec<Drn>) -> Role {
    Role::new(
        format!("id-{name}"),
        name,
        Policy {
            description: name.into(),
            actions: actions.iter().map(|a| p(a)).collect(),
            resources,
        },
    )
    .unwrap()
}

fn only_db(db: &str) -> Vec<Drn> {
    ResourceScope::Specific(vec![DatabaseKeyspaces {
        database: db.into(),
        keyspaces: Keyspaces::Listed(vec![]),
    }])
    .to_drns(ORG)
}

/// seed 004, "Resource scopes": "if you have a role with the Create Keyspace permission, and you
/// limit that role to a specific database, then that role can only create keyspaces within that
/// specific database."
#[test]
fn a_scope_limits_create_keyspace_to_its_database() {
    let role = custom("Dev keyspaces", &["db-keyspace-create"], only_db("dev"));
    let roles = [role];
    let create = p("db-keyspace-create");
    assert!(evaluator::decide(&roles, create, &Drn::database(ORG, "dev")).unwrap());
    assert!(!evaluator::decide(&roles, create, &Drn::database(ORG, "prod")).unwrap());
}

/// seed 004, "Resource scopes": "Scopes restrict all permissions for the role, wherever
/// applicable. For example, if you limit the scope for a role with the View DB and Create
/// Keyspace permissions, the scope applies to both of those permissions."
#[test]
fn a_scope_restricts_every_permission_of_the_role() {
    let roles = [custom(
        "Dev only",
        &["org-db-view", "db-keyspace-create"],
        only_db("dev"),
    )];
    for action in ["org-db-view", "db-keyspace-create"] {
        assert!(evaluator::decide(&roles, p(action), &Drn::database(ORG, "dev")).unwrap());
        assert!(!evaluator::decide(&roles, p(action), &Drn::database(ORG, "prod")).unwrap());
    }
}

/// seed 004, "Resource scopes": "If you need to mix scopes and permissions, you must create
/// multiple custom roles": View DB on production, and view and edit on development.
#[test]
fn several_roles_mix_scopes() {
    let roles = [
        custom("View Production DBs", &["org-db-view"], only_db("prod")),
        custom(
            "Manage Dev DBs",
            &["org-db-view", "org-db-expand"],
            only_db("dev"),
        ),
    ];
    let decide = |a: &str, db: &str| evaluator::decide(&roles, p(a), &Drn::database(ORG, db));
    assert!(decide("org-db-view", "prod").unwrap());
    assert!(decide("org-db-view", "dev").unwrap());
    assert!(decide("org-db-expand", "dev").unwrap());
    assert!(!decide("org-db-expand", "prod").unwrap());
}

/// seed 004, "Define resource scopes": specific keyspaces include "all existing and future
/// tables in the selected keyspaces", and "Future keyspaces are not included".
#[test]
fn specific_keyspaces_cover_future_tables_but_not_future_keyspaces() {
    let scope = ResourceScope::Specific(vec![DatabaseKeyspaces {
        database: "shop".into(),
        keyspaces: Keyspaces::Listed(vec!["orders".into()]),
    }]);
    let roles = [custom(
        "Orders reader",
        &["db-table-select", "db-keyspace-describe"],
        scope.to_drns(ORG),
    )];
    let select = p("db-table-select");
    assert!(evaluator::decide(
        &roles,
        select,
        &Drn::table(ORG, "shop", "orders", "new_table")
    )
    .unwrap());
    assert!(!evaluator::decide(&roles, select, &Drn::table(ORG, "shop", "audit", "t")).unwrap());
    let describe = p("db-keyspace-describe");
    assert!(evaluator::decide(&roles, describe, &Drn::keyspace(ORG, "shop", "orders")).unwrap());
    assert!(!evaluator::decide(&roles, describe, &Drn::keyspace(ORG, "shop", "new_ks")).unwrap());
}

/// seed 004, "Default roles": "Default roles have access to resources in your entire
/// organization, including all databases" — of the organization they are assigned in only.
#[test]
fn default_roles_cover_their_whole_organization_and_no_other() {
    let roles = [default("Read/Write User", ORG)];
    let modify = p("db-table-modify");
    assert!(evaluator::decide(&roles, modify, &Drn::table(ORG, "any", "ks", "t")).unwrap());
    assert!(!evaluator::decide(&roles, modify, &Drn::table(OTHER_ORG, "any", "ks", "t")).unwrap());
}

/// seed 000, "Enterprise users and roles": "Enterprise RBAC is not a global RBAC tool. [...] an
/// enterprise user with the Enterprise Administrator role can't manage resources in an
/// organization unless they also have the Organization Administrator role in that organization."
#[test]
fn enterprise_roles_never_grant_inside_an_organization() {
    let admin = default("Enterprise Administrator", ENT);
    let decision =
        evaluator::explain(&[&admin], p("org-user-read"), &Drn::organization(ORG)).unwrap();
    assert!(!decision.allowed);
    assert!(matches!(
        &decision.reasons[..],
        [Reason::OtherRealm {
            realm: Realm::Enterprise,
            ..
        }]
    ));
    assert!(decision.reasons[0]
        .to_string()
        .contains("never grant permissions inside"));

    let with_org_admin = [admin, default("Organization Administrator", ORG)];
    assert!(evaluator::decide(
        &with_org_admin,
        p("org-user-write"),
        &Drn::organization(ORG)
    )
    .unwrap());
}

/// seed 000, "Manage enterprise roles": "if you grant the org-user-read permission with only one
/// organization in the role's scope, then a user with this permission can view the users in that
/// one organization only."
#[test]
fn an_enterprise_role_scoped_to_one_organization_sees_its_users_only() {
    let role = Role::new(
        "ent-viewer",
        "Acme users viewer",
        Policy {
            description: String::new(),
            actions: [p("org-user-read")].into_iter().collect(),
            resources: vec![Drn::enterprise(ENT), Drn::enterprise_organization(ENT, ORG)],
        },
    )
    .unwrap();
    assert_eq!(role.realm(), Realm::Enterprise);
    let roles = [role];
    let read = p("org-user-read");
    assert!(evaluator::decide(&roles, read, &Drn::enterprise_organization(ENT, ORG)).unwrap());
    assert!(
        !evaluator::decide(&roles, read, &Drn::enterprise_organization(ENT, OTHER_ORG)).unwrap()
    );
    // ... and from the enterprise only: inside the organization it grants nothing.
    assert!(!evaluator::decide(&roles, read, &Drn::organization(ORG)).unwrap());
}

/// seed 000, "Enterprise Administrator role": enterprise tokens and users with it manage
/// enterprise tokens, roles and organizations; the billing role only billing.
#[test]
fn default_enterprise_roles_at_the_enterprise() {
    let ent = Drn::enterprise(ENT);
    let admin = [default("Enterprise Administrator", ENT)];
    let billing = [default("Enterprise Billing Administrator", ENT)];
    let orgs = [default("Enterprise Organization Administrator", ENT)];
    for api in [
        "ent-token-write",
        "ent-role-write",
        "ent-user-write",
        "ent-org-manage",
    ] {
        assert!(evaluator::decide(&admin, p(api), &ent).unwrap(), "{api}");
        assert!(!evaluator::decide(&billing, p(api), &ent).unwrap(), "{api}");
    }
    assert!(evaluator::decide(
        &billing,
        p("ent-billing-read"),
        &Drn::enterprise_organization(ENT, ORG)
    )
    .unwrap());
    assert!(evaluator::decide(&orgs, p("ent-org-manage"), &ent).unwrap());
    assert!(!evaluator::decide(&orgs, p("ent-token-read"), &ent).unwrap());
}

#[test]
fn an_allow_lists_every_granting_role_and_pattern() {
    let roles = [
        default("Read Only User", ORG),
        custom(
            "Shop",
            &["db-table-select"],
            ResourceScope::AllDatabases.to_drns(ORG),
        ),
        default("Billing Administrator", ORG),
    ];
    let table = Drn::table(ORG, "shop", "orders", "items");
    let decision = evaluator::explain(&roles, p("db-table-select"), &table).unwrap();
    assert!(decision.allowed);
    let text: Vec<String> = decision.reasons.iter().map(ToString::to_string).collect();
    let pattern = format!("drn:astra:org:{ORG}:db:*:keyspace:*:table:*");
    assert_eq!(
        text,
        [
            format!("Read Only User grants Select Table (db-table-select) on {pattern}"),
            format!("Shop grants Select Table (db-table-select) on {pattern}"),
        ]
    );
}

#[test]
fn a_deny_says_why_for_each_role() {
    let roles = [
        default("Billing Administrator", ORG),
        custom("Dev tables", &["db-table-drop"], only_db("dev")),
        default("Enterprise Administrator", ENT),
    ];
    let table = Drn::table(ORG, "prod", "ks", "t");
    let decision = evaluator::explain(&roles, p("db-table-drop"), &table).unwrap();
    assert!(!decision.allowed);
    let codes: Vec<&str> = decision.reasons.iter().map(Reason::code).collect();
    assert_eq!(codes, ["lacks-permission", "out-of-scope", "other-realm"]);
    assert_eq!(
        decision.reasons[0].to_string(),
        "Billing Administrator lacks Drop Table (db-table-drop)"
    );
    assert!(decision.reasons[1]
        .to_string()
        .starts_with("Dev tables has Drop Table (db-table-drop), but its scope"));

    let none: [Role; 0] = [];
    let decision = evaluator::explain(&none, p("db-table-drop"), &table).unwrap();
    assert!(!decision.allowed);
    assert_eq!(decision.reasons, [Reason::NoRoles]);
}

#[test]
fn a_permission_asked_of_the_wrong_kind_of_resource_is_an_error() {
    let roles = [default("Organization Administrator", ORG)];
    let err = evaluator::decide(&roles, p("db-table-select"), &Drn::organization(ORG)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "Select Table (db-table-select) applies to a database or a keyspace or a table, not \
             to an organization (drn:astra:org:{ORG})"
        )
    );
    assert!(evaluator::decide(&roles, p("org-token-write"), &Drn::database(ORG, "d")).is_err());
    assert!(evaluator::decide(&roles, p("ent-token-read"), &Drn::organization(ORG)).is_err());
}

#[test]
fn all_permissions_of_a_principal_on_a_resource() {
    let roles = [
        default("Read/Write User", ORG),
        default("Billing Administrator", ORG),
    ];
    let on_table = evaluator::permissions_on(&roles, &Drn::table(ORG, "d", "k", "t"));
    let names: Vec<&str> = on_table.iter().map(Permission::api).collect();
    assert_eq!(
        names,
        ["db-table-describe", "db-table-modify", "db-table-select"]
    );
    let on_org = evaluator::permissions_on(&roles, &Drn::organization(ORG));
    assert!(on_org.contains(p("org-billing-write")));
    assert!(on_org.contains(p("org-db-view")));
    assert!(
        !on_org.contains(p("db-table-select")),
        "table permissions are not org permissions"
    );
}

#[test]
fn who_can_and_the_matrix() {
    let people = [
        ("ada", vec![default("Organization Administrator", ORG)]),
        ("bob", vec![default("Read Only User", ORG)]),
        (
            "eve",
            vec![custom("Dev", &["db-table-drop"], only_db("dev"))],
        ),
    ];
    fn roles_of<'a>(person: &'a (&str, Vec<Role>)) -> &'a [Role] {
        &person.1
    }
    let drop = p("db-table-drop");
    let prod = Drn::database(ORG, "prod");
    let who = |resource: &Drn| -> Vec<&str> {
        evaluator::who_can(&people, roles_of, drop, resource)
            .unwrap()
            .into_iter()
            .map(|p| p.0)
            .collect()
    };
    assert_eq!(who(&prod), ["ada"]);
    let dev = Drn::database(ORG, "dev");
    assert_eq!(who(&dev), ["ada", "eve"]);

    let resources = [prod, dev];
    let m = evaluator::matrix(&people, roles_of, &resources);
    assert_eq!(m.cells.len(), 6);
    for (i, (_, roles)) in people.iter().enumerate() {
        for (j, r) in resources.iter().enumerate() {
            assert_eq!(m.cell(i, j), evaluator::permissions_on(roles, r));
        }
    }
    assert!(m.cell(2, 1).contains(drop) && !m.cell(2, 0).contains(drop));
}

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/Roles.json"
    ))
    .unwrap()
}

/// The real `GET /v2/organizations/roles` response (astra-cli-fixtures/Roles.json) reads, with its
/// stream and role DRNs, and writes back in the same PascalCase shape.
#[test]
fn the_real_roles_response_reads_and_writes_back() {
    let roles = Role::list_from_json(&fixture()).unwrap();
    assert_eq!(roles.len(), 5);
    let admin = roles
        .iter()
        .find(|r| r.name == "Organization Administrator")
        .unwrap();
    assert_eq!(admin.id, "ad0566b5-2a67-49de-89e8-92258c2f2c98");
    assert!(admin
        .policy
        .resources
        .contains(&Drn::parse("drn:astra:org:__ORG_ID__:role:*").unwrap()));
    let stream = Drn::parse("drn:astra:org:__ORG_ID__:stream:tenant1").unwrap();
    assert!(evaluator::decide(&[admin], p("org-stream-manage"), &stream).unwrap());

    let json = serde_json::to_value(admin).unwrap();
    assert_eq!(json["ID"], "ad0566b5-2a67-49de-89e8-92258c2f2c98");
    assert_eq!(json["Policy"]["effect"], "allow");
    let again: Role = serde_json::from_value(json).unwrap();
    assert_eq!(&again, admin);
}

#[test]
fn role_json_in_lower_case_reads_too() {
    let role = Role::from_json(
        r#"{"id":"r1","name":"Readers","policy":{"description":"d","effect":"allow",
            "resources":["drn:astra:org:o1","drn:astra:org:o1:db:d1"],"actions":["org-db-view"]}}"#,
    )
    .unwrap();
    assert_eq!(role.name, "Readers");
    assert_eq!(role.realm(), Realm::Organization);
}

#[test]
fn bad_role_json_is_refused_with_the_reason() {
    let doc = |actions: &str, resources: &str, effect: &str| {
        format!(
            r#"{{"ID":"r","Name":"n","Policy":{{"description":"","effect":"{effect}",
                "resources":{resources},"actions":{actions}}}}}"#
        )
    };
    let org = r#"["drn:astra:org:o1"]"#;
    let err = |text: String| Role::from_json(&text).unwrap_err();

    let e = err(doc(r#"["org-db-veiw"]"#, org, "allow"));
    assert!(
        matches!(&e, RoleError::UnknownPermission(u) if u.nearest == "org-db-view"),
        "{e}"
    );
    let e = err(doc(
        r#"["org-db-view"]"#,
        r#"["drn:astra:org:o1:database:d"]"#,
        "allow",
    ));
    assert!(e.to_string().contains("segment 5"), "{e}");
    let e = err(doc(r#"["org-db-view"]"#, org, "deny"));
    assert!(e.to_string().contains("the only effect is 'allow'"), "{e}");
    let e = err(doc(r#"["org-db-view"]"#, "[]", "allow"));
    assert_eq!(e, RoleError::NoResources);
    let e = err(doc("[]", org, "allow"));
    assert_eq!(e, RoleError::NoActions);
    let e = err(doc(
        r#"["org-db-view"]"#,
        r#"["drn:astra:org:o1","drn:astra:ent:e"]"#,
        "allow",
    ));
    assert_eq!(e, RoleError::MixedRealms);
    let e = err(doc(
        r#"["org-db-view"]"#,
        r#"["drn:astra:org:o1","drn:astra:org:o2"]"#,
        "allow",
    ));
    assert!(e.to_string().contains("two organizations"), "{e}");
    let e = err(doc(r#"["org-db-view"]"#, r#"["drn:astra:ent:e"]"#, "allow"));
    assert!(
        e.to_string().contains("enterprise roles never grant"),
        "{e}"
    );
    let e = err(doc(r#"["ent-token-read"]"#, org, "allow"));
    assert!(e.to_string().contains("is an enterprise permission"), "{e}");
    let e = err("{\"ID\": 1".into());
    assert!(matches!(e, RoleError::Json(_)), "{e}");
    let e = err(r#"{"ID":"r","Name":"n"}"#.into());
    assert!(e.to_string().contains("missing field `Policy`"), "{e}");
}

/// seed 004, "Default roles": "You can't edit or delete default roles."
#[test]
fn default_roles_cannot_be_edited_or_deleted() {
    let ro = default("RO User", ORG);
    assert!(ro.is_default());
    let e = ro.ensure_editable().unwrap_err();
    assert_eq!(e, RoleError::DefaultRole("Read Only User".into()));
    assert!(e.to_string().contains("can't be edited or deleted"));
    let mine = custom("Mine", &["org-db-view"], only_db("dev"));
    assert!(!mine.is_default());
    assert_eq!(mine.ensure_editable(), Ok(()));
}
