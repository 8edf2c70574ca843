//! Where the usage page's rows come from: the portal's own usage, or a usage report the person
//! imports (a file, or CSV pasted into a text box; both take the same path). A large report is
//! read a slice of rows at a time, yielding to the browser between slices so the progress bar
//! moves and the page stays responsive.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::usage::{read_report, ParsedReport, ReportError};

use crate::ui::download::{chosen_file, read_file};
use crate::ui::notice::{Notice, NoticeLine};

/// Rows read between two yields to the browser.
pub const ROWS_PER_STEP: usize = 20_000;

/// Where records end: after each line break outside a quoted field. Also counts every line
/// break, quoted or not, the way the core numbers lines (`\n`, `\r\n`, or a lone `\r`).
struct RecordEnds<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// A record's end: the offset just after its line break, and the line breaks before that.
#[derive(Clone, Copy)]
struct RecordEnd {
    offset: usize,
    breaks: u64,
}

impl RecordEnds<'_> {
    /// Scans on to the next record's end, counting breaks from `breaks`.
    fn next_end(&mut self, mut breaks: u64) -> Option<RecordEnd> {
        // The csv reader only opens a quoted field at a field's start; a quote elsewhere is text.
        let (mut at_field_start, mut quoted, mut quote_seen) = (true, false, false);
        while self.at < self.bytes.len() {
            let byte = self.bytes[self.at];
            self.at += 1;
            let is_break = match byte {
                b'\n' => true,
                b'\r' => self.bytes.get(self.at) != Some(&b'\n'),
                _ => false,
            };
            if is_break {
                breaks += 1;
            }
            if quoted {
                if byte == b'"' {
                    quoted = false;
                    quote_seen = true;
                }
                continue;
            }
            if quote_seen && byte == b'"' {
                // `""` inside a quoted field: an escaped quote, still inside.
                quoted = true;
                quote_seen = false;
                continue;
            }
            quote_seen = false;
            match byte {
                b'"' if at_field_start => quoted = true,
                b',' => {
                    at_field_start = true;
                    continue;
                }
                _ if is_break => {
                    return Some(RecordEnd {
                        offset: self.at,
                        breaks,
                    })
                }
                b'\r' => continue,
                _ => {}
            }
            at_field_start = false;
        }
        None
    }
}

/// Reads a usage report like `read_report`, `ROWS_PER_STEP` rows at a time: each slice is read
/// under the header, its line numbers shifted to the file's. `progress` hears the fraction done
/// after each slice.
pub async fn read_in_steps(
    text: &str,
    progress: impl Fn(f64),
) -> Result<ParsedReport, ReportError> {
    let bytes = text.as_bytes();
    let mut ends = RecordEnds { bytes, at: 0 };
    let header = ends.next_end(0).unwrap_or(RecordEnd {
        offset: bytes.len(),
        breaks: 0,
    });
    let mut report = ParsedReport::default();
    let (mut start, mut breaks_at_start) = (header.offset, header.breaks);
    let mut slice = Vec::new();
    loop {
        let mut end = None;
        let mut breaks = breaks_at_start;
        for _ in 0..ROWS_PER_STEP {
            match ends.next_end(breaks) {
                Some(found) => {
                    breaks = found.breaks;
                    end = Some(found);
                }
                None => {
                    end = None;
                    break;
                }
            }
        }
        let stop = end.map_or(bytes.len(), |e| e.offset);
        slice.clear();
        slice.extend_from_slice(&bytes[..header.offset]);
        slice.extend_from_slice(&bytes[start..stop]);
        let part = read_report(&slice)?;
        let shift = breaks_at_start - header.breaks;
        report
            .lines
            .extend(part.lines.iter().map(|line| line + shift));
        report.records.extend(part.records);
        report
            .bad_rows
            .extend(part.bad_rows.into_iter().map(|mut bad| {
                bad.line += shift;
                bad
            }));
        progress(stop as f64 / bytes.len().max(1) as f64);
        match end {
            Some(e) if e.offset < bytes.len() => {
                start = e.offset;
                breaks_at_start = e.breaks;
                next_task().await;
            }
            _ => return Ok(report),
        }
    }
}

/// Waits for a fresh browser task (a zero-length timeout), so the page can paint.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_ok()
        });
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The source chooser: "Use this portal's usage", a file input, and "Or paste CSV".
/// `on_read` gets the report's name and its rows; `on_portal` switches back.
#[component]
pub fn UsageSource(
    on_read: Callback<(String, ParsedReport)>,
    on_portal: Callback<()>,
) -> impl IntoView {
    let progress = RwSignal::new(None::<f64>);
    let notice = RwSignal::new(None::<Notice>);
    let pasted = RwSignal::new(String::new());
    let busy = move || progress.get().is_some();

    let read = move |name: String, text: String| {
        notice.set(None);
        progress.set(Some(0.0));
        spawn_local(async move {
            let result = read_in_steps(&text, |done| progress.set(Some(done))).await;
            progress.set(None);
            match result {
                Ok(report) => on_read.run((name, report)),
                Err(e) => notice.set(Some(Notice::Error(format!("{name}: {e}")))),
            }
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        notice.set(None);
        progress.set(Some(0.0));
        spawn_local(async move {
            match read_file(&file).await {
                Ok(text) => read(file.name(), text),
                Err(e) => {
                    progress.set(None);
                    notice.set(Some(Notice::Error(e)));
                }
            }
        });
    };

    view! {
        <section class="usage-source" aria-labelledby="usage-source-heading">
            <h2 id="usage-source-heading">"Source"</h2>
            <div class="usage-source-controls">
                <button type="button" disabled=busy on:click=move |_| on_portal.run(())>
                    "Use this portal's usage"
                </button>
                <label class="usage-file">
                    "Import usage report"
                    <input type="file" accept=".csv,text/csv" disabled=busy on:change=on_file/>
                </label>
            </div>
            <label for="usage-paste">"Or paste CSV"</label>
            <textarea
                id="usage-paste"
                rows="4"
                spellcheck="false"
                prop:value=move || pasted.get()
                on:input=move |ev| pasted.set(event_target_value(&ev))
            ></textarea>
            <button
                type="button"
                disabled=move || busy() || pasted.with(String::is_empty)
                on:click=move |_| read("pasted CSV".to_owned(), pasted.get_untracked())
            >
                "Read pasted CSV"
            </button>
            {move || {
                progress
                    .get()
                    .map(|done| {
                        view! {
                            <p class="usage-progress" role="status">
                                <label for="usage-progress-bar">"Reading the usage report"</label>
                                <progress id="usage-progress-bar" max="1" value=done>
                                    {format!("{:.0}%", done * 100.0)}
                                </progress>
                            </p>
                        }
                    })
            }}
            <NoticeLine notice/>
        </section>
    }
}
