//! The DevOps API over HTTP: what only HTTP has (the Authorization header, the body's size and
//! encoding, status lines and headers) is settled here; everything else is the core's, through
//! the backend's thread.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request as HttpRequest, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response as HttpResponse;
use portal_core::api::{self, ApiError, ErrorId, Method, Request, Response};
use portal_core::sync::Mutation;

use super::rate_limit::FailedAuthentications;
use super::worker::{Answer, Worker};

pub struct Api {
    pub worker: Worker,
    pub max_body: usize,
    /// How long a request's body may take to arrive.
    pub read_timeout: Duration,
    pub failures: FailedAuthentications,
}

/// Every `/v2/...` request.
pub async fn handle(
    State(api): State<Arc<Api>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: HttpRequest,
) -> HttpResponse {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let answer = match api.failures.check(peer.ip()) {
        Ok(()) => answer(&api, request).await,
        Err(wait) => {
            drain(request.into_body(), api.read_timeout).await;
            refused_peer(wait)
        }
    };
    if answer.response.status == 401 {
        api.failures.failed(peer.ip());
    }
    tracing::info!(
        %method,
        %path,
        status = answer.response.status,
        client_id = answer.client_id.as_deref().unwrap_or("-"),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    to_http(answer)
}

async fn answer(api: &Api, request: HttpRequest) -> Answer {
    match parse(api, request).await {
        Ok((token, request, mutation)) => api.worker.call(token, request, mutation).await,
        Err(refusal) => Answer {
            response: refusal.into_response(),
            client_id: None,
            retry_after: None,
        },
    }
}

/// A peer that failed to authenticate too often: refused before its token is looked at or its
/// body read.
fn refused_peer(wait: Duration) -> Answer {
    let seconds = wait.as_secs() + 1;
    let refusal = ApiError::new(
        ErrorId::TooManyRequests,
        format!(
            "too many requests from this address failed to authenticate: retry after {seconds} s \
             (the Retry-After header) with a valid token"
        ),
    );
    Answer {
        response: refusal.into_response(),
        client_id: None,
        retry_after: Some(Duration::from_secs(seconds)),
    }
}

/// What a refusal made before the body is read still reads and drops of it, at most: a socket
/// closed with unread data answers with a reset, which can reach the client before the refusal
/// does. A larger body is left unread and its connection closed.
const DRAINED: usize = 64 * 1024;

async fn drain(body: Body, read_timeout: Duration) {
    let _ = tokio::time::timeout(read_timeout, to_bytes(body, DRAINED)).await;
}

/// The token, the core's request and the mutation headers, or what HTTP alone refuses.
async fn parse(
    api: &Api,
    request: HttpRequest,
) -> Result<(String, Request, Option<Mutation>), ApiError> {
    match headers(&request) {
        Ok((method, token, mutation)) => {
            let target = request
                .uri()
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_owned();
            let body = read_body(api, request).await?;
            Ok((token, Request::new(method, &target, body), mutation))
        }
        Err(refusal) => {
            drain(request.into_body(), api.read_timeout).await;
            Err(refusal)
        }
    }
}

/// What the headers alone decide: the method, the token and the mutation headers.
fn headers(request: &HttpRequest) -> Result<(Method, String, Option<Mutation>), ApiError> {
    let method = Method::parse(request.method().as_str()).ok_or_else(|| {
        ApiError::new(
            ErrorId::MethodNotAllowed,
            format!(
                "{} is not a DevOps API method: use GET, POST, PUT, PATCH or DELETE",
                request.method()
            ),
        )
    })?;
    let token = bearer(request.headers())?;
    let mutation = mutation(request.headers())?;
    Ok((method, token, mutation))
}

/// The body as text, within the size and time limits.
async fn read_body(api: &Api, request: HttpRequest) -> Result<String, ApiError> {
    tokio::time::timeout(api.read_timeout, body_text(request, api.max_body))
        .await
        .map_err(|_| {
            ApiError::new(
                ErrorId::RequestTimeout,
                format!(
                    "the body did not arrive within {} s: send it whole, at once",
                    api.read_timeout.as_secs()
                ),
            )
        })?
}

/// The headers a connected page sends with each change from its outbox.
pub const CLIENT: &str = "x-portal-client";
pub const NUMBER: &str = "x-portal-mutation";
pub const BASE: &str = "x-portal-base";

/// `X-Portal-Client`, `X-Portal-Mutation` and `X-Portal-Base` together, or none of them.
fn mutation(headers: &HeaderMap) -> Result<Option<Mutation>, ApiError> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(client_id) = text(CLIENT) else {
        return Ok(None);
    };
    let number = |name: &str| text(name).and_then(|v| v.trim().parse::<u64>().ok());
    match (number(NUMBER), number(BASE)) {
        (Some(number), Some(base)) if number > 0 && !client_id.trim().is_empty() => {
            Ok(Some(Mutation {
                client_id: client_id.trim().to_owned(),
                number,
                base,
            }))
        }
        _ => Err(ApiError::new(
            ErrorId::InvalidField,
            "a mutation needs X-Portal-Client (the client's ID), X-Portal-Mutation (its number, \
             from 1) and X-Portal-Base (the revision the change was made on)",
        )),
    }
}

/// The token of `Authorization: Bearer AstraCS:...`, the only way in.
fn bearer(headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::new(
            ErrorId::Unauthenticated,
            "no token: send the header 'Authorization: Bearer AstraCS:...' with an application \
             token",
        ));
    };
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|token| token.trim().to_owned())
        .ok_or_else(|| {
            ApiError::new(
                ErrorId::Unauthenticated,
                "the Authorization header is not 'Bearer <token>': send 'Authorization: Bearer \
                 AstraCS:...'",
            )
        })
}

async fn body_text(request: HttpRequest, max: usize) -> Result<String, ApiError> {
    let too_large = || {
        ApiError::new(
            ErrorId::BodyTooLarge,
            format!(
                "the body is larger than {max} bytes (or was cut off): send at most {max} bytes"
            ),
        )
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let bytes = to_bytes(request.into_body(), max)
        .await
        .map_err(|_| too_large())?;
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        ApiError::new(
            ErrorId::MalformedJson,
            "the body is not UTF-8 text: send JSON encoded as UTF-8",
        )
    })
}

fn to_http(answer: Answer) -> HttpResponse {
    let Response {
        status,
        body,
        headers,
    } = answer.response;
    let mut builder = HttpResponse::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    if let Some(wait) = answer.retry_after {
        builder = builder.header(header::RETRY_AFTER, wait.as_secs());
    }
    // The operation's own headers (e.g. `Location`); one the HTTP library can't send is left out
    // rather than failing the whole response.
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            header::HeaderName::try_from(name),
            HeaderValue::from_str(&value),
        ) {
            builder = builder.header(name, value);
        }
    }
    let response = match body {
        api::Body::Json(json) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json.into_text())),
        api::Body::Csv { filename, text } => builder
            .header(header::CONTENT_TYPE, "text/csv; charset=utf-8")
            .header(header::CONTENT_DISPOSITION, attachment(&filename))
            .body(Body::from(text)),
        api::Body::Empty => builder.body(Body::empty()),
    };
    response.expect("status and headers are valid")
}

/// `attachment; filename="..."` with only characters that can't break the header.
fn attachment(filename: &str) -> HeaderValue {
    let safe: String = filename
        .chars()
        .filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\')
        .collect();
    HeaderValue::from_str(&format!("attachment; filename=\"{safe}\""))
        .unwrap_or(HeaderValue::from_static("attachment"))
}
