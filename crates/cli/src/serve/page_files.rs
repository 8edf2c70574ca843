//! The page's files as a browser expects them: the precompressed `.br` or `.gz` file the build
//! wrote beside each one when the request accepts it (`Content-Encoding`, `Vary:
//! Accept-Encoding`), the files whose names carry their content's hash cached for a year
//! (`immutable`: a new build has new names), and everything else, `index.html` first, revalidated
//! on each use (`no-cache`) so that a new build is picked up at once.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower::util::service_fn;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The page in `dist`: its files, and `index.html` for any other path (the page's router takes
/// deep links). A file that isn't there is a 404, not the page: a browser or a service worker
/// that asks for a piece of another build must not keep `index.html` under the piece's name.
pub fn router(dist: &Path) -> Router {
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let page = service_fn(move |request: Request| {
        let (files, index) = (files.clone(), index.clone());
        async move {
            if names_a_file(request.uri().path()) {
                files.oneshot(request).await
            } else {
                index.oneshot(request).await
            }
        }
    });
    Router::new()
        .fallback_service(page)
        .layer(middleware::from_fn(caching))
}

/// Whether the path names a file (`/main-f9ee75101be0a557.css`, `/index.html`) rather than a
/// page of the router, whose paths have no extension.
fn names_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
}

async fn caching(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    // Only the file itself is kept for a year: never a refusal or an error under its name.
    let policy = if hashed && response.status().is_success() {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    // A cache keeps one copy per encoding: the file is sent as the request accepts it.
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether the path names a file whose name carries the hash of its content, as the build names
/// them: `main-f9ee75101be0a557.css`, `portal-app-93e05a105cfc8405_bg.wasm` (trunk writes a 64-bit
/// hash in hexadecimal without leading zeros: `audit-cb0d33410445d06.css`).
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn only_names_with_a_content_hash_are_immutable() {
        for hashed in [
            "/main-f9ee75101be0a557.css",
            "/portal-app-93e05a105cfc8405.js",
            "/portal-app-93e05a105cfc8405_bg.wasm",
            "/audit-cb0d33410445d06.css",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for revalidated in [
            "/",
            "/index.html",
            "/organizations/acme/users",
            "/main.css",
            "/portal-app-deadbeef.js",
            "/x-not_hex_at_all_here.css",
        ] {
            assert!(!is_hashed(revalidated), "{revalidated}");
        }
    }
}
