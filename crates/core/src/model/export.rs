//! The whole state as one versioned JSON document: what Export downloads, Import reads, and the
//! `portal` command's state file holds. Import validates everything (shape, version, invariants)
//! before anything is replaced, so a bad file changes nothing and says why.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::invariants::{check, Problem};
use super::State;

/// The document's `format` value.
pub const FORMAT: &str = "portal-state";
/// The schema version this build writes. Older versions are upgraded on import.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    state: &'a State,
}

/// The document's header, read before the body so that a newer or foreign file is named as such
/// instead of failing on its first unknown field.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Incoming {
    // Read (and checked) by the header already.
    #[serde(rename = "format")]
    _format: serde::de::IgnoredAny,
    #[serde(rename = "version")]
    _version: serde::de::IgnoredAny,
    state: State,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON, or a field that doesn't fit: where, and what.
    Json {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    NotAState,
    NewerVersion(u32),
    /// The document reads, but breaks the state's rules.
    Invalid(Vec<Problem>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Json {
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "line {line}, column {column}{}: {message}",
                if path.is_empty() || path == "." {
                    String::new()
                } else {
                    format!(" (at {path})")
                }
            ),
            ImportError::NotAState => write!(
                f,
                "this is not a portal export: its \"format\" must be \"{FORMAT}\"; export the \
                 state from the portal's General page or with `portal init`"
            ),
            ImportError::NewerVersion(v) => write!(
                f,
                "this export has schema version {v}, newer than this portal's {SCHEMA_VERSION}: \
                 update the portal to import it"
            ),
            ImportError::Invalid(problems) => {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "the export breaks the portal's rules: {}",
                    list.join("; ")
                )
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// The state as a pretty-printed document.
pub fn export(state: &State) -> String {
    serde_json::to_string_pretty(&Document {
        format: FORMAT,
        version: SCHEMA_VERSION,
        state,
    })
    .expect("a state serializes")
}

/// A state from a document, fully validated.
pub fn import(text: &str) -> Result<State, ImportError> {
    let header: Header = serde_json::from_str(text).map_err(json_error(String::new()))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::NotAState);
    }
    match header.version {
        Some(v) if v > SCHEMA_VERSION => return Err(ImportError::NewerVersion(v)),
        Some(_) => {}
        None => return Err(ImportError::NotAState),
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let incoming: Incoming = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(path)(e.into_inner())
    })?;
    let state = incoming.state;
    let problems = check(&state);
    if problems.is_empty() {
        Ok(state)
    } else {
        Err(ImportError::Invalid(problems))
    }
}

fn json_error(path: String) -> impl FnOnce(serde_json::Error) -> ImportError {
    move |e| ImportError::Json {
        path,
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    }
}
