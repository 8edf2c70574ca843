//! The headers that keep the page from being framed by another site, from having its files read
//! as another type, from leaking its addresses in referrers, and from running any script but its
//! own: a Content-Security-Policy that allows the page's files, the WebAssembly it compiles, and
//! the inline scripts of `index.html` (the module script trunk writes, and the page's early read
//! of IndexedDB), each named by its hash.

use std::path::Path;

use axum::http::{header, HeaderName, HeaderValue};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Every response's security headers, for a page built into `dist` (or none: the API alone).
pub fn headers(dist: Option<&Path>) -> Vec<(HeaderName, HeaderValue)> {
    let index = dist.and_then(|dist| std::fs::read_to_string(dist.join("index.html")).ok());
    let policy = match index {
        Some(html) => page_policy(&html),
        // Nothing is a page then: no source of anything is allowed.
        None => "default-src 'none'; frame-ancestors 'none'".to_owned(),
    };
    [
        (header::CONTENT_SECURITY_POLICY, policy),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::X_FRAME_OPTIONS, "DENY".to_owned()),
        (header::REFERRER_POLICY, "no-referrer".to_owned()),
    ]
    .into_iter()
    .filter_map(|(name, value)| HeaderValue::from_str(&value).ok().map(|v| (name, v)))
    .collect()
}

/// The page's policy. Styles may be inline (the views set `style` attributes); a connected page
/// talks to the server its person names, so any http(s) address may be fetched.
fn page_policy(index_html: &str) -> String {
    let scripts: String = inline_scripts(index_html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
         connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The text of each `<script>` without a `src`, exactly as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        let (text, _) = body.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_inline_script_is_allowed_by_its_hash_and_a_file_script_is_not_hashed() {
        let html = "<head><script id=\"early\">read();</script>\
                    <script type=\"module\">import init from '/a.js';\nawait init();\n\
                    </script><script src=\"/b.js\"></script></head>";
        let scripts: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(
            scripts,
            ["read();", "import init from '/a.js';\nawait init();\n"]
        );
        let policy = page_policy(html);
        // printf 'read();' | openssl sha256 -binary | base64, and
        // printf "import init from '/a.js';\nawait init();\n" | openssl sha256 -binary | base64
        assert!(
            policy.contains(
                "script-src 'self' 'wasm-unsafe-eval' \
                 'sha256-ImWNQx8OcW5iqhuxZ6Hntay5e3foQmRvWVTdVWZLgIU=' \
                 'sha256-CMDH7SDSrCLWiZPLUI1oxu3gEJHtJvJv/Mktz/R4rMI=';"
            ),
            "{policy}"
        );
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        assert!(policy.ends_with("frame-ancestors 'none'"), "{policy}");
    }
}
