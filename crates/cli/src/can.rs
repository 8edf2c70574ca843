//! `portal can`: would these roles allow an action on a resource? For CI scripts: "would this
//! token's roles let it drop that table?"

use std::path::Path;
use std::process::ExitCode;

use portal_core::rbac::evaluator::{self, Decision};
use portal_core::rbac::{DefaultRole, Drn, Permission, Realm, Role, DEFAULT_ROLES};
use serde_json::json;

use crate::catalog::placeholder_owner;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A default role's name or alias (any letter case), a default role's ID, or the path of a
    /// Role JSON file (one role or an array). Repeat for several roles.
    #[arg(long = "role", value_name = "ROLE", required = true)]
    roles: Vec<String>,
    /// The permission, e.g. db-table-drop.
    action: String,
    /// The resource DRN, e.g. drn:astra:org:<ORG>:db:<DB>:keyspace:<KS>:table:<TABLE>.
    resource: String,
    /// Print {"decision","reasons"} as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    match decide(&args) {
        Ok(decision) => {
            print(&args, &decision);
            if decision.allowed {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn decide(args: &Args) -> Result<Decision, String> {
    let action = Permission::parse(&args.action).map_err(|e| e.to_string())?;
    let resource = Drn::parse(&args.resource).map_err(|e| e.to_string())?;
    let mut roles = Vec::new();
    for key in &args.roles {
        roles.extend(resolve(key, &resource)?);
    }
    evaluator::explain(&roles, action, &resource).map_err(|e| e.to_string())
}

/// A role argument: a Role JSON file, or a default role found by name, alias or ID. A default
/// role is instantiated in the resource's organization (or enterprise), as if assigned there.
fn resolve(key: &str, resource: &Drn) -> Result<Vec<Role>, String> {
    let path = Path::new(key);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{key}: {e}"))?;
        let parsed = if text.trim_start().starts_with('[') {
            Role::list_from_json(&text)
        } else {
            Role::from_json(&text).map(|role| vec![role])
        };
        return parsed.map_err(|e| format!("{key}: {e}"));
    }
    let role = DefaultRole::find(key).ok_or_else(|| unknown_role(key))?;
    let resource_realm = if resource.kind().is_enterprise() {
        Realm::Enterprise
    } else {
        Realm::Organization
    };
    let owner = match (role.realm == resource_realm, resource.root_id().id()) {
        (true, Some(id)) => id,
        _ => placeholder_owner(role),
    };
    Ok(vec![Role::from_default(role, owner)])
}

fn unknown_role(key: &str) -> String {
    let wanted = key.to_lowercase();
    let nearest = DEFAULT_ROLES
        .iter()
        .flat_map(|r| std::iter::once(r.name).chain(r.aliases.iter().copied()))
        .min_by_key(|name| strsim::levenshtein(&wanted, &name.to_lowercase()))
        .unwrap_or_default();
    format!(
        "unknown role '{key}': not a default role's name, alias or ID, nor a Role JSON file; \
         did you mean '{nearest}'? (`portal roles` lists them)"
    )
}

fn print(args: &Args, decision: &Decision) {
    let verdict = if decision.allowed { "allow" } else { "deny" };
    if args.json {
        let reasons: Vec<_> = decision
            .reasons
            .iter()
            .map(|r| {
                json!({
                    "reason": r.code(),
                    "role": r.role().map(|role| &role.name),
                    "roleId": r.role().map(|role| &role.id),
                    "message": r.to_string(),
                })
            })
            .collect();
        let out = json!({ "decision": verdict, "reasons": reasons });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("JSON of a decision")
        );
    } else {
        println!("{verdict}");
        for reason in &decision.reasons {
            println!("  {reason}");
        }
    }
}
