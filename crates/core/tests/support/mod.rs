//! A small world for the API tests: a bootstrapped state (enterprise "Acme", organization "Acme
//! Dev" with its administrator and tokens) and a way to call the handlers as a real host does:
//! the change set is applied only when the request succeeded. Each test binary uses only part of
//! it.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use portal_core::api::{self, Actor, Context, Method, Outcome, Principal, Request, Response};
use portal_core::model::bootstrap::{new_state, Bootstrap, Names};
use portal_core::model::{Scope, SeededEntropy, State};
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

    pub fn org(&self) -> String {
        self.boot.organization_id.clone()
    }

    /// The administrator acting in the first organization.
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

    /// The actor a token authenticates as.
    pub fn token(&self, token: &str) -> Actor {
        api::authenticate(&self.state, token).expect("a known token")
    }

    /// Runs a request without applying it.
    pub fn attempt(&mut self, actor: &Actor, method: Method, target: &str, body: Value) -> Outcome {
        let body = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        let request = Request::new(method, target, body);
        let mut ctx = Context {
            now: self.now,
            entropy: &mut self.entropy,
        };
        api::handle(&self.state, actor, &request, &mut ctx)
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
            api::Body::Json(value) => value,
            _ => Value::Null,
        }
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
