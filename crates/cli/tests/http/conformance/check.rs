//! The requests the test makes and the check of each reply against the spec.

use std::collections::{BTreeMap, BTreeSet};

use portal_core::api::access::default_role;
use serde_json::Value;

use crate::server::{Reply, Served};

use super::spec::{matches, Documented, Operation, Spec, MISSING};

/// One request: a success, or a refusal the spec documents.
pub(super) struct Call<'a> {
    pub(super) method: &'static str,
    pub(super) target: String,
    pub(super) token: Option<&'a str>,
    pub(super) body: String,
    /// The status it is made to get.
    pub(super) expect: Expect,
}

#[derive(Copy, Clone, PartialEq, Eq)]
pub(super) enum Expect {
    Success,
    /// A success with this status, where the spec gives 2xx statuses different meanings.
    Status(u16, &'static str),
    Refusal(u16, &'static str),
}

/// What the test found, printed at the end.
#[derive(Default)]
pub(super) struct Findings {
    pub(super) validated: Vec<String>,
    /// Documented with no JSON body schema.
    pub(super) skipped: Vec<String>,
    /// Documented refusals this test has no request for.
    pub(super) unprovoked: Vec<String>,
    pub(super) problems: Vec<String>,
    pub(super) exceptions: BTreeSet<&'static str>,
    /// Operation → the statuses seen, for the coverage checks.
    pub(super) seen: BTreeMap<String, BTreeSet<u16>>,
}

pub(super) struct Check<'a> {
    pub(super) spec: &'a Spec,
    pub(super) operations: Vec<Operation<'a>>,
    pub(super) served: &'a Served,
    /// A token of the organization with no organization permission: the 403s.
    pub(super) weak: &'a str,
    pub(super) findings: Findings,
}

impl Check<'_> {
    /// Sends the call and checks the reply against the spec when the spec defines its operation.
    pub(super) fn run(&mut self, call: &Call) -> Reply {
        let reply = self.served.send(
            call.method,
            &call.target,
            call.token,
            &[],
            call.body.as_bytes(),
        );
        self.check(call, &reply);
        reply
    }

    /// A success and then the refusals the spec documents for its operation; the success's body.
    pub(super) fn step(&mut self, call: Call) -> Value {
        let reply = self.run(&call);
        self.refusals(&call);
        serde_json::from_str(&reply.body).unwrap_or(Value::Null)
    }

    pub(super) fn check(&mut self, call: &Call, reply: &Reply) {
        let path = call.target.split('?').next().unwrap_or_default();
        let Some(operation) = self
            .operations
            .iter()
            .find(|op| op.method == call.method && matches(op.pattern, path))
        else {
            return;
        };
        let name = operation.name();
        let status = reply.status;
        // CONFORMANCE_DUMP=1 prints every reply the spec's operations gave.
        if std::env::var_os("CONFORMANCE_DUMP").is_some() {
            println!(
                "DUMP {} {} → {status}: {}",
                call.method, call.target, reply.body
            );
        }
        let context = format!("{name} → {status}");
        match call.expect {
            Expect::Success if !(200..300).contains(&status) => {
                self.findings.problems.push(format!(
                    "{context}: a success was expected ({} {}): {}",
                    call.method, call.target, reply.body
                ));
                return;
            }
            Expect::Status(wanted, meaning) if status != wanted => {
                self.findings.problems.push(format!(
                    "{name}: the spec answers {wanted} (\"{meaning}\"), got {status}: {}",
                    reply.body
                ));
                return;
            }
            Expect::Refusal(wanted, how) if status != wanted => {
                self.findings.problems.push(format!(
                    "{name}: {how} should be the documented {wanted}, got {status}: {}",
                    reply.body
                ));
                return;
            }
            _ => {}
        }
        self.findings
            .seen
            .entry(name.clone())
            .or_default()
            .insert(status);
        for header in self.spec.headers(operation, status) {
            if reply.header(&header).is_none() {
                self.findings.problems.push(format!(
                    "{context}: the spec documents the header {header}, which the reply lacks"
                ));
            }
        }
        match self.spec.documented(operation, status) {
            Documented::Undocumented => self.findings.problems.push(format!(
                "{context}: the spec documents only {:?} for this operation: {}",
                operation.statuses(),
                reply.body
            )),
            Documented::NoSchema(why) => self.findings.skipped.push(format!("{context}: {why}")),
            Documented::Schema(schema, applied) => {
                self.findings.exceptions.extend(applied);
                let body = match serde_json::from_str::<Value>(&reply.body) {
                    Ok(body) => body,
                    Err(e) => {
                        self.findings.problems.push(format!(
                            "{context}: the spec documents a JSON body, got {:?} ({e})",
                            reply.body
                        ));
                        return;
                    }
                };
                let problems = self.spec.problems(&schema, &body);
                if problems.is_empty() {
                    self.findings.validated.push(context);
                } else {
                    for problem in problems {
                        self.findings.problems.push(format!("{context}: {problem}"));
                    }
                }
            }
        }
    }

    /// The refusals the spec documents for the operation that `success` reaches, provoked from
    /// that same request: no token (401), a token without the permission (403), IDs that no
    /// record has (404), a body that is not JSON (400).
    pub(super) fn refusals(&mut self, success: &Call) {
        let weak = self.weak;
        let path = success
            .target
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        let Some(operation) = self
            .operations
            .iter()
            .find(|op| op.method == success.method && matches(op.pattern, &path))
        else {
            return;
        };
        let documented: Vec<u16> = operation
            .statuses()
            .iter()
            .filter_map(|s| s.parse().ok())
            .filter(|s| (400..500).contains(s))
            .collect();
        let has_params = operation.pattern.contains("{}");
        let has_body = !success.body.is_empty();
        let name = operation.name();
        let mut calls = Vec::new();
        for status in documented {
            let refusal = |how, target: String, token, body: &str| Call {
                method: success.method,
                target,
                token,
                body: body.to_owned(),
                expect: Expect::Refusal(status, how),
            };
            match status {
                401 => calls.push(refusal(
                    "no Authorization header",
                    success.target.clone(),
                    None,
                    &success.body,
                )),
                403 => calls.push(refusal(
                    "a token without the permission",
                    success.target.clone(),
                    Some(weak),
                    &success.body,
                )),
                404 if has_params => {
                    let target = operation
                        .pattern
                        .split('/')
                        .map(|s| if s == "{}" { MISSING } else { s })
                        .collect::<Vec<_>>()
                        .join("/");
                    calls.push(refusal(
                        "IDs that no record has",
                        target,
                        success.token,
                        &success.body,
                    ));
                }
                400 if has_body => calls.push(refusal(
                    "a body that is not JSON",
                    success.target.clone(),
                    success.token,
                    "{\"name\":",
                )),
                400 if operation.method == "DELETE"
                    && operation.pattern == "/v2/organizations/roles/{}" =>
                {
                    let admin = default_role("Organization Administrator").id;
                    calls.push(refusal(
                        "a default role, which can't be deleted",
                        format!("/v2/organizations/roles/{admin}"),
                        success.token,
                        "",
                    ));
                }
                409 if success.method == "POST" => calls.push(refusal(
                    "the same create again (a name that is taken)",
                    success.target.clone(),
                    success.token,
                    &success.body,
                )),
                422 if operation.pattern.ends_with("/keyspaces/{}") => {
                    let target = success.target.rsplit_once('/').map(|(head, _)| head);
                    calls.push(refusal(
                        "a keyspace name that is not a CQL identifier",
                        format!("{}/not-a-name", target.unwrap_or_default()),
                        success.token,
                        &success.body,
                    ));
                }
                _ => {
                    let unprovoked = format!("{name} → {status}");
                    if !self.findings.unprovoked.contains(&unprovoked) {
                        self.findings.unprovoked.push(unprovoked);
                    }
                }
            }
        }
        for call in calls {
            self.run(&call);
        }
    }
}

pub(super) fn success<'a>(
    method: &'static str,
    target: String,
    token: &'a str,
    body: Value,
) -> Call<'a> {
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    Call {
        method,
        target,
        token: Some(token),
        body,
        expect: Expect::Success,
    }
}
