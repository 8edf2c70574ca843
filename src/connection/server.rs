//! The server's API as Connected mode calls it: fetch with the token, and the answers as the
//! core's `Response`, so that the outbox settles them as it would settle the backend's own.

use gloo_net::http::{Request as Fetch, RequestBuilder};
use portal_core::api::{Body, Json, Response};
use portal_core::sync::{Feed, Pending};

/// Where the server is and the token to act as (kept in memory only: a secret is never stored).
#[derive(Clone)]
pub struct Server {
    base_url: String,
    token: String,
}

/// The server could not be reached: the network, or no server at that address.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreachable(pub String);

impl Server {
    pub fn new(base_url: &str, token: &str) -> Server {
        Server {
            base_url: base_url.trim().trim_end_matches('/').to_owned(),
            token: token.trim().to_owned(),
        }
    }

    /// The changes since a revision; a refusal (401, 400) is the server's response.
    pub async fn changes(&self, since: u64) -> Result<Result<Feed, Response>, Unreachable> {
        let url = format!("{}/v2/portal/changes?since={since}", self.base_url);
        let response = self.fetch(Fetch::get(&url), None).await?;
        if response.status != 200 {
            return Ok(Err(response));
        }
        let Body::Json(json) = response.body else {
            return Err(Unreachable("the server's feed is not JSON".into()));
        };
        // From the text, not through `Json::read`'s tree of values: the store reads records
        // from text, and one reader of them is compiled rather than two.
        serde_json::from_str(json.text())
            .map(Ok)
            .map_err(|e| Unreachable(format!("the server's feed is not one this page reads: {e}")))
    }

    /// Sends a change from the outbox with its mutation headers.
    pub async fn send(&self, pending: &Pending) -> Result<Response, Unreachable> {
        let url = format!("{}{}", self.base_url, pending.change.target);
        let mutation = &pending.mutation;
        let builder = RequestBuilder::new(&url)
            .method(method(pending))
            .header("X-Portal-Client", &mutation.client_id)
            .header("X-Portal-Mutation", &mutation.number.to_string())
            .header("X-Portal-Base", &mutation.base.to_string());
        self.fetch(builder, Some(&pending.change.body)).await
    }

    async fn fetch(
        &self,
        builder: RequestBuilder,
        body: Option<&str>,
    ) -> Result<Response, Unreachable> {
        let builder = builder.header("Authorization", &format!("Bearer {}", self.token));
        let request = match body {
            Some(body) if !body.is_empty() => builder
                .header("Content-Type", "application/json")
                .body(body.to_owned()),
            _ => builder.build(),
        }
        .map_err(|e| Unreachable(e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| Unreachable(format!("{} can't be reached ({e})", self.base_url)))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| Unreachable(e.to_string()))?;
        let body = Json::parse(&text).map_or(Body::Empty, Body::Json);
        Ok(Response::new(status, body))
    }
}

fn method(pending: &Pending) -> gloo_net::http::Method {
    use gloo_net::http::Method as M;
    use portal_core::api::Method;
    match pending.change.method {
        Method::Get => M::GET,
        Method::Post => M::POST,
        Method::Put => M::PUT,
        Method::Patch => M::PATCH,
        Method::Delete => M::DELETE,
    }
}
