//! "every endpoint × every default role gives the status the catalog says (the whole
//! matrix, generated from the catalog, not hand-listed)", over HTTP against a real server.
//!
//! The routes and what each needs come from the core's route table; the probes and their
//! expected answers from `fixtures::probe`, which asks the RBAC evaluator. Each of the seeds' 19
//! default roles (seed 004 "Default roles", seed 002 "Default Operational Roles" and "Default
//! Special Roles", seed 000 "Manage enterprise roles") goes on a token of its own, made through
//! `POST /v2/tokens` (seed 000, "Create organization application tokens").

use portal_core::api;
use portal_core::fixtures::probe::{self, Expected};
use portal_core::model::State;
use portal_core::rbac::{Realm, DEFAULT_ROLES};
use serde_json::json;

use crate::server::{args, Served};

#[test]
fn every_route_answers_every_default_role_as_the_catalog_says() {
    let served = Served::start(&args("matrix", true));
    let state = served.stored();
    let org = probe::organization(&state)
        .expect("an organization every route can be probed in")
        .id
        .clone();
    // The enterprise administrator's token makes every token: organization ones with orgId.
    let admin = served.boot().enterprise_token.token.clone();
    let tokens: Vec<(&str, Realm, String)> = DEFAULT_ROLES
        .iter()
        .map(|role| {
            let mut body =
                json!({"roles": [role.id], "description": format!("matrix: {}", role.name)});
            if role.realm == Realm::Organization {
                body["orgId"] = json!(org);
            }
            let issued = served.call("POST", "/v2/tokens", &admin, &body.to_string());
            assert_eq!(issued.status, 200, "{}: {}", role.name, issued.body);
            let token = issued.json()["token"].as_str().unwrap().to_owned();
            (role.name, role.realm, token)
        })
        .collect();
    let state = served.stored();

    let mut problems = Vec::new();
    let mut calls = 0;
    for (name, realm, token) in &tokens {
        let actor = api::authenticate(&state, token, chrono::Utc::now())
            .expect("the new token authenticates");
        let probes = probe::probes(&state, &org, *realm).expect("harmless probes");
        let (mut allowed, mut denied) = (0, 0);
        for probe in &probes {
            let reply = served.call(probe.method.as_str(), &probe.target, token, &probe.body);
            let expected = probe::expected(&state, &actor, probe);
            let body = serde_json::from_str(&reply.body).unwrap_or_default();
            if let Some(problem) = expected.disagreement(reply.status, &body) {
                problems.push(format!(
                    "{name}: {} {}: {problem}",
                    probe.method.as_str(),
                    probe.target
                ));
            }
            match expected {
                Expected::Allowed(_) => allowed += 1,
                Expected::Denied { .. } => denied += 1,
            }
            calls += 1;
        }
        assert!(
            allowed > 0,
            "{name} is allowed nothing: the matrix could not tell"
        );
        let administrator = matches!(
            *name,
            "Organization Administrator" | "Enterprise Administrator"
        );
        assert!(administrator || denied > 0, "{name} is denied nothing");
    }
    assert!(calls >= DEFAULT_ROLES.len() * 50, "{calls} calls");
    assert!(
        problems.is_empty(),
        "{} of {calls} calls disagree:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The probes are harmless: they changed nothing but their tokens' last use (and the
    // versions that counts), which each of them stamped.
    let after = served.stored();
    for (name, _, token) in &tokens {
        let id = &token[8..32];
        assert!(
            after.tokens[id].last_used.is_some(),
            "{name}'s use was not stamped"
        );
    }
    assert_eq!(
        unstamped(after),
        unstamped(state),
        "a probe changed the state"
    );
}

/// The state without what a token's use stamps.
fn unstamped(mut state: State) -> State {
    for token in state.tokens.values_mut() {
        token.last_used = None;
    }
    state.sync = Default::default();
    state
}
