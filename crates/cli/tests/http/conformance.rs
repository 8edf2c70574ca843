//! "Conformance with the real spec": every operation that both the route table and the
//! Astra DevOps API spec define answers, on success and on the refusals the spec documents, with a
//! body that validates against the schema the spec gives for that operation and status.
//!
//! The spec is `tests/fixtures/astra-devops-api.yaml`, a verbatim copy of the project's reference
//! `shared/reference/astra-devops-api.yaml` (Astra DevOps API 2.3.0, OpenAPI 3.0.0), so that the
//! test runs from any clone. Where the spec disagrees with the real API (the responses astra-cli
//! recorded, `shared/reference/astra-cli-fixtures/*.json`, which win) or with `shared/DESIGN.md`'s
//! "Wire contract", the exception is written below with its evidence, and the test prints which
//! ones it applied.

use std::collections::{BTreeMap, BTreeSet};

use portal_core::api::access::default_role;
use portal_core::api::routes::ROUTES;
use serde_json::{json, Value};

use crate::server::{args, token_body, Reply, Served};

const SPEC: &str = include_str!("../fixtures/astra-devops-api.yaml");

/// An ID that no record has.
const MISSING: &str = "no_such_id";

/// Actions that real roles carry (astra-cli-fixtures/Roles.json, e.g. "Organization
/// Administrator") and the spec's `PolicyAction` enum lacks: the enum is older than the API.
const REAL_ACTIONS_NOT_IN_SPEC: &[&str] = &[
    "accesslist-read",
    "accesslist-write",
    "org-cmk-read",
    "org-cmk-write",
    "org-integrations-read",
    "org-integrations-write",
    "org-stream-manage",
    "db-manage-privateendpoint",
    "db-manage-region",
    "db-data-import",
    "db-manage-thirdpartymetrics",
];

/// One operation both the route table and the spec define.
struct Operation<'s> {
    method: &'static str,
    /// The route's pattern, `{}` for each parameter.
    pattern: &'static str,
    /// The spec's path template, `{roleID}` for each parameter.
    template: &'s str,
    spec: &'s Value,
}

impl Operation<'_> {
    fn name(&self) -> String {
        format!("{} {}", self.method, self.template)
    }

    /// The statuses the spec documents for it (`5XX` and the like as they are).
    fn statuses(&self) -> Vec<&str> {
        self.spec["responses"]
            .as_object()
            .map(|responses| responses.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

/// The spec, with its schemas as JSON Schema.
struct Spec {
    doc: Value,
    /// `components.schemas`, OpenAPI 3.0 turned into JSON Schema, with the exceptions applied.
    schemas: Value,
}

/// What the spec says of one operation's status.
enum Documented {
    /// A JSON Schema for the body, and the exceptions applied to it.
    Schema(Value, Vec<&'static str>),
    /// Documented, with no JSON body schema: why.
    NoSchema(String),
    Undocumented,
}

impl Spec {
    fn load() -> Spec {
        let doc: Value = serde_yaml_ng::from_str(SPEC).expect("the spec is YAML");
        let mut schemas = doc["components"]["schemas"].clone();
        openapi_to_json_schema(&mut schemas);
        for (_, apply) in COMPONENT_EXCEPTIONS {
            apply(&mut schemas);
        }
        Spec { doc, schemas }
    }

    /// The operations of the route table that the spec defines, in the table's order.
    fn overlap(&self) -> Vec<Operation<'_>> {
        let paths = self.doc["paths"].as_object().expect("the spec has paths");
        ROUTES
            .iter()
            .flat_map(|route| {
                let method = route.method.as_str();
                paths.iter().filter_map(move |(template, item)| {
                    let spec = item.get(method.to_ascii_lowercase())?;
                    (pattern_of(template) == route.pattern).then_some(Operation {
                        method,
                        pattern: route.pattern,
                        template,
                        spec,
                    })
                })
            })
            .collect()
    }

    /// What the spec documents for the operation's `status`.
    fn documented(&self, operation: &Operation, status: u16) -> Documented {
        let responses = &operation.spec["responses"];
        let Some(mut response) = responses
            .get(status.to_string())
            .or_else(|| responses.get(format!("{}XX", status / 100)))
        else {
            return Documented::Undocumented;
        };
        let mut applied = Vec::new();
        // Exception: addKeyspace and dropKeyspace document 401 as `description:
        // "#/components/responses/Unauthorized"`, a `$ref` written in the wrong key.
        let misplaced = response["description"]
            .as_str()
            .filter(|d| d.starts_with("#/components/responses/") && response.get("$ref").is_none());
        if misplaced.is_some() {
            applied.push(MISPLACED_REF);
        }
        if let Some(target) = response["$ref"].as_str().or(misplaced) {
            response = self
                .doc
                .pointer(target.trim_start_matches('#'))
                .unwrap_or_else(|| panic!("the spec's {target} exists"));
        }
        let content = &response["content"];
        let json_schema = content.pointer("/application~1json/schema");
        let text_schema = content.pointer("/text~1plain/schema");
        let mut schema = match (json_schema, text_schema) {
            (Some(schema), _) => schema.clone(),
            // Exception: some refusals are documented as a `text/plain` string (POST /v2/tokens,
            // POST /v2/clientIdSecrets, POST /v2/enterprises/organizations). DESIGN.md's wire
            // contract: every error is `{"errors":[{"ID","message"}]}`, as the spec's shared
            // responses (#/components/responses/BadRequest etc.) have it.
            (None, Some(schema)) if status >= 400 && schema["type"] == "string" => {
                applied.push(STRING_ERRORS);
                json!({"$ref": "#/components/schemas/Errors"})
            }
            _ => {
                let description = response["description"].as_str().unwrap_or_default();
                return Documented::NoSchema(format!(
                    "the spec documents {status} (\"{description}\") with no JSON body schema"
                ));
            }
        };
        openapi_to_json_schema(&mut schema);
        // Exception: the role operations document their refusals as a JSON string. DESIGN.md's
        // wire contract: errors are `{"errors":[{"ID","message"}]}` with 400, 401, 403, 404, 409,
        // the spec's own `Errors` schema.
        if status >= 400 && schema == json!({"type": "string"}) {
            applied.push(STRING_ERRORS);
            schema = json!({"$ref": "#/components/schemas/Errors"});
        }
        // Exception: POST /v2/tokens, POST and GET /v2/clientIdSecrets give `{"items": X}` with no
        // `type`, which JSON Schema applies to arrays only, so it would pass any object. The real
        // POST /v2/tokens answers one GenerateTokenResponse object
        // (astra-cli-fixtures/CreateTokenResponse.json), and GET answers one ClientRoleList
        // (`{"clients": [...]}`): the body is X itself.
        if schema.get("type").is_none() && schema.get("items").is_some() {
            applied.push(UNTYPED_ITEMS);
            schema = schema["items"].clone();
        }
        Documented::Schema(schema, applied)
    }

    /// The headers the spec documents for the operation's `status`.
    fn headers(&self, operation: &Operation, status: u16) -> Vec<String> {
        operation.spec["responses"][status.to_string()]["headers"]
            .as_object()
            .map(|headers| headers.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The problems of `body` against `schema`, each naming its JSON pointer.
    fn problems(&self, schema: &Value, body: &Value) -> Vec<String> {
        let root = json!({"allOf": [schema], "components": {"schemas": self.schemas}});
        // OpenAPI 3.0's schemas are an extended subset of JSON Schema Wright draft 00 (draft 5),
        // whose keywords mean what they mean in draft 4.
        let validator = jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&root)
            .unwrap_or_else(|e| panic!("the spec's schema compiles: {e}\n{schema}"));
        validator
            .iter_errors(body)
            .map(|error| {
                let pointer = error.instance_path().to_string();
                let pointer = if pointer.is_empty() {
                    "(root)".into()
                } else {
                    pointer
                };
                format!("at {pointer}: {error}")
            })
            .collect()
    }
}

const STRING_ERRORS: &str =
    "a refusal the spec documents as a string is DESIGN.md's `Errors` object";
const MISPLACED_REF: &str =
    "a response whose description is `#/components/responses/X` is X (addKeyspace, dropKeyspace)";
const UNTYPED_ITEMS: &str =
    "`{items: X}` without `type` is X itself (astra-cli-fixtures/CreateTokenResponse.json)";

type Patch = fn(&mut Value);

/// Where the spec's schemas are stricter than, or spelled otherwise than, the real API.
const COMPONENT_EXCEPTIONS: &[(&str, Patch)] = &[
    (
        "Error requires `ID`, as its own properties and DESIGN.md's wire contract spell it (the \
         spec's `required` says `id`)",
        |schemas| schemas["Error"]["required"] = json!(["ID", "message"]),
    ),
    (
        "Role's keys are `ID`, `Name` and `Policy`, as astra-cli-fixtures/Roles.json spells them \
         (the spec says `id`, `name`, `policy`); every real role has all three, so they are \
         required (the spec requires none, which would pass any object)",
        |schemas| {
            let role = &mut schemas["Role"];
            let properties = role["properties"]
                .as_object_mut()
                .expect("Role's properties");
            for (spec, real) in [("id", "ID"), ("name", "Name"), ("policy", "Policy")] {
                let property = properties.remove(spec).expect("Role's property");
                properties.insert(real.into(), property);
            }
            role["required"] = json!(["ID", "Name", "Policy"]);
        },
    ),
    (
        "PolicyAction also has the actions real roles carry (astra-cli-fixtures/Roles.json): \
         accesslist-*, org-cmk-*, org-integrations-*, org-stream-manage, db-manage-*, \
         db-data-import",
        |schemas| {
            let actions = schemas["PolicyAction"]["enum"]
                .as_array_mut()
                .expect("PolicyAction's enum");
            actions.extend(REAL_ACTIONS_NOT_IN_SPEC.iter().map(|a| json!(a)));
        },
    ),
    (
        "UserResponse's keys are `UserID`, `Email`, `Status` and `Roles`, as in \
         astra-cli-fixtures/Users.json (the spec says `userID`, `email`, `status`, `roles`)",
        |schemas| {
            let user = &mut schemas["UserResponse"];
            let properties = user["properties"].as_object_mut().expect("its properties");
            for (spec, real) in [
                ("userID", "UserID"),
                ("email", "Email"),
                ("status", "Status"),
                ("roles", "Roles"),
            ] {
                let property = properties.remove(spec).expect("UserResponse's property");
                properties.insert(real.into(), property);
            }
            user["required"] = json!(["UserID"]);
        },
    ),
];

/// OpenAPI 3.0's `nullable: true` as JSON Schema: the type (and the enum) also admit null.
fn openapi_to_json_schema(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.get("nullable") == Some(&Value::Bool(true)) {
                map.remove("nullable");
                if let Some(Value::String(kind)) = map.get("type").cloned() {
                    map.insert("type".into(), json!([kind, "null"]));
                }
                if let Some(Value::Array(values)) = map.get_mut("enum") {
                    values.push(Value::Null);
                }
            }
            map.values_mut().for_each(openapi_to_json_schema);
        }
        Value::Array(items) => items.iter_mut().for_each(openapi_to_json_schema),
        _ => {}
    }
}

/// `/v2/organizations/roles/{roleID}` as the route table writes it: `/v2/organizations/roles/{}`.
fn pattern_of(template: &str) -> String {
    template
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') && segment.ends_with('}') {
                "{}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, path): (Vec<&str>, Vec<&str>) =
        (pattern.split('/').collect(), path.split('/').collect());
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(&path)
            .all(|(p, s)| *p == "{}" && !s.is_empty() || p == s)
}

/// One request: a success, or a refusal the spec documents.
struct Call<'a> {
    method: &'static str,
    target: String,
    token: Option<&'a str>,
    body: String,
    /// The status it is made to get.
    expect: Expect,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Expect {
    Success,
    /// A success with this status, where the spec gives 2xx statuses different meanings.
    Status(u16, &'static str),
    Refusal(u16, &'static str),
}

/// What the test found, printed at the end.
#[derive(Default)]
struct Findings {
    validated: Vec<String>,
    /// Documented with no JSON body schema.
    skipped: Vec<String>,
    /// Documented refusals this test has no request for.
    unprovoked: Vec<String>,
    problems: Vec<String>,
    exceptions: BTreeSet<&'static str>,
    /// Operation → the statuses seen, for the coverage checks.
    seen: BTreeMap<String, BTreeSet<u16>>,
}

struct Check<'a> {
    spec: &'a Spec,
    operations: Vec<Operation<'a>>,
    served: &'a Served,
    /// A token of the organization with no organization permission: the 403s.
    weak: &'a str,
    findings: Findings,
}

impl Check<'_> {
    /// Sends the call and checks the reply against the spec when the spec defines its operation.
    fn run(&mut self, call: &Call) -> Reply {
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
    fn step(&mut self, call: Call) -> Value {
        let reply = self.run(&call);
        self.refusals(&call);
        serde_json::from_str(&reply.body).unwrap_or(Value::Null)
    }

    fn check(&mut self, call: &Call, reply: &Reply) {
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
    fn refusals(&mut self, success: &Call) {
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

fn success<'a>(method: &'static str, target: String, token: &'a str, body: Value) -> Call<'a> {
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

#[test]
fn the_responses_the_spec_defines_validate_against_its_schemas() {
    let spec = Spec::load();
    let operations = spec.overlap();
    assert!(!operations.is_empty(), "no route of ROUTES is in the spec");
    let served = Served::start(&args("conformance", true));
    let org = served.boot().organization_token.token.clone();
    let ent = served.boot().enterprise_token.token.clone();
    let org_id = served.boot().organization_id.clone();
    // A token of the organization whose role grants no organization permission (seed 001, "RO
    // Svc Acct"): the 403s.
    let weak = served.call(
        "POST",
        "/v2/tokens",
        &org,
        &token_body("Read Only Service Account", "weak"),
    );
    assert_eq!(weak.status, 200, "{}", weak.body);
    let weak = weak.json()["token"].as_str().expect("a token").to_owned();
    let mut check = Check {
        spec: &spec,
        operations,
        served: &served,
        weak: &weak,
        findings: Findings::default(),
    };

    // Each success, in an order that makes what the next ones need and removes it again; after
    // each, the refusals the spec documents for its operation.

    check.step(success("GET", "/v2/currentOrg".into(), &org, Value::Null));

    // Roles: create, read, update; deleted after the user who holds it.
    check.step(success(
        "GET",
        "/v2/organizations/roles".into(),
        &org,
        Value::Null,
    ));
    let policy = |description: &str| {
        json!({
            "description": description,
            "resources": [format!("drn:astra:org:{org_id}")],
            "actions": ["org-audits-read"],
            "effect": "allow",
        })
    };
    let role = check.step(success(
        "POST",
        "/v2/organizations/roles".into(),
        &org,
        json!({"name": "Conformance Auditors", "policy": policy("conformance")}),
    ));
    let role_id = role["ID"].as_str().expect("the new role's ID").to_owned();
    let role_path = format!("/v2/organizations/roles/{role_id}");
    let role_read = check.step(success("GET", role_path.clone(), &org, Value::Null));
    check.step(success(
        "PUT",
        role_path.clone(),
        &org,
        json!({"name": "Conformance Auditors", "policy": policy("updated")}),
    ));

    // Users: invite, list, read, change roles, remove.
    let reader = default_role("Read Only User").id;
    check.step(success(
        "PUT",
        "/v2/organizations/users".into(),
        &org,
        json!({"email": "conformance@acme.example", "orgID": org_id, "roles": [reader]}),
    ));
    let users = check.step(success(
        "GET",
        "/v2/organizations/users".into(),
        &org,
        Value::Null,
    ));
    let user_id = users["users"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|u| u["Email"] == "conformance@acme.example")
        .and_then(|u| u["UserID"].as_str())
        .unwrap_or_else(|| panic!("the invited user is listed: {users}"))
        .to_owned();
    let user_path = format!("/v2/organizations/users/{user_id}");
    check.step(success("GET", user_path.clone(), &org, Value::Null));
    check.step(success(
        "PUT",
        format!("{user_path}/roles"),
        &org,
        json!({"roles": [role_id]}),
    ));
    check.step(success("DELETE", user_path, &org, Value::Null));
    check.step(success("DELETE", role_path, &org, Value::Null));

    // Tokens: list, generate and revoke, through both paths.
    check.step(success(
        "GET",
        "/v2/clientIdSecrets".into(),
        &org,
        Value::Null,
    ));
    let readonly_token = json!({"roles": [reader], "description": "conformance"});
    for path in ["/v2/tokens", "/v2/clientIdSecrets"] {
        let issued = check.step(success("POST", path.into(), &org, readonly_token.clone()));
        let client_id = issued["clientId"].as_str().expect("a clientId");
        check.step(success(
            "DELETE",
            format!("/v2/clientIdSecrets/{client_id}"),
            &org,
            Value::Null,
        ));
    }

    // Databases: list, create, read, a keyspace added and dropped; then terminated.
    check.step(success("GET", "/v2/databases".into(), &org, Value::Null));
    check.step(success(
        "POST",
        "/v2/databases".into(),
        &org,
        json!({
            "name": "conformance",
            "keyspace": "conformance",
            "cloudProvider": "AWS",
            "region": "us-east-1",
            "tier": "serverless",
            "capacityUnits": 1,
        }),
    ));
    let state = served.stored();
    let database = state
        .databases
        .values()
        .find(|db| db.org_id == org_id && db.name == "conformance")
        .expect("the new database is stored")
        .id
        .clone();
    let database_path = format!("/v2/databases/{database}");
    check.step(success("GET", database_path.clone(), &org, Value::Null));
    let keyspace_path = format!("{database_path}/keyspaces/extra");
    check.step(success("POST", keyspace_path.clone(), &org, Value::Null));
    // dropKeyspace: "202: dropped", "204: no keyspace found to delete".
    check.step(Call {
        expect: Expect::Status(202, "dropped"),
        ..success("DELETE", keyspace_path.clone(), &org, Value::Null)
    });
    check.run(&Call {
        expect: Expect::Status(204, "no keyspace found to delete"),
        ..success("DELETE", keyspace_path, &org, Value::Null)
    });
    check.step(success("DELETE", database_path, &org, Value::Null));

    // The enterprise: a new organization.
    check.step(success(
        "POST",
        "/v2/enterprises/organizations".into(),
        &ent,
        json!({
            "name": "Conformance Org",
            "email": "conformance-org@acme.example",
            "adminUserID": served.boot().user_id,
        }),
    ));

    // The check can fail: the role as read, with a policy that denies and without its name, is
    // refused with the route, the status and the JSON pointer of each departure.
    let mut broken = role_read;
    broken["Policy"]["effect"] = json!("deny");
    broken.as_object_mut().expect("a role").remove("Name");
    let mut control = Check {
        spec: &spec,
        operations: spec.overlap(),
        served: &served,
        weak: &weak,
        findings: Findings::default(),
    };
    let read = success(
        "GET",
        format!("/v2/organizations/roles/{role_id}"),
        &org,
        Value::Null,
    );
    let reply = Reply {
        status: 200,
        headers: Default::default(),
        body: broken.to_string(),
    };
    control.check(&read, &reply);
    let caught = control.findings.problems.join("\n");
    for departure in [
        "GET /v2/organizations/roles/{roleID} → 200: at /Policy/effect: \"deny\"",
        "GET /v2/organizations/roles/{roleID} → 200: at (root): \"Name\" is a required property",
    ] {
        assert!(
            caught.contains(departure),
            "the check misses {departure}:\n{caught}"
        );
    }

    let Findings {
        validated,
        skipped,
        unprovoked,
        mut problems,
        exceptions,
        seen,
    } = check.findings;
    for operation in &check.operations {
        let name = operation.name();
        let successes = seen
            .get(&name)
            .map_or(0, |s| s.iter().filter(|s| (200..300).contains(*s)).count());
        if successes == 0 {
            problems.push(format!("{name}: no success was checked"));
        }
    }
    println!(
        "The spec's operations that the route table serves ({}):",
        check.operations.len()
    );
    for operation in &check.operations {
        let statuses: Vec<String> = seen
            .get(&operation.name())
            .into_iter()
            .flatten()
            .map(u16::to_string)
            .collect();
        println!(
            "  {:<50} checked: {}",
            operation.name(),
            statuses.join(", ")
        );
    }
    println!("Validated against the spec's schema ({}):", validated.len());
    validated.iter().for_each(|v| println!("  {v}"));
    println!(
        "Not validated: no schema to validate against ({}):",
        skipped.len()
    );
    skipped.iter().for_each(|s| println!("  {s}"));
    println!(
        "Documented refusals this test has no request for ({}):",
        unprovoked.len()
    );
    unprovoked.iter().for_each(|s| println!("  {s}"));
    println!("Exceptions to the spec applied:");
    for (exception, _) in COMPONENT_EXCEPTIONS {
        println!("  {exception}");
    }
    exceptions.iter().for_each(|e| println!("  {e}"));
    assert!(
        problems.is_empty(),
        "{} responses do not conform to the spec:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
