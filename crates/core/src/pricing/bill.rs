//! The itemized bill an estimate produces: lines that each explain themselves, subtotals per
//! region and per product, plan adjustments, and one total.

use std::fmt::Write as _;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// "Every amount is exact until the total; the total due is rounded once, to the cent, half away
/// from zero." Lines and subtotals keep every decimal the arithmetic gives.
pub const ROUNDING_RULE: &str = "amounts are exact decimals; only the total due is rounded, once, \
                                 to the cent, half away from zero";

/// The products of the usage report and the consumption API (seed 000).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    /// Astra DB Serverless, private endpoints included.
    Serverless,
    /// Astra DB Classic.
    ManagedCluster,
}

impl Product {
    /// The name the usage report and the consumption API use.
    pub fn name(self) -> &'static str {
        match self {
            Product::Serverless => "serverless",
            Product::ManagedCluster => "managed_cluster",
        }
    }
}

/// One line: what, where, how much, at what price, and the formula in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub product: Product,
    /// The database the line is for, in a bill of several; empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub database: String,
    pub item: String,
    /// "AWS us-east-1", or empty for lines that belong to no region.
    pub region: String,
    pub quantity: Decimal,
    pub unit: String,
    pub unit_price: Decimal,
    pub cost: Decimal,
    pub formula: String,
}

/// A plan's effect on the bill: a credit, a discount, a committed minimum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Adjustment {
    pub label: String,
    /// Negative for credits and discounts.
    pub amount: Decimal,
    pub formula: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Subtotal {
    pub name: String,
    pub cost: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bill {
    pub currency: String,
    pub plan: String,
    pub lines: Vec<Line>,
    pub by_region: Vec<Subtotal>,
    pub by_product: Vec<Subtotal>,
    /// Each database and its total cost, in a bill of several databases.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_database: Vec<Subtotal>,
    /// The sum of the lines, at list prices.
    pub usage: Decimal,
    pub adjustments: Vec<Adjustment>,
    /// What is due, rounded by [`ROUNDING_RULE`].
    pub total: Decimal,
    pub rounding: &'static str,
    pub notes: Vec<String>,
}

impl Bill {
    /// Totals the lines, applies the adjustments in order, rounds the result once.
    pub fn new(
        currency: &str,
        plan: &str,
        lines: Vec<Line>,
        adjust: impl FnOnce(Decimal) -> (Vec<Adjustment>, Vec<String>),
    ) -> Bill {
        let usage: Decimal = lines.iter().map(|l| l.cost).sum();
        let mut by_region: Vec<Subtotal> = Vec::new();
        let mut by_product: Vec<Subtotal> = Vec::new();
        let mut by_database: Vec<Subtotal> = Vec::new();
        for line in &lines {
            if !line.database.is_empty() {
                add_to(&mut by_database, &line.database, line.cost);
            }
            if !line.region.is_empty() {
                add_to(&mut by_region, &line.region, line.cost);
            }
            add_to(&mut by_product, line.product.name(), line.cost);
        }
        let (adjustments, notes) = adjust(usage);
        let due = usage + adjustments.iter().map(|a| a.amount).sum::<Decimal>();
        Bill {
            currency: currency.to_owned(),
            plan: plan.to_owned(),
            lines,
            by_region,
            by_product,
            by_database,
            usage,
            adjustments,
            total: due.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
            rounding: ROUNDING_RULE,
            notes,
        }
    }

    /// The bill as text, a line each, for the terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} plan, in {}", self.plan, self.currency);
        for l in &self.lines {
            let place = match (l.database.is_empty(), l.region.is_empty()) {
                (true, true) => String::new(),
                (true, false) => format!(" [{}]", l.region),
                (false, true) => format!(" [{}]", l.database),
                (false, false) => format!(" [{}, {}]", l.database, l.region),
            };
            let _ = writeln!(
                out,
                "  {}{place}: {} {} x {} = {}\n      {}",
                l.item,
                plain(l.quantity),
                l.unit,
                plain(l.unit_price),
                plain(l.cost),
                l.formula
            );
        }
        for s in &self.by_region {
            let _ = writeln!(out, "  subtotal {}: {}", s.name, plain(s.cost));
        }
        for s in self.by_product.iter().chain(&self.by_database) {
            let _ = writeln!(out, "  subtotal {}: {}", s.name, plain(s.cost));
        }
        let _ = writeln!(out, "  usage at list prices: {}", plain(self.usage));
        for a in &self.adjustments {
            let _ = writeln!(
                out,
                "  {}: {}\n      {}",
                a.label,
                plain(a.amount),
                a.formula
            );
        }
        let _ = writeln!(
            out,
            "total due: {:.2} {} ({})",
            self.total, self.currency, self.rounding
        );
        for n in &self.notes {
            let _ = writeln!(out, "note: {n}");
        }
        out
    }
}

fn add_to(subtotals: &mut Vec<Subtotal>, name: &str, cost: Decimal) {
    match subtotals.iter_mut().find(|s| s.name == name) {
        Some(s) => s.cost += cost,
        None => subtotals.push(Subtotal {
            name: name.to_owned(),
            cost,
        }),
    }
}

/// A decimal without trailing zeros, for formulas.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A count with thousands separators, for formulas ("1,000,000").
pub fn count(value: Decimal) -> String {
    grouped(&plain(value))
}

/// Money as people read it: the currency, then the amount to the cent (half away from zero) with
/// thousands separators ("USD 3,639.49"). Only for showing: the amount itself stays exact.
pub fn money(value: Decimal, currency: &str) -> String {
    let mut cents = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    cents.rescale(2);
    if cents.is_zero() {
        cents.set_sign_positive(true);
    }
    format!("{currency} {}", grouped(&cents.to_string()))
}

/// Money exactly, without trailing zeros ("USD 3639.488275"): what [`money`] rounded.
pub fn exact_money(value: Decimal, currency: &str) -> String {
    format!("{currency} {}", plain(value))
}

/// A decimal's text with its whole part grouped by thousands.
fn grouped(text: &str) -> String {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_owned(), format!(".{f}")),
        None => (text.to_owned(), String::new()),
    };
    let (sign, digits) = match whole.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", whole.as_str()),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{fraction}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(Decimal::from(1_000_000)), "1,000,000");
        assert_eq!(count(Decimal::from(999)), "999");
        assert_eq!(count(Decimal::new(12345678, 1)), "1,234,567.8");
        assert_eq!(count(Decimal::from(-1234)), "-1,234");
    }

    #[test]
    fn money_is_shown_to_the_cent_and_kept_exact() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(money(d("3639.488275"), "USD"), "USD 3,639.49");
        assert_eq!(money(d("44.480775"), "USD"), "USD 44.48");
        assert_eq!(money(d("0.005"), "USD"), "USD 0.01");
        assert_eq!(money(d("-0.005"), "USD"), "USD -0.01");
        assert_eq!(money(d("-0.004"), "USD"), "USD 0.00");
        assert_eq!(money(d("5000"), "USD"), "USD 5,000.00");
        assert_eq!(money(d("1234567.4"), "EUR"), "EUR 1,234,567.40");
        assert_eq!(exact_money(d("3639.4882750"), "USD"), "USD 3639.488275");
    }

    /// The rounding rule is applied once, to the total only.
    #[test]
    fn only_the_total_is_rounded() {
        let line = |cost: &str| Line {
            product: Product::Serverless,
            database: String::new(),
            item: "x".into(),
            region: "AWS us-east-1".into(),
            quantity: Decimal::ONE,
            unit: "u".into(),
            unit_price: cost.parse().unwrap(),
            cost: cost.parse().unwrap(),
            formula: String::new(),
        };
        let bill = Bill::new(
            "USD",
            "Pay As You Go",
            vec![line("0.004"), line("0.004")],
            |_| (vec![], vec![]),
        );
        assert_eq!(bill.usage, "0.008".parse().unwrap());
        assert_eq!(bill.total, "0.01".parse().unwrap());
        assert_eq!(bill.by_region[0].cost, "0.008".parse().unwrap());
    }
}
