//! A horizontal bar chart in inline SVG: one labelled bar per group, its value at its end.

use leptos::prelude::*;

use crate::ui::chart::{ChartFigure, ChartPoint, WIDTH};

const LABEL_WIDTH: f64 = 200.0;
/// Room after the longest bar for its value.
const VALUE_WIDTH: f64 = 120.0;
const ROW: f64 = 28.0;
const BAR: f64 = 20.0;

#[component]
pub fn BarChart(
    title: String,
    label_heading: &'static str,
    value_heading: String,
    points: Vec<ChartPoint>,
) -> impl IntoView {
    let height = (points.len().max(1) as f64) * ROW;
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = i as f64 * ROW;
            let length = p.fraction * span;
            let tip = format!("{}: {}", p.label, p.exact);
            view! {
                <g>
                    <text class="chart-label" x=LABEL_WIDTH - 6.0 y=y + BAR * 0.75 text-anchor="end">
                        {p.label.clone()}
                    </text>
                    <rect class="bar" x=LABEL_WIDTH y=y width=length height=BAR>
                        <title>{tip}</title>
                    </rect>
                    <text class="chart-value" x=LABEL_WIDTH + length + 6.0 y=y + BAR * 0.75>
                        {p.value.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <ChartFigure class="bar-chart" title height label_heading value_heading points>
            {bars}
        </ChartFigure>
    }
}
