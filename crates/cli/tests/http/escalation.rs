//! The escalations found over HTTP against `portal serve`, each refused now over HTTP too: a
//! token, an invitation or a custom role that would give more than its granter holds, and a
//! revoke of what the revoker could not have granted. The state stays as it was.

use portal_core::api::access::default_role;
use serde_json::json;

use crate::server::{args, token_body, Served};

const FORBIDDEN: u64 = 1102;

/// A new token's value, generated with `body` by `token`.
fn generate(served: &Served, token: &str, body: &str) -> String {
    let reply = served.call("POST", "/v2/tokens", token, body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["token"].as_str().unwrap().to_owned()
}

/// A custom role of the caller's scope, made by `token`; its ID.
fn role(served: &Served, token: &str, name: &str, actions: &[&str], resource: &str) -> String {
    let body = json!({"name": name, "policy": {"description": name, "effect": "allow",
        "actions": actions, "resources": [resource]}});
    let reply = served.call("POST", "/v2/organizations/roles", token, &body.to_string());
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()["ID"].as_str().unwrap().to_owned()
}

fn assert_escalation_refused(reply: &crate::server::Reply) {
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert_eq!(reply.error_id(), FORBIDDEN, "{}", reply.body);
    assert!(reply.body.contains("does not hold"), "{}", reply.body);
}

#[test]
fn grants_beyond_the_granters_own_are_refused_over_http() {
    let served = Served::start(&args("escalation", false));
    let boot = served.boot().clone();
    let admin = boot.organization_token.token.clone();
    let org = boot.organization_id.clone();
    let before = served.stored();

    let dba = generate(
        &served,
        &admin,
        &token_body("Database Administrator", "dba"),
    );
    let reply = served.request_token(&dba, "Organization Administrator", "up");
    assert_escalation_refused(&reply);

    let writer_role = role(
        &served,
        &admin,
        "Role Writer",
        &["org-role-read", "org-role-write"],
        &format!("drn:astra:org:{org}"),
    );
    let writer = generate(
        &served,
        &admin,
        &json!({"roles": [writer_role]}).to_string(),
    );
    let widened = json!({"name": "Role Writer", "policy": {"description": "", "effect": "allow",
        "actions": ["org-role-read", "org-role-write", "org-token-write"],
        "resources": [format!("drn:astra:org:{org}")]}});
    let reply = served.call(
        "PUT",
        &format!("/v2/organizations/roles/{writer_role}"),
        &writer,
        &widened.to_string(),
    );
    assert_escalation_refused(&reply);
    assert_eq!(served.call("GET", "/v2/tokens", &writer, "").status, 403);

    let admin_user = generate(&served, &admin, &token_body("Administrator User", "people"));
    let invite = json!({"email": "boss@acme.test",
        "roles": [default_role("Organization Administrator").id]});
    let reply = served.call(
        "PUT",
        "/v2/organizations/users",
        &admin_user,
        &invite.to_string(),
    );
    assert_escalation_refused(&reply);

    let enterprise = boot.enterprise_token.token.clone();
    let ent = format!("drn:astra:ent:{}", boot.enterprise_id);
    let minter_role = role(
        &served,
        &enterprise,
        "Token Minter",
        &["ent-token-read", "ent-token-write"],
        &ent,
    );
    let minter = generate(
        &served,
        &enterprise,
        &json!({"roles": [minter_role]}).to_string(),
    );
    let reply = served.request_token(&minter, "Enterprise Administrator", "up");
    assert_escalation_refused(&reply);

    // Revoking what one could not have granted.
    let administrator = &boot.organization_token.client_id;
    let reply = served.call("DELETE", &format!("/v2/tokens/{administrator}"), &dba, "");
    assert_escalation_refused(&reply);
    let reply = served.call(
        "DELETE",
        &format!("/v2/tokens/{administrator}"),
        &enterprise,
        "",
    );
    assert_eq!(reply.status, 404, "{}", reply.body);

    // Creating an organization takes a person with Write Organization where they act (seed 004);
    // no token of any kind creates one.
    for token in [&admin, &enterprise, &minter] {
        let reply = served.call(
            "POST",
            "/v2/organizations",
            token,
            r#"{"name":"Side","email":"side@acme.test"}"#,
        );
        assert_eq!(reply.status, 403, "{}", reply.body);
        assert!(reply.body.contains("sign in as a user"), "{}", reply.body);
    }

    let after = served.stored();
    assert_eq!(after.organizations.len(), before.organizations.len());
    assert!(after.tokens.contains_key(administrator));
    assert!(after.user_by_email("boss@acme.test").is_none());
    // Only what was granted within its granter's own came in: four tokens and two roles.
    assert_eq!(after.tokens.len(), before.tokens.len() + 4);
    assert_eq!(after.roles.len(), before.roles.len() + 2);
    served.stop();
}
