//! `layout`: runs the steps (graph, layers, order, vertical placement, gap routing) and
//! assembles the `Diagram`.

use super::channel::{self, Wire};
use super::frame::{keep_in_place, normalise, round, simplify};
use super::graph::{self, ErGraph, LabelSpec, LABEL_H};
use super::labels::{Beside, SideLabel};
use super::layering::{self, Layered};
use super::{free_route, ordering, placement};
use super::{Diagram, Edge, Label, LayoutOptions, Point, TableBox};
use crate::schema::Schema;
use std::collections::BTreeMap;

/// Up to this many vertices (tables and link bends), ordering starts from a third seed.
const SMALL: usize = 400;

/// Lays out the ER diagram of `schema`: deterministic (same schema and options, same
/// diagram), with no overlapping boxes or labels and no edge through a foreign box.
pub fn layout(schema: &Schema, options: &LayoutOptions) -> Diagram {
    let g = graph::build(schema);
    let prev = options
        .previous
        .iter()
        .flat_map(|d| d.tables.iter().map(|t| (t.name.as_str(), t)))
        .collect::<BTreeMap<_, _>>();
    let mut columns = prev.values().map(|t| t.x).collect::<Vec<_>>();
    columns.sort_by(f64::total_cmp);
    columns.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let column_of = |x: f64| columns.iter().position(|c| (c - x).abs() < 0.5);
    let old = |i: usize| g.nodes.get(i).and_then(|n| prev.get(n.table.name.as_str()));
    let forced = (0..g.nodes.len())
        .map(|i| old(i).and_then(|t| column_of(t.x)))
        .collect::<Vec<_>>();
    let top = prev.values().map(|t| t.y).fold(f64::INFINITY, f64::min);
    let arrange = |budget: f64| {
        let mut lay = layering::build(&g, &forced, budget);
        let seeds = if prev.is_empty() {
            // Definition order, discovery order and, while the graph is small enough for the
            // time budget, reversed definition order.
            let n = lay.vertices.len();
            let mut seeds = vec![(0..n).map(|v| v as f64).collect(), discovery(&g)];
            if n <= SMALL {
                seeds.push((0..n).map(|v| (n - v) as f64).collect());
            }
            seeds
        } else {
            vec![(0..lay.vertices.len())
                .map(|v| match old(v) {
                    Some(t) => t.y + t.height / 2.0,
                    None => 1e12 + v as f64,
                })
                .collect()]
        };
        let fixed = (0..lay.vertices.len())
            .map(|v| old(v).is_some())
            .collect::<Vec<_>>();
        let crossings = ordering::order(&mut lay, &seeds, &fixed);
        let area = estimate(&g, &lay);
        (lay, crossings as f64, area)
    };
    // Tighter layers pack smaller but lengthen links: try both budgets, keep the better
    // balance of crossings and (estimated) area, area weighing double.
    let lay = if prev.is_empty() && g.nodes.len() > 2 {
        let (a, b) = (arrange(layering::BUDGETS[0]), arrange(layering::BUDGETS[1]));
        let (c, s) = (a.1.min(b.1).max(1.0), a.2.min(b.2).max(1.0));
        let score = |x: &(Layered, f64, f64)| x.1 / c + 2.0 * x.2 / s;
        if score(&b) < score(&a) {
            b.0
        } else {
            a.0
        }
    } else {
        arrange(layering::BUDGETS[0]).0
    };
    // Where the previous layout had each column (left side, from its first), and its width.
    let left = prev.values().map(|t| t.x).fold(f64::INFINITY, f64::min);
    let mut was = vec![None; lay.layers.len()];
    let mut was_width = vec![0.0f64; lay.layers.len()];
    for (i, v) in lay.vertices.iter().enumerate().take(g.nodes.len()) {
        if let (Some(t), Some(slot)) = (old(i), was.get_mut(v.layer)) {
            *slot = Some(slot.map_or(t.x - left, |x: f64| x.min(t.x - left)));
            was_width[v.layer] = was_width[v.layer].max(t.width);
        }
    }
    // Tables stay where they were; so do links passing a column, at the height where their
    // previous line crossed it.
    let crossing = |v: usize| {
        let x = lay.vertices.get(v)?;
        let link = g.links.get(x.link?)?;
        let edge = options
            .previous
            .as_ref()?
            .edges
            .iter()
            .find(|e| e.from == link.from_name && e.to == link.to_name)?;
        let mid = left + was.get(x.layer).copied().flatten()? + was_width[x.layer] / 2.0;
        edge.points.windows(2).find_map(|w| {
            let flat = (w[0][1] - w[1][1]).abs() < 0.01;
            let spans = w[0][0].min(w[1][0]) <= mid && mid <= w[0][0].max(w[1][0]);
            (flat && spans).then_some(w[0][1])
        })
    };
    let anchors = (0..lay.vertices.len())
        .map(|v| old(v).map(|t| t.y).or_else(|| crossing(v)).map(|y| y - top))
        .collect::<Vec<_>>();
    let y = placement::place(&lay, &anchors);
    let mut d = assemble(&g, &lay, &y, &was);
    normalise(&mut d);
    if !prev.is_empty() {
        keep_in_place(&mut d, &prev);
    }
    if !options.pinned.is_empty() {
        free_route::pin(&mut d, &g, &options.pinned);
    }
    round(&mut d);
    d
}

/// A quick area estimate of a layered graph before placement and routing: columns as wide
/// as their widest box, gaps as wide as their widest label, as tall as the tallest column.
fn estimate(g: &ErGraph, lay: &Layered) -> f64 {
    let n = lay.layers.len();
    let mut width = vec![0.0f64; n];
    let mut gap = vec![channel::MIN_GAP; n];
    let mut height = vec![0.0f64; n];
    for (v, x) in lay.vertices.iter().enumerate() {
        let w = x
            .node
            .and_then(|i| g.nodes.get(i))
            .map_or(0.0, |n| n.table.width);
        width[x.layer] = width[x.layer].max(w);
        height[x.layer] += x.height
            + if x.node.is_some() {
                placement::BOX_GAP
            } else {
                10.0
            };
        let _ = v;
    }
    for k in &g.links {
        let (Some(f), Some(t)) = (lay.vertices.get(k.from), lay.vertices.get(k.to)) else {
            continue;
        };
        let widest = |specs: &[LabelSpec]| specs.iter().map(|s| s.width).fold(0.0, f64::max);
        let (left, right) = if f.layer <= t.layer {
            ((f.layer, &k.from_labels), (t.layer, &k.to_labels))
        } else {
            ((t.layer, &k.to_labels), (f.layer, &k.from_labels))
        };
        if let Some(g) = gap.get_mut(left.0) {
            *g = g.max(channel::MIN_GAP + widest(left.1));
        }
        if let Some(g) = right.0.checked_sub(1).and_then(|l| gap.get_mut(l)) {
            *g = g.max(channel::MIN_GAP + widest(right.1));
        }
    }
    let tallest = height.iter().copied().fold(0.0, f64::max);
    (width.iter().sum::<f64>() + gap.iter().sum::<f64>()) * tallest
}

/// Depth-first discovery order over links in either direction, from tables in definition
/// order: neighbours get nearby keys, which is a good start for crossing minimisation.
fn discovery(g: &ErGraph) -> Vec<f64> {
    let n = g.nodes.len();
    let mut adj = vec![Vec::new(); n];
    for k in &g.links {
        if k.from != k.to && k.from < n && k.to < n {
            adj[k.from].push(k.to);
            adj[k.to].push(k.from);
        }
    }
    let mut key = vec![f64::NAN; n];
    let mut next = 0.0;
    for s in 0..n {
        if !key[s].is_nan() {
            continue;
        }
        let mut stack = vec![s];
        while let Some(v) = stack.pop() {
            if !key[v].is_nan() {
                continue;
            }
            key[v] = next;
            next += 1.0;
            stack.extend(adj[v].iter().rev().filter(|&&w| key[w].is_nan()));
        }
    }
    key
}

/// The table boxes of `schema`, sized by the text width model but not placed (x = y = 0),
/// at their natural width: for other layout engines (the Graphviz comparison) to use.
pub fn boxes(schema: &Schema) -> Vec<TableBox> {
    graph::build(schema)
        .nodes
        .into_iter()
        .map(|n| n.table)
        .collect()
}

/// One link's piece in one gap: gap index, left and right y, track x, straight or not.
type Piece = (usize, f64, f64, f64, bool);

/// Routes every gap left to right (each gap's width fixes where the next layer starts) and
/// collects boxes, edges and labels.
fn assemble(g: &ErGraph, lay: &Layered, y: &[f64], was: &[Option<f64>]) -> Diagram {
    let layer_count = lay.layers.len();
    let mut col_w = vec![0.0f64; layer_count];
    for (i, n) in g.nodes.iter().enumerate() {
        let l = lay.vertices[i].layer;
        col_w[l] = col_w[l].max(n.table.width);
    }
    let port = |v: usize, row: usize| y[v] + lay.port_dy(v, row);
    let mut col_x = vec![0.0f64; layer_count + 1];
    let mut pieces: Vec<Vec<Piece>> = vec![Vec::new(); g.links.len()];
    let mut labels = Vec::new();
    // What occupies each column's height: boxes, links passing through, and labels
    // reaching in from the gap on its left.
    let mut taken = vec![Vec::new(); layer_count];
    for (v, vx) in lay.vertices.iter().enumerate() {
        let pad = if vx.node.is_some() { 0.0 } else { 1.0 };
        taken[vx.layer].push((y[v] - pad, y[v] + vx.height + pad));
    }
    let top = y.iter().copied().fold(f64::INFINITY, f64::min);
    let bottom = (0..y.len())
        .map(|v| y[v] + lay.vertices[v].height)
        .fold(f64::NEG_INFINITY, f64::max);
    let estimate = col_w.iter().sum::<f64>() + channel::MIN_GAP * layer_count as f64;
    let ratio = if bottom > top {
        estimate / (bottom - top)
    } else {
        1.0
    };
    for l in 0..layer_count {
        let xa = col_x[l] + col_w[l];
        let mut wires = Vec::new();
        let mut owners = Vec::new();
        let mut side = Vec::new();
        let mut specs: Vec<(usize, usize, &LabelSpec)> = Vec::new();
        let mut add =
            |wire: usize, link: usize, table: usize, at_from: bool, port_y: f64, right: bool| {
                let Some(k) = g.links.get(link) else { return };
                for s in if at_from {
                    &k.from_labels
                } else {
                    &k.to_labels
                } {
                    side.push(SideLabel {
                        wire,
                        port_y,
                        width: s.width,
                        right,
                        dx: 0.0,
                        top: 0.0,
                    });
                    specs.push((link, table, s));
                }
            };
        for s in lay.gaps.get(l).map_or(&[][..], Vec::as_slice) {
            let (a, b) = (port(s.left, s.left_row), port(s.right, s.right_row));
            let Some(k) = g.links.get(s.link) else {
                continue;
            };
            for (v, at_right, py) in [(s.left, false, a), (s.right, true, b)] {
                if !lay.is_dummy(v) {
                    add(wires.len(), s.link, v, v == k.from, py, at_right);
                }
            }
            wires.push(Wire {
                a,
                b,
                is_loop: false,
                x: 0.0,
            });
            owners.push(s.link);
        }
        for &id in &lay.loops {
            let Some(k) = g.links.get(id) else { continue };
            if lay.vertices.get(k.from).map(|v| v.layer) != Some(l) {
                continue;
            }
            let (a, b) = (port(k.from, k.from_row), port(k.to, k.to_row));
            add(wires.len(), id, k.from, true, a, false);
            add(wires.len(), id, k.to, false, b, false);
            wires.push(Wire {
                a,
                b,
                is_loop: true,
                x: 0.0,
            });
            owners.push(id);
        }
        let beside = Beside {
            left: taken[l].clone(),
            right: taken.get(l + 1).cloned().unwrap_or_default(),
            left_width: col_w[l],
            right_width: col_w.get(l + 1).copied().unwrap_or(f64::INFINITY),
            top,
            bottom,
            ratio,
            floor: was.get(l + 1).copied().flatten().map_or(0.0, |x| x - xa),
        };
        let width = if wires.is_empty() && l + 1 == layer_count {
            0.0
        } else {
            channel::route(&mut wires, &mut side, &beside)
        };
        if let Some(next) = taken.get_mut(l + 1) {
            for s in side.iter().filter(|s| !s.right && s.rect(width)[2] > width) {
                next.push((s.top, s.top + LABEL_H));
            }
        }
        for (w, &link) in wires.iter().zip(&owners) {
            let straight = !w.is_loop && (w.a - w.b).abs() < 0.5;
            pieces[link].push((l, w.a, w.b, xa + w.x, straight));
        }
        for (s, (link, table, spec)) in side.iter().zip(specs) {
            let [x0, y0, x1, _] = s.rect(width);
            labels.push(Label {
                text: spec.text.clone(),
                x: xa + x0,
                y: y0,
                width: x1 - x0,
                height: LABEL_H,
                lazy: spec.lazy.clone(),
                edge: link,
                table: g
                    .nodes
                    .get(table)
                    .map(|n| n.table.name.clone())
                    .unwrap_or_default(),
            });
        }
        col_x[l + 1] = xa + width;
    }
    let tables = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let l = lay.vertices[i].layer;
            TableBox {
                x: col_x[l],
                y: y[i],
                width: col_w[l],
                ..n.table.clone()
            }
        })
        .collect::<Vec<_>>();
    let edges = g
        .links
        .iter()
        .zip(&pieces)
        .map(|(k, ps)| {
            let mut pts: Vec<Point> = Vec::new();
            if k.from == k.to {
                if let Some(&(l, a, b, x, _)) = ps.first() {
                    let xa = col_x[l] + col_w[l];
                    pts = vec![[xa, a], [x, a], [x, b], [xa, b]];
                }
            } else if let (Some(first), Some(last)) = (ps.first(), ps.last()) {
                pts.push([col_x[first.0] + col_w[first.0], first.1]);
                for &(_, a, b, x, straight) in ps {
                    if !straight {
                        pts.push([x, a]);
                        pts.push([x, b]);
                    }
                }
                pts.push([col_x[last.0 + 1], last.2]);
                if lay.vertices[k.from].layer > lay.vertices[k.to].layer {
                    pts.reverse();
                }
            }
            Edge {
                from: k.from_name.clone(),
                to: k.to_name.clone(),
                kind: k.kind,
                from_end: k.from_end,
                to_end: k.to_end,
                points: simplify(pts),
                relationships: k
                    .from_labels
                    .iter()
                    .chain(&k.to_labels)
                    .map(|s| s.text.clone())
                    .collect(),
            }
        })
        .collect();
    Diagram {
        tables,
        edges,
        labels,
        width: 0.0,
        height: 0.0,
    }
}
