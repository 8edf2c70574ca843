//! The routes: `/v2/...` is the API, everything else the page, whose router takes deep links
//! (`index.html` for any path that is not a file).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::routing::any;
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use super::http::{self, Api};
use super::StartError;
use super::{page_files, page_headers};

pub fn app(api: Arc<Api>, dist: Option<&Path>, cors: CorsLayer) -> Router {
    let mut router = Router::new()
        .route("/v2", any(http::handle))
        .route("/v2/{*rest}", any(http::handle))
        .with_state(api);
    router = match dist {
        Some(dist) => router.fallback_service(page_files::router(dist)),
        None => router.fallback(no_page),
    };
    for (name, value) in page_headers::headers(dist) {
        router = router.layer(SetResponseHeaderLayer::if_not_present(name, value));
    }
    router.layer(cors)
}

async fn no_page() -> (StatusCode, &'static str) {
    (
        StatusCode::NOT_FOUND,
        "This server was started without the page: build it with `trunk build --release` and \
         start `portal serve --dist dist`. The API is under /v2/.",
    )
}

/// Pages from these origins may call the API with a token; preflights are answered for them.
pub fn cors(origins: &[String]) -> Result<CorsLayer, StartError> {
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let values = origins
            .iter()
            .map(|o| origin(o).ok_or_else(|| StartError::Origin(o.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(values)
    };
    Ok(CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static(http::CLIENT),
            HeaderName::from_static(http::NUMBER),
            HeaderName::from_static(http::BASE),
        ])
        .expose_headers([header::RETRY_AFTER, header::CONTENT_DISPOSITION])
        .max_age(Duration::from_secs(600)))
}

/// `scheme://host[:port]` and nothing more: that is what a browser sends as `Origin`.
fn origin(text: &str) -> Option<HeaderValue> {
    let (scheme, rest) = text.split_once("://")?;
    let plain = matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', ' ']);
    plain.then(|| HeaderValue::from_str(text).ok()).flatten()
}
