//! Assembling the drawing: routes every gap left to right (each gap's width fixes where the
//! next column starts) and collects boxes, edges and labels.

use super::channel::{self, Wire};
use super::fan;
use super::frame::simplify;
use super::graph::{ErGraph, LabelSpec, LABEL_H};
use super::labels::{Beside, SideLabel};
use super::layering::{Layered, Step};
use super::{Diagram, Edge, Label, Point, TableBox};

/// A segment's wire once routed: left and right y, track x, straight or not.
type Piece = (f64, f64, f64, bool);

/// Routes every gap left to right (each gap's width fixes where the next layer starts) and
/// collects boxes, edges and labels.
pub(crate) fn assemble(g: &ErGraph, lay: &Layered, y: &[f64], was: &[Option<f64>]) -> Diagram {
    let layer_count = lay.layers.len();
    let mut col_w = vec![0.0f64; layer_count];
    for (i, n) in g.nodes.iter().enumerate() {
        let l = lay.vertices[i].layer;
        col_w[l] = col_w[l].max(n.table.width);
    }
    let port = |v: usize, row: usize| y[v] + lay.port_dy(v, row);
    let mut col_x = vec![0.0f64; layer_count + 1];
    // The routed wires of each gap's segments and of each column's turns.
    let mut pieces: Vec<Vec<Piece>> = vec![Vec::new(); layer_count];
    let mut turn_pieces: Vec<Vec<Piece>> = vec![Vec::new(); layer_count];
    let mut left_pieces: Vec<Vec<Piece>> = vec![Vec::new(); layer_count];
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
                        port_mid: port_y,
                        width: s.width,
                        right,
                        dx: 0.0,
                        top: 0.0,
                    });
                    specs.push((link, table, s));
                }
            };
        // Turns round the left side of the next column are routed in this gap seen in a
        // mirror (their side on the left); folds leave the column before them empty.
        let left_turns = lay.left_turns.get(l + 1).map_or(&[][..], Vec::as_slice);
        let mirrored = !left_turns.is_empty();
        let segs = if mirrored {
            &[][..]
        } else {
            lay.gaps.get(l).map_or(&[][..], Vec::as_slice)
        };
        let turns = if mirrored {
            left_turns
        } else {
            lay.turns.get(l).map_or(&[][..], Vec::as_slice)
        };
        for s in segs {
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
                a_mid: a,
                b_mid: b,
                is_loop: false,
                x: 0.0,
            });
            owners.push(s.link);
        }
        for t in turns {
            let Some(k) = g.links.get(t.link) else {
                continue;
            };
            let (a, b) = (port(t.left, t.left_row), port(t.right, t.right_row));
            if !lay.is_dummy(t.left) {
                add(wires.len(), t.link, t.left, t.left == k.from, a, false);
            }
            if !lay.is_dummy(t.right) {
                let at_from = t.right == k.from && t.left != k.from;
                add(wires.len(), t.link, t.right, at_from, b, false);
            }
            wires.push(Wire {
                a,
                b,
                a_mid: a,
                b_mid: b,
                is_loop: true,
                x: 0.0,
            });
            owners.push(t.link);
        }
        fan::spread(&mut wires, &mut side);
        let mut beside = Beside {
            left: taken[l].clone(),
            right: taken.get(l + 1).cloned().unwrap_or_default(),
            left_width: col_w[l],
            right_width: col_w.get(l + 1).copied().unwrap_or(f64::INFINITY),
            top,
            bottom,
            ratio,
            floor: was.get(l + 1).copied().flatten().map_or(0.0, |x| x - xa),
        };
        if mirrored {
            std::mem::swap(&mut beside.left, &mut beside.right);
            std::mem::swap(&mut beside.left_width, &mut beside.right_width);
        }
        let width = if wires.is_empty() && l + 1 == layer_count {
            0.0
        } else {
            channel::route(&mut wires, &mut side, &beside)
        };
        if mirrored {
            for w in &mut wires {
                w.x = width - w.x;
            }
            for s in &mut side {
                s.right = true;
            }
        }
        if let Some(next) = taken.get_mut(l + 1).filter(|_| !mirrored) {
            for s in side.iter().filter(|s| !s.right && s.rect(width)[2] > width) {
                next.push((s.top, s.top + LABEL_H));
            }
        }
        for w in &wires {
            let piece = (w.a, w.b, xa + w.x, w.straight());
            if mirrored {
                if let Some(list) = left_pieces.get_mut(l + 1) {
                    list.push(piece);
                }
            } else if w.is_loop {
                turn_pieces[l].push(piece);
            } else {
                pieces[l].push(piece);
            }
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
        .enumerate()
        .map(|(id, k)| {
            let mut pts: Vec<Point> = Vec::new();
            let path = lay.paths.get(id).map_or(&[][..], Vec::as_slice);
            let route = lay.routes.get(id).map_or(&[][..], Vec::as_slice);
            let last = route.len().saturating_sub(1);
            for (step, &piece) in route.iter().enumerate() {
                let (seg, wire, turn) = match piece {
                    Step::Seg(gap, i) => (
                        lay.gaps.get(gap).and_then(|g| g.get(i)),
                        pieces.get(gap).and_then(|p| p.get(i)),
                        None,
                    ),
                    Step::Turn(c, i) => (
                        lay.turns.get(c).and_then(|t| t.get(i)),
                        turn_pieces.get(c).and_then(|p| p.get(i)),
                        Some(col_x[c] + col_w[c]),
                    ),
                    Step::LeftTurn(c, i) => (
                        lay.left_turns.get(c).and_then(|t| t.get(i)),
                        left_pieces.get(c).and_then(|p| p.get(i)),
                        Some(col_x[c]),
                    ),
                };
                let (Some(s), Some(&(a, b, x, straight)), Some(&at)) = (seg, wire, path.get(step))
                else {
                    continue;
                };
                let gap = match piece {
                    Step::Seg(gap, _) | Step::Turn(gap, _) | Step::LeftTurn(gap, _) => gap,
                };
                let (left_side, right_side) = (
                    col_x[gap] + col_w[gap],
                    col_x.get(gap + 1).copied().unwrap_or(0.0),
                );
                // Which way the route runs through this piece, and where it enters and leaves.
                let forward = s.left == at;
                let (enter, leave) = match (turn, forward) {
                    (Some(side), true) => ([side, a], [side, b]),
                    (Some(side), false) => ([side, b], [side, a]),
                    (None, true) => ([left_side, a], [right_side, b]),
                    (None, false) => ([right_side, b], [left_side, a]),
                };
                if step == 0 {
                    pts.push(enter);
                }
                if !straight {
                    pts.push([x, enter[1]]);
                    pts.push([x, leave[1]]);
                }
                if step == last {
                    pts.push(leave);
                }
            }
            if path.first() != Some(&k.from) {
                pts.reverse();
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
        plan: None,
    }
}
