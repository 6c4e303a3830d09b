//! The ER diagram pane: one box per table with its columns, a line per foreign key from the
//! referencing column to the referenced one (crow's foot at the many end). Hovering a line
//! highlights it and both its ends.
//!
//! A simple placement of its own (tables ranked so referenced tables sit left of the tables
//! referencing them) until the `diagram` layer's layout is merged.

use crate::schema::{Schema, Table};
use std::rc::Rc;
use yew::prelude::*;

const CHAR_W: f64 = 7.4;
const ROW_H: f64 = 20.0;
const HEAD_H: f64 = 26.0;
const PAD: f64 = 10.0;
const GAP_X: f64 = 70.0;
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

/// One foreign-key line: from (table, column) to (table, column).
struct Link {
    from: usize,
    from_col: String,
    to: usize,
    to_col: String,
    label: String,
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

fn column_text(table: &Table, c: &crate::schema::Column) -> (String, String) {
    let mut marks = Vec::new();
    if c.primary_key {
        marks.push("PK");
    }
    if table.foreign_key_of(&c.name).is_some() {
        marks.push("FK");
    }
    let ty = c.sql_type.python_name();
    (format!("{} {}", marks.join(" "), c.name), ty)
}

fn place(schema: &Schema) -> (Vec<Placed<'_>>, f64, f64) {
    let rank = ranks(schema);
    let columns = rank.iter().copied().max().map_or(0, |m| m + 1);
    let mut placed: Vec<Placed> = Vec::new();
    let (mut x, mut height) = (MARGIN, 0.0f64);
    for r in 0..columns {
        let mut y = MARGIN;
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
        for t in members {
            let p = Placed {
                table: t,
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
            let attrs: Vec<String> = schema
                .relationships
                .iter()
                .filter(|r| {
                    r.pairs.iter().chain(&r.secondary_pairs).any(|(a, b)| {
                        let here = format!("{}.{col}", p.table.name);
                        *a == here || *b == here
                    })
                })
                .map(|r| format!("{}.{}", r.model, r.attr))
                .collect();
            let mut label = format!("{}.{col} → {}.{to_col}", p.table.name, fk.ref_table);
            if !attrs.is_empty() {
                label.push_str(&format!(" ({})", attrs.join(", ")));
            }
            out.push(Link {
                from: i,
                from_col: col.clone(),
                to,
                to_col,
                label,
            });
        }
    }
    out
}

#[component]
pub fn Diagram(props: &DiagramProps) -> Html {
    let hovered = use_state(|| None::<usize>);
    let Some(schema) = props.schema.as_ref().filter(|s| !s.tables.is_empty()) else {
        return html! {
            <div class="diagram empty-diagram"><p class="empty">{"The diagram appears when models.py defines a model."}</p></div>
        };
    };
    let (placed, width, height) = place(schema);
    let links = links(schema, &placed);
    let lit: Vec<(usize, String)> = hovered
        .and_then(|h| links.get(h))
        .map(|l| vec![(l.from, l.from_col.clone()), (l.to, l.to_col.clone())])
        .unwrap_or_default();

    let boxes: Html = placed
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let rows: Html = p
                .table
                .columns
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let (name, ty) = column_text(p.table, c);
                    let y = p.y + HEAD_H + ROW_H * k as f64;
                    let on = lit.iter().any(|(t, col)| *t == i && *col == c.name);
                    html! {
                        <g class={classes!("row", on.then_some("lit"))}>
                            <rect x={fmt(p.x + 1.0)} y={fmt(y)} width={fmt(p.w - 2.0)} height={fmt(ROW_H)} class="row-bg"/>
                            <text x={fmt(p.x + PAD)} y={fmt(y + 14.0)} class={classes!("col", c.primary_key.then_some("pk"))}>{name.trim_start()}</text>
                            <text x={fmt(p.x + p.w - PAD)} y={fmt(y + 14.0)} class="type" text-anchor="end">{ty}</text>
                        </g>
                    }
                })
                .collect();
            let on = lit.iter().any(|(t, _)| *t == i);
            let title = match &p.table.model {
                Some(m) => format!("{} ({m})", p.table.name),
                None => p.table.name.clone(),
            };
            html! {
                <g class={classes!("table", on.then_some("lit"), p.table.model.is_none().then_some("assoc"))}>
                    <title>{title}</title>
                    <rect x={fmt(p.x)} y={fmt(p.y)} width={fmt(p.w)} height={fmt(p.h())} rx="6" class="box"/>
                    <path d={format!("M{} {}h{}", fmt(p.x), fmt(p.y + HEAD_H), fmt(p.w))} class="head-line"/>
                    <text x={fmt(p.x + PAD)} y={fmt(p.y + 17.0)} class="name">{&p.table.name}</text>
                    {rows}
                </g>
            }
        })
        .collect();

    let edges: Html = links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (a, b) = (&placed[l.from], &placed[l.to]);
            let (y1, y2) = (a.row_y(&l.from_col), b.row_y(&l.to_col));
            let d = if l.from == l.to {
                let x = a.x + a.w;
                format!("M{} {}h24V{}h-24", fmt(x), fmt(y1), fmt(y2))
            } else if b.x + b.w < a.x {
                let (x1, x2) = (a.x, b.x + b.w);
                let mid = (x1 + x2) / 2.0;
                format!("M{} {}C{} {} {} {} {} {}", fmt(x1), fmt(y1), fmt(mid), fmt(y1), fmt(mid), fmt(y2), fmt(x2), fmt(y2))
            } else {
                let (x1, x2) = (a.x + a.w, b.x + b.w);
                let out = x1.max(x2) + 30.0;
                format!("M{} {}C{} {} {} {} {} {}", fmt(x1), fmt(y1), fmt(out), fmt(y1), fmt(out), fmt(y2), fmt(x2), fmt(y2))
            };
            let foot_x = if l.from == l.to || b.x + b.w >= a.x { a.x + a.w } else { a.x };
            let dir = if foot_x == a.x { -1.0 } else { 1.0 };
            let foot = format!(
                "M{} {}L{} {}M{} {}L{} {}",
                fmt(foot_x + dir * 12.0), fmt(y1), fmt(foot_x), fmt(y1 - 6.0),
                fmt(foot_x + dir * 12.0), fmt(y1), fmt(foot_x), fmt(y1 + 6.0),
            );
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
                    <title>{&l.label}</title>
                    <path d={d.clone()} class="hit"/>
                    <path d={d} class="line"/>
                    <path d={foot} class="line"/>
                </g>
            }
        })
        .collect();

    let summary = format!("{} tables, {} foreign keys", placed.len(), links.len());
    html! {
        <div class="diagram">
            <svg viewBox={format!("0 0 {} {}", fmt(width), fmt(height))}
                width={fmt(width)} height={fmt(height)} role="img"
                aria-label={format!("ER diagram: {summary}")}>
                {edges}
                {boxes}
            </svg>
        </div>
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
