//! Graphviz `dot` on the same graph, for comparison: the schema written as DOT (HTML-like
//! table labels with fixed-size cells and one port per column row, the relationship names
//! as tail and head labels, parents ranked left as in our layout), run through `dot -Tjson`,
//! and the result read back into a `Diagram` so `quality::measure` judges both alike.
//! Bézier splines are sampled into polylines (16 points per curve).

#![allow(dead_code)]

use orm_playground::diagram::text::{text_width, LABEL_FONT, TAG_FONT};
use orm_playground::diagram::{boxes, Diagram, Edge, Label, Point, TableBox};
use orm_playground::schema::Schema;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Whether `dot` can be run.
pub fn available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The DOT text for `schema`, taking edges and labels from our diagram `ours` (so both
/// draw exactly the same content) and box sizes from `boxes` (natural widths).
pub fn to_dot(schema: &Schema, ours: &Diagram) -> String {
    let tables = boxes(schema);
    let mut s = String::from(
        "digraph er {\n graph [rankdir=LR];\n node [shape=plain, fontname=\"DejaVu Sans Mono\", fontsize=12];\n \
         edge [dir=none, fontname=\"DejaVu Sans Mono\", fontsize=11];\n",
    );
    for (i, t) in tables.iter().enumerate() {
        let w = t.width;
        s.push_str(&format!(
            " n{i} [label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">\
             <TR><TD FIXEDSIZE=\"TRUE\" WIDTH=\"{w}\" HEIGHT=\"{}\">{}</TD></TR>",
            t.header_height,
            html(&t.name)
        ));
        for (r, row) in t.rows.iter().enumerate() {
            s.push_str(&format!(
                "<TR><TD PORT=\"r{r}\" FIXEDSIZE=\"TRUE\" WIDTH=\"{w}\" HEIGHT=\"{}\">{}</TD></TR>",
                t.row_height,
                html(&row.name)
            ));
        }
        s.push_str("</TABLE>>];\n");
    }
    let port = |end: &str| {
        let (t, c) = end.rsplit_once('.')?;
        let i = tables.iter().position(|x| x.name == t)?;
        let r = tables[i].rows.iter().position(|x| x.name == c).unwrap_or(0);
        Some(format!("n{i}:r{r}"))
    };
    let label_text = |l: &Label| match &l.lazy {
        Some(z) => format!("{} [{z}]", l.text),
        None => l.text.clone(),
    };
    for (i, e) in ours.edges.iter().enumerate() {
        let (Some(child), Some(parent)) = (port(&e.from), port(&e.to)) else {
            continue;
        };
        let parent_table = e.to.rsplit_once('.').map_or("", |x| x.0);
        let ends = |at_parent: bool| {
            ours.labels
                .iter()
                .filter(|l| l.edge == i && (l.table == parent_table) == at_parent)
                .map(label_text)
                .collect::<Vec<_>>()
                .join("\\n")
        };
        s.push_str(&format!(
            " {parent} -> {child} [id=\"e{i}\", taillabel={}, headlabel={}];\n",
            quoted(&ends(true)),
            quoted(&ends(false))
        ));
    }
    s.push_str("}\n");
    s
}

/// Runs `dot -Tjson` on `text`; the JSON and the wall time (process included).
pub fn run(text: &str) -> Option<(String, Duration)> {
    let start = Instant::now();
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let took = start.elapsed();
    out.status
        .success()
        .then(|| (String::from_utf8_lossy(&out.stdout).into_owned(), took))
}

fn nums(s: &str) -> Vec<f64> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter_map(|x| x.parse().ok())
        .collect()
}

fn cubic(p: [Point; 4], t: f64) -> Point {
    let u = 1.0 - t;
    let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    [0, 1].map(|k| p.iter().zip(w).map(|(q, w)| q[k] * w).sum())
}

/// Reads dot's JSON back as a `Diagram` (y flipped to grow downwards), with the same edge
/// ends and labels as `ours`.
pub fn read(json: &str, schema: &Schema, ours: &Diagram) -> Option<Diagram> {
    let v: Value = serde_json::from_str(json).ok()?;
    let bb = nums(v.get("bb")?.as_str()?);
    let top = *bb.get(3)?;
    let flip = |x: f64, y: f64| [x, top - y];
    let sized = boxes(schema);
    let mut tables: Vec<TableBox> = Vec::new();
    for o in v.get("objects")?.as_array()? {
        let name = o.get("name")?.as_str()?;
        let i: usize = name.strip_prefix('n')?.parse().ok()?;
        let pos = nums(o.get("pos")?.as_str()?);
        let inch = |k: &str| {
            o.get(k)
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<f64>().ok())
        };
        let (w, h) = (inch("width")? * 72.0, inch("height")? * 72.0);
        let c = flip(*pos.first()?, *pos.get(1)?);
        let mut t = sized.get(i)?.clone();
        (t.x, t.y, t.width, t.height) = (c[0] - w / 2.0, c[1] - h / 2.0, w, h);
        tables.push(t);
    }
    let mut edges = Vec::new();
    let mut labels = Vec::new();
    for e in v
        .get("edges")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let i: usize = e.get("id")?.as_str()?.strip_prefix('e')?.parse().ok()?;
        let src = ours.edges.get(i)?;
        let mut points: Vec<Point> = Vec::new();
        for spline in e.get("pos")?.as_str()?.split(';') {
            let ctrl = spline
                .split_whitespace()
                .filter(|p| !p.starts_with("e,") && !p.starts_with("s,"))
                .filter_map(|p| {
                    let n = nums(p);
                    Some(flip(*n.first()?, *n.get(1)?))
                })
                .collect::<Vec<_>>();
            for k in (0..ctrl.len().saturating_sub(1)).step_by(3) {
                let Some(seg) = ctrl.get(k..k + 4) else { break };
                let p = [seg[0], seg[1], seg[2], seg[3]];
                for s in 0..=16 {
                    if s > 0 || points.is_empty() {
                        points.push(cubic(p, s as f64 / 16.0));
                    }
                }
            }
        }
        // Our edge runs from the FK row (dot's head) to the referenced row (dot's tail).
        points.reverse();
        let parent = src.to.rsplit_once('.').map_or("", |x| x.0).to_string();
        let child = src.from.rsplit_once('.').map_or("", |x| x.0).to_string();
        for (key, table) in [("tail_lp", &parent), ("head_lp", &child)] {
            let Some(lp) = e.get(key).and_then(Value::as_str).map(nums) else {
                continue;
            };
            let (Some(&x), Some(&y)) = (lp.first(), lp.get(1)) else {
                continue;
            };
            let texts = ours
                .labels
                .iter()
                .filter(|l| l.edge == i && &l.table == table)
                .collect::<Vec<_>>();
            let width = texts
                .iter()
                .map(|l| {
                    text_width(&l.text, LABEL_FONT)
                        + 6.0
                        + l.lazy
                            .as_ref()
                            .map_or(0.0, |z| text_width(z, TAG_FONT) + 10.0)
                })
                .fold(0.0, f64::max);
            let height = 13.0 * texts.len() as f64;
            let c = flip(x, y);
            if let Some(first) = texts.first() {
                labels.push(Label {
                    text: first.text.clone(),
                    x: c[0] - width / 2.0,
                    y: c[1] - height / 2.0,
                    width,
                    height,
                    lazy: first.lazy.clone(),
                    edge: edges.len(),
                    table: table.clone(),
                });
            }
        }
        edges.push(Edge {
            points,
            ..src.clone()
        });
    }
    Some(Diagram {
        tables,
        edges,
        labels,
        width: bb.get(2).copied().unwrap_or(0.0),
        height: top,
        plan: None,
    })
}
