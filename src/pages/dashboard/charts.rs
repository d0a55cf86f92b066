//! The dashboard's charts, drawn as SVG from plain numbers: a line chart over time, a
//! bar chart, and a heat map. Colours come from the stylesheet (classes), so the
//! charts follow the light or dark theme; every mark has a title (hover, screen
//! readers) and every chart a label.

use clientele_core::format::nice_top;
use leptos::prelude::*;

/// A chart's SVG: `label` names it (for screen readers and as its title); it is
/// drawn in a `w` × `h` box, at most `grow` times that size on screen.
fn frame(label: String, (w, h, grow): (f64, f64, f64), body: impl IntoView) -> impl IntoView {
    let aria = label.clone();
    view! {
        <svg class="chart" style=format!("max-width:{}px", w * grow) viewBox=format!("0 0 {w} {h}") role="img" aria-label=aria preserveAspectRatio="xMidYMid meet">
            <title>{label}</title>
            {body}
        </svg>
    }
}

/// A value axis from 0 to `top` in four steps: grid lines from `left` to `right` at
/// heights `y`, and tick labels by `tick` left of them.
fn value_axis(
    top: f64,
    left: f64,
    right: f64,
    y: impl Fn(f64) -> f64,
    tick: impl Fn(f64) -> String,
) -> impl IntoView {
    (0..=4)
        .map(|k| {
            let v = top * k as f64 / 4.0;
            view! {
                <line class="grid" x1=left x2=right y1=y(v) y2=y(v)/>
                <text class="tick" x=left - 6.0 y=y(v) + 4.0 text-anchor="end">{tick(v)}</text>
            }
        })
        .collect_view()
}

/// One line of a line chart.
pub struct Line {
    pub values: Vec<f64>,
    pub name: String,
    /// Drawn dashed (the comparison period).
    pub dashed: bool,
    /// The last value is of a period still running: its segment is drawn faint and
    /// dotted, so that "so far" does not read as a fall.
    pub open_end: bool,
}

const W: f64 = 720.0;
const H: f64 = 260.0;
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 12.0;

/// A line chart of `lines` over `labels` (one per point), with a value axis whose
/// ticks `tick` formats, and each point's title from `point`.
pub fn line_chart(
    label: String,
    labels: Vec<String>,
    lines: Vec<Line>,
    tick: impl Fn(f64) -> String,
    point: impl Fn(usize, usize, f64) -> String,
) -> impl IntoView {
    let n = labels.len().max(1);
    let max = lines
        .iter()
        .flat_map(|l| l.values.iter().copied())
        .fold(0.0, f64::max);
    let top = nice_top(max);
    let plot_w = W - LEFT - 12.0;
    let plot_h = H - TOP - BOTTOM;
    let x = move |i: usize| {
        if n == 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = move |v: f64| TOP + plot_h * (1.0 - v / top);
    let grid = value_axis(top, LEFT, W - 12.0, y, tick);
    // At most about 8 labels along the bottom, counted from the latest (always
    // labelled: it may be the period still running, "Dec 26 (so far)"). The latest
    // ends at its point and the first starts at its point when centred they would
    // leave the chart; a label that would run into the one placed after it is left
    // out (widths estimated from the characters, checked in the browser by the e2e).
    let every = n.div_ceil(8).max(1);
    let mut placed: Vec<(usize, &'static str, f64)> = Vec::new();
    let mut left_edge = W;
    for i in (0..n).rev().filter(|i| (n - 1 - i).is_multiple_of(every)) {
        let Some(l) = labels.get(i) else { continue };
        let w = label_width(l);
        let (anchor, from) = if i + 1 == n && n > 1 && x(i) + w / 2.0 > W {
            ("end", x(i) - w)
        } else if x(i) - w / 2.0 < 0.0 {
            ("start", x(i))
        } else {
            ("middle", x(i) - w / 2.0)
        };
        if from + w + 6.0 > left_edge {
            continue;
        }
        left_edge = from;
        placed.push((i, anchor, x(i)));
    }
    let xlabels = placed
        .into_iter()
        .map(|(i, anchor, at)| view! { <text class="tick" x=at y=H - 8.0 text-anchor=anchor>{labels[i].clone()}</text> })
        .collect_view();
    let paths = lines
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let closed = if l.open_end { l.values.len().saturating_sub(1) } else { l.values.len() };
            let d: String = l.values[..closed]
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(i), y(*v)))
                .collect();
            let open = (l.open_end && closed > 0).then(|| {
                let (a, b) = (l.values[closed - 1], l.values[closed]);
                let d = format!("M{:.1},{:.1}L{:.1},{:.1}", x(closed - 1), y(a), x(closed), y(b));
                view! { <path class="series open" d=d fill="none"/> }
            });
            let class = if l.dashed { "series dashed" } else { "series" };
            let dots = l
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    view! {
                        <circle class=if l.dashed { "dot dashed" } else { "dot" } cx=x(i) cy=y(*v) r="3.5">
                            <title>{point(li, i, *v)}</title>
                        </circle>
                    }
                })
                .collect_view();
            view! { <path class=class d=d fill="none"/>{open}{dots} }
        })
        .collect_view();
    let legend = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let lx = LEFT + 8.0 + i as f64 * 180.0;
            view! {
                <line class=if l.dashed { "series dashed" } else { "series" } x1=lx x2=lx + 24.0 y1=TOP + 6.0 y2=TOP + 6.0/>
                <text class="legend" x=lx + 30.0 y=TOP + 10.0>{l.name.clone()}</text>
            }
        })
        .collect_view();
    frame(
        label,
        (W, H, 1.4),
        view! {
            {grid}
            {xlabels}
            {paths}
            {legend}
        },
    )
}

/// One bar of a bar chart.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub title: String,
    /// Text at the bar's end.
    pub shown: String,
}

/// Vertical bars with their labels below (a histogram).
pub fn column_chart(label: String, bars: Vec<Bar>, tick: impl Fn(f64) -> String) -> impl IntoView {
    let (w, h) = (560.0, 240.0);
    let n = bars.len().max(1) as f64;
    let top = nice_top(bars.iter().map(|b| b.value).fold(0.0, f64::max));
    let (left, plot_h) = (48.0, h - TOP - 44.0);
    let slot = (w - left - 8.0) / n;
    let y = move |v: f64| TOP + plot_h * (1.0 - v / top);
    let grid = value_axis(top, left, w - 8.0, y, tick);
    let marks = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let x = left + slot * i as f64;
            let bh = (plot_h * b.value / top).max(0.0);
            view! {
                <rect class="bar" x=x + 3.0 y=TOP + plot_h - bh width=(slot - 6.0).max(1.0) height=bh rx="2">
                    <title>{b.title}</title>
                </rect>
                <text class="value" x=x + slot / 2.0 y=TOP + plot_h - bh - 4.0 text-anchor="middle">{b.shown}</text>
                <text class="tick" x=x + slot / 2.0 y=h - 26.0 text-anchor="middle">{b.label}</text>
            }
        })
        .collect_view();
    frame(
        label,
        (w, h, 1.25),
        view! {
            {grid}
            {marks}
        },
    )
}

/// Horizontal pairs of bars (e.g. share of customers and share of revenue), each row
/// with its label; `values` are shares 0–1.
pub fn paired_bars(
    label: String,
    rows: Vec<(String, [f64; 2], [String; 2])>,
    names: [String; 2],
) -> impl IntoView {
    let (w, row_h, left) = (560.0, 30.0, 170.0);
    let h = TOP + 22.0 + row_h * rows.len() as f64;
    // The longest bar takes the width.
    let widest = rows
        .iter()
        .flat_map(|(_, v, _)| v.iter().copied())
        .fold(0.0, f64::max)
        .max(1e-9);
    let plot_w = (w - left - 90.0) / widest;
    let marks = rows
        .into_iter()
        .enumerate()
        .map(|(i, (name, shares, titles))| {
            let y0 = TOP + 22.0 + row_h * i as f64;
            let [a, b] = shares;
            let [ta, tb] = titles;
            view! {
                <text class="label" x=left - 8.0 y=y0 + 15.0 text-anchor="end">{name}</text>
                <rect class="bar" x=left y=y0 + 3.0 width=(plot_w * a).max(1.0) height="10" rx="2"><title>{ta}</title></rect>
                <rect class="bar second" x=left y=y0 + 15.0 width=(plot_w * b).max(1.0) height="10" rx="2"><title>{tb}</title></rect>
                <text class="value" x=left + plot_w * a.max(b) + 6.0 y=y0 + 17.0>{format!("{:.0}% · {:.0}%", a * 100.0, b * 100.0)}</text>
            }
        })
        .collect_view();
    let [n1, n2] = names;
    frame(
        label,
        (w, h, 1.25),
        view! {
            <rect class="bar" x=left y=TOP width="14" height="10" rx="2"/>
            <text class="legend" x=left + 20.0 y=TOP + 9.0>{n1}</text>
            <rect class="bar second" x=left + 200.0 y=TOP width="14" height="10" rx="2"/>
            <text class="legend" x=left + 220.0 y=TOP + 9.0>{n2}</text>
            {marks}
        },
    )
}

/// One cell of a heat map: its share of the darkest (0–1), its text and title.
pub struct Cell {
    pub heat: f64,
    pub text: String,
    pub title: String,
}

/// A heat map of rows of cells, with row and column headings.
pub fn heat_map(
    label: String,
    columns: Vec<String>,
    rows: Vec<(String, Vec<Option<Cell>>)>,
    cell_w: f64,
    left: f64,
) -> impl IntoView {
    let row_h = 28.0;
    let w = left + cell_w * columns.len() as f64 + 4.0;
    let h = 24.0 + row_h * rows.len() as f64 + 4.0;
    let heads = columns
        .into_iter()
        .enumerate()
        .map(|(k, c)| view! { <text class="tick" x=left + cell_w * (k as f64 + 0.5) y="16" text-anchor="middle">{c}</text> })
        .collect_view();
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, (name, cells))| {
            let y0 = 24.0 + row_h * i as f64;
            let cells = cells
                .into_iter()
                .enumerate()
                .filter_map(|(k, c)| c.map(|c| (k, c)))
                .map(|(k, c)| {
                    let x = left + cell_w * k as f64;
                    view! {
                        <rect class="heat" x=x + 1.0 y=y0 + 1.0 width=cell_w - 2.0 height=row_h - 2.0 rx="3" fill-opacity=format!("{:.3}", 0.08 + 0.92 * c.heat)>
                            <title>{c.title}</title>
                        </rect>
                        <text class="cell" x=x + cell_w / 2.0 y=y0 + row_h / 2.0 + 4.0 text-anchor="middle">{c.text}</text>
                    }
                })
                .collect_view();
            view! {
                <text class="label" x=left - 8.0 y=y0 + row_h / 2.0 + 4.0 text-anchor="end">{name}</text>
                {cells}
            }
        })
        .collect_view();
    frame(
        label,
        (w, h, 1.25),
        view! {
            {heads}
            {body}
        },
    )
}

/// About how wide a tick label is drawn (11–12 px text), in chart units.
fn label_width(text: &str) -> f64 {
    text.chars().count() as f64 * 7.0
}
