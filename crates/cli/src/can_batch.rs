//! `portal can --batch FILE`: policy checks a team runs in its own CI. One question per line,
//! one JSON answer per line, and the exit code says whether every answer was the expected one.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use portal_core::api::access::{self, Actor, Principal};
use portal_core::model::{Scope, State};
use portal_core::rbac::evaluator;
use portal_core::rbac::{Drn, Role};
use portal_core::store::Backend;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::can::{question, resolve};
use crate::state_file::StateFile;

/// One line of the batch.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    #[serde(default)]
    roles: Vec<RoleArg>,
    /// A user's email or a token's clientId in the `--state` file, acting where the resource is.
    #[serde(default)]
    principal: Option<String>,
    action: String,
    resource: String,
    #[serde(default)]
    expect: Option<Verdict>,
}

/// A role as `--role` takes it (a name, alias, ID or file), or a Role object itself.
#[derive(Deserialize)]
#[serde(untagged)]
enum RoleArg {
    Key(String),
    Role(Value),
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Verdict {
    Allow,
    Deny,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Deny => "deny",
        }
    }
}

/// What the batch found, for the exit code.
#[derive(Default)]
struct Tally {
    unexpected: usize,
    unanswered: usize,
}

pub fn run(batch: &Path, state: Option<&Path>) -> ExitCode {
    let state = match state.map(load_state).transpose() {
        Ok(state) => state,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let input: Box<dyn BufRead> = if batch == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        match File::open(batch) {
            Ok(file) => Box::new(BufReader::new(file)),
            Err(e) => {
                eprintln!("error: {}: {e}", batch.display());
                return ExitCode::from(2);
            }
        }
    };
    let mut out = io::stdout().lock();
    let mut tally = Tally::default();
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let answer = match line {
            Ok(text) if text.trim().is_empty() || text.trim_start().starts_with('#') => continue,
            Ok(text) => answer(&text, state.as_ref(), number, &mut tally),
            Err(e) => {
                tally.unanswered += 1;
                json!({"line": number, "error": e.to_string()})
            }
        };
        if writeln!(out, "{answer}").is_err() {
            return ExitCode::from(2);
        }
    }
    eprintln!(
        "{} answer(s) not as expected, {} line(s) unanswered",
        tally.unexpected, tally.unanswered
    );
    if tally.unanswered > 0 {
        ExitCode::from(2)
    } else if tally.unexpected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn load_state(path: &Path) -> Result<State, String> {
    futures_executor::block_on(Backend::open_existing(StateFile::new(path)))
        .map_err(|e| e.to_string())?
        .map(|backend| backend.state().clone())
        .ok_or_else(|| {
            format!(
                "{} does not exist: make it with `portal init`",
                path.display()
            )
        })
}

/// The answer to one line, counted in the tally.
fn answer(text: &str, state: Option<&State>, number: usize, tally: &mut Tally) -> Value {
    match decide(text, state) {
        Ok((question, decision)) => {
            let verdict = if decision.allowed {
                Verdict::Allow
            } else {
                Verdict::Deny
            };
            let reasons: Vec<String> = decision.reasons.iter().map(ToString::to_string).collect();
            let mut answer =
                json!({"line": number, "decision": verdict.as_str(), "reasons": reasons});
            if let Some(expected) = question.expect {
                let met = expected == verdict;
                tally.unexpected += usize::from(!met);
                answer["expect"] = json!(expected.as_str());
                answer["asExpected"] = json!(met);
            }
            answer
        }
        Err(message) => {
            tally.unanswered += 1;
            json!({"line": number, "error": message})
        }
    }
}

fn decide(text: &str, state: Option<&State>) -> Result<(Question, evaluator::Decision), String> {
    let asked: Question = serde_json::from_str(text).map_err(|e| format!("not a question: {e}"))?;
    let (action, resource) = question(&asked.action, &asked.resource)?;
    let mut roles = Vec::new();
    for role in &asked.roles {
        match role {
            RoleArg::Key(key) => roles.extend(resolve(key, &resource)?),
            RoleArg::Role(value) => {
                roles.push(Role::from_json(&value.to_string()).map_err(|e| e.to_string())?)
            }
        }
    }
    if let Some(principal) = &asked.principal {
        let state = state.ok_or("a question about a principal needs --state FILE")?;
        roles.extend(principal_roles(state, principal, &resource)?);
    } else if asked.roles.is_empty() {
        return Err("the question names no roles and no principal: give one of them".into());
    }
    let decision = evaluator::explain(&roles, action, &resource).map_err(|e| e.to_string())?;
    Ok((asked, decision))
}

/// The roles a user (by email) or a token (by clientId) holds where the resource is.
fn principal_roles(state: &State, principal: &str, resource: &Drn) -> Result<Vec<Role>, String> {
    let scope = if resource.kind().is_enterprise() {
        Scope::Enterprise
    } else {
        let org = resource
            .root_id()
            .id()
            .ok_or("the resource names no organization")?;
        Scope::Organization(org.to_owned())
    };
    let principal = if let Some(user) = state.user_by_email(principal) {
        Principal::User(user.id.clone())
    } else if state.tokens.contains_key(principal) {
        Principal::Token(principal.to_owned())
    } else {
        return Err(format!(
            "'{principal}' is neither a user's email nor a token's clientId in the state"
        ));
    };
    Ok(access::roles(state, &Actor { principal, scope }))
}
