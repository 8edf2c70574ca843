//! The `portal` binary as a user runs it.

mod common;

use common::{portal, stderr, stdout};

#[test]
fn version_prints_the_crate_version() {
    let out = portal(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("portal {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_describes_the_command() {
    let out = portal(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Usage: portal"), "{text}");
    assert!(text.contains("Manage an Astra DB style account"), "{text}");
}

#[test]
fn no_arguments_shows_help_and_fails() {
    let out = portal(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage: portal"));
}

#[test]
fn unknown_argument_is_a_clear_error() {
    let out = portal(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument '--frobnicate'"));
}

const TABLE: &str = "drn:astra:org:o1:db:d1:keyspace:shop:table:orders";

#[test]
fn can_allows_with_the_granting_role_and_exit_0() {
    let out = portal(&["can", "--role", "ro user", "db-table-select", TABLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "allow\n  Read Only User grants Select Table (db-table-select) on \
         drn:astra:org:o1:db:*:keyspace:*:table:*\n"
    );
}

#[test]
fn can_denies_with_each_role_s_reason_and_exit_1() {
    let out = portal(&[
        "can",
        "--role",
        "R/W Svc Acct",
        "--role",
        "Enterprise Administrator",
        "db-table-drop",
        TABLE,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["decision"], "deny");
    assert_eq!(json["reasons"][0]["reason"], "lacks-permission");
    assert_eq!(json["reasons"][0]["role"], "Read/Write Service Account");
    assert_eq!(json["reasons"][1]["reason"], "other-realm");
}

#[test]
fn can_reads_roles_by_id_and_from_role_json_files() {
    // The real ID of Organization Administrator (Roles.json).
    let out = portal(&[
        "can",
        "--role",
        "ad0566b5-2a67-49de-89e8-92258c2f2c98",
        "org-token-write",
        "drn:astra:org:o1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("shop-reader.json");
    std::fs::write(
        &file,
        r#"{"id":"r1","name":"Shop reader","policy":{"description":"","effect":"allow",
           "resources":["drn:astra:org:o1","drn:astra:org:o1:db:d1:keyspace:shop:table:*"],
           "actions":["db-table-select"]}}"#,
    )
    .unwrap();
    let role = file.to_str().unwrap();
    let out = portal(&["can", "--role", role, "db-table-select", TABLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Shop reader grants"));
    let out = portal(&[
        "can",
        "--role",
        role,
        "db-table-select",
        "drn:astra:org:o1:db:d1:keyspace:other:table:t",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("but its scope"));
}

#[test]
fn can_refuses_bad_input_with_exit_2_and_a_message() {
    let bad_json = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-role.json");
    std::fs::write(&bad_json, r#"{"ID":"r","Name":"n","Policy":{"description":"","effect":"deny","resources":["drn:astra:org:o"],"actions":["org-read"]}}"#).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["can", "--role", "RO Usr", "db-table-select", TABLE],
            "did you mean 'RO User'?",
        ),
        (
            &["can", "--role", "RO User", "db-table-selct", TABLE],
            "did you mean 'db-table-select'?",
        ),
        (
            &[
                "can",
                "--role",
                "RO User",
                "db-table-select",
                "drn:astra:org:o1:database:d",
            ],
            "segment 5",
        ),
        (
            &[
                "can",
                "--role",
                bad_json.to_str().unwrap(),
                "org-read",
                "drn:astra:org:o",
            ],
            "the only effect is 'allow'",
        ),
        (
            &[
                "can",
                "--role",
                "RO User",
                "db-table-select",
                "drn:astra:org:o1",
            ],
            "applies to a database",
        ),
    ];
    for (args, message) in cases {
        let out = portal(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn permissions_lists_the_catalog() {
    let out = portal(&["permissions", "--json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), portal_core::rbac::Permission::all().len());
    let write_token = list.iter().find(|p| p["api"] == "org-token-write").unwrap();
    assert_eq!(write_token["name"], "Write Token");
    let table = stdout(&portal(&["permissions"]));
    assert!(table
        .lines()
        .any(|l| l.starts_with("org-db-passwordreset") && l.ends_with("legacy")));
}

/// `portal roles --json` prints the DevOps API Role format of Roles.json, with __ORG_ID__.
#[test]
fn roles_print_in_the_devops_role_format() {
    let out = portal(&["roles", "--json"]);
    assert!(out.status.success());
    let roles: Vec<portal_core::rbac::Role> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(roles.len(), 19);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rw = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Name"] == "Read/Write Service Account")
        .unwrap();
    assert_eq!(rw["ID"], "b4ed0e9e-67e8-47b6-8b58-c6629be961a9");
    assert_eq!(rw["Policy"]["resources"][0], "drn:astra:org:__ORG_ID__");
    assert_eq!(rw["Policy"]["effect"], "allow");
    assert!(stdout(&portal(&["roles"])).contains("also: R/W Svc Acct"));
}
