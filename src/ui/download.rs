//! Files the portal hands to the person (an export, a token's credentials, a usage report, an
//! audit log) and files the person hands to it (an import, a rate card, a usage report).

use leptos::prelude::*;
use portal_core::api::{ApiError, Body, Method, Response};
use portal_core::model::Scope;
use wasm_bindgen::JsCast;

use crate::portal::Portal;
use crate::ui::notice::Notice;
use crate::ui::request::{unusable, Submission};

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("the download failed: {e:?}");
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document to download from")?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    web_sys::Url::revoke_object_url(&url).map_err(fail)
}

/// Offers a CSV answer as a download and returns its file name; a refusal gives its entries.
pub fn offer_csv(response: &Response) -> Result<String, ApiError> {
    if let Some(refused) = response.refusal() {
        return Err(refused);
    }
    let failed = |message: String| unusable(response, message);
    match &response.body {
        Body::Csv { filename, text } => download(filename, "text/csv", text)
            .map(|()| filename.clone())
            .map_err(failed),
        _ => Err(failed("the answer is not a CSV file".to_owned())),
    }
}

/// Asks for the CSV file at `target` as the acting principal in `scope` and offers it: the
/// submission is busy meanwhile and keeps a refusal; the notice names the file downloaded.
pub fn fetch_csv(
    portal: Portal,
    submission: Submission,
    notice: RwSignal<Option<Notice>>,
    scope: Scope,
    target: String,
) {
    notice.set(None);
    let downloaded =
        async move { offer_csv(&portal.request(&scope, Method::Get, &target, None).await) };
    submission.run(downloaded, move |filename| {
        notice.set(Some(Notice::Done(format!("Downloaded {filename}."))));
    });
}

/// The text of a file the person chose (Import, a rate card, a usage report).
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|e| format!("the file could not be read: {e:?}"))?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_owned())
}

/// The file just chosen in a file input. The input is cleared, so that choosing the same file
/// again (once fixed) is read again.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}
