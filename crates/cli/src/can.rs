//! `portal can`: would these roles allow an action on a resource? For CI scripts: "would this
//! token's roles let it drop that table?"

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use portal_core::rbac::evaluator::{self, Decision};
use portal_core::rbac::{DefaultRole, Drn, Permission, Realm, Role, DEFAULT_ROLES};
use serde_json::json;

use crate::can_batch;
use crate::catalog::placeholder_owner;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A default role's name or alias (any letter case), a default role's ID, or the path of a
    /// Role JSON file (one role or an array). Repeat for several roles.
    #[arg(long = "role", value_name = "ROLE", required_unless_present = "batch")]
    roles: Vec<String>,
    /// The permission, e.g. db-table-drop.
    #[arg(required_unless_present = "batch")]
    action: Option<String>,
    /// The resource DRN, e.g. drn:astra:org:<ORG>:db:<DB>:keyspace:<KS>:table:<TABLE>.
    #[arg(required_unless_present = "batch")]
    resource: Option<String>,
    /// Print {"decision","reasons"} as JSON.
    #[arg(long)]
    json: bool,
    /// One question per line of FILE ("-": standard input), as JSON: "roles" (as --role takes
    /// them, or Role objects) or, with --state, a "principal" (a user's email or a token's
    /// clientId); "action", "resource", and optionally "expect" ("allow" or "deny"). Prints one
    /// JSON answer per line; exit 1 when an answer is not what was expected, 2 when a line can't
    /// be answered.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["roles", "action", "resource"])]
    batch: Option<PathBuf>,
    /// The state file whose users and tokens the batch's "principal" names.
    #[arg(long, value_name = "FILE", requires = "batch")]
    state: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    if let Some(batch) = &args.batch {
        return can_batch::run(batch, args.state.as_deref());
    }
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
    let action = args.action.as_deref().unwrap_or_default();
    let resource = args.resource.as_deref().unwrap_or_default();
    let (action, resource) = question(action, resource)?;
    let mut roles = Vec::new();
    for key in &args.roles {
        roles.extend(resolve(key, &resource)?);
    }
    evaluator::explain(&roles, action, &resource).map_err(|e| e.to_string())
}

/// The permission and the resource of a question, parsed.
pub(crate) fn question(action: &str, resource: &str) -> Result<(Permission, Drn), String> {
    let action = Permission::parse(action).map_err(|e| e.to_string())?;
    let resource = Drn::parse(resource).map_err(|e| e.to_string())?;
    Ok((action, resource))
}

/// A role argument: a Role JSON file, or a default role found by name, alias or ID. A default
/// role is instantiated in the resource's organization (or enterprise), as if assigned there.
pub(crate) fn resolve(key: &str, resource: &Drn) -> Result<Vec<Role>, String> {
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
