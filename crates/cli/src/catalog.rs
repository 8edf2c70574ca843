//! `portal permissions` and `portal roles`: the catalog and the default roles.

use std::process::ExitCode;

use portal_core::rbac::{DefaultRole, Permission, Realm, Role, Status, DEFAULT_ROLES};
use serde_json::json;

pub fn permissions(as_json: bool) -> ExitCode {
    if as_json {
        let list: Vec<_> = Permission::all()
            .map(|p| {
                let info = p.info();
                json!({
                    "api": info.api,
                    "name": info.name,
                    "description": info.description,
                    "category": format!("{:?}", info.category),
                    "scope": format!("{:?}", info.scope),
                    "status": format!("{:?}", info.status),
                    "source": info.source,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).expect("JSON of the catalog")
        );
        return ExitCode::SUCCESS;
    }
    println!(
        "{:<30} {:<34} {:<13} {:<24} status",
        "parameter", "name", "category", "scoped to"
    );
    for p in Permission::all() {
        let info = p.info();
        let status = match info.status {
            Status::Current => "",
            Status::Legacy => "legacy",
            Status::Undocumented => "undocumented",
        };
        println!(
            "{:<30} {:<34} {:<13} {:<24} {status}",
            info.api,
            info.name,
            format!("{:?}", info.category),
            format!("{:?}", info.scope),
        );
    }
    ExitCode::SUCCESS
}

/// The placeholder owner a default role is printed for, as in the real API's Roles.json.
pub fn placeholder_owner(role: &DefaultRole) -> &'static str {
    match role.realm {
        Realm::Organization => "__ORG_ID__",
        Realm::Enterprise => "__ENTERPRISE_ID__",
    }
}

pub fn roles(as_json: bool) -> ExitCode {
    let roles: Vec<Role> = DEFAULT_ROLES
        .iter()
        .map(|d| Role::from_default(d, placeholder_owner(d)))
        .collect();
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(&roles).expect("JSON of the roles")
        );
        return ExitCode::SUCCESS;
    }
    for (default, role) in DEFAULT_ROLES.iter().zip(&roles) {
        let realm = match default.realm {
            Realm::Organization => "organization",
            Realm::Enterprise => "enterprise",
        };
        println!("{} ({realm} role, {})", default.name, default.id);
        if !default.aliases.is_empty() {
            println!("  also: {}", default.aliases.join(", "));
        }
        let actions: Vec<&str> = role.policy.actions.iter().map(Permission::api).collect();
        println!("  {} permissions: {}", actions.len(), actions.join(", "));
    }
    ExitCode::SUCCESS
}
