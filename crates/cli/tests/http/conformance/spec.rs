//! The spec: its operations that the route table also defines, its schemas as JSON Schema, and
//! the exceptions where the real API differs.

use portal_core::api::routes::ROUTES;
use serde_json::{json, Value};

pub(super) const SPEC: &str = include_str!("../../fixtures/astra-devops-api.yaml");

/// An ID that no record has.
pub(super) const MISSING: &str = "no_such_id";

/// Actions that real roles carry (astra-cli-fixtures/Roles.json, e.g. "Organization
/// Administrator") and the spec's `PolicyAction` enum lacks: the enum is older than the API.
pub(super) const REAL_ACTIONS_NOT_IN_SPEC: &[&str] = &[
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
pub(super) struct Operation<'s> {
    pub(super) method: &'static str,
    /// The route's pattern, `{}` for each parameter.
    pub(super) pattern: &'static str,
    /// The spec's path template, `{roleID}` for each parameter.
    pub(super) template: &'s str,
    pub(super) spec: &'s Value,
}

impl Operation<'_> {
    pub(super) fn name(&self) -> String {
        format!("{} {}", self.method, self.template)
    }

    /// The statuses the spec documents for it (`5XX` and the like as they are).
    pub(super) fn statuses(&self) -> Vec<&str> {
        self.spec["responses"]
            .as_object()
            .map(|responses| responses.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

/// The spec, with its schemas as JSON Schema.
pub(super) struct Spec {
    pub(super) doc: Value,
    /// `components.schemas`, OpenAPI 3.0 turned into JSON Schema, with the exceptions applied.
    pub(super) schemas: Value,
}

/// What the spec says of one operation's status.
pub(super) enum Documented {
    /// A JSON Schema for the body, and the exceptions applied to it.
    Schema(Value, Vec<&'static str>),
    /// Documented, with no JSON body schema: why.
    NoSchema(String),
    Undocumented,
}

impl Spec {
    pub(super) fn load() -> Spec {
        let doc: Value = serde_yaml_ng::from_str(SPEC).expect("the spec is YAML");
        let mut schemas = doc["components"]["schemas"].clone();
        openapi_to_json_schema(&mut schemas);
        for (_, apply) in COMPONENT_EXCEPTIONS {
            apply(&mut schemas);
        }
        Spec { doc, schemas }
    }

    /// The operations of the route table that the spec defines, in the table's order.
    pub(super) fn overlap(&self) -> Vec<Operation<'_>> {
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
    pub(super) fn documented(&self, operation: &Operation, status: u16) -> Documented {
        let responses = &operation.spec["responses"];
        let Some(response) = responses
            .get(status.to_string())
            .or_else(|| responses.get(format!("{}XX", status / 100)))
        else {
            return Documented::Undocumented;
        };
        match body_schema(&self.doc, response, status) {
            Ok((mut schema, applied)) => {
                openapi_to_json_schema(&mut schema);
                Documented::Schema(schema, applied)
            }
            Err(why) => Documented::NoSchema(why),
        }
    }

    /// The spec as the fuzzer reads it: the departures of [`COMPONENT_EXCEPTIONS`] and
    /// [`body_schema`] written into it, so that it holds the server to the real service, as the
    /// conformance test does. It stays OpenAPI 3.0 (`nullable` as it is).
    pub(super) fn departed(&self) -> Value {
        let mut doc = self.doc.clone();
        for (_, apply) in COMPONENT_EXCEPTIONS {
            apply(&mut doc["components"]["schemas"]);
        }
        let paths = doc["paths"].as_object_mut().expect("the spec has paths");
        let operations = paths
            .values_mut()
            .filter_map(Value::as_object_mut)
            .flat_map(|item| item.values_mut());
        for operation in operations {
            let responses = operation
                .get_mut("responses")
                .and_then(Value::as_object_mut);
            for (status, response) in responses.into_iter().flatten() {
                let Ok(code) = status.parse::<u16>() else {
                    continue;
                };
                if let Ok((schema, applied)) = body_schema(&self.doc, response, code) {
                    if !applied.is_empty() {
                        let description = response["description"].clone();
                        *response = json!({
                            "description": description,
                            "content": {"application/json": {"schema": schema}},
                        });
                    }
                }
            }
        }
        doc
    }

    /// The headers the spec documents for the operation's `status`.
    pub(super) fn headers(&self, operation: &Operation, status: u16) -> Vec<String> {
        operation.spec["responses"][status.to_string()]["headers"]
            .as_object()
            .map(|headers| headers.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The problems of `body` against `schema`, each naming its JSON pointer.
    pub(super) fn problems(&self, schema: &Value, body: &Value) -> Vec<String> {
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

/// The JSON body schema the spec gives `response` (one operation's, for `status`), OpenAPI 3.0
/// as the spec writes it, with the departures it needed, or why it has none.
fn body_schema(
    doc: &Value,
    response: &Value,
    status: u16,
) -> Result<(Value, Vec<&'static str>), String> {
    let mut response = response;
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
        response = doc
            .pointer(target.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("the spec's {target} exists"));
    }
    let content = &response["content"];
    let json_schema = content.pointer("/application~1json/schema");
    let text_schema = content.pointer("/text~1plain/schema");
    let mut schema = match (json_schema, text_schema) {
        (Some(schema), _) => schema.clone(),
        // Exception: some refusals are documented as a `text/plain` string (POST /v2/tokens,
        // POST /v2/clientIdSecrets, POST /v2/enterprises/organizations). Every refusal is
        // `{"errors":[{"ID","message"}]}`, as the spec's shared responses
        // (#/components/responses/BadRequest etc.) have it, so that a client reads them alike.
        (None, Some(schema)) if status >= 400 && schema["type"] == "string" => {
            applied.push(STRING_ERRORS);
            json!({"$ref": "#/components/schemas/Errors"})
        }
        _ => {
            let description = response["description"].as_str().unwrap_or_default();
            return Err(format!(
                "the spec documents {status} (\"{description}\") with no JSON body schema"
            ));
        }
    };
    // Exception: the role operations document their refusals as a JSON string. Their 400, 401,
    // 403, 404 and 409 are the spec's own `Errors` schema too, the one shape every refusal has.
    if status >= 400 && schema == json!({"type": "string"}) {
        applied.push(STRING_ERRORS);
        schema = json!({"$ref": "#/components/schemas/Errors"});
    }
    // Exception: POST /v2/tokens, POST and GET /v2/clientIdSecrets give `{"items": X}` with no
    // `type`, which JSON Schema applies to arrays only, so it would pass any object. The real POST
    // /v2/tokens answers one GenerateTokenResponse object
    // (astra-cli-fixtures/CreateTokenResponse.json), and GET answers one ClientRoleList
    // (`{"clients": [...]}`): the body is X itself.
    if schema.get("type").is_none() && schema.get("items").is_some() {
        applied.push(UNTYPED_ITEMS);
        schema = schema["items"].clone();
    }
    Ok((schema, applied))
}

pub(super) const STRING_ERRORS: &str =
    "a refusal the spec documents as a string is the spec's `Errors` object, as every refusal";
pub(super) const MISPLACED_REF: &str =
    "a response whose description is `#/components/responses/X` is X (addKeyspace, dropKeyspace)";
pub(super) const UNTYPED_ITEMS: &str =
    "`{items: X}` without `type` is X itself (astra-cli-fixtures/CreateTokenResponse.json)";

pub(super) type Patch = fn(&mut Value);

/// Where the spec's schemas are stricter than, or spelled otherwise than, the real API.
pub(super) const COMPONENT_EXCEPTIONS: &[(&str, Patch)] = &[
    (
        "Error requires `ID`, as its own properties spell it and every refusal carries it (the \
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
pub(super) fn openapi_to_json_schema(schema: &mut Value) {
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
pub(super) fn pattern_of(template: &str) -> String {
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

pub(super) fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, path): (Vec<&str>, Vec<&str>) =
        (pattern.split('/').collect(), path.split('/').collect());
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(&path)
            .all(|(p, s)| *p == "{}" && !s.is_empty() || p == s)
}
