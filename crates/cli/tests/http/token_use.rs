//! A token's expiry and last use through a real server: an expired token is a 401 that says
//! when it expired; a request's last use is stored with it, at most once a minute per token.

use chrono::{DateTime, DurationRound, SubsecRound, TimeDelta, Utc};
use portal_core::time::format_timestamp;

use crate::server::{args, Served};

const UNAUTHENTICATED: u64 = 1101;

fn minute(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant.duration_trunc(TimeDelta::minutes(1)).unwrap()
}

#[test]
fn an_expired_token_is_a_401_and_each_use_is_stamped_once_a_minute() {
    let served = Served::start(&args("token-use", false));
    let admin = served.boot().organization_token.token.clone();
    let admin_id = served.boot().organization_token.client_id.clone();
    let role = portal_core::api::access::default_role("Read Only User").id;
    // Whole seconds, two to three seconds ahead: long enough to be used first.
    let expiry = Utc::now().trunc_subsecs(0) + TimeDelta::seconds(3);
    let body = serde_json::json!({"roles": [role], "tokenExpiry": format_timestamp(expiry)});
    let started = Utc::now();
    let issued = served.call("POST", "/v2/tokens", &admin, &body.to_string());
    assert_eq!(issued.status, 200, "{}", issued.body);
    let issued = issued.json();
    assert_eq!(issued["tokenExpiry"], format_timestamp(expiry));
    let token = issued["token"].as_str().unwrap().to_owned();
    let id = issued["clientId"].as_str().unwrap().to_owned();

    // The generating request stamped the admin's token in its own transaction.
    let stored = served.stored();
    assert_eq!(stored.tokens[&id].last_used, None);
    let admin_used = stored.tokens[&admin_id].last_used.expect("stamped");
    assert!([minute(started), minute(Utc::now())].contains(&admin_used));

    // A read by the new token: its first use is stored (the read went to the writer).
    let before = Utc::now();
    let read = served.call("GET", "/v2/organizations", &token, "");
    assert_eq!(read.status, 200, "{}", read.body);
    let after = Utc::now();
    let stored = served.stored();
    let used = stored.tokens[&id]
        .last_used
        .expect("the read stamped its token");
    assert!([minute(before), minute(after)].contains(&used), "{used}");
    let listed = served.call("GET", "/v2/tokens", &admin, "").json();
    let entry = listed["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clientId"] == id.as_str())
        .expect("listed")
        .clone();
    assert_eq!(entry["tokenExpiry"], format_timestamp(expiry));

    // Again in the same minute: nothing is written (the revision stays).
    let again_at = Utc::now();
    let again = served.call("GET", "/v2/organizations", &token, "");
    assert_eq!(again.status, 200);
    if minute(again_at) == used && minute(Utc::now()) == used {
        assert_eq!(
            served.stored(),
            stored,
            "a read in a stamped minute writes nothing"
        );
    }

    // From the expiry on: a 401 that says so, and nothing is stamped.
    let wait = (expiry - Utc::now()).to_std().unwrap_or_default();
    std::thread::sleep(wait + std::time::Duration::from_millis(50));
    let refused = served.call("GET", "/v2/organizations", &token, "");
    assert_eq!((refused.status, refused.error_id()), (401, UNAUTHENTICATED));
    let message = refused.json()["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains(&format!("expired at {}", format_timestamp(expiry))),
        "{message}"
    );
    assert_eq!(served.stored().tokens[&id].last_used, Some(used));
    served.stop();
}
