//! The usage report CSV against seed 000, "Usage report contents": its 19 columns, their order,
//! reading by header name, and bad rows kept aside with their line numbers.

use crate::common::{d, lcg, mutate, read_units_day, t};
use chrono::{TimeZone, Utc};
use portal_core::time::parse_timestamp;
use portal_core::usage::report::{parse_amount, MAX_AMOUNT};
use portal_core::usage::{
    read_report, read_report_str, write_report, ReportError, UsageRecord, COLUMNS,
};

fn serverless_row() -> UsageRecord {
    UsageRecord {
        org_id: "0f3b6c9e-1111-4c2d-9a41-5e2c7d8b9a10".into(),
        resource_id: "dda7ced6-e615-4023-8e7a-1e4429d43437".into(),
        ..read_units_day("2025-02-01T00:00:00Z", "12.5", "0.36", "4.50")
    }
}

fn classic_row() -> UsageRecord {
    UsageRecord {
        product: "managed_cluster".into(),
        resource_id: "0985a909-ecef-46e0-acf2-e1a8ebd51485".into(),
        resource_name: "ledger, \"main\"".into(),
        cluster_size: Some("c10".into()),
        az_count: None,
        usage_type: "compute".into(),
        usage: d("24"),
        usage_unit: "hour".into(),
        unit_price: d("1.125"),
        calculated_cost: d("27.000"),
        breakdown_start_timestamp: t("2025-02-01T06:13:23.57Z"),
        breakdown_end_timestamp: t("2025-02-02T06:13:23.57Z"),
        ..serverless_row()
    }
}

const HEADER: &str = "PRODUCT,ORG_ID,ORG_NAME,RESOURCE_ID,RESOURCE_NAME,REGION,CLOUD_PROVIDER,\
CLASSIFICATION,ZONE,CLUSTER_SIZE,AZ_COUNT,USAGE_TYPE,USAGE,USAGE_UNIT,CURRENCY_TYPE,UNIT_PRICE,\
CALCULATED_COST,BREAKDOWN_START_TIMESTAMP,BREAKDOWN_END_TIMESTAMP";

const GOOD: &str = "serverless,org-1,Acme,db-1,orders,us-east-1,AWS,standard,na,,3,\
read_request_units,12.5,million,USD,0.36,4.50,2025-02-01T00:00:00Z,2025-02-02T00:00:00Z";

/// seed 000, "Usage report contents": "The usage report CSV file includes the following columns:
/// PRODUCT ... ORG_ID ... ORG_NAME ... RESOURCE_ID ... RESOURCE_NAME ... REGION ...
/// CLOUD_PROVIDER ... CLASSIFICATION ... ZONE ... CLUSTER_SIZE ... AZ_COUNT ... USAGE_TYPE ...
/// USAGE ... USAGE_UNIT ... CURRENCY_TYPE ... UNIT_PRICE ... CALCULATED_COST ...
/// BREAKDOWN_START_TIMESTAMP ... BREAKDOWN_END_TIMESTAMP".
#[test]
fn the_writer_puts_exactly_the_seeds_19_columns_in_the_seeds_order() {
    assert_eq!(
        COLUMNS,
        [
            "PRODUCT",
            "ORG_ID",
            "ORG_NAME",
            "RESOURCE_ID",
            "RESOURCE_NAME",
            "REGION",
            "CLOUD_PROVIDER",
            "CLASSIFICATION",
            "ZONE",
            "CLUSTER_SIZE",
            "AZ_COUNT",
            "USAGE_TYPE",
            "USAGE",
            "USAGE_UNIT",
            "CURRENCY_TYPE",
            "UNIT_PRICE",
            "CALCULATED_COST",
            "BREAKDOWN_START_TIMESTAMP",
            "BREAKDOWN_END_TIMESTAMP",
        ]
    );
    let csv = write_report(&[serverless_row()]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(HEADER));
    assert_eq!(
        lines.next(),
        Some(
            "serverless,0f3b6c9e-1111-4c2d-9a41-5e2c7d8b9a10,Acme,\
             dda7ced6-e615-4023-8e7a-1e4429d43437,orders,us-east-1,AWS,standard,na,,3,\
             read_request_units,12.5,million,USD,0.36,4.50,2025-02-01T00:00:00Z,\
             2025-02-02T00:00:00Z"
        )
    );
    assert_eq!(lines.next(), None);
    // An empty report is the header alone.
    assert_eq!(write_report(&[]), format!("{HEADER}\n"));
}

/// seed 000, "Usage report contents": "CLUSTER_SIZE: For Astra DB Classic databases, this is the
/// cluster size, such as c10 or c20. For Astra DB Serverless databases, this is empty." and
/// "AZ_COUNT: For Astra DB Serverless databases, this is 3 ... For Astra DB Classic databases this
/// is empty regardless of actual replication." Empty is `None`, both ways.
#[test]
fn cluster_size_and_az_count_are_empty_where_the_seed_says() {
    let report = read_report_str(&format!(
        "{HEADER}\n{GOOD}\n\
         managed_cluster,org-1,Acme,db-2,ledger,us-east-1,AWS,standard,na,c10,,compute,24,hour,\
         USD,1.125,27.000,2025-02-01T00:00:00Z,2025-02-02T00:00:00Z\n"
    ))
    .unwrap();
    assert!(report.bad_rows.is_empty(), "{:?}", report.bad_rows);
    let [serverless, classic] = &report.records[..] else {
        panic!("two rows expected");
    };
    assert_eq!(serverless.cluster_size, None);
    assert_eq!(serverless.az_count, Some(3));
    assert_eq!(classic.cluster_size.as_deref(), Some("c10"));
    assert_eq!(classic.az_count, None);
    let written = write_report(&report.records);
    assert!(written.contains(",na,,3,"));
    assert!(written.contains(",na,c10,,compute,"));
}

/// seed 000, "Usage report contents" (the 19 columns): what the writer writes, the reader reads
/// back unchanged: quoted commas and quotes, fractional seconds (the seed's example
/// "2021-05-06T06:13:23.57Z"), the scale of every amount.
#[test]
fn a_written_report_reads_back_unchanged() {
    let records = vec![serverless_row(), classic_row()];
    let csv = write_report(&records);
    let report = read_report(csv.as_bytes()).unwrap();
    assert!(report.bad_rows.is_empty(), "{:?}", report.bad_rows);
    assert_eq!(report.records, records);
    assert_eq!(report.lines, vec![2, 3]);
    assert_eq!(report.records[1].calculated_cost.to_string(), "27.000");
    assert_eq!(report.records[1].resource_name, "ledger, \"main\"");
    // And writing it again gives the same bytes.
    assert_eq!(write_report(&report.records), csv);
}

/// seed 000, "Usage report contents": "USAGE: The amount of usage generate." "UNIT_PRICE: The
/// price per unit of usage ..." "BREAKDOWN_START_TIMESTAMP: The beginning of the period ...". A
/// row whose amount or timestamp is not one is reported with its line number and why, and the
/// good rows are kept.
#[test]
fn bad_rows_are_reported_by_line_and_the_good_rows_kept() {
    let bad_decimal = GOOD.replace(",12.5,", ",12,5x,");
    let bad_timestamp = GOOD.replace("2025-02-01T00:00:00Z", "01/02/2025");
    let too_few = "serverless,org-1,Acme,db-1";
    let csv = format!("{HEADER}\n{GOOD}\n{bad_decimal}\n{bad_timestamp}\n{too_few}\n{GOOD}\n");
    let report = read_report_str(&csv).unwrap();
    assert_eq!(report.records.len(), 2);
    assert_eq!(report.lines, vec![2, 6]);
    let lines: Vec<u64> = report.bad_rows.iter().map(|b| b.line).collect();
    assert_eq!(lines, vec![3, 4, 5]);

    // Line 3: "12,5x" splits into two fields, so the row has 20 fields.
    let count = &report.bad_rows[0].errors[0];
    assert_eq!(count.column, None);
    assert!(count.reason.contains("20 fields"), "{}", count.reason);
    let ts = &report.bad_rows[1].errors[0];
    assert_eq!(ts.column.as_deref(), Some("BREAKDOWN_START_TIMESTAMP"));
    assert_eq!(ts.value.as_deref(), Some("01/02/2025"));
    assert!(ts.reason.contains("RFC 3339"));
    let few = &report.bad_rows[2];
    assert!(few
        .to_string()
        .starts_with("line 5: has 4 fields but the header has 19"));
}

/// seed 000, "Usage report contents": "USAGE: The amount of usage generate." A decimal that is
/// not a number names the column, the value and how to write it.
#[test]
fn a_bad_decimal_names_its_column_and_value() {
    let bad = GOOD.replace(",12.5,", ",1.2.5,");
    let report = read_report_str(&format!("{HEADER}\n{bad}\n")).unwrap();
    assert!(report.records.is_empty());
    let row = &report.bad_rows[0];
    assert_eq!(row.line, 2);
    assert_eq!(row.errors[0].column.as_deref(), Some("USAGE"));
    assert_eq!(row.errors[0].value.as_deref(), Some("1.2.5"));
    assert!(
        row.to_string()
            .starts_with("line 2: USAGE \"1.2.5\" is not a decimal number"),
        "{row}"
    );
}

/// seed 000, "Usage report contents": every column of a row is reported, not only the first bad
/// one: here UNIT_PRICE, CALCULATED_COST, CURRENCY_TYPE and the end timestamp.
#[test]
fn every_problem_of_a_row_is_reported() {
    let bad = GOOD
        .replace(",USD,0.36,4.50,", ",,abc,-1,")
        .replace("2025-02-02T00:00:00Z", "2025-01-31T00:00:00Z");
    let report = read_report_str(&format!("{HEADER}\n{bad}\n")).unwrap();
    let columns: Vec<&str> = report.bad_rows[0]
        .errors
        .iter()
        .filter_map(|e| e.column.as_deref())
        .collect();
    assert_eq!(
        columns,
        [
            "CURRENCY_TYPE",
            "UNIT_PRICE",
            "CALCULATED_COST",
            "BREAKDOWN_END_TIMESTAMP"
        ]
    );
    let message = report.bad_rows[0].to_string();
    assert!(
        message.contains("CALCULATED_COST \"-1\" is negative"),
        "{message}"
    );
    assert!(
        message.contains("is before BREAKDOWN_START_TIMESTAMP"),
        "{message}"
    );
}

/// seed 000, "Usage report contents" names the columns, not their positions: a file with the
/// columns in another order, in lower case, with an extra column, reads the same.
#[test]
fn columns_are_found_by_header_name_in_any_order() {
    let mut reversed: Vec<&str> = COLUMNS.iter().rev().copied().collect();
    reversed.insert(3, "NOTES");
    let header = reversed
        .iter()
        .map(|c| format!(" {} ", c.to_lowercase()))
        .collect::<Vec<_>>()
        .join(",");
    let record = classic_row();
    let by_name: Vec<String> = record.to_row().to_vec();
    let values: Vec<String> = reversed
        .iter()
        .map(|c| match COLUMNS.iter().position(|x| x == c) {
            Some(i) => {
                let v = &by_name[i];
                if v.contains([',', '"']) {
                    format!("\"{}\"", v.replace('"', "\"\""))
                } else {
                    v.clone()
                }
            }
            None => "ignored".to_string(),
        })
        .collect();
    let csv = format!("{header}\n{}\n", values.join(","));
    let report = read_report_str(&csv).unwrap();
    assert!(report.bad_rows.is_empty(), "{:?}", report.bad_rows);
    assert_eq!(report.records, vec![record]);
}

/// seed 000, "Usage report contents": "The usage report CSV file includes the following columns".
/// A file without one of them is not a usage report; the error names each missing column.
#[test]
fn a_missing_column_is_an_error_naming_it() {
    let header = HEADER.replace(",UNIT_PRICE", "").replace("ZONE,", "");
    let error = read_report_str(&format!("{header}\n")).unwrap_err();
    assert_eq!(
        error,
        ReportError::MissingColumns(vec!["ZONE".into(), "UNIT_PRICE".into()])
    );
    let message = error.to_string();
    assert!(
        message.contains("lacks the columns ZONE, UNIT_PRICE"),
        "{message}"
    );

    let twice = format!("{HEADER},USAGE\n");
    assert_eq!(
        read_report_str(&twice).unwrap_err(),
        ReportError::DuplicateColumn("USAGE".into())
    );
    assert_eq!(read_report_str("").unwrap_err(), ReportError::Empty);
    assert_eq!(read_report_str("\n\n").unwrap_err(), ReportError::Empty);
}

/// seed 000, "Get usage for a specific time range": dates "must be in ISO RFC3339 format, such as
/// "2021-05-06T06:13:23.57Z"". The report's timestamps accept that, any offset (converted to
/// UTC), a space for the T, no offset (UTC) and a bare date (midnight UTC); nothing else.
#[test]
fn timestamps_are_rfc3339_in_utc() {
    let utc = |y, m, d, h, min, s| Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap();
    for (text, expected) in [
        ("2021-05-06T06:13:23.57Z", t("2021-05-06T06:13:23.57Z")),
        ("2025-02-01T01:00:00+01:00", utc(2025, 2, 1, 0, 0, 0)),
        ("2025-02-01 10:30:00Z", utc(2025, 2, 1, 10, 30, 0)),
        ("2025-02-01 10:30:00.000", utc(2025, 2, 1, 10, 30, 0)),
        ("2025-02-01", utc(2025, 2, 1, 0, 0, 0)),
    ] {
        assert_eq!(parse_timestamp(text).unwrap(), expected, "{text}");
    }
    for bad in [
        "",
        "2025-02-30T00:00:00Z",
        "01/02/2025",
        "yesterday",
        "2025-02-01T25:00:00Z",
        "2025-02-01é",
    ] {
        assert!(parse_timestamp(bad).is_err(), "{bad:?} accepted");
    }
}

/// seed 000, "Usage report contents": "UNIT_PRICE: The price per unit of usage in the given
/// CURRENCY_TYPE." Money is exact: decimals, never floating point; no negative amounts.
#[test]
fn amounts_are_exact_decimals() {
    assert_eq!(
        parse_amount("0.1").unwrap() + parse_amount("0.2").unwrap(),
        d("0.3")
    );
    assert_eq!(parse_amount("1.25E-4").unwrap(), d("0.000125"));
    assert_eq!(parse_amount("000.50").unwrap(), d("0.5"));
    assert_eq!(parse_amount("1000000000000000000").unwrap(), MAX_AMOUNT);
    for bad in [
        "",
        "1,000.5",
        "$5",
        "NaN",
        "inf",
        "-0.01",
        "1_000",
        "0x10",
        "1e400",
        "10000000000000000001",
    ] {
        assert!(parse_amount(bad).is_err(), "{bad:?} accepted");
    }
}

/// seed 000, "Usage report contents": a bad row's line number is its line in the file, also after
/// a quoted value that spans two lines.
#[test]
fn line_numbers_count_lines_of_multi_line_values() {
    let multi = GOOD.replace(",orders,", ",\"orders\nand more\",");
    let bad = GOOD.replace(",0.36,", ",x,");
    let report = read_report_str(&format!("{HEADER}\n{multi}\n{bad}\n")).unwrap();
    assert_eq!(report.lines, vec![2]);
    assert_eq!(report.records[0].resource_name, "orders\nand more");
    assert_eq!(report.bad_rows[0].line, 4);
}

/// seed 000, "Usage report contents": a report saved by a spreadsheet starts with a byte order
/// mark and may have CRLF line ends and blank lines; it still reads.
#[test]
fn byte_order_mark_crlf_and_blank_lines_are_fine() {
    let csv = format!("\u{feff}{HEADER}\r\n{GOOD}\r\n\r\n{GOOD}\r\n");
    let report = read_report_str(&csv).unwrap();
    assert!(report.bad_rows.is_empty(), "{:?}", report.bad_rows);
    assert_eq!(report.records.len(), 2);
    assert_eq!(report.lines, vec![2, 4]);

    // Blank lines and old Mac line ends still count as lines for a bad row's number.
    let bad = GOOD.replace(",0.36,", ",x,");
    let report = read_report_str(&format!("{HEADER}\n\n\n{GOOD}\n\n{bad}\n")).unwrap();
    assert_eq!(report.lines, vec![4]);
    assert_eq!(report.bad_rows[0].line, 6);
    let report = read_report_str(&format!("{HEADER}\r{GOOD}\r\r{bad}\r")).unwrap();
    assert_eq!(report.lines, vec![2]);
    assert_eq!(report.bad_rows[0].line, 4);
}

/// seed 000, "Usage report contents": text that is not UTF-8 is a bad row naming the column.
#[test]
fn invalid_utf8_is_a_bad_row() {
    let mut csv = format!("{HEADER}\n").into_bytes();
    csv.extend(
        GOOD.replace(",Acme,", ",AC\u{1}ME,")
            .bytes()
            .map(|b| if b == 1 { 0xff } else { b }),
    );
    csv.push(b'\n');
    let report = read_report(&csv).unwrap();
    assert!(report.records.is_empty());
    assert_eq!(
        report.bad_rows[0].errors[0].column.as_deref(),
        Some("ORG_NAME")
    );
}

/// No input makes the reader panic: deterministic garbage built from the header and good rows.
#[test]
fn no_input_panics() {
    let mut next = lcg(0x2545_f491_4f6c_dd1d);
    let base = format!("{HEADER}\n{GOOD}\n{GOOD}\n").into_bytes();
    let alphabet = b",\"\n\r0123456789.-eEZT: x\xff";
    for _ in 0..3000 {
        let bytes = mutate(&base, 8, alphabet, &mut next);
        if let Ok(report) = read_report(&bytes) {
            let again = read_report(write_report(&report.records).as_bytes()).unwrap();
            assert_eq!(again.records, report.records);
        }
    }
}

/// The usage and billing report CSVs are opened in spreadsheets, and names come from what people
/// typed: a text cell that a spreadsheet would run as a formula is written with a leading
/// apostrophe, numbers and times stay numbers, and the reader gives the names back as typed.
#[test]
fn formula_cells_are_neutralised_and_read_back_as_typed() {
    let record = UsageRecord {
        org_name: "=HYPERLINK(\"https://evil.example\",\"click\")".into(),
        resource_name: "@SUM(A1:A9)".into(),
        region: "-us-east-1".into(),
        ..serverless_row()
    };
    let csv = write_report(std::slice::from_ref(&record));
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\",")
            && row.contains(",'@SUM(A1:A9),'-us-east-1,"),
        "{row}"
    );
    assert!(
        row.contains(",12.5,million,USD,0.36,4.50,2025-02-01T00:00:00Z,"),
        "{row}"
    );
    let report = read_report_str(&csv).unwrap();
    assert_eq!(report.records, [record]);
}
