//! The workload form: the plan, the writes and batches every region receives, and per region its
//! place, reads, storage and transfer. It edits the workload's JSON in place, so whatever the form
//! does not show (documents, private endpoints...) is kept and still priced.

use std::sync::Arc;

use leptos::prelude::*;
use portal_core::pricing::PriceBook;
use serde_json::{json, Value};

use crate::features::pricing::bill::PricingError;

/// How a field's text goes into the workload.
#[derive(Copy, Clone)]
enum Kind {
    /// A decimal or a date, kept as typed: the core reads it and names what is wrong.
    Text,
    /// Left out when empty (the rate card's value applies).
    OptionalText,
    /// A whole number; anything else is passed on for the core to refuse.
    Count,
}

/// `/regions/0/storage_gb` as the core names it: `regions[0].storage_gb`.
fn field_path(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        if part.parse::<usize>().is_ok() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

fn text_at(workload: &Value, pointer: &str) -> String {
    match workload.pointer(pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Sets (or, with `None`, removes) the value at `pointer`, whose parent object exists.
fn set_at(workload: &mut Value, pointer: &str, value: Option<Value>) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    if let Some(object) = workload.pointer_mut(parent).and_then(Value::as_object_mut) {
        match value {
            Some(v) => object.insert(key.to_owned(), v),
            None => object.remove(key),
        };
    }
}

fn len_at(workload: &Value, pointer: &str) -> usize {
    workload
        .pointer(pointer)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// The id of the control that edits `pointer`.
fn id_of(pointer: &str) -> String {
    format!("pricing{}", pointer.replace('/', "-"))
}

#[component]
fn Field(
    workload: RwSignal<Value>,
    error: Signal<Option<PricingError>>,
    pointer: String,
    label: String,
    kind: Kind,
) -> impl IntoView {
    let id = id_of(&pointer);
    let path = field_path(&pointer);
    let invalid = Memo::new(move |_| error.with(|e| e.as_ref().is_some_and(|e| e.field == path)));
    let read = pointer.clone();
    let value = move || workload.with(|w| text_at(w, &read));
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        let value = match kind {
            Kind::OptionalText if text.trim().is_empty() => None,
            Kind::Text | Kind::OptionalText => Some(Value::String(text)),
            Kind::Count => Some(match text.trim().parse::<i64>() {
                Ok(n) => json!(n),
                Err(_) => Value::String(text),
            }),
        };
        workload.update(|w| set_at(w, &pointer, value));
    };
    view! {
        <div class="pricing-field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                prop:value=value
                on:input=on_input
                aria-invalid=move || invalid.get().then_some("true")
            />
        </div>
    }
}

/// A labelled checkbox for the boolean at `pointer`.
#[component]
fn Check(workload: RwSignal<Value>, pointer: String, label: String) -> impl IntoView {
    let id = id_of(&pointer);
    let read = pointer.clone();
    view! {
        <div class="pricing-field">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || workload.with(|w| w.pointer(&read) == Some(&json!(true)))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    workload.update(|w| set_at(w, &pointer, Some(json!(on))));
                }
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// A labelled select over `options` (value, name); a current value missing from them is still
/// shown, so the core's error can say what the rate card has instead.
#[component]
fn Choice(
    id: String,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] current: Signal<String>,
    on_choose: impl Fn(String) + 'static,
) -> impl IntoView {
    let choices = move || {
        let current = current.get();
        let mut options = options.get();
        if !options.iter().any(|(v, _)| *v == current) {
            options.push((current.clone(), current.replace('/', " ")));
        }
        options
            .into_iter()
            .map(|(value, name)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="pricing-field">
            <label for=id.clone()>{label}</label>
            <select id=id on:change=move |ev| on_choose(event_target_value(&ev))>
                {choices}
            </select>
        </div>
    }
}

const PLANS: [(&str, &str); 4] = [
    ("free", "Free"),
    ("pay_as_you_go", "Pay As You Go"),
    ("annual", "Annual"),
    ("enterprise", "Enterprise"),
];

/// The plan with the terms of the old one that the new one also has.
fn switch_plan(old: &Value, kind: &str) -> Value {
    let mut plan = json!({ "type": kind });
    let keep: &[&str] = match kind {
        "free" => &[],
        "annual" => &["credits", "committed_monthly_minimum", "discount"],
        _ => &["credits"],
    };
    for key in keep {
        if let Some(v) = old.get(*key) {
            plan[*key] = v.clone();
        }
    }
    if kind == "annual" && plan.get("committed_monthly_minimum").is_none() {
        plan["committed_monthly_minimum"] = json!("0");
    }
    plan
}

#[component]
pub fn PricingForm(
    workload: RwSignal<Value>,
    book: RwSignal<Arc<PriceBook>>,
    error: Signal<Option<PricingError>>,
) -> impl IntoView {
    let kind = Memo::new(move |_| workload.with(|w| text_at(w, "/kind")));
    let plan_kind = Memo::new(move |_| workload.with(|w| text_at(w, "/plan/type")));
    let regions = Memo::new(move |_| workload.with(|w| len_at(w, "/regions")));
    let has_writes = Memo::new(move |_| workload.with(|w| len_at(w, "/writes") > 0));
    // The workload of the other tab, kept while this one is edited.
    let other = StoredValue::new(example(CLASSIC_EXAMPLE));
    let switch_to = move |target: &'static str| {
        if kind.get_untracked() == target {
            return;
        }
        let stashed = other.get_value();
        let next = if stashed["kind"] == target {
            stashed
        } else {
            example(if target == "classic" {
                CLASSIC_EXAMPLE
            } else {
                SERVERLESS_EXAMPLE
            })
        };
        other.set_value(workload.get_untracked());
        workload.set(next);
    };
    let tab = move |target: &'static str, name: &'static str| {
        view! {
            <button
                type="button"
                aria-pressed=move || (kind.get() == target).to_string()
                on:click=move |_| switch_to(target)
            >
                {name}
            </button>
        }
    };
    let field = move |pointer: String, label: String, kind: Kind| {
        view! { <Field workload error pointer label kind/> }
    };
    let plan_fields = move || {
        let kind = plan_kind.get();
        view! {
            {(kind != "free").then(|| field("/plan/credits".into(), "Credits".into(), Kind::Text))}
            {(kind == "annual").then(|| view! {
                {field("/plan/committed_monthly_minimum".into(), "Committed monthly minimum".into(), Kind::Text)}
                {field("/plan/discount".into(), "Discount (0.15 = 15%; empty: the rate card's)".into(), Kind::OptionalText)}
            })}
        }
    };
    let plan_options = PLANS
        .iter()
        .map(|(v, n)| (v.to_string(), n.to_string()))
        .collect::<Vec<_>>();
    let choose_plan = move |chosen: String| {
        workload.update(|w| {
            let plan = switch_plan(&w["plan"], &chosen);
            w["plan"] = plan;
        })
    };
    let classic_plans = Signal::derive(move || {
        book.with(|b| {
            b.classic
                .plans
                .iter()
                .map(|p| (p.name.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let region_rows = move || {
        let classic = kind.get() == "classic";
        (0..regions.get())
            .map(|i| view! { <RegionRow workload book error index=i classic/> })
            .collect_view()
    };
    let add_region = move |_| {
        let region = if kind.get_untracked() == "classic" {
            json!({ "provider": "aws", "region": "us-east-1", "egress_gb": "0" })
        } else {
            json!({
                "provider": "aws",
                "region": "us-east-1",
                "reads": [{ "count": 0, "returned_kb": "1" }],
                "storage_gb": "0"
            })
        };
        workload.update(|w| {
            if let Some(list) = w.get_mut("regions").and_then(Value::as_array_mut) {
                list.push(region);
            }
        })
    };
    let serverless_fields = move || {
        view! {
            <fieldset>
                <legend>"Plan"</legend>
                <Choice
                    id="pricing-plan".into()
                    label="Plan"
                    options=plan_options.clone()
                    current=plan_kind
                    on_choose=choose_plan
                />
                {plan_fields}
            </fieldset>
            <Show when=move || has_writes.get()>
                <fieldset>
                    <legend>"Writes (replicated to every region)"</legend>
                    {field("/writes/0/count".into(), "Writes per month".into(), Kind::Count)}
                    {field("/writes/0/row_kb".into(), "Row size (KB)".into(), Kind::Text)}
                </fieldset>
            </Show>
            <Batches workload error/>
        }
    };
    let classic_fields = move || {
        view! {
            <fieldset>
                <legend>"Classic database"</legend>
                <Choice
                    id="pricing-classic_plan".into()
                    label="Classic plan"
                    options=classic_plans
                    current=Signal::derive(move || workload.with(|w| text_at(w, "/classic_plan")))
                    on_choose=move |plan: String| workload.update(|w| w["classic_plan"] = json!(plan))
                />
                {field("/capacity_units".into(), "Capacity units".into(), Kind::Count)}
                {field("/hours".into(), "Hours running".into(), Kind::Text)}
                {field("/date".into(), "Date priced (YYYY-MM-DD)".into(), Kind::Text)}
            </fieldset>
        }
    };
    view! {
        <form class="pricing-form" aria-label="Workload" on:submit=|ev| ev.prevent_default()>
            <div class="pricing-tabs" role="group" aria-label="Kind of workload">
                {tab("serverless", "Serverless")}
                {tab("classic", "Classic")}
            </div>
            {move || error.get().map(|e| view! {
                <p class="notice error" role="alert">{e.message}</p>
            })}
            {move || match kind.get().as_str() {
                "serverless" => serverless_fields().into_any(),
                "classic" => classic_fields().into_any(),
                _ => view! { <p>"Give the workload's kind in the JSON below."</p> }.into_any(),
            }}
            {region_rows}
            <button type="button" on:click=add_region>"Add region"</button>
            <PricingJson workload/>
        </form>
    }
}

/// The workload's batched writes (seed 001: "Logged and Unlogged are the two types of batched
/// writes"), each metered by its rows' total size, plus one WRU per partition when logged.
#[component]
fn Batches(workload: RwSignal<Value>, error: Signal<Option<PricingError>>) -> impl IntoView {
    let count = Memo::new(move |_| workload.with(|w| len_at(w, "/batches")));
    let field = move |pointer: String, label: String, kind: Kind| {
        view! { <Field workload error pointer label kind/> }
    };
    let rows = move || {
        (0..count.get())
            .map(|j| {
                let at = move |name: &str| format!("/batches/{j}/{name}");
                let number = j + 1;
                view! {
                    <fieldset class="pricing-batch">
                        <legend>{format!("Batch {number}")}</legend>
                        {field(at("count"), "Batches per month".into(), Kind::Count)}
                        {field(at("rows"), "Rows per batch".into(), Kind::Count)}
                        {field(at("row_kb"), "Row size (KB)".into(), Kind::Text)}
                        {field(at("partitions"), "Partitions per batch".into(), Kind::Count)}
                        <Check workload pointer=at("logged") label="Logged batch".into()/>
                        <RemoveButton workload list="batches" what="batch" index=j/>
                    </fieldset>
                }
            })
            .collect_view()
    };
    let add = move |_| {
        workload.update(|w| {
            let list = w
                .as_object_mut()
                .map(|o| o.entry("batches").or_insert_with(|| json!([])));
            if let Some(list) = list.and_then(Value::as_array_mut) {
                list.push(json!({ "count": 0, "logged": false, "partitions": 1, "rows": 1, "row_kb": "1" }));
            }
        })
    };
    view! {
        <fieldset class="pricing-batches">
            <legend>"Batched writes (replicated to every region)"</legend>
            {rows}
            <button type="button" on:click=add>"Add batch"</button>
        </fieldset>
    }
}

/// "Remove" for item `index` of the workload's `list`, named "Remove region 2" and the like.
#[component]
fn RemoveButton(
    workload: RwSignal<Value>,
    list: &'static str,
    what: &'static str,
    index: usize,
) -> impl IntoView {
    let remove = move |_| {
        workload.update(|w| {
            if let Some(items) = w.get_mut(list).and_then(Value::as_array_mut) {
                if index < items.len() {
                    items.remove(index);
                }
            }
        })
    };
    view! {
        <button type="button" aria-label=format!("Remove {what} {}", index + 1) on:click=remove>
            "Remove"
        </button>
    }
}

#[component]
fn RegionRow(
    workload: RwSignal<Value>,
    book: RwSignal<Arc<PriceBook>>,
    error: Signal<Option<PricingError>>,
    index: usize,
    classic: bool,
) -> impl IntoView {
    let at = move |name: &str| format!("/regions/{index}/{name}");
    let place = Signal::derive(move || {
        workload.with(|w| {
            format!(
                "{}/{}",
                text_at(w, &at("provider")),
                text_at(w, &at("region"))
            )
        })
    });
    let places = Signal::derive(move || {
        book.with(|b| {
            b.regions
                .iter()
                .map(|r| {
                    let provider = json!(r.provider);
                    let value = format!("{}/{}", provider.as_str().unwrap_or_default(), r.region);
                    (value, format!("{} {}", r.provider, r.region))
                })
                .collect::<Vec<_>>()
        })
    });
    let choose = move |value: String| {
        if let Some((provider, region)) = value.split_once('/') {
            workload.update(|w| {
                set_at(w, &at("provider"), Some(json!(provider)));
                set_at(w, &at("region"), Some(json!(region)));
            });
        }
    };
    let reads = Memo::new(move |_| workload.with(|w| len_at(w, &at("reads"))));
    let field = move |pointer: String, label: String, kind: Kind| {
        view! { <Field workload error pointer label kind/> }
    };
    let serverless_fields = move || {
        view! {
            {move || {
                (0..reads.get())
                    .map(|j| view! {
                        {field(at(&format!("reads/{j}/count")), format!("Reads per month ({})", j + 1), Kind::Count)}
                        {field(at(&format!("reads/{j}/returned_kb")), format!("Returned per read, KB ({})", j + 1), Kind::Text)}
                    })
                    .collect_view()
            }}
            {field(at("storage_gb"), "Storage (GB)".into(), Kind::Text)}
            {field(at("transfer_within_cloud_gb"), "Data transfer within the cloud (GB)".into(), Kind::Text)}
            {field(at("transfer_internet_gb"), "Data transfer to the internet (GB)".into(), Kind::Text)}
        }
    };
    let classic_fields = move || {
        view! {
            {field(at("egress_gb"), "Egress (GB)".into(), Kind::Text)}
            <Check
                workload
                pointer=at("egress_internet")
                label="Egress to the internet (from 2022-07-01)".into()
            />
        }
    };
    let number = index + 1;
    view! {
        <fieldset class="pricing-region">
            <legend>{format!("Region {number}")}</legend>
            <Choice
                id=format!("pricing-region-{index}")
                label="Provider and region"
                options=places
                current=place
                on_choose=choose
            />
            {if classic { classic_fields().into_any() } else { serverless_fields().into_any() }}
            <RemoveButton workload list="regions" what="region" index/>
        </fieldset>
    }
}

const SERVERLESS_EXAMPLE: &str = include_str!("../../../examples/serverless-workload.json");
const CLASSIC_EXAMPLE: &str = include_str!("../../../examples/classic-workload.json");

fn example(text: &str) -> Value {
    serde_json::from_str(text).expect("the examples are JSON")
}

/// The example workload the page opens with.
pub fn serverless_example() -> Value {
    example(SERVERLESS_EXAMPLE)
}

/// The whole workload as JSON: what the form leaves out, and Classic workloads.
#[component]
fn PricingJson(workload: RwSignal<Value>) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let load = move |text: &str| {
        problem.set(None);
        workload.set(example(text));
    };
    let apply = move |ev| match serde_json::from_str::<Value>(&event_target_value(&ev)) {
        Ok(value) => {
            problem.set(None);
            workload.set(value);
        }
        Err(e) => problem.set(Some(format!("Not JSON: {e}"))),
    };
    view! {
        <details class="pricing-json">
            <summary>"Workload as JSON (every operation; Classic workloads)"</summary>
            <label for="pricing-json">"Workload JSON"</label>
            // Applied on change, not on input: re-printing it while typing would move the caret.
            <textarea
                id="pricing-json"
                rows="16"
                prop:value=move || workload.with(|w| serde_json::to_string_pretty(w).unwrap_or_default())
                on:change=apply
            ></textarea>
            {move || problem.get().map(|p| view! { <p class="notice error" role="alert">{p}</p> })}
            <button type="button" on:click=move |_| load(SERVERLESS_EXAMPLE)>"Load the Serverless example"</button>
            <button type="button" on:click=move |_| load(CLASSIC_EXAMPLE)>"Load the Classic example"</button>
        </details>
    }
}
