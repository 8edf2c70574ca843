//! Calendar months, half-open time periods, and the organization usage download periods.
//!
//! seed 000, "Download an organization usage report": "click Download Usage as CSV to download
//! usage history for the current month, the prior month, or the prior two months."
//!
//! Decisions where the seed is silent:
//! - Months and days are UTC calendar months and days.
//! - A period is half-open, `[start, end)`. A usage row belongs to a period when its
//!   BREAKDOWN_START_TIMESTAMP is inside it; a row that crosses the end belongs to the period it
//!   started in.
//! - "the current month" is the month so far: from the first day of today's month up to the end
//!   of today. "the prior month" is the whole calendar month before. "the prior two months" are
//!   the two whole calendar months before the current one (in January: November and December of
//!   the previous year); the current month is not part of it.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::report::UsageRecord;
use crate::time::{end_of_day, midnight};

/// A calendar month (UTC), such as 2025-02.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    year: i32,
    month: u32,
}

/// The first month with usage data: seed 000, "This endpoint can't retrieve data prior to
/// November 2024."
pub const EARLIEST_MONTH: Month = Month {
    year: 2024,
    month: 11,
};

/// The months' names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Month {
    /// As people read it: "February 2025".
    pub fn long_name(self) -> String {
        format!("{} {}", MONTH_NAMES[self.month as usize - 1], self.year)
    }

    /// The month, if `month` is 1 to 12 and `year` 1 to 9999.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The month a date is in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The UTC month an instant is in.
    pub fn of_instant(instant: DateTime<Utc>) -> Month {
        Month::of(instant.date_naive())
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 (January) to 12 (December).
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month before.
    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        // A Month's year stays within 0..=10000 (new() allows 1..=9999; next and prev move one
        // month), well inside chrono's range, and its month is 1 to 12.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }

    /// How many days it has (28 to 31).
    pub fn days(self) -> u32 {
        self.last_day().day()
    }

    /// Midnight UTC at its start.
    pub fn start(self) -> DateTime<Utc> {
        midnight(self.first_day())
    }

    /// Midnight UTC at the start of the next month (exclusive end).
    pub fn end(self) -> DateTime<Utc> {
        self.next().start()
    }

    /// The whole month as a period.
    pub fn period(self) -> Period {
        Period {
            start: self.start(),
            end: self.end(),
        }
    }
}

/// `2025-02`.
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Parses `YYYY-MM`, such as `2025-02`.
impl FromStr for Month {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wrong = || format!("\"{s}\" is not a month: write it as YYYY-MM, such as 2025-02");
        let (year, month) = s.split_once('-').ok_or_else(wrong)?;
        if year.len() != 4
            || month.len() != 2
            || !year
                .bytes()
                .chain(month.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return Err(wrong());
        }
        let year: i32 = year.parse().map_err(|_| wrong())?;
        let month: u32 = month.parse().map_err(|_| wrong())?;
        Month::new(year, month).ok_or_else(wrong)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A half-open period of time, `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Period {
    /// Whether `instant` is in `[start, end)`.
    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }

    /// Whether a usage row belongs to the period: its BREAKDOWN_START_TIMESTAMP is inside.
    pub fn includes(&self, record: &UsageRecord) -> bool {
        self.contains(record.breakdown_start_timestamp)
    }

    /// The rows that belong to the period, in their order.
    pub fn filter<'a>(&self, records: &'a [UsageRecord]) -> Vec<&'a UsageRecord> {
        records.iter().filter(|r| self.includes(r)).collect()
    }
}

/// The choices of "Download Usage as CSV" on an organization's Billing page (seed 000).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DownloadPeriod {
    /// The current month so far.
    CurrentMonth,
    /// The whole calendar month before the current one.
    PriorMonth,
    /// The two whole calendar months before the current one.
    PriorTwoMonths,
}

impl DownloadPeriod {
    pub const ALL: [DownloadPeriod; 3] = [
        DownloadPeriod::CurrentMonth,
        DownloadPeriod::PriorMonth,
        DownloadPeriod::PriorTwoMonths,
    ];

    /// `current_month`, `prior_month`, `prior_two_months`.
    pub fn as_str(self) -> &'static str {
        match self {
            DownloadPeriod::CurrentMonth => "current_month",
            DownloadPeriod::PriorMonth => "prior_month",
            DownloadPeriod::PriorTwoMonths => "prior_two_months",
        }
    }

    /// The words the portal shows.
    pub fn label(self) -> &'static str {
        match self {
            DownloadPeriod::CurrentMonth => "The current month",
            DownloadPeriod::PriorMonth => "The prior month",
            DownloadPeriod::PriorTwoMonths => "The prior two months",
        }
    }

    /// Parses [`DownloadPeriod::as_str`], also with `-` for `_`, in any letter case.
    pub fn parse(text: &str) -> Option<DownloadPeriod> {
        let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
        DownloadPeriod::ALL
            .into_iter()
            .find(|p| p.as_str() == wanted)
    }

    /// The period to download when today (UTC) is `today`.
    pub fn period(self, today: NaiveDate) -> Period {
        let current = Month::of(today);
        match self {
            DownloadPeriod::CurrentMonth => Period {
                start: current.start(),
                end: end_of_day(today),
            },
            DownloadPeriod::PriorMonth => current.prev().period(),
            DownloadPeriod::PriorTwoMonths => Period {
                start: current.prev().prev().start(),
                end: current.start(),
            },
        }
    }
}

/// The rows of one organization in one download period: what "Download Usage as CSV" puts in
/// the file (seed 000: "The report is limited to the organization you are currently viewing").
pub fn organization_rows<'a>(
    records: &'a [UsageRecord],
    org_id: &str,
    choice: DownloadPeriod,
    today: NaiveDate,
) -> Vec<&'a UsageRecord> {
    let period = choice.period(today);
    records
        .iter()
        .filter(|r| r.org_id == org_id && period.includes(r))
        .collect()
}

/// The CSV file of "Download Usage as CSV": [`organization_rows`] written with
/// [`super::report::write_report`].
pub fn organization_usage_csv(
    records: &[UsageRecord],
    org_id: &str,
    choice: DownloadPeriod,
    today: NaiveDate,
) -> String {
    super::report::write_report(organization_rows(records, org_id, choice, today))
}
