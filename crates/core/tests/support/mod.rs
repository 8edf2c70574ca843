//! A small world for the API tests: a bootstrapped state (enterprise "Acme", organization "Acme
//! Dev" with its administrator and tokens) and a way to call the handlers as a real host does:
//! the change set is applied only when the request succeeded. Each test binary uses only part of
//! it.
#![allow(dead_code)]

pub mod random;

use chrono::{DateTime, Utc};
use portal_core::api::{self, Actor, Context, Method, Outcome, Principal, Request, Response};
use portal_core::model::bootstrap::{enterprise_organization, new_state, Bootstrap, Names};
use portal_core::model::database::DEFAULT_STEP;
use portal_core::model::entropy::uuid;
use portal_core::model::{Membership, Scope, SeededEntropy, State, StoredRole, User};
use portal_core::rbac::{DefaultRole, Drn, Permission, Policy, Role};
use serde_json::Value;

pub struct World {
    pub state: State,
    pub boot: Bootstrap,
    pub entropy: SeededEntropy,
    pub now: DateTime<Utc>,
}

impl World {
    pub fn new() -> World {
        let mut entropy = SeededEntropy::new(42);
        let now = "2025-06-01T12:00:00Z".parse().unwrap();
        let names = Names {
            enterprise: "Acme",
            organization: "Acme Dev",
            admin_email: "admin@acme.test",
        };
        let (state, boot) = new_state(&names, now, &mut entropy);
        World {
            state,
            boot,
            entropy,
            now,
        }
    }

    /// The demo data set (`model::demo`): enterprise "Acme Corporation" with three organizations,
    /// its users, databases, custom roles and tokens.
    pub fn demo(seed: u64) -> World {
        let mut entropy = SeededEntropy::new(seed);
        let now = "2026-11-22T10:00:00Z".parse().unwrap();
        let (state, boot) = portal_core::model::demo::demo(now, &mut entropy);
        World {
            state,
            boot,
            entropy,
            now,
        }
    }

    pub fn org(&self) -> String {
        self.boot.organization_id.clone()
    }

    /// The administrator acting in the first organization.
    /// Adds a second organization to the enterprise, "Acme Ops", and returns its ID.
    pub fn second_organization(&mut self) -> String {
        let org = enterprise_organization(
            &self.state,
            "Acme Ops",
            "ops@acme.test",
            self.now,
            &mut self.entropy,
        );
        let id = org.id.clone();
        self.state.organizations.insert(id.clone(), org);
        id
    }

    pub fn admin(&self) -> Actor {
        self.user(&self.boot.user_id, Scope::Organization(self.org()))
    }

    /// The administrator acting at the enterprise level.
    pub fn enterprise_admin(&self) -> Actor {
        self.user(&self.boot.user_id, Scope::Enterprise)
    }

    pub fn user(&self, id: &str, scope: Scope) -> Actor {
        Actor {
            principal: Principal::User(id.to_owned()),
            scope,
        }
    }

    /// A user active in the first organization with a custom role of these permissions on it,
    /// acting there.
    pub fn member_with(&mut self, email: &str, permissions: &[&str]) -> Actor {
        let scope = Scope::Organization(self.org());
        let role_id = uuid(&mut self.entropy);
        let policy = Policy {
            description: "test role".into(),
            actions: permissions
                .iter()
                .map(|p| Permission::parse(p).unwrap())
                .collect(),
            resources: vec![Drn::organization(&self.org())],
        };
        self.state.roles.insert(
            role_id.clone(),
            StoredRole {
                role: Role::new(role_id.clone(), "Test role", policy).unwrap(),
                scope: scope.clone(),
                last_update_datetime: self.now,
                last_update_userid: self.boot.user_id.clone(),
            },
        );
        let id = uuid(&mut self.entropy);
        let mut user = User {
            id: id.clone(),
            email: email.into(),
            organizations: Default::default(),
            enterprise: None,
        };
        user.set_membership(&scope, Some(Membership::active(vec![role_id])));
        self.state.users.insert(id.clone(), user);
        self.user(&id, scope)
    }

    /// The actor a token authenticates as.
    pub fn token(&self, token: &str) -> Actor {
        api::authenticate(&self.state, token, self.now).expect("a known token")
    }

    /// Lets `steps` database life-cycle steps pass (creating takes two, a keyspace change or a
    /// termination one).
    pub fn wait_out_database_steps(&mut self, steps: i32) {
        self.now += DEFAULT_STEP * steps;
    }

    /// Runs a request without applying it.
    pub fn attempt(&mut self, actor: &Actor, method: Method, target: &str, body: Value) -> Outcome {
        let body = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        let request = Request::new(method, target, body);
        let mut ctx = Context::new(self.now, &mut self.entropy);
        api::handle(&self.state, actor, &request, &mut ctx)
    }

    /// Runs a request as it was given, without applying it.
    pub fn run(&mut self, actor: &Actor, request: &Request) -> Outcome {
        let mut ctx = Context::new(self.now, &mut self.entropy);
        api::handle(&self.state, actor, request, &mut ctx)
    }

    /// Runs a request as a host does; a refused request must change nothing.
    pub fn call(&mut self, actor: &Actor, method: Method, target: &str, body: Value) -> Response {
        let outcome = self.attempt(actor, method, target, body);
        if outcome.response.status >= 400 {
            assert!(
                outcome.changes.is_empty(),
                "a refused request produced changes: {:?}",
                outcome.response
            );
        }
        self.state.apply(&outcome.changes);
        outcome.response
    }

    /// Calls and returns the JSON body, asserting the status.
    pub fn expect(
        &mut self,
        status: u16,
        actor: &Actor,
        method: Method,
        target: &str,
        body: Value,
    ) -> Value {
        let response = self.call(actor, method, target, body);
        assert_eq!(
            response.status,
            status,
            "{method:?} {target}: {}",
            response.body_text()
        );
        match response.body {
            api::Body::Json(json) => json.value(),
            _ => Value::Null,
        }
    }

    /// Reads `target` and returns the JSON body, asserting the status.
    pub fn get(&mut self, status: u16, actor: &Actor, target: &str) -> Value {
        self.bodiless(status, actor, Method::Get, target)
    }

    /// Calls without a body and returns the JSON body, asserting the status.
    pub fn bodiless(&mut self, status: u16, actor: &Actor, method: Method, target: &str) -> Value {
        self.expect(status, actor, method, target, Value::Null)
    }
}

/// The first error ID of a refusal body.
pub fn error_id(body: &Value) -> u64 {
    body["errors"][0]["ID"].as_u64().expect("an error body")
}

pub fn error_message(body: &Value) -> String {
    body["errors"][0]["message"]
        .as_str()
        .expect("an error body")
        .to_owned()
}

/// Asserts that a refusal's message says `text`, showing the body where it does not.
#[track_caller]
pub fn assert_mentions(body: &Value, text: &str) {
    assert!(error_message(body).contains(text), "{text:?} not in {body}");
}

/// Asserts a refusal's error ID and that its message says `text`.
#[track_caller]
pub fn assert_refusal(body: &Value, id: u64, text: &str) {
    assert_eq!(error_id(body), id, "{body}");
    assert_mentions(body, text);
}

/// The sorted keys of a JSON object.
pub fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// A default role's ID by name.
pub fn default_id(name: &str) -> &'static str {
    DefaultRole::find(name).expect("a default role").id
}

/// The error IDs of the wire contract, as the bodies carry them.
pub mod codes {
    use portal_core::api::ErrorId;

    const fn id(error: ErrorId) -> u64 {
        error.code() as u64
    }

    pub const INVALID_FIELD: u64 = id(ErrorId::InvalidField);
    pub const UNPROCESSABLE: u64 = id(ErrorId::Unprocessable);
    pub const METHOD_NOT_ALLOWED: u64 = id(ErrorId::MethodNotAllowed);
    pub const FORBIDDEN: u64 = id(ErrorId::Forbidden);
    pub const NOT_FOUND: u64 = id(ErrorId::NotFound);
    pub const NAME_TAKEN: u64 = id(ErrorId::NameTaken);
    pub const LAST_ADMINISTRATOR: u64 = id(ErrorId::LastAdministrator);
    pub const DEFAULT_ROLE: u64 = id(ErrorId::DefaultRole);
    pub const CONFIRMATION_MISMATCH: u64 = id(ErrorId::ConfirmationMismatch);
    pub const DEFAULT_ORGANIZATION: u64 = id(ErrorId::DefaultOrganization);
    pub const ROLE_NOT_AVAILABLE: u64 = id(ErrorId::RoleNotAvailable);
    pub const INVALID_EMAIL: u64 = id(ErrorId::InvalidEmail);
    pub const INVITATION_STATE: u64 = id(ErrorId::InvitationState);
    pub const PAYMENT_METHOD_REMOVAL: u64 = id(ErrorId::PaymentMethodRemoval);
    pub const ORGANIZATION_NOT_EMPTY: u64 = id(ErrorId::OrganizationNotEmpty);
    pub const PLAN_CHANGE: u64 = id(ErrorId::PlanChange);
    pub const DATABASE_NOT_ACTIVE: u64 = id(ErrorId::DatabaseNotActive);
}
