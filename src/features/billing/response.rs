//! What the billing endpoints answer besides their JSON: every error entry of a refusal (a
//! payment method's removal blockers, a consumption query's violations), and CSV files.

use leptos::prelude::*;
use portal_core::api::{Body, Response};
use serde::de::DeserializeOwned;

use crate::portal::error_text;
use crate::ui::download::download;

/// One entry of a refusal's `errors`: its stable ID and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorEntry {
    pub id: String,
    pub message: String,
}

/// Every error entry of a refusal, so that none is hidden behind the first; a refusal without
/// entries still says what failed.
pub fn error_entries(response: &Response) -> Vec<ErrorEntry> {
    let entries: Vec<ErrorEntry> = match &response.body {
        Body::Json(value) => value["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| ErrorEntry {
                id: match &e["ID"] {
                    serde_json::Value::Null => String::new(),
                    id => id.to_string(),
                },
                message: e["message"].as_str().unwrap_or_default().to_owned(),
            })
            .collect(),
        _ => Vec::new(),
    };
    if entries.is_empty() {
        vec![ErrorEntry {
            id: response.status.to_string(),
            message: error_text(response),
        }]
    } else {
        entries
    }
}

/// A successful answer read as `T`, or its error entries.
pub fn answer<T: DeserializeOwned>(response: &Response) -> Result<T, Vec<ErrorEntry>> {
    match &response.body {
        Body::Json(value) if response.status < 300 => T::deserialize(value).map_err(|e| {
            vec![ErrorEntry {
                id: response.status.to_string(),
                message: format!("the answer could not be read: {e}"),
            }]
        }),
        _ => Err(error_entries(response)),
    }
}

/// Offers a CSV answer as a download and returns its file name; a refusal gives its entries.
pub fn offer_csv(response: &Response) -> Result<String, Vec<ErrorEntry>> {
    match &response.body {
        Body::Csv { filename, text } if response.status < 300 => {
            download(filename, "text/csv", text)
                .map(|()| filename.clone())
                .map_err(|message| {
                    vec![ErrorEntry {
                        id: String::new(),
                        message,
                    }]
                })
        }
        _ => Err(error_entries(response)),
    }
}

/// The entries as an announced list, each with its ID.
#[component]
pub fn ErrorList(
    /// What the list is about ("The payment method can't be removed").
    title: &'static str,
    #[prop(into)] entries: Signal<Vec<ErrorEntry>>,
) -> impl IntoView {
    move || {
        let entries = entries.get();
        (!entries.is_empty()).then(|| {
            view! {
                <div class="billing-errors notice error" role="alert">
                    <p>{title}</p>
                    <ul>
                        {entries.into_iter().map(|entry| view! {
                            <li>
                                {(!entry.id.is_empty()).then(|| view! {
                                    <code class="error-id">{entry.id}</code>" "
                                })}
                                <span class="error-message">{entry.message}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
