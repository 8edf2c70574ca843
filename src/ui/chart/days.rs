//! Cost by day in inline SVG: one column per day, with the first and last dates under the axis
//! and the largest value beside it.

use leptos::prelude::*;

use crate::ui::chart::{ChartFigure, ChartPoint, WIDTH};

const HEIGHT: f64 = 240.0;
/// Room left of the plot for the largest value, and under it for the dates.
const LEFT: f64 = 80.0;
const BOTTOM: f64 = 24.0;
const TOP: f64 = 8.0;

#[component]
pub fn DayChart(
    title: String,
    value_heading: String,
    points: Vec<ChartPoint>,
    max: String,
) -> impl IntoView {
    let plot_width = WIDTH - LEFT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let step = plot_width / points.len().max(1) as f64;
    // A hairline gap between columns while they are wide enough to show it.
    let gap = if step > 3.0 { 1.0 } else { 0.0 };
    let base = HEIGHT - BOTTOM;
    let columns = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let height = p.fraction * plot_height;
            let tip = format!("{}: {}", p.label, p.exact);
            view! {
                <rect class="bar" x=LEFT + i as f64 * step y=base - height width=step - gap height=height>
                    <title>{tip}</title>
                </rect>
            }
        })
        .collect_view();
    let first = points.first().map(|p| p.label.clone()).unwrap_or_default();
    let last = points.last().map(|p| p.label.clone()).unwrap_or_default();
    view! {
        <ChartFigure class="day-chart" title height=HEIGHT label_heading="Day" value_heading points>
            <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=base/>
            <line class="axis" x1=LEFT y1=base x2=WIDTH y2=base/>
            <text class="chart-value axis-max" x=LEFT - 4.0 y=TOP + 12.0 text-anchor="end">{max}</text>
            <text class="chart-value" x=LEFT - 4.0 y=base text-anchor="end">"0"</text>
            <text class="chart-label axis-first" x=LEFT y=HEIGHT - 6.0>{first}</text>
            <text class="chart-label axis-last" x=WIDTH y=HEIGHT - 6.0 text-anchor="end">{last}</text>
            {columns}
        </ChartFigure>
    }
}
