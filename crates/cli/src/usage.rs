//! `portal usage REPORT.csv [--json]`: a usage report's totals, its breakdowns by product,
//! organization, resource, region, usage type and day, the rows whose CALCULATED_COST is not
//! USAGE × UNIT_PRICE, the projected total of the latest month, and the rows that could not be
//! read (seed 000, "Usage report contents").
//!
//! Exit 0 when the file is a usage report (bad rows are listed and skipped, and counted on
//! stderr); 2 when it can't be read or is not a usage report (no header, a column missing).

use std::path::PathBuf;
use std::process::ExitCode;

use portal_core::usage::reconcile::MIN_COMPARE_SCALE;
use portal_core::usage::{
    aggregate, amounts_text, money_text, project_latest_month, read_report, reconcile_report,
    Aggregation, Dimension, Group, Mismatch, ParsedReport, Projection, Totals,
};
use serde_json::{json, Map, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The usage report CSV: the 19 columns PRODUCT ... BREAKDOWN_END_TIMESTAMP, in any order.
    #[arg(value_name = "REPORT.csv")]
    report: PathBuf,
    /// Print the same as JSON.
    #[arg(long)]
    json: bool,
}

/// Everything the command shows.
struct Analysis {
    report: ParsedReport,
    aggregation: Aggregation,
    mismatches: Vec<Mismatch>,
    projection: Option<Projection>,
}

pub fn run(args: Args) -> ExitCode {
    let name = args.report.display().to_string();
    let bytes = match std::fs::read(&args.report) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: can't read {name}: {e}");
            return ExitCode::from(2);
        }
    };
    let report = match read_report(&bytes) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {name}: {e}");
            return ExitCode::from(2);
        }
    };
    let analysis = Analysis {
        aggregation: aggregate(&report.records),
        mismatches: reconcile_report(&report),
        projection: project_latest_month(&report.records),
        report,
    };
    if args.json {
        match serde_json::to_string_pretty(&to_json(&name, &analysis)) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: can't write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print_text(&name, &analysis);
    }
    let bad = analysis.report.bad_rows.len();
    if bad > 0 {
        eprintln!(
            "warning: {name}: {bad} bad row{} skipped (listed under {})",
            plural(bad),
            if args.json {
                "\"badRows\""
            } else {
                "\"Bad rows\""
            }
        );
    }
    ExitCode::SUCCESS
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

fn to_json(name: &str, a: &Analysis) -> Value {
    let mut out = Map::new();
    out.insert("file".into(), json!(name));
    out.insert("rows".into(), json!(a.report.records.len()));
    out.insert("badRowCount".into(), json!(a.report.bad_rows.len()));
    // totals, byOrganization, byProduct, byResource, byRegion, byUsageType, byDay
    if let Ok(Value::Object(aggregation)) = serde_json::to_value(&a.aggregation) {
        out.extend(aggregation);
    }
    out.insert(
        "reconciliation".into(),
        json!({
            "rule": reconciliation_rule(),
            "mismatches": serde_json::to_value(&a.mismatches).unwrap_or(Value::Null),
        }),
    );
    out.insert(
        "projection".into(),
        serde_json::to_value(&a.projection).unwrap_or(Value::Null),
    );
    let bad_rows: Vec<Value> = a
        .report
        .bad_rows
        .iter()
        .map(|b| {
            json!({
                "line": b.line,
                "errors": serde_json::to_value(&b.errors).unwrap_or(Value::Null),
                "message": b.to_string(),
            })
        })
        .collect();
    out.insert("badRows".into(), Value::Array(bad_rows));
    Value::Object(out)
}

fn reconciliation_rule() -> String {
    format!(
        "CALCULATED_COST must equal USAGE × UNIT_PRICE within one unit of CALCULATED_COST's last \
         decimal place (at least {MIN_COMPARE_SCALE} places)"
    )
}

// ---------------------------------------------------------------------------------------------
// Text

fn print_text(name: &str, a: &Analysis) {
    let rows = a.report.records.len();
    let bad = a.report.bad_rows.len();
    println!("Usage report {name}");
    print!("{rows} row{} read", plural(rows));
    if bad > 0 {
        print!(", {bad} bad row{} skipped", plural(bad));
    }
    println!();
    println!();
    println!("Total cost:  {}", money_text(&a.aggregation.totals.cost));
    println!("Total usage: {}", amounts_text(&a.aggregation.totals.usage));

    for dimension in Dimension::ALL {
        println!();
        println!("By {}", dimension.label());
        print_groups(a.aggregation.groups(dimension));
    }

    println!();
    println!("Cost reconciliation: {}", reconciliation_rule());
    if a.mismatches.is_empty() {
        println!("  every row reconciles");
    } else {
        println!(
            "  {} row{} do{} not:",
            a.mismatches.len(),
            plural(a.mismatches.len()),
            if a.mismatches.len() == 1 { "es" } else { "" }
        );
        for m in &a.mismatches {
            println!("  {}", mismatch(m));
        }
    }

    println!();
    match &a.projection {
        Some(p) => print_projection(p),
        None => println!("Projection: no usage to project from"),
    }

    if bad > 0 {
        println!();
        println!("Bad rows (skipped)");
        for row in &a.report.bad_rows {
            println!("  {row}");
        }
    }
}

fn print_projection(p: &Projection) {
    println!(
        "Projection for {} (as of {}, {} of {} days elapsed{})",
        p.month,
        portal_core::time::format_timestamp(p.as_of),
        p.elapsed_days,
        p.days_in_month,
        if p.complete { ", month complete" } else { "" }
    );
    println!("  so far:    {}", money_text(&p.cost_so_far));
    println!("  projected: {}", money_text(&p.projected_cost));
    println!(
        "  rule: cost so far × days in the month / days elapsed, to the cent ({} day{} with usage)",
        p.days_with_data,
        plural(p.days_with_data as usize)
    );
}

fn mismatch(m: &Mismatch) -> String {
    let place = match m.line {
        Some(line) => format!("line {line}"),
        None => format!("row {}", m.index + 1),
    };
    let expected = match m.difference.expected_cost {
        Some(e) => e.to_string(),
        None => "too large to compute".to_string(),
    };
    let off = match m.difference.difference {
        Some(d) => format!(", off by {} {}", d, m.currency_type),
        None => String::new(),
    };
    format!(
        "{place}: {} {} {}: USAGE {} × UNIT_PRICE {} = {expected}, but CALCULATED_COST is {}{off}",
        m.org_id, m.resource_id, m.usage_type, m.usage, m.unit_price, m.calculated_cost
    )
}

fn print_groups(groups: &[Group]) {
    if groups.is_empty() {
        println!("  (none)");
        return;
    }
    let with_names = groups.iter().any(|g| g.name.is_some());
    let rows: Vec<[String; 5]> = groups
        .iter()
        .map(|g| {
            let Totals { rows, cost, usage } = &g.totals;
            [
                g.key.clone(),
                g.name.clone().unwrap_or_default(),
                rows.to_string(),
                money_text(cost),
                amounts_text(usage),
            ]
        })
        .collect();
    let header = ["key", "name", "rows", "cost", "usage"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i == 1 && !with_names {
                continue;
            }
            let pad = widths[i].saturating_sub(cell.chars().count());
            if i == 2 {
                out.push_str(&format!("  {}{cell}", " ".repeat(pad)));
            } else if i == 4 {
                out.push_str(&format!("  {cell}"));
            } else {
                out.push_str(&format!("  {cell}{}", " ".repeat(pad)));
            }
        }
        println!("{}", out.trim_end());
    };
    line(header);
    for row in &rows {
        line([&row[0], &row[1], &row[2], &row[3], &row[4]]);
    }
}
