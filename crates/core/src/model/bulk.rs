//! A large state for benchmarks and capacity tests: the demo's Acme Production grown by invited
//! users, custom roles and tokens, each made through the handlers as a person would make them,
//! so that the result keeps every invariant a real state keeps.

use chrono::{DateTime, Utc};

use crate::api::{handle, Actor, Context, Method, Principal, Request};
use crate::model::{Entropy, Scope, State};
use crate::rbac::{DefaultRole, Role};

/// How much to add.
#[derive(Copy, Clone, Debug)]
pub struct Growth {
    /// Invited users, `user00000@bulk.example` on, Read Only Users.
    pub users: usize,
    /// Custom roles "Bulk Role 0000" on, reading every database's tables.
    pub roles: usize,
    /// Read Only User tokens, "bulk token 00000" on.
    pub tokens: usize,
}

/// Grows the demo `state` by `growth` in Acme Production, as its administrator
/// (dana.admin@acme.example). Fails with the first refused request's answer.
pub fn grow(
    state: &mut State,
    growth: Growth,
    now: DateTime<Utc>,
    entropy: &mut dyn Entropy,
) -> Result<(), String> {
    let org = state
        .organizations
        .values()
        .find(|o| o.name == "Acme Production")
        .ok_or("not the demo state: no Acme Production")?
        .id
        .clone();
    let admin = Actor {
        principal: Principal::User(
            state
                .user_by_email("dana.admin@acme.example")
                .ok_or("not the demo state: no dana.admin@acme.example")?
                .id
                .clone(),
        ),
        scope: Scope::Organization(org.clone()),
    };
    let read_only = DefaultRole::find("Read Only User").expect("a default role");
    let read_only = Role::from_default(read_only, &org).id;
    let mut run = |state: &mut State, method: Method, path: &str, body: serde_json::Value| {
        let request = Request::new(method, path, body.to_string());
        let mut ctx = Context {
            now,
            entropy: &mut *entropy,
        };
        let outcome = handle(state, &admin, &request, &mut ctx);
        if outcome.response.status >= 300 {
            return Err(format!(
                "{path} answered {}: {:?}",
                outcome.response.status, outcome.response.body
            ));
        }
        state.apply(&outcome.changes);
        Ok(())
    };
    // The Invite User box takes many addresses at once, as many as one request may hold.
    let batch = crate::validation::INVITED_ADDRESSES_MAX;
    for start in (0..growth.users).step_by(batch) {
        let emails: Vec<String> = (start..growth.users.min(start + batch))
            .map(|i| format!("user{i:05}@bulk.example"))
            .collect();
        let body = serde_json::json!({"email": emails.join(","), "roles": [read_only]});
        run(state, Method::Put, "/v2/organizations/users", body)?;
    }
    for i in 0..growth.roles {
        let body = serde_json::json!({"name": format!("Bulk Role {i:04}"), "policy": {
            "description": "made in bulk",
            "resources": [format!("drn:astra:org:{org}"), format!("drn:astra:org:{org}:db:*")],
            "actions": ["org-db-view", "db-table-select"],
            "effect": "allow",
        }});
        run(state, Method::Post, "/v2/organizations/roles", body)?;
    }
    for i in 0..growth.tokens {
        let body =
            serde_json::json!({"roles": [read_only], "description": format!("bulk token {i:05}")});
        run(state, Method::Post, "/v2/tokens", body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::demo::demo;
    use crate::model::{check_invariants, SeededEntropy};

    #[test]
    fn grows_the_demo_by_exactly_what_was_asked_and_keeps_its_invariants() {
        let now = "2026-11-22T10:00:00Z".parse().unwrap();
        let mut entropy = SeededEntropy::new(3);
        let (mut state, _) = demo(now, &mut entropy);
        let before = (state.users.len(), state.roles.len(), state.tokens.len());
        let growth = Growth {
            users: 1_234,
            roles: 7,
            tokens: 12,
        };
        grow(&mut state, growth, now, &mut entropy).unwrap();
        assert_eq!(
            (state.users.len(), state.roles.len(), state.tokens.len()),
            (before.0 + 1_234, before.1 + 7, before.2 + 12)
        );
        assert!(state.user_by_email("user01233@bulk.example").is_some());
        assert_eq!(check_invariants(&state), Vec::new());
    }

    #[test]
    fn a_state_without_acme_production_is_refused() {
        let now = "2026-11-22T10:00:00Z".parse().unwrap();
        let mut entropy = SeededEntropy::new(1);
        let (mut state, _) = demo(now, &mut entropy);
        state
            .organizations
            .retain(|_, o| o.name != "Acme Production");
        let growth = Growth {
            users: 1,
            roles: 0,
            tokens: 0,
        };
        let error = grow(&mut state, growth, now, &mut entropy);
        assert!(error.unwrap_err().contains("Acme Production"));
    }
}
