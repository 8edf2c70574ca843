//! Times as the portal writes, reads and shows them. Every instant is UTC: the wire, the files and
//! the page all give times in UTC, so that people in different places read the same day.
//!
//! - On the wire and in files, [`format_timestamp`]: RFC 3339 with `Z`, fractional seconds only
//!   when there are some.
//! - Read strictly where the DevOps API documents RFC 3339 ([`parse_rfc3339`]), and leniently in
//!   files people make by hand ([`parse_timestamp`]).
//! - Days: a date field's `YYYY-MM-DD` ([`parse_day`]), where a day starts ([`midnight`]) and ends
//!   ([`end_of_day`]).
//! - For people: [`format_day`], [`format_minute`] and [`format_second`], each saying "UTC" when
//!   it shows a time of day.

use chrono::{
    DateTime, NaiveDate, NaiveDateTime, NaiveTime, ParseError, SecondsFormat, TimeZone, Utc,
};

/// RFC 3339 in UTC with `Z`, fractional seconds only when there are some:
/// `2025-02-01T00:00:00Z`.
pub fn format_timestamp(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// An RFC 3339 instant with its offset, such as `2025-06-01T00:00:00Z`, in UTC.
pub fn parse_rfc3339(text: &str) -> Result<DateTime<Utc>, ParseError> {
    DateTime::parse_from_rfc3339(text).map(|instant| instant.with_timezone(&Utc))
}

/// A timestamp as people write one in a file: RFC 3339 (`2025-02-01T00:00:00Z`,
/// `2025-02-01T01:00:00.5+01:00`, `2021-05-06T06:13:23.57Z`), and also a space instead of the
/// `T`, no offset (taken as UTC), or a bare date (midnight UTC). `Err` says what is wrong and how
/// to fix it.
pub fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is empty; write an RFC 3339 timestamp such as 2025-02-01T00:00:00Z".into());
    }
    if let Ok(instant) = parse_rfc3339(text) {
        return Ok(instant);
    }
    // A space instead of the `T` (RFC 3339 section 5.6 allows it).
    if text.len() > 10 && text.as_bytes()[10] == b' ' && text.is_char_boundary(11) {
        let with_t = format!("{}T{}", &text[..10], &text[11..]);
        if let Ok(instant) = parse_rfc3339(&with_t) {
            return Ok(instant);
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(naive.and_utc());
        }
    }
    if let Some(date) = parse_day(text) {
        return Ok(midnight(date));
    }
    Err("is not an RFC 3339 timestamp: write it like 2025-02-01T00:00:00Z".into())
}

/// A day written `YYYY-MM-DD`, as a date field gives it.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Midnight UTC at the start of a day.
pub fn midnight(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

/// The instant a day ends: midnight at the start of the next one, so that `[midnight(day),
/// end_of_day(day))` is the whole day.
pub fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    date.succ_opt().map_or(DateTime::<Utc>::MAX_UTC, midnight)
}

/// The day an instant falls on: `2025-02-01`.
pub fn format_day(instant: DateTime<Utc>) -> String {
    instant.date_naive().to_string()
}

/// An instant to the minute: `2025-02-01 09:30 UTC`.
pub fn format_minute(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// An instant to the second: `2025-02-01 09:30:05 UTC`.
pub fn format_second(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        parse_rfc3339(text).unwrap()
    }

    #[test]
    fn timestamps_round_trip_with_only_the_fractions_they_have() {
        assert_eq!(
            format_timestamp(at("2025-02-01T00:00:00Z")),
            "2025-02-01T00:00:00Z"
        );
        assert_eq!(
            format_timestamp(at("2021-05-06T06:13:23.57Z")),
            "2021-05-06T06:13:23.570Z"
        );
        assert_eq!(
            format_timestamp(at("2025-02-01T01:00:00+01:00")),
            "2025-02-01T00:00:00Z"
        );
        assert!(parse_rfc3339("2025-02-01").is_err());
    }

    #[test]
    fn a_day_runs_from_midnight_to_midnight() {
        let day = parse_day("2024-12-31").unwrap();
        assert_eq!(midnight(day), at("2024-12-31T00:00:00Z"));
        assert_eq!(end_of_day(day), at("2025-01-01T00:00:00Z"));
        assert_eq!(parse_day("31/12/2024"), None);
    }

    #[test]
    fn people_read_days_minutes_and_seconds_in_utc() {
        let instant = at("2025-02-01T10:30:05.25+01:00");
        assert_eq!(format_day(instant), "2025-02-01");
        assert_eq!(format_minute(instant), "2025-02-01 09:30 UTC");
        assert_eq!(format_second(instant), "2025-02-01 09:30:05 UTC");
    }
}
