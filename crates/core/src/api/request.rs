//! Requests and responses, independent of HTTP libraries: the page, the command and the server
//! each translate their own.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{ApiError, ErrorId};

#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// Reads a method name in any letter case.
    pub fn parse(text: &str) -> Option<Method> {
        Some(match text.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    /// The path without its query, e.g. `/v2/organizations/roles`.
    pub path: String,
    /// The query's decoded pairs, in order.
    pub query: Vec<(String, String)>,
    /// The body as sent; empty when there is none.
    pub body: String,
}

impl Request {
    /// A request for a target such as `/v2/organizations/audits?action=role.create`.
    pub fn new(method: Method, target: &str, body: impl Into<String>) -> Request {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Request {
            method,
            path: path.to_owned(),
            query: form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
            body: body.into(),
        }
    }

    /// The path with its query, as [`Request::new`] takes it.
    pub fn target(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&self.query)
            .finish();
        format!("{}?{query}", self.path)
    }

    pub fn get(target: &str) -> Request {
        Request::new(Method::Get, target, "")
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The JSON body as `T`; a body that isn't JSON, or a field of the wrong type, is a 400 that
    /// names the field.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        let text = if self.body.trim().is_empty() {
            "{}"
        } else {
            self.body.as_str()
        };
        let malformed = |e: serde_json::Error| {
            ApiError::new(
                ErrorId::MalformedJson,
                format!("the body is not valid JSON ({e}): send one JSON object"),
            )
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                malformed(inner)
            } else if path == "." || path.is_empty() {
                ApiError::new(
                    ErrorId::InvalidField,
                    format!("the body does not have the expected fields: {inner}"),
                )
            } else {
                ApiError::new(
                    ErrorId::InvalidField,
                    format!("field '{path}' is invalid: {inner}"),
                )
            }
        })?;
        de.end().map_err(malformed)?;
        Ok(value)
    }
}

/// A JSON body, kept as the text it is sent as: written once, straight from the handler's types,
/// with no tree of values in between (which cost a read of a long list more than the rest of
/// the request).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Json(String);

impl Json {
    pub fn of(value: impl serde::Serialize) -> Json {
        Json(serde_json::to_string(&value).expect("responses serialize"))
    }

    /// Text that came from elsewhere (a server's answer); `None` when it is not JSON.
    pub fn parse(text: &str) -> Option<Json> {
        serde_json::from_str::<serde::de::IgnoredAny>(text)
            .ok()
            .map(|_| Json(text.to_owned()))
    }

    pub fn text(&self) -> &str {
        &self.0
    }

    pub fn into_text(self) -> String {
        self.0
    }

    /// The body read as `T`, through a tree of values: the page reads the handlers' answers this
    /// way, so that each answer type's reader is compiled once, for values. The records of the
    /// server's feed and of a conflict are read from text instead, as the store reads them.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(&self.value())
    }

    /// The body as a tree of values, for code that looks into it.
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.0).expect("a JSON body is JSON")
    }
}

/// A response body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Json(Json),
    /// A CSV download with the file name it should be saved under.
    Csv {
        filename: String,
        text: String,
    },
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: Body,
    /// Headers the operation documents besides the body's own (e.g. `Location` for a created
    /// database), as (name, value); empty for most responses.
    pub headers: Vec<(String, String)>,
}

impl Response {
    /// A response with this status and body and no headers.
    pub fn new(status: u16, body: Body) -> Response {
        Response {
            status,
            body,
            headers: Vec::new(),
        }
    }

    pub fn json(status: u16, value: impl serde::Serialize) -> Response {
        Response::new(status, Body::Json(Json::of(value)))
    }

    pub fn ok(value: impl serde::Serialize) -> Response {
        Response::json(200, value)
    }

    /// A status with no body: 204, or a 200 or 202 that the spec documents without one.
    pub fn empty(status: u16) -> Response {
        Response::new(status, Body::Empty)
    }

    pub fn no_content() -> Response {
        Response::empty(204)
    }

    /// A 201 with `value` and the `Location` header set to `location`.
    pub fn created_at(location: impl Into<String>, value: impl serde::Serialize) -> Response {
        Response::json(201, value).with_header("Location", location)
    }

    /// The response with one more header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first value of the header `name` (in any letter case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The refusal this response carries: `None` for a success (below 400); a 4xx or 5xx whose
    /// body is not an error list (a proxy's page, say) still gives one entry that names the status.
    pub fn refusal(&self) -> Option<ApiError> {
        if self.status < 400 {
            return None;
        }
        let read = match &self.body {
            Body::Json(json) => json
                .read::<ApiError>()
                .ok()
                .filter(|e| !e.errors.is_empty()),
            _ => None,
        };
        Some(match read {
            Some(error) => ApiError {
                status: self.status,
                ..error
            },
            None => ApiError {
                status: self.status,
                errors: vec![super::error::ErrorEntry {
                    id: u32::from(self.status),
                    message: format!("the request failed ({})", self.status),
                }],
            },
        })
    }

    /// The body as text: JSON pretty-printed, CSV as is, nothing for an empty body.
    pub fn body_text(&self) -> String {
        match &self.body {
            Body::Json(json) => {
                serde_json::to_string_pretty(&json.value()).expect("JSON values print")
            }
            Body::Csv { text, .. } => text.clone(),
            Body::Empty => String::new(),
        }
    }
}

#[cfg(test)]
mod refusal_tests {
    use super::*;

    #[test]
    fn a_refusal_reads_back_with_its_status_and_every_entry() {
        let refused = ApiError::new(ErrorId::NameTaken, "the name 'x' is taken").into_response();
        let error = refused.refusal().expect("a 409 is a refusal");
        assert_eq!(error.status, 409);
        assert_eq!(error.id(), ErrorId::NameTaken.code());
        assert_eq!(error.to_string(), "the name 'x' is taken");
        assert_eq!(
            Response::ok(serde_json::json!({"errors": []})).refusal(),
            None
        );
    }

    #[test]
    fn a_failure_without_an_error_list_still_says_its_status() {
        let error = Response::empty(502).refusal().expect("a 502 is a refusal");
        assert_eq!(error.status, 502);
        assert_eq!(error.to_string(), "the request failed (502)");
    }
}
