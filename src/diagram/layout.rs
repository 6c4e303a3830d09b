//! `layout`: chooses the columns (the directed layering, folded when it would make a strip),
//! orders them, places and routes them (see the module list in [`super`]) and frames the
//! `Diagram`; or, given the layout shown before, keeps its columns, orders and heights.

use super::assemble::assemble;
use super::channel;
use super::columns::{self, BUDGETS};
use super::frame::{normalise, round};
use super::graph::{self, ErGraph, LabelSpec};
use super::layering::{self, Layered};
use super::pins;
use super::{free_route, judge, ordering, placement, relayout};
use super::{Diagram, LayoutOptions, Plan, Point, TableBox};
use crate::schema::Schema;
use std::collections::BTreeMap;

/// A fresh layout estimated more than this many times as wide as tall is folded ...
const WIDEST: f64 = 3.5;
/// Folds are tried (at most `FOLDS`) while estimated within `LIMIT` times as wide as tall.
const LIMIT: f64 = 4.0;
const FOLDS: usize = 4;
/// Beyond `JUDGE_ALL` tables, the one fold drawn is estimated within this ratio.
const AIM_BIG: f64 = 3.0;
/// Up to this many tables, rankings one table away are candidates too.
const MOVE_ALL: usize = 8;
/// Of small schemas, this many best candidates are also tried with a column moved.
const SHIFTED: usize = 3;
/// Up to this many tables every candidate layout is drawn and judged.
const JUDGE_ALL: usize = 60;

/// Up to this many vertices (tables and link bends), ordering starts from a third seed.
const SMALL: usize = 400;

/// Lays out the ER diagram of `schema`: deterministic (same schema and options, same
/// diagram), with no overlapping boxes or labels and no edge through a foreign box.
pub fn layout(schema: &Schema, options: &LayoutOptions) -> Diagram {
    let g = graph::build(schema);
    let mut d = match &options.previous {
        Some(p) if !p.tables.is_empty() => relayout::again(&g, p),
        _ => fresh(&g),
    };
    round(&mut d);
    pin_onto(&mut d, &g, &options.pinned);
    d
}

/// `base` (the layout of `schema` without pins) with the `pinned` boxes moved to their
/// corners and the links re-routed: what `layout` gives with these pins, without searching
/// for a layout again (a drag shows this on every pointer move).
pub fn with_pins(schema: &Schema, base: &Diagram, pinned: &BTreeMap<String, Point>) -> Diagram {
    let mut d = base.clone();
    pin_onto(&mut d, &graph::build(schema), pinned);
    d
}

fn pin_onto(d: &mut Diagram, g: &ErGraph, pinned: &BTreeMap<String, Point>) {
    if !pinned.is_empty() {
        // Pins may come from a saved page anyone can edit: only finite corners on the canvas.
        free_route::pin(d, g, &pins::usable(pinned));
        round(d);
    }
}

/// A layered graph in the order with the fewest crossings found from `seeds`, or else
/// from the usual ones: definition order, discovery order and, while small, reversed
/// definition order.
fn arrange(g: &ErGraph, ranks: &[usize], fold: &[usize], seeds: Vec<Vec<f64>>) -> (Layered, usize) {
    let mut lay = layering::build(g, ranks, fold);
    let n = g.nodes.len();
    let mut seeds = seeds;
    if seeds.is_empty() {
        seeds.push((0..n).map(|v| v as f64).collect());
        seeds.push(discovery(g));
        if lay.vertices.len() <= SMALL {
            seeds.push((0..n).map(|v| (n - v) as f64).collect());
        }
    }
    let crossings = ordering::order(&mut lay, &seeds, &[]);
    (lay, crossings)
}

/// Places and routes a layered graph and frames the drawing.
pub(crate) fn finish(
    g: &ErGraph,
    lay: &Layered,
    anchors: &[Option<f64>],
    was: &[Option<f64>],
) -> Diagram {
    let y = placement::place(lay, anchors);
    let mut d = assemble(g, lay, &y, was);
    normalise(&mut d);
    d
}

/// A fresh layout. Candidates: the directed layering at each layer budget and, where that
/// would be a strip, a few folds of it. Up to `JUDGE_ALL` tables each is placed and routed
/// and the best drawing wins ([`score`]); beyond, the fold with the fewest crossings (then
/// the least estimated area) is the only one drawn.
fn fresh(g: &ErGraph) -> Diagram {
    let n = g.nodes.len();
    let budgets: &[f64] = match n {
        0..=2 => &BUDGETS[..1],
        _ if n > JUDGE_ALL => &BUDGETS[..2],
        _ => &BUDGETS,
    };
    let mut plans: Vec<Candidate> = Vec::new();
    // Each distinct ranking, and the candidate that is its unfolded layout.
    let mut ranked: Vec<(Vec<usize>, usize)> = Vec::new();
    for &budget in budgets {
        let ranks = columns::directed(g, budget);
        if ranked.iter().any(|r| r.0 == ranks) {
            continue;
        }
        let (lay, crossings) = arrange(g, &ranks, &[], Vec::new());
        let (w, h) = extent(g, &lay);
        plans.push(Candidate::new(lay, crossings, w * h));
        ranked.push((ranks, plans.len() - 1));
    }
    if n > JUDGE_ALL {
        // Big: only the better ranking (fewer crossings, then less estimated area: tighter
        // layers pack smaller but lengthen links) is folded, once, and drawn.
        let best = plans
            .iter()
            .enumerate()
            .min_by(|a, b| {
                (a.1.crossings.cmp(&b.1.crossings)).then(a.1.estimate.total_cmp(&b.1.estimate))
            })
            .map_or(0, |(i, _)| i);
        let (Some(plan), Some((ranks, _))) = (plans.get(best), ranked.iter().find(|r| r.1 == best))
        else {
            return Diagram::default();
        };
        return match folds(g, &plan.lay, ranks, 1, AIM_BIG).into_iter().next() {
            Some(folded) => folded.draw(g),
            None => plan.draw(g),
        };
    }
    for (ranks, i) in &ranked {
        if let Some(plan) = plans.get(*i) {
            let folded = folds(g, &plan.lay, ranks, FOLDS, LIMIT);
            plans.extend(folded);
        }
    }
    // Small: also every ranking one table away (a table may move left of the tables it
    // references, or to either side of a hub).
    if n <= MOVE_ALL {
        let mut tried = ranked.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
        for (ranks, _) in &ranked {
            for moved in columns::moves(g, ranks) {
                if tried.contains(&moved) {
                    continue;
                }
                let (lay, crossings) = arrange(g, &moved, &[], Vec::new());
                plans.push(Candidate {
                    moved: true,
                    ..Candidate::new(lay, crossings, 0.0)
                });
                tried.push(moved);
            }
        }
    }
    let mut drawn = plans
        .iter()
        .map(|p| judge::Drawn {
            crossings: p.crossings,
            moved: p.moved,
            diagram: p.draw(g),
        })
        .collect::<Vec<_>>();
    // Small: the best few also with one column moved to the top or the bottom of the
    // drawing, which can free room for labels to reach over it.
    if n <= MOVE_ALL {
        for i in judge::ranking(&drawn).into_iter().take(SHIFTED) {
            if let Some(p) = plans.get(i) {
                let shifted = p.shifted(g).into_iter().map(|diagram| judge::Drawn {
                    crossings: p.crossings,
                    moved: p.moved,
                    diagram,
                });
                drawn.extend(shifted.collect::<Vec<_>>());
            }
        }
    }
    judge::best(drawn).unwrap_or_default()
}

/// A layered graph to draw: its crossings, estimated area, ranks per band when folded, and
/// whether it moved a table from where the directed layering put it.
struct Candidate {
    lay: Layered,
    crossings: usize,
    estimate: f64,
    per: Option<usize>,
    moved: bool,
}

impl Candidate {
    fn new(lay: Layered, crossings: usize, estimate: f64) -> Candidate {
        Candidate {
            lay,
            crossings,
            estimate,
            per: None,
            moved: false,
        }
    }

    /// Placed, routed and framed, with the plan it followed.
    fn draw(&self, g: &ErGraph) -> Diagram {
        let mut d = finish(g, &self.lay, &[], &[]);
        d.plan = Some(plan(g, &self.lay, self.per.unwrap_or(usize::MAX)));
        d
    }

    /// Drawn again with one column at a time moved up to the top of the drawing or down to
    /// its bottom (when that moves it).
    fn shifted(&self, g: &ErGraph) -> Vec<Diagram> {
        let lay = &self.lay;
        let y = placement::place(lay, &[]);
        let bottom_of = |v: usize| y[v] + lay.vertices[v].height;
        let top = y.iter().copied().fold(f64::INFINITY, f64::min);
        let bottom = (0..y.len())
            .map(bottom_of)
            .fold(f64::NEG_INFINITY, f64::max);
        let mut out = Vec::new();
        for layer in &lay.layers {
            let Some(first) = layer.first() else { continue };
            let last = layer.last().copied().unwrap_or(*first);
            for delta in [top - y[*first], bottom - bottom_of(last)] {
                if delta.abs() < 1.0 {
                    continue;
                }
                let mut moved = y.clone();
                for &v in layer {
                    moved[v] += delta;
                }
                let mut d = assemble(g, lay, &moved, &[]);
                normalise(&mut d);
                d.plan = Some(plan(g, lay, self.per.unwrap_or(usize::MAX)));
                out.push(d);
            }
        }
        out
    }
}

/// The plan a layered graph follows: each table's rank, and the ranks per band.
pub(crate) fn plan(g: &ErGraph, lay: &Layered, per: usize) -> Plan {
    let ranks = g
        .nodes
        .iter()
        .zip(&lay.vertices)
        .map(|(n, v)| (n.table.name.clone(), v.rank))
        .collect();
    Plan { ranks, per }
}

/// Up to `most` folds of a layering too wide for the screen, widest first, among those
/// estimated within `limit` times as wide as tall: each band starts from the order it had
/// unfolded (the odd ones upside down). With their crossings, estimated area and ranks per
/// band.
fn folds(g: &ErGraph, lay: &Layered, ranks: &[usize], most: usize, limit: f64) -> Vec<Candidate> {
    let layers = lay.layers.len();
    let (w, h) = extent(g, lay);
    if w <= WIDEST * h || layers < 4 {
        return Vec::new();
    }
    let mut pos = vec![0.0; lay.vertices.len()];
    for layer in &lay.layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i as f64;
        }
    }
    let big = lay.vertices.len() as f64 + 1.0;
    // Folding in `m` bands divides the width by about m and multiplies the height by about
    // m (less, as bands are uneven): start a little wider than that estimate allows.
    let bands = (w / (h * limit)).sqrt().max(1.0);
    let widest = ((layers as f64 / bands).ceil() as usize + 2).min(layers - 1);
    let mut out = Vec::new();
    for per in (2..=widest).rev() {
        if out.len() >= most {
            break;
        }
        let (fold, bands) = columns::fold(layers, per);
        let probe = layering::build(g, ranks, &fold);
        let (w, h) = extent(g, &probe);
        if w > limit * h {
            continue;
        }
        let seed = probe
            .vertices
            .iter()
            .enumerate()
            .map(|(v, x)| {
                let band = bands.get(x.rank).copied().unwrap_or(0);
                let p = pos.get(v).copied().unwrap_or(0.0);
                band as f64 * 2.0 * big + if band % 2 == 1 { big - p } else { p }
            })
            .collect::<Vec<_>>();
        let (folded, count) = arrange(g, ranks, &fold, vec![seed]);
        out.push(Candidate {
            per: Some(per),
            ..Candidate::new(folded, count, w * h)
        });
    }
    out
}

/// A quick estimate of a layered graph's extent before placement and routing: columns as
/// wide as their widest box, gaps as wide as their widest label, as tall as the tallest
/// column.
fn extent(g: &ErGraph, lay: &Layered) -> (f64, f64) {
    let n = lay.layers.len();
    let mut width = vec![0.0f64; n];
    let mut gap = vec![channel::MIN_GAP; n];
    let mut height = vec![0.0f64; n];
    for x in &lay.vertices {
        let w = x
            .node
            .and_then(|i| g.nodes.get(i))
            .map_or(0.0, |n| n.table.width);
        width[x.layer] = width[x.layer].max(w);
        height[x.layer] += x.height
            + if x.node.is_some() {
                placement::BOX_GAP
            } else {
                placement::DUMMY_DUMMY_GAP
            };
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
    (width.iter().sum::<f64>() + gap.iter().sum::<f64>(), tallest)
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
