//! The credentials of a token just generated, shown once (seed 002, "Manage application tokens":
//! "After you navigate away from the page, you won't be able to download your Client ID, Client
//! Secret, and Token again"). They live only in the signal of the component that asked for them:
//! never in the portal's state, the address or local storage, so leaving the page drops them.

use leptos::html;
use leptos::prelude::*;
use portal_core::api::{ApiError, Body, Response};
use portal_core::model::Scope;
use portal_core::spreadsheet::{neutralise, CsvText};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::features::databases::environment::EnvironmentVariables;
use crate::ui::copy_button::CopyButton;
use crate::ui::download::download;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::answer;

/// What a generate response shows once, and the names of the roles the token holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedToken {
    pub client_id: String,
    pub secret: String,
    pub token: String,
    pub roles: Vec<String>,
}

/// The credentials a generate response carries.
#[derive(Deserialize)]
struct Credentials {
    #[serde(rename = "clientId")]
    client_id: String,
    secret: String,
    token: String,
}

impl IssuedToken {
    /// The credentials of a generate response, or why there are none (the backend's refusal).
    /// `role_names` reads the names of the token's roles from the response body.
    pub fn from_response(
        response: &Response,
        role_names: impl FnOnce(&Value) -> Vec<String>,
    ) -> Result<IssuedToken, ApiError> {
        let credentials: Credentials = answer(response)?;
        let roles = match &response.body {
            Body::Json(body) => role_names(&body.value()),
            _ => Vec::new(),
        };
        Ok(IssuedToken {
            client_id: credentials.client_id,
            secret: credentials.secret,
            token: credentials.token,
            roles,
        })
    }

    fn role_line(&self) -> String {
        self.roles.join(", ")
    }

    fn json(&self) -> String {
        let document = json!({
            "clientId": self.client_id,
            "secret": self.secret,
            "token": self.token,
            "roles": self.roles,
        });
        serde_json::to_string_pretty(&document).unwrap_or_default()
    }

    /// The CSV the Astra Portal offers: one header row and the token's row, every field quoted.
    fn csv(&self) -> String {
        let mut csv = CsvText::quoting_all();
        csv.row(["Client Id", "Client Secret", "Role", "Token"]);
        csv.row([
            self.client_id.as_str(),
            &self.secret,
            // Role names are typed by people; the secret's alphabet has `+` and `-`, and it
            // must stay exactly as issued, so only the role column is neutralised.
            &*neutralise(&self.role_line()),
            &self.token,
        ]);
        csv.finish()
    }
}

/// Runs `forget` when the page turns to another organization: the router keeps a page's
/// components when only its organization changes, and one organization's credentials must not
/// show on another's page.
pub fn forget_on_scope_change(scope: Memo<Scope>, forget: impl Fn() + 'static) {
    Effect::new(move |previous: Option<Scope>| {
        let current = scope.get();
        if previous.is_some_and(|p| p != current) {
            forget();
        }
        current
    });
}

/// The Client ID, Client Secret and Token with Copy, the Download files, the warning that they
/// can't be shown again, and the environment variables to connect to a database with the token.
#[component]
pub fn TokenReveal(
    issued: IssuedToken,
    /// The database the variables are for at first (a database's own token).
    #[prop(optional)]
    database: Option<String>,
) -> impl IntoView {
    let notice = RwSignal::new(None::<Notice>);
    let heading = NodeRef::<html::H2>::new();
    // Whoever generated the token is taken to it, and a screen reader reads it next.
    Effect::new(move |_| {
        if let Some(element) = heading.get() {
            let _ = element.focus();
        }
    });
    let offer = move |filename: String, mime: &'static str, text: String| {
        if let Err(why) = download(&filename, mime, &text) {
            notice.set(Some(Notice::Error(why)));
        }
    };
    let (json_name, json_text) = (format!("token-{}.json", issued.client_id), issued.json());
    let (csv_name, csv_text) = (format!("token-{}.csv", issued.client_id), issued.csv());
    let roles = issued.role_line();
    let token = issued.token.clone();
    view! {
        <section class="token-reveal" aria-labelledby="token-reveal-heading">
            <h2 id="token-reveal-heading" tabindex="-1" node_ref=heading>"Your new token"</h2>
            <p class="notice warning" role="alert">
                "Copy or download the Client ID, Client Secret and Token now: after you navigate away from this page, you won't be able to see or download them again."
            </p>
            <dl class="token-credentials">
                <CredentialRow label="Client ID" field="client-id" value=issued.client_id/>
                <CredentialRow label="Client Secret" field="secret" value=issued.secret/>
                <CredentialRow label="Token" field="token" value=issued.token/>
                <div>
                    <dt>"Role"</dt>
                    <dd data-field="roles">{roles}</dd>
                </div>
            </dl>
            <div class="actions">
                <button type="button" on:click=move |_| offer(json_name.clone(), "application/json", json_text.clone())>
                    "Download JSON"
                </button>
                <button type="button" on:click=move |_| offer(csv_name.clone(), "text/csv", csv_text.clone())>
                    "Download CSV"
                </button>
            </div>
            <NoticeLine notice/>
            <EnvironmentVariables token database/>
        </section>
    }
}

#[component]
fn CredentialRow(label: &'static str, field: &'static str, value: String) -> impl IntoView {
    view! {
        <div>
            <dt>{label}</dt>
            <dd>
                <code data-field=field>{value.clone()}</code>
                <CopyButton text=value what=label/>
            </dd>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The page's unit tests run where its suites do, in the browser (scripts/test, wasm layer).
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_csv_quotes_every_field_and_defuses_formulas_in_role_names() {
        let issued = IssuedToken {
            client_id: "AbCdEfGhIjKlMnOpQrStUvWx".into(),
            secret: "-a+b.c_d".into(),
            token: "AstraCS:AbCdEfGhIjKlMnOpQrStUvWx:00".into(),
            roles: vec!["=HYPERLINK(\"x\")".into()],
        };
        assert_eq!(
            issued.csv(),
            "\"Client Id\",\"Client Secret\",\"Role\",\"Token\"\n\
             \"AbCdEfGhIjKlMnOpQrStUvWx\",\"-a+b.c_d\",\"'=HYPERLINK(\"\"x\"\")\",\
             \"AstraCS:AbCdEfGhIjKlMnOpQrStUvWx:00\"\n"
        );
    }
}
