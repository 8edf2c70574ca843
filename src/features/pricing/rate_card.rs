//! The price book in use: importing a rate card (a bad one is refused with its line, column and
//! field, and the current book stays), and where each rate of the workload's regions comes from.

use std::sync::Arc;

use leptos::prelude::*;
use portal_core::pricing::bill::plain;
use portal_core::pricing::price_book::Rate;
use portal_core::pricing::PriceBook;
use serde_json::{json, Value};

use crate::ui::download::{chosen_file, read_file};
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::table::DataTable;

/// The rates a workload uses: its regions' and the book-wide ones.
fn rates_in_use(book: &PriceBook, workload: &Value) -> Vec<(String, String, Rate)> {
    let used = |provider: &Value, region: &str| {
        workload["regions"].as_array().is_some_and(|list| {
            list.iter().any(|r| {
                r["provider"] == *provider
                    && r["region"]
                        .as_str()
                        .is_some_and(|n| n.eq_ignore_ascii_case(region))
            })
        })
    };
    let mut out = Vec::new();
    for r in book
        .regions
        .iter()
        .filter(|r| used(&json!(r.provider), &r.region))
    {
        let place = format!("{} {}", r.provider, r.region);
        for (name, rate) in [
            ("Reads, per million RRU", &r.read_per_million),
            ("Writes, per million WRU", &r.write_per_million),
            ("Storage, per GB-month", &r.storage_per_gb_month),
            (
                "Transfer within the cloud, per GB",
                &r.transfer_within_cloud_per_gb,
            ),
            (
                "Transfer to the internet, per GB",
                &r.transfer_internet_per_gb,
            ),
        ] {
            out.push((place.clone(), name.to_owned(), rate.clone()));
        }
    }
    for (name, rate) in [
        ("Free plan monthly credit", Some(&book.free_monthly_credit)),
        (
            "Private endpoint, per hour",
            Some(&book.private_endpoint_per_hour),
        ),
        (
            "Private endpoint data, per GB",
            Some(&book.private_endpoint_per_gb),
        ),
        ("Annual discount", book.annual_discount.as_ref()),
    ] {
        if let Some(rate) = rate {
            out.push((String::new(), name.to_owned(), rate.clone()));
        }
    }
    out
}

#[component]
pub fn PricingRateCard(book: RwSignal<Arc<PriceBook>>, workload: RwSignal<Value>) -> impl IntoView {
    let notice = RwSignal::new(None::<Notice>);
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = read_file(&file)
                .await
                .and_then(|text| PriceBook::from_json(&text).map_err(|e| e.to_string()));
            match result {
                Ok(loaded) => {
                    notice.set(Some(Notice::Done(format!(
                        "Now pricing with {} from {name}.",
                        loaded.name
                    ))));
                    book.set(Arc::new(loaded));
                }
                Err(e) => notice.set(Some(Notice::Error(format!(
                    "{name} was not imported; the current price book stays. {e}"
                )))),
            }
        });
    };
    let rows = move || {
        let rates = book.with(|b| workload.with(|w| rates_in_use(b, w)));
        rates
            .into_iter()
            .map(|(place, name, rate)| {
                view! {
                    <tr>
                        <td>{place}</td>
                        <td>{name}</td>
                        <td class="number">{plain(rate.price.0)}</td>
                        <td>
                            <details>
                                <summary title=rate.source.clone()>"Source"</summary>
                                <p>{rate.source}</p>
                            </details>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="pricing-rate-card" aria-label="Price book">
            <h2>"Price book"</h2>
            <p class="pricing-book-in-use">
                "In use: " {move || book.with(|b| format!("{} ({})", b.name, b.currency))}
            </p>
            <label for="pricing-rate-card">"Import rate card"</label>
            <input id="pricing-rate-card" type="file" accept=".json,application/json" on:change=import/>
            <button
                type="button"
                on:click=move |_| {
                    book.set(Arc::new(PriceBook::default_book()));
                    notice.set(Some(Notice::Done("Now pricing with the default price book.".into())));
                }
            >
                "Use the default price book"
            </button>
            <NoticeLine notice/>
            <details class="pricing-rates">
                <summary>"Rates in use, with their sources"</summary>
                <DataTable class="data" columns=["Region", "Rate", "Price", "Source"]>{rows}</DataTable>
            </details>
        </section>
    }
}
