//! What only HTTP has: the Authorization header, bodies that are too large or not JSON, the rate
//! limit, CORS and the page. Each refusal is a 4xx with `{"errors":[{"ID","message"}]}` and
//! changes nothing (the guide: "Bad input gets a clear error and loses nothing").

use crate::server::{args, token_body, Served};

const MALFORMED_JSON: u64 = 1001;
const INVALID_FIELD: u64 = 1002;
const UNAUTHENTICATED: u64 = 1101;
const TOO_MANY_REQUESTS: u64 = 1103;

/// "401 for a missing, malformed or unknown token".
#[test]
fn a_request_without_a_valid_bearer_token_is_a_401_and_changes_nothing() {
    let served = Served::start(&args("bad-tokens", false));
    let before = served.stored();
    let token = served.boot().organization_token.token.clone();
    let unknown = format!("AstraCS:{}:{}", "A".repeat(24), "0".repeat(64));
    let cases: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("no header", vec![]),
        (
            "Basic scheme",
            vec![("Authorization", format!("Basic {token}"))],
        ),
        ("bare token", vec![("Authorization", token.clone())]),
        (
            "malformed",
            vec![("Authorization", "Bearer AstraCS:nope".into())],
        ),
        (
            "unknown",
            vec![("Authorization", format!("Bearer {unknown}"))],
        ),
    ];
    for (case, headers) in cases {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let body = r#"{"name":"x","policy":{}}"#;
        let reply = served.send(
            "POST",
            "/v2/organizations/roles",
            None,
            &headers,
            body.as_bytes(),
        );
        assert_eq!(reply.status, 401, "{case}: {}", reply.body);
        assert_eq!(reply.error_id(), UNAUTHENTICATED, "{case}");
        let message = reply.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            message.contains("Bearer") || message.contains("token"),
            "{case}: {message}"
        );
        assert!(
            !message.contains(&token),
            "{case}: the message repeats the token"
        );
    }
    assert_eq!(served.stored(), before);
}

/// A revoked token stops working at once: it is looked up by its clientId and its secret's hash
/// on every request.
#[test]
fn a_revoked_token_is_a_401() {
    let served = Served::start(&args("revoked", false));
    let admin = served.boot().organization_token.token.clone();
    let body = token_body("Organization Administrator", "ci");
    let created = served.call("POST", "/v2/tokens", &admin, &body);
    assert_eq!(created.status, 200, "{}", created.body);
    let created = created.json();
    let token = created["token"].as_str().unwrap();
    let client_id = created["clientId"].as_str().unwrap();
    assert_eq!(served.call("GET", "/v2/tokens", token, "").status, 200);
    let revoked = served.call("DELETE", &format!("/v2/tokens/{client_id}"), &admin, "");
    assert!(revoked.status < 300, "{}", revoked.body);
    let reply = served.call("GET", "/v2/tokens", token, "");
    assert_eq!((reply.status, reply.error_id()), (401, UNAUTHENTICATED));
}

/// The guide: bad input "gets a clear error and loses nothing".
#[test]
fn malformed_json_wrong_types_and_huge_bodies_are_4xx_and_change_nothing() {
    let served = Served::start(&args("bad-bodies", false));
    let token = served.boot().organization_token.token.clone();
    let before = served.stored();
    let cases = [
        ("not JSON", "{\"name\":", 400, MALFORMED_JSON),
        (
            "wrong type",
            r#"{"name":42,"policy":{}}"#,
            400,
            INVALID_FIELD,
        ),
        (
            "missing field",
            r#"{"name":"Auditors"}"#,
            400,
            INVALID_FIELD,
        ),
    ];
    for (case, body, status, id) in cases {
        let reply = served.call("POST", "/v2/organizations/roles", &token, body);
        assert_eq!(
            (reply.status, reply.error_id()),
            (status, id),
            "{case}: {}",
            reply.body
        );
    }
    let latin1 = b"{\"name\":\"caf\xe9\",\"policy\":{}}";
    let not_utf8 = served.send("POST", "/v2/organizations/roles", Some(&token), &[], latin1);
    assert_eq!(
        (not_utf8.status, not_utf8.error_id()),
        (400, MALFORMED_JSON)
    );
    assert_eq!(served.stored(), before);
}

/// "request size limits": a body over the limit is refused whether its length is
/// declared up front (refused before it is read) or only found while reading a chunked one.
#[test]
fn a_body_over_the_limit_is_a_413() {
    let served = Served::start(&args("huge", false));
    let token = served.boot().organization_token.token.clone();
    let head = |framing: &str| {
        format!(
            "POST /v2/organizations/roles HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer \
             {token}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n"
        )
    };
    let declared = head("Content-Length: 100000000");
    assert_eq!(served.raw(declared.as_bytes()), 413);
    let chunk = "x".repeat(70 * 1024);
    let chunked = format!(
        "{}{:x}\r\n{chunk}\r\n",
        head("Transfer-Encoding: chunked"),
        chunk.len()
    );
    assert_eq!(served.raw(chunked.as_bytes()), 413);
    let listed = served.call("GET", "/v2/organizations/roles", &token, "");
    assert_eq!(listed.status, 200, "the server still answers");
}

/// "a per-token rate limit with 429 and Retry-After"; other tokens are not held back.
#[test]
fn a_token_over_its_rate_limit_gets_429_with_retry_after() {
    let mut options = args("rate-limit", false);
    options.rate_limit = 3;
    let served = Served::start(&options);
    let busy = served.boot().organization_token.token.clone();
    let other = served.boot().enterprise_token.token.clone();
    for _ in 0..3 {
        assert_eq!(
            served
                .call("GET", "/v2/organizations/roles", &busy, "")
                .status,
            200
        );
    }
    let limited = served.call("GET", "/v2/organizations/roles", &busy, "");
    assert_eq!(
        (limited.status, limited.error_id()),
        (429, TOO_MANY_REQUESTS)
    );
    let wait: u64 = limited
        .header("retry-after")
        .expect("a Retry-After header")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    assert_eq!(
        served
            .call("GET", "/v2/enterprises/current", &other, "")
            .status,
        200
    );
}

/// A flood of bad tokens from one address is throttled before any token is looked at or any
/// body read: a tenth of a token's allowance of failures a minute, then 429 with Retry-After
/// for every request from there (a large body included), until the allowance refills.
#[test]
fn a_flood_of_bad_tokens_is_refused_before_authentication() {
    let mut options = args("auth-flood", false);
    options.rate_limit = 100;
    let served = Served::start(&options);
    let forged = format!("AstraCS:{}:{}", "A".repeat(24), "0".repeat(64));
    // Ten failures are the allowance; the eleventh, over it, shuts the door.
    for _ in 0..11 {
        assert_eq!(served.call("GET", "/v2/tokens", &forged, "").status, 401);
    }
    let flooded = served.call("GET", "/v2/tokens", &forged, "");
    assert_eq!(
        (flooded.status, flooded.error_id()),
        (429, TOO_MANY_REQUESTS),
        "{}",
        flooded.body
    );
    assert!(
        flooded.body.contains("failed to authenticate"),
        "{}",
        flooded.body
    );
    assert!(flooded.header("retry-after").is_some());
    let valid = served.boot().organization_token.token.clone();
    let big = "x".repeat(60 * 1024);
    let reply = served.call("POST", "/v2/organizations/roles", &valid, &big);
    assert_eq!(
        reply.status, 429,
        "refused before its body was read: {}",
        reply.body
    );
}

/// A body that doesn't arrive in time is a 408, and the connection is not held for it.
#[test]
fn a_body_that_trickles_in_is_a_408() {
    let served = Served::start(&args("slow-body", false));
    let token = served.boot().organization_token.token.clone();
    let head = format!(
        "POST /v2/organizations/roles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"name\": "
    );
    // `args` gives the test servers 2 s.
    assert_eq!(served.raw(head.as_bytes()), 408);
}

/// Headers that never end, and a kept-alive connection that sends nothing more, are closed after
/// the read timeout (2 s for the test servers) rather than held for ever.
#[test]
fn slow_headers_and_idle_connections_are_closed() {
    let served = Served::start(&args("slow-headers", false));
    let answered = served.until_closed(b"GET /v2/organizations HTTP/1.1\r\nHost: x\r\n");
    assert!(
        answered.is_empty(),
        "{}",
        String::from_utf8_lossy(&answered)
    );
    // One whole request, answered, then nothing: the connection is closed once it idles.
    let answered = served.until_closed(b"GET /v2/organizations HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(
        answered.starts_with(b"HTTP/1.1 401"),
        "{}",
        String::from_utf8_lossy(&answered)
    );
}

/// CORS for a page served from another origin (configurable allowed origins).
#[test]
fn only_the_allowed_origins_get_cors_headers() {
    let mut options = args("cors", false);
    options.allowed_origins = vec!["https://portal.example.com".into()];
    let served = Served::start(&options);
    let token = served.boot().organization_token.token.clone();
    let preflight = served.send(
        "OPTIONS",
        "/v2/tokens",
        None,
        &[
            ("Origin", "https://portal.example.com"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type",
            ),
        ],
        b"",
    );
    assert!(preflight.status < 300, "{}", preflight.status);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("https://portal.example.com")
    );
    let allow_headers = preflight
        .header("access-control-allow-headers")
        .unwrap_or_default();
    assert!(allow_headers.contains("authorization"), "{allow_headers}");
    for (origin, allowed) in [
        ("https://portal.example.com", true),
        ("https://evil.example.net", false),
    ] {
        let reply = served.send(
            "GET",
            "/v2/organizations/roles",
            Some(&token),
            &[("Origin", origin)],
            b"",
        );
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.header("access-control-allow-origin").is_some(),
            allowed,
            "{origin}"
        );
    }
}

#[test]
fn an_origin_that_is_not_one_stops_the_start_with_a_clear_error() {
    let mut options = args("bad-origin", false);
    options.allowed_origins = vec!["portal.example.com/app".into()];
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let error = runtime
        .block_on(portal_cli::serve::Server::start(&options))
        .err()
        .expect("the start is refused");
    assert!(error.to_string().contains("is not an origin"), "{error}");
}

/// "on the same port, the built page (`dist/`)": files as they are, `index.html` for
/// the router's deep links, and the API beside them.
#[test]
fn the_page_is_served_beside_the_api() {
    let dist = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("http-dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<main>portal</main>").unwrap();
    std::fs::write(dist.join("app.js"), "export {}").unwrap();
    let mut options = args("page", false);
    options.dist = Some(dist);
    let served = Served::start(&options);
    assert_eq!(
        served.send("GET", "/app.js", None, &[], b"").body,
        "export {}"
    );
    let deep = served.send("GET", "/settings/enterprise/users", None, &[], b"");
    assert_eq!(
        (deep.status, deep.body.as_str()),
        (200, "<main>portal</main>")
    );
    // The page can't be framed, sniffed or made to run a script of anyone else's.
    for (name, expected) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
    ] {
        assert_eq!(deep.header(name), Some(expected), "{name}");
    }
    let policy = deep.header("content-security-policy").unwrap_or_default();
    assert!(
        policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"),
        "{policy}"
    );
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let api = served.send("GET", "/v2/tokens", None, &[], b"");
    assert_eq!(api.status, 401);
    assert_eq!(api.header("x-content-type-options"), Some("nosniff"));
    let unknown = served.call(
        "GET",
        "/v2/nothing-here",
        &served.boot().organization_token.token,
        "",
    );
    assert_eq!(unknown.status, 404);
}

/// The build writes a `.br` and a `.gz` beside each file (`scripts/finish-build.mjs`): the server sends
/// the one the request accepts, brotli first, saying so (`Content-Encoding`, `Vary`), and the file
/// itself to a client that accepts neither. A file whose name carries its content's hash is
/// cached for a year; `index.html`, under any path but a file's, is revalidated on each use.
#[test]
fn the_page_goes_out_precompressed_and_cached_as_its_names_say() {
    let dist = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("http-dist-compressed");
    std::fs::create_dir_all(&dist).unwrap();
    for (name, content) in [
        ("index.html", "<main>portal</main>"),
        ("index.html.br", "index in brotli"),
        ("app-0123456789abcdef.js", "export {}"),
        ("app-0123456789abcdef.js.br", "app in brotli"),
        ("app-0123456789abcdef.js.gz", "app in gzip"),
    ] {
        std::fs::write(dist.join(name), content).unwrap();
    }
    let mut options = args("page-compressed", false);
    options.dist = Some(dist);
    let served = Served::start(&options);
    let get = |path: &str, accepts: &str| {
        let headers: &[(&str, &str)] = if accepts.is_empty() {
            &[]
        } else {
            &[("Accept-Encoding", accepts)]
        };
        served.send("GET", path, None, headers, b"")
    };
    let app = "/app-0123456789abcdef.js";
    for (accepts, body, encoding) in [
        ("gzip, deflate, br, zstd", "app in brotli", Some("br")),
        ("gzip", "app in gzip", Some("gzip")),
        ("", "export {}", None),
    ] {
        let reply = get(app, accepts);
        assert_eq!(
            (reply.body.as_str(), reply.header("content-encoding")),
            (body, encoding),
            "{accepts}"
        );
        let vary: Vec<&str> = reply
            .headers
            .get_all("vary")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        assert!(vary.contains(&"accept-encoding"), "{accepts}: {vary:?}");
        assert_eq!(
            reply.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
    }
    for path in ["/", "/index.html", "/settings/enterprise/users"] {
        let reply = get(path, "br, gzip");
        assert_eq!(
            (
                reply.status,
                reply.body.as_str(),
                reply.header("content-encoding")
            ),
            (200, "index in brotli", Some("br")),
            "{path}"
        );
        assert_eq!(reply.header("cache-control"), Some("no-cache"), "{path}");
        // No gzip copy: the file itself.
        let plain = get(path, "gzip");
        assert_eq!(plain.body, "<main>portal</main>", "{path}");
    }
    // A file the build doesn't hold (a piece of another build) is not the page, and nothing
    // keeps its answer.
    for path in ["/split_people-0123456789abcdef.wasm", "/gone.js"] {
        let reply = get(path, "br, gzip");
        assert_eq!(reply.status, 404, "{path}");
        assert_ne!(reply.body, "index in brotli", "{path}");
        assert_eq!(reply.header("cache-control"), Some("no-cache"), "{path}");
    }
}

/// Free text is bounded and shows as what it is: a name in two look-alike alphabets that would
/// pass for a default role, a description past its limit, a region of any length, an invisible
/// character: each a 400 naming the field, and nothing stored.
#[test]
fn free_text_that_would_pass_for_something_else_or_run_long_is_refused() {
    let served = Served::start(&args("free-text", false));
    let token = served.boot().organization_token.token.clone();
    let org = served.boot().organization_id.clone();
    let before = served.stored();
    let role = |name: &str, description: &str| {
        serde_json::json!({"name": name, "policy": {"description": description, "effect": "allow",
            "actions": ["org-read"], "resources": [format!("drn:astra:org:{org}")]}})
        .to_string()
    };
    let cases = [
        ("POST", "/v2/organizations/roles", role("\u{041E}rganization Administrator", ""), "one alphabet"),
        ("POST", "/v2/organizations/roles", role("Readers", &"d".repeat(501)), "field 'policy.description' has 501"),
        ("POST", "/v2/organizations/roles", role("Read\u{200B}ers", ""), "U+200B"),
        ("POST", "/v2/databases", serde_json::json!({"name": "orders", "cloudProvider": "AWS",
            "region": "r".repeat(65), "keyspace": "shop", "tier": "serverless", "capacityUnits": 1}).to_string(),
            "field 'region' has 65"),
        ("POST", "/v2/tokens", serde_json::json!({"roles": [portal_core::api::access::default_role("Read Only User").id],
            "description": "ci \u{202E}kcab"}).to_string(), "U+202E"),
    ];
    for (method, path, body, expected) in cases {
        let reply = served.call(method, path, &token, &body);
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
        assert!(reply.body.contains(expected), "{path}: {}", reply.body);
    }
    let after = served.stored();
    assert_eq!(after.roles.len(), before.roles.len());
    assert_eq!(after.tokens.len(), before.tokens.len());
    assert_eq!(after.databases.len(), before.databases.len());
    served.stop();
}
