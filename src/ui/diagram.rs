//! The ER diagram pane: one box per table with its columns, a line per foreign key from the
//! referencing column to the referenced one (crow's foot at the many end), relationship
//! attributes named at the end they lead to. Hovering a line highlights it and both ends.
//! The drawing fits its pane, growing up to the stylesheet's `--diagram-max` scale; the
//! wheel, a drag, the buttons and the keyboard pan and zoom it (`zoom`).
//!
//! A simple placement of its own (tables ranked so referenced tables sit left of the tables
//! referencing them) until the `diagram` layer's layout is merged.

use super::zoom::{use_pan_zoom, ViewBox};
use crate::schema::{Column, Direction, Relationship, Schema, Table};
use std::rc::Rc;
use yew::prelude::*;

const CHAR_W: f64 = 7.4;
const ROW_H: f64 = 20.0;
const HEAD_H: f64 = 26.0;
const PAD: f64 = 10.0;
const GAP_X: f64 = 100.0;
const GAP_Y: f64 = 28.0;
const MARGIN: f64 = 16.0;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub schema: Option<Rc<Schema>>,
}

/// A placed table box.
struct Placed<'a> {
    table: &'a Table,
    x: f64,
    y: f64,
    w: f64,
}

impl Placed<'_> {
    fn row_y(&self, column: &str) -> f64 {
        let i = self
            .table
            .columns
            .iter()
            .position(|c| c.name == column)
            .unwrap_or(0);
        self.y + HEAD_H + ROW_H * (i as f64 + 0.5)
    }

    fn h(&self) -> f64 {
        HEAD_H + ROW_H * self.table.columns.len() as f64 + 4.0
    }
}

/// One foreign-key line between two placed tables, with the relationship attributes it
/// carries, each named at the end it leads to (`User.role` beside `roles`).
struct Link {
    from: usize,
    from_col: String,
    to: usize,
    to_col: String,
    title: String,
    /// Shown at the referencing end (`users` of `Role.users`).
    at_from: Option<String>,
    /// Shown at the referenced end (`role` of `User.role`).
    at_to: Option<String>,
}

/// Rank per table: 0 for tables referencing nothing else, else one more than the highest
/// rank they reference. Bounded passes, so a cycle cannot loop.
fn ranks(schema: &Schema) -> Vec<usize> {
    let n = schema.tables.len();
    let mut rank = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for (i, t) in schema.tables.iter().enumerate() {
            for fk in &t.foreign_keys {
                let Some(j) = schema.tables.iter().position(|o| o.name == fk.ref_table) else {
                    continue;
                };
                if j != i && rank[i] < rank[j] + 1 && rank[j] + 1 < n {
                    rank[i] = rank[j] + 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    rank
}

/// A column's name (with PK / FK marks) and its type.
fn column_text(table: &Table, c: &Column) -> (String, String) {
    let mut marks = Vec::new();
    if c.primary_key {
        marks.push("PK");
    }
    if table.foreign_key_of(&c.name).is_some() {
        marks.push("FK");
    }
    marks.push(&c.name);
    (marks.join(" "), c.sql_type.python_name())
}

fn place(schema: &Schema) -> (Vec<Placed<'_>>, f64, f64) {
    let rank = ranks(schema);
    let columns = rank.iter().copied().max().map_or(0, |m| m + 1);
    let mut placed: Vec<Placed> = Vec::new();
    let (mut x, mut height) = (MARGIN, 0.0f64);
    for r in 0..columns {
        let members: Vec<&Table> = schema
            .tables
            .iter()
            .zip(&rank)
            .filter(|(_, k)| **k == r)
            .map(|(t, _)| t)
            .collect();
        let width = members
            .iter()
            .map(|t| {
                let longest = t
                    .columns
                    .iter()
                    .map(|c| {
                        let (name, ty) = column_text(t, c);
                        name.chars().count() + ty.chars().count() + 3
                    })
                    .chain([t.name.chars().count() + 2])
                    .max()
                    .unwrap_or(8);
                longest as f64 * CHAR_W + 2.0 * PAD
            })
            .fold(120.0f64, f64::max);
        let mut y = MARGIN;
        for table in members {
            let p = Placed {
                table,
                x,
                y,
                w: width,
            };
            y += p.h() + GAP_Y;
            placed.push(p);
        }
        height = height.max(y);
        x += width + GAP_X;
    }
    (placed, x - GAP_X + MARGIN, height - GAP_Y + MARGIN)
}

fn links(schema: &Schema, placed: &[Placed]) -> Vec<Link> {
    let index = |name: &str| placed.iter().position(|p| p.table.name == name);
    let mut out = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        for fk in &p.table.foreign_keys {
            let (Some(to), Some(col)) = (index(&fk.ref_table), fk.columns.first()) else {
                continue;
            };
            let to_col = fk.ref_columns.first().cloned().unwrap_or_default();
            let here = format!("{}.{col}", p.table.name);
            let carried: Vec<&Relationship> = schema
                .relationships
                .iter()
                .filter(|r| {
                    r.pairs
                        .iter()
                        .chain(&r.secondary_pairs)
                        .any(|(a, b)| *a == here || *b == here)
                })
                .collect();
            let end = |direction: Direction| {
                carried
                    .iter()
                    .find(|r| r.secondary.is_none() && r.direction == direction)
                    .map(|r| r.attr.clone())
            };
            let mut title = format!("{here} → {}.{to_col}", fk.ref_table);
            if !carried.is_empty() {
                let attrs: Vec<String> = carried
                    .iter()
                    .map(|r| format!("{}.{}", r.model, r.attr))
                    .collect();
                title.push_str(&format!(" ({})", attrs.join(", ")));
            }
            out.push(Link {
                from: i,
                from_col: col.clone(),
                to,
                to_col,
                title,
                at_from: end(Direction::OneToMany),
                at_to: end(Direction::ManyToOne),
            });
        }
    }
    out
}

/// The line's path, where its crow's foot sits and which way it points.
fn route(a: &Placed, b: &Placed, y1: f64, y2: f64, self_loop: bool) -> (String, f64, f64) {
    if self_loop {
        let x = a.x + a.w;
        return (
            format!("M{} {}h28V{}h-28", fmt(x), fmt(y1), fmt(y2)),
            x,
            1.0,
        );
    }
    if b.x + b.w < a.x {
        let (x1, x2) = (a.x, b.x + b.w);
        let mid = (x1 + x2) / 2.0;
        let d = format!(
            "M{} {}C{} {} {} {} {} {}",
            fmt(x1),
            fmt(y1),
            fmt(mid),
            fmt(y1),
            fmt(mid),
            fmt(y2),
            fmt(x2),
            fmt(y2)
        );
        return (d, x1, -1.0);
    }
    let (x1, x2) = (a.x + a.w, b.x + b.w);
    let out = x1.max(x2) + 36.0;
    let d = format!(
        "M{} {}C{} {} {} {} {} {}",
        fmt(x1),
        fmt(y1),
        fmt(out),
        fmt(y1),
        fmt(out),
        fmt(y2),
        fmt(x2),
        fmt(y2)
    );
    (d, x1, 1.0)
}

#[component]
pub fn Diagram(props: &DiagramProps) -> Html {
    let hovered = use_state(|| None::<usize>);
    let svg = use_node_ref();
    let frame = use_node_ref();
    let schema = props.schema.as_deref().filter(|s| !s.tables.is_empty());
    let layout = schema.map(place);
    let whole = layout
        .as_ref()
        .map_or(ViewBox::whole(1.0, 1.0), |(_, w, h)| ViewBox::whole(*w, *h));
    let pz = use_pan_zoom(whole, svg.clone(), frame.clone());
    let (Some(schema), Some((placed, width, height))) = (schema, layout) else {
        return html! {
            <div class="diagram empty-diagram">
                <p class="empty">{"The diagram appears when models.py defines a model."}</p>
            </div>
        };
    };
    let links = links(schema, &placed);
    let lit: Vec<(usize, &str)> = hovered
        .and_then(|h| links.get(h))
        .map(|l| vec![(l.from, l.from_col.as_str()), (l.to, l.to_col.as_str())])
        .unwrap_or_default();

    let boxes: Html = placed
        .iter()
        .enumerate()
        .map(|(i, p)| render_table(p, |col| lit.contains(&(i, col))))
        .collect();
    let edges: Html = links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (a, b) = (&placed[l.from], &placed[l.to]);
            let (y1, y2) = (a.row_y(&l.from_col), b.row_y(&l.to_col));
            let self_loop = l.from == l.to;
            let (d, foot_x, dir) = route(a, b, y1, y2, self_loop);
            let foot = format!(
                "M{} {}L{} {}M{} {}L{} {}",
                fmt(foot_x + dir * 12.0),
                fmt(y1),
                fmt(foot_x),
                fmt(y1 - 6.0),
                fmt(foot_x + dir * 12.0),
                fmt(y1),
                fmt(foot_x),
                fmt(y1 + 6.0),
            );
            let from_label = l.at_from.as_ref().map(|attr| {
                let anchor = if dir > 0.0 { "start" } else { "end" };
                html! {
                    <text x={fmt(foot_x + dir * 6.0)} y={fmt(y1 - 8.0)} class="attr"
                        text-anchor={anchor}>{attr}</text>
                }
            });
            let to_label = l.at_to.as_ref().map(|attr| {
                let y = if self_loop { y2 + 15.0 } else { y2 - 8.0 };
                html! { <text x={fmt(b.x + b.w + 6.0)} y={fmt(y)} class="attr">{attr}</text> }
            });
            let enter = {
                let hovered = hovered.clone();
                Callback::from(move |_| hovered.set(Some(i)))
            };
            let leave = {
                let hovered = hovered.clone();
                Callback::from(move |_| hovered.set(None))
            };
            let on = *hovered == Some(i);
            html! {
                <g class={classes!("fk", on.then_some("lit"))} onmouseenter={enter} onmouseleave={leave}>
                    <title>{&l.title}</title>
                    <path d={d.clone()} class="hit"/>
                    <path d={d} class="line"/>
                    <path d={foot} class="line"/>
                    {from_label}
                    {to_label}
                </g>
            }
        })
        .collect();

    let summary = format!("{} tables, {} foreign keys", placed.len(), links.len());
    let pointer_up = pz.onpointerup.clone();
    html! {
        <div class="diagram">
            <div class="diagram-frame" ref={frame} tabindex="0" role="group"
                aria-label="Diagram view: + and - zoom, arrows pan, 0 fits"
                onkeydown={pz.onkeydown}>
                <svg ref={svg} viewBox={pz.view_box} role="img"
                    class={classes!(pz.zoomed.then_some("zoomed"))}
                    style={format!("--w:{}px;--h:{}px", fmt(width), fmt(height))}
                    aria-label={format!("ER diagram: {summary}")}
                    onwheel={pz.onwheel} onpointerdown={pz.onpointerdown}
                    onpointermove={pz.onpointermove} onpointerup={pointer_up.clone()}
                    onpointercancel={pointer_up}>
                    {edges}
                    {boxes}
                </svg>
            </div>
            <div class="zoom-controls">
                <button type="button" class="ghost icon" aria-label="Zoom in" title="Zoom in (+)"
                    onclick={pz.zoom_in}>{"+"}</button>
                <button type="button" class="ghost icon" aria-label="Zoom out" title="Zoom out (−)"
                    onclick={pz.zoom_out}>{"−"}</button>
                <button type="button" class="ghost" aria-label="Fit the diagram" title="Fit (0)"
                    disabled={!pz.zoomed} onclick={pz.fit}>{"Fit"}</button>
            </div>
        </div>
    }
}

/// One table's box; `lit(column)` says whether a hovered line ends at that column.
fn render_table<'a>(p: &Placed<'a>, lit: impl Fn(&str) -> bool) -> Html {
    let rows: Html = p
        .table
        .columns
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let (name, ty) = column_text(p.table, c);
            let y = p.y + HEAD_H + ROW_H * k as f64;
            html! {
                <g class={classes!("row", lit(&c.name).then_some("lit"))}>
                    <rect x={fmt(p.x + 1.0)} y={fmt(y)} width={fmt(p.w - 2.0)}
                        height={fmt(ROW_H)} class="row-bg"/>
                    <text x={fmt(p.x + PAD)} y={fmt(y + 14.0)}
                        class={classes!("col", c.primary_key.then_some("pk"))}>{name}</text>
                    <text x={fmt(p.x + p.w - PAD)} y={fmt(y + 14.0)} class="type"
                        text-anchor="end">{ty}</text>
                </g>
            }
        })
        .collect();
    let on = p.table.columns.iter().any(|c| lit(&c.name));
    let title = match &p.table.model {
        Some(m) => format!("{} (model {m})", p.table.name),
        None => format!("{} (association table)", p.table.name),
    };
    let classes = classes!(
        "table",
        on.then_some("lit"),
        p.table.model.is_none().then_some("assoc")
    );
    html! {
        <g class={classes}>
            <title>{title}</title>
            <rect x={fmt(p.x)} y={fmt(p.y)} width={fmt(p.w)} height={fmt(p.h())} rx="6" class="box"/>
            <path d={format!("M{} {}h{}", fmt(p.x), fmt(p.y + HEAD_H), fmt(p.w))} class="head-line"/>
            <text x={fmt(p.x + PAD)} y={fmt(p.y + 17.0)} class="name">{&p.table.name}</text>
            {rows}
        </g>
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
