//! What the usage charts share: the numbers they draw, how long a bar is, and the table that
//! gives the same numbers to people who cannot see the picture.

pub mod bars;
pub mod days;

use leptos::prelude::*;
use portal_core::pricing::bill::{exact_money, money};
use portal_core::usage::Group;
use rust_decimal::Decimal;

/// One bar or point: what it is, its value as shown (money to the cent) and exactly, and its
/// length as a fraction of the largest (the only place a float appears: SVG coordinates).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    pub label: String,
    pub value: String,
    pub exact: String,
    pub fraction: f64,
}

/// The groups' cost in `currency`, one point each, and the largest value as shown.
pub fn cost_points(
    groups: &[Group],
    currency: &str,
    label: impl Fn(&Group) -> String,
) -> (Vec<ChartPoint>, String) {
    let values: Vec<_> = groups
        .iter()
        .map(|g| (label(g), g.totals.cost_in(currency)))
        .collect();
    money_points(values, currency)
}

/// Amounts of money in `currency`, one point each, and the largest as shown.
pub fn money_points(values: Vec<(String, Decimal)>, currency: &str) -> (Vec<ChartPoint>, String) {
    let max = values.iter().map(|(_, v)| *v).max().unwrap_or_default();
    let points = values
        .into_iter()
        .map(|(label, cost)| {
            let fraction = if max.is_zero() || cost.is_sign_negative() || max.is_sign_negative() {
                0.0
            } else {
                (cost / max)
                    .to_string()
                    .parse::<f64>()
                    .unwrap_or(0.0)
                    .min(1.0)
            };
            ChartPoint {
                label,
                value: money(cost, currency),
                exact: exact_money(cost, currency),
                fraction,
            }
        })
        .collect();
    (points, money(max, currency))
}

/// How wide every chart is drawn; the page scales it to fit.
pub const WIDTH: f64 = 640.0;

/// The frame of every chart: its caption, the drawing (named for assistive technology by the same
/// words), and the same numbers as a table.
#[component]
pub fn ChartFigure(
    /// What kind of chart, for its style ("bar-chart").
    class: &'static str,
    title: String,
    /// The drawing's height, for a width of [`WIDTH`].
    height: f64,
    label_heading: &'static str,
    value_heading: String,
    points: Vec<ChartPoint>,
    /// The drawing's shapes.
    children: Children,
) -> impl IntoView {
    view! {
        <figure class=format!("chart {class}")>
            <figcaption>{title.clone()}</figcaption>
            <svg
                role="img"
                aria-label=title.clone()
                viewBox=format!("0 0 {WIDTH} {height}")
                preserveAspectRatio="xMinYMin meet"
            >
                <title>{title.clone()}</title>
                {children()}
            </svg>
            <ChartTable caption=title label_heading value_heading points/>
        </figure>
    }
}

/// The chart's numbers as a table, folded away under "Show as table".
#[component]
fn ChartTable(
    caption: String,
    label_heading: &'static str,
    value_heading: String,
    points: Vec<ChartPoint>,
) -> impl IntoView {
    view! {
        <details class="chart-table">
            <summary>"Show as table"</summary>
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{label_heading}</th>
                        <th scope="col">{value_heading}</th>
                    </tr>
                </thead>
                <tbody>
                    {points
                        .into_iter()
                        .map(|p| {
                            view! {
                                <tr>
                                    <th scope="row">{p.label}</th>
                                    <td class="amount"><span class="money" title=p.exact>{p.value}</span></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}
