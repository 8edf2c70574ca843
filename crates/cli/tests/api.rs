//! `portal init` and `portal api` on a real state file ("`portal` commands").

mod common;

use std::path::{Path, PathBuf};

use common::{portal, stderr, stdout};
use serde_json::Value;

fn fresh(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_file(&path);
    path
}

/// Runs `portal init`, returning its JSON.
fn init(path: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["init", "--state", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = portal(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("init prints JSON")
}

/// A state file `name` made by `portal init`: its path, init's JSON and the organization's token.
fn initialized(name: &str) -> (PathBuf, Value, String) {
    let path = fresh(name);
    let boot = init(&path, &[]);
    let org = token(&boot, "organizationToken");
    (path, boot, org)
}

/// Runs `portal api`, returning the exit code, the status line and the body.
fn api(path: &Path, token: &str, args: &[&str]) -> (i32, u16, String) {
    let mut all = vec!["api", "--state", path.to_str().unwrap(), "--token", token];
    all.extend_from_slice(args);
    let out = portal(&all);
    let text = stdout(&out);
    let (status, body) = text.split_once('\n').unwrap_or((text.trim(), ""));
    (
        out.status.code().unwrap(),
        status.trim().parse().unwrap_or(0),
        body.to_owned(),
    )
}

fn token(boot: &Value, which: &str) -> String {
    boot[which]["token"].as_str().unwrap().to_owned()
}

/// Init prints the IDs and an enterprise and an organization token once; the file keeps
/// only hashes.
#[test]
fn init_prints_tokens_once_and_keeps_only_hashes() {
    let path = fresh("init.json");
    let boot = init(&path, &[]);
    for key in ["enterpriseId", "organizationId", "userId"] {
        assert!(boot[key].as_str().is_some_and(|s| s.len() == 36), "{key}");
    }
    let ent = token(&boot, "enterpriseToken");
    let org = token(&boot, "organizationToken");
    assert_eq!((ent.len(), org.len()), (97, 97));
    assert_eq!(boot["enterpriseToken"]["role"], "Enterprise Administrator");
    assert_eq!(
        boot["organizationToken"]["role"],
        "Organization Administrator"
    );
    let file = std::fs::read_to_string(&path).unwrap();
    for secret in [
        &ent,
        &org,
        &boot["enterpriseToken"]["secret"]
            .as_str()
            .unwrap()
            .to_owned(),
    ] {
        assert!(!file.contains(secret.as_str()));
        assert!(!file.contains(&secret[secret.len() - 64..]));
    }
    // Never overwrites.
    let again = portal(&["init", "--state", path.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), file);
}

/// `portal api` runs the request as the token's principal and writes the change back.
#[test]
fn api_runs_requests_and_persists_changes() {
    let (path, boot, org) = initialized("api.json");
    let (code, status, body) = api(&path, &org, &["GET", "/v2/organizations/roles"]);
    assert_eq!((code, status), (0, 200), "{body}");
    let roles: Value = serde_json::from_str(&body).unwrap();
    assert!(roles
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["Name"] == "Organization Administrator"));

    let create = r#"{"name":"Readers","policy":{"description":"read","resources":["drn:astra:org:ORG"],"actions":["org-read"],"effect":"allow"}}"#
        .replace("ORG", boot["organizationId"].as_str().unwrap());
    let (code, status, body) = api(&path, &org, &["POST", "/v2/organizations/roles", &create]);
    assert_eq!((code, status), (0, 201), "{body}");
    let id = serde_json::from_str::<Value>(&body).unwrap()["ID"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, status, body) = api(
        &path,
        &org,
        &["GET", &format!("/v2/organizations/roles/{id}")],
    );
    assert_eq!(status, 200, "{body}");
}

/// "a refused request leaves the file byte for byte as it was"; the exit status is 0
/// whatever the HTTP status.
#[test]
fn refused_requests_leave_the_file_untouched() {
    let path = fresh("refused.json");
    let boot = init(&path, &[]);
    let before = std::fs::read(&path).unwrap();
    let org = token(&boot, "organizationToken");
    // The last hex digit changed (to another one: a token ending in 0 stays unforged by a 0).
    let last = if org.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &org[..96]);
    for (token, args, expected) in [
        (forged.as_str(), vec!["GET", "/v2/organizations/roles"], 401),
        ("not-a-token", vec!["GET", "/v2/tokens"], 401),
        (
            org.as_str(),
            vec!["POST", "/v2/organizations/roles", "{not json"],
            400,
        ),
        (
            org.as_str(),
            vec![
                "DELETE",
                "/v2/organizations/roles/ad0566b5-2a67-49de-89e8-92258c2f2c98",
            ],
            400,
        ),
        (org.as_str(), vec!["GET", "/v2/nowhere"], 404),
    ] {
        let (code, status, body) = api(&path, token, &args);
        assert_eq!((code, status), (0, expected), "{args:?}: {body}");
        let error: Value = serde_json::from_str(&body).unwrap();
        assert!(error["errors"][0]["ID"].as_u64().is_some());
        assert!(!error["errors"][0]["message"].as_str().unwrap().is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), before, "{args:?}");
    }
}

/// Exit 2 when the command is misused or the state file is unreadable.
#[test]
fn misuse_exits_2() {
    let (path, _, org) = initialized("misuse.json");
    let (code, _, _) = api(&path, &org, &["FETCH", "/v2/tokens"]);
    assert_eq!(code, 2);
    let (code, _, _) = api(&path, &org, &["GET", "v2/tokens"]);
    assert_eq!(code, 2);
    let missing = fresh("missing.json");
    let (code, _, _) = api(&missing, &org, &["GET", "/v2/tokens"]);
    assert_eq!(code, 2);
    let broken = fresh("broken.json");
    std::fs::write(
        &broken,
        "{\"format\":\"portal-state\",\"version\":1,\"state\":{}}",
    )
    .unwrap();
    let out = portal(&[
        "api",
        "--state",
        broken.to_str().unwrap(),
        "--token",
        &org,
        "GET",
        "/v2/tokens",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a usable state file"),
        "{}",
        stderr(&out)
    );
}

/// `--demo` makes the demo data set, whose tokens work.
#[test]
fn demo_state_answers() {
    let path = fresh("demo.json");
    let boot = init(&path, &["--demo"]);
    let ent = token(&boot, "enterpriseToken");
    let (_, status, body) = api(&path, &ent, &["GET", "/v2/enterprises/organizations"]);
    assert_eq!(status, 200, "{body}");
    let orgs: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(orgs["organizations"].as_array().unwrap().len(), 3);
    let org = token(&boot, "organizationToken");
    let (_, status, body) = api(&path, &org, &["GET", "/v2/organizations/users"]);
    assert_eq!(status, 200, "{body}");
}

/// `portal can --batch`: one JSON answer per question, checked against what each expects; a
/// principal is looked up in the state file and answers with its roles where the resource is.
#[test]
fn can_batch_answers_each_line_and_exits_by_the_expectations() {
    let path = fresh("batch-state.json");
    let boot = init(&path, &[]);
    let org = boot["organizationId"].as_str().unwrap();
    let table = format!("drn:astra:org:{org}:db:d1:keyspace:shop:table:orders");
    let client = boot["organizationToken"]["clientId"].as_str().unwrap();
    let shop_reader = serde_json::json!({"ID": "r1", "Name": "Shop reader", "Policy": {
        "description": "", "effect": "allow", "actions": ["db-table-select"],
        "resources": [format!("drn:astra:org:{org}:db:d1:keyspace:shop:table:*")]}});
    let lines = [
        serde_json::json!({"roles": ["RO User"], "action": "db-table-select", "resource": table, "expect": "allow"}),
        serde_json::json!({"roles": [shop_reader], "action": "db-table-drop", "resource": table, "expect": "deny"}),
        serde_json::json!({"principal": "admin@example.com", "action": "org-token-write", "resource": format!("drn:astra:org:{org}"), "expect": "allow"}),
        serde_json::json!({"principal": client, "action": "db-table-drop", "resource": table}),
    ];
    let mut text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    text.insert(1, "# a comment, and a blank line after it".into());
    text.insert(2, String::new());
    let batch = common::temp("batch-ok.jsonl", &text.join("\n"));
    let state = path.to_str().unwrap();
    let out = portal(&["can", "--batch", batch.to_str().unwrap(), "--state", state]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let answers: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), 4);
    assert_eq!(answers[1]["line"], 4, "lines are counted as in the file");
    let decisions: Vec<&str> = answers
        .iter()
        .map(|a| a["decision"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["allow", "deny", "allow", "allow"]);
    assert_eq!(answers[0]["asExpected"], true);
    assert!(
        answers[3].get("asExpected").is_none(),
        "no expectation, no verdict"
    );

    let wrong = serde_json::json!({"roles": ["RO User"], "action": "db-table-drop", "resource": table, "expect": "allow"});
    let batch = common::temp("batch-wrong.jsonl", &wrong.to_string());
    let out = portal(&["can", "--batch", batch.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("\"asExpected\":false"),
        "{}",
        stdout(&out)
    );

    let bad = format!("{wrong}\n{{\"roles\": [\"RO Usr\"], \"action\": \"org-read\", \"resource\": \"drn:astra:org:o\"}}\nnot json");
    let batch = common::temp("batch-bad.jsonl", &bad);
    let out = portal(&["can", "--batch", batch.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("did you mean 'RO User'?"), "{text}");
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(last["line"], 3);
    assert!(
        last["error"]
            .as_str()
            .unwrap()
            .starts_with("not a question"),
        "{text}"
    );
    let out = portal(&[
        "can",
        "--batch",
        batch.to_str().unwrap(),
        "--role",
        "RO User",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--batch and --role exclude each other"
    );
}

/// Seed 001's Estimated Bill and invoices are the calculator's: the newest invoice of the demo,
/// its workload saved as a file and priced by `portal price`, is the same bill line for line.
#[test]
fn an_invoice_is_what_portal_price_gives_for_its_workload() {
    let path = fresh("invoice.json");
    let boot = init(&path, &["--demo"]);
    let org = token(&boot, "organizationToken");
    let (_, status, body) = api(&path, &org, &["GET", "/v2/organizations/billing/invoices"]);
    assert_eq!(status, 200, "{body}");
    let list: Value = serde_json::from_str(&body).unwrap();
    let month = list[0]["month"]
        .as_str()
        .expect("the demo has a closed month")
        .to_owned();
    let target = format!("/v2/organizations/billing/invoices/{month}");
    let (_, status, body) = api(&path, &org, &["GET", &target]);
    assert_eq!(status, 200, "{body}");
    let invoice: Value = serde_json::from_str(&body).unwrap();
    assert!(
        !invoice["bill"]["lines"].as_array().unwrap().is_empty(),
        "the demo's databases had usage in {month}"
    );
    let workload = fresh("invoice-workload.json");
    std::fs::write(&workload, invoice["workload"].to_string()).unwrap();
    let out = portal(&["price", workload.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let priced: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(priced, invoice["bill"]);
}
