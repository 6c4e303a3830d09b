//! The layered graph: tables in the columns [`super::columns`] chose, long links split by
//! dummy vertices so every segment joins two adjacent columns.
//!
//! Tables have a rank (their place along the layering) and each rank a column. Usually the
//! column is the rank; a folded layering bends the ranks back and forth over fewer columns
//! (neighbouring ranks always in neighbouring columns), and a link follows the ranks, so
//! it may run to the fold and come back.

use super::graph::{ErGraph, HEADER_H, ROW_H};

/// A table box or a point where a long link crosses a column.
pub(crate) struct Vertex {
    /// The node (table) index, `None` for a dummy.
    pub(crate) node: Option<usize>,
    /// For a dummy, the link it carries.
    pub(crate) link: Option<usize>,
    /// Its column.
    pub(crate) layer: usize,
    /// Its rank (equal to the column unless folded).
    pub(crate) rank: usize,
    pub(crate) height: f64,
}

/// A piece of a link between column `l` (left) and `l + 1` (right).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seg {
    pub(crate) left: usize,
    pub(crate) left_row: usize,
    pub(crate) right: usize,
    pub(crate) right_row: usize,
    pub(crate) link: usize,
}

/// One piece of a link's route: a segment `(gap, index)` between two columns, or a turn
/// `(column, index)` joining two vertices of one column round its right side (a
/// self-reference, or a link rounding a fold on the right) or its left side (rounding a
/// fold on the left).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Step {
    Seg(usize, usize),
    Turn(usize, usize),
    LeftTurn(usize, usize),
}

/// The layered graph the ordering, placement and routing steps work on.
pub(crate) struct Layered {
    /// Tables first (vertex `i` is node `i`), then dummies.
    pub(crate) vertices: Vec<Vertex>,
    /// Vertex ids of each column, top to bottom.
    pub(crate) layers: Vec<Vec<usize>>,
    /// `gaps[l]`: the segments between column `l` and `l + 1`.
    pub(crate) gaps: Vec<Vec<Seg>>,
    /// `turns[l]`: pieces joining two vertices of column `l` (`left` and `right` are the two
    /// ends, both on the column's right side), routed in the gap right of it.
    pub(crate) turns: Vec<Vec<Seg>>,
    /// `left_turns[l]`: the same round the column's left side, in the gap left of it.
    pub(crate) left_turns: Vec<Vec<Seg>>,
    /// Each link's vertices from its end of lower rank (from `from` for a self-reference),
    /// and the steps between them.
    pub(crate) paths: Vec<Vec<usize>>,
    pub(crate) routes: Vec<Vec<Step>>,
}

impl Layered {
    /// Vertical offset of a port from the top of its vertex.
    pub(crate) fn port_dy(&self, v: usize, row: usize) -> f64 {
        match self.vertices.get(v).and_then(|x| x.node) {
            Some(_) => HEADER_H + ROW_H * row as f64 + ROW_H / 2.0,
            None => 0.0,
        }
    }

    pub(crate) fn is_dummy(&self, v: usize) -> bool {
        self.vertices.get(v).is_some_and(|x| x.node.is_none())
    }
}

/// Splits the links over the ranks (one per node, from 0) and puts rank `r` in column
/// `fold[r]` (`r` itself past the end of `fold`; neighbouring ranks must get the same or
/// neighbouring columns). A link between ranks more than one apart gets a dummy vertex at
/// each rank it passes; a piece between two ranks of one column (where a folded layering
/// turns back, a self-reference, or two tables a previous layout put in one column) is a
/// turn.
pub(crate) fn build(g: &ErGraph, ranks: &[usize], fold: &[usize]) -> Layered {
    let n = g.nodes.len();
    let rank = |i: usize| ranks.get(i).copied().unwrap_or(0);
    let column = |r: usize| fold.get(r).copied().unwrap_or(r);
    let layer_count = (0..n).map(|i| column(rank(i))).max().map_or(0, |m| m + 1);
    let mut vertices = (0..n)
        .map(|i| Vertex {
            node: Some(i),
            link: None,
            layer: column(rank(i)),
            rank: rank(i),
            height: g.nodes[i].table.height,
        })
        .collect::<Vec<_>>();
    let mut layers = vec![Vec::new(); layer_count];
    for (i, v) in vertices.iter().enumerate() {
        layers[v.layer].push(i);
    }
    let mut gaps: Vec<Vec<Seg>> = vec![Vec::new(); layer_count.saturating_sub(1)];
    let mut turns: Vec<Vec<Seg>> = vec![Vec::new(); layer_count];
    let mut left_turns: Vec<Vec<Seg>> = vec![Vec::new(); layer_count];
    // Whether ranks `r` and `r + 1`, sharing a column, meet round its left side: the
    // ranks before come from the right, or those after go right.
    let bends_left = |r: usize| {
        let c = column(r);
        (r > 0 && column(r - 1) > c) || (fold.get(r + 2).is_some() && column(r + 2) > c)
    };
    let mut paths = vec![Vec::new(); g.links.len()];
    let mut routes = vec![Vec::new(); g.links.len()];
    for (id, k) in g.links.iter().enumerate() {
        if k.from >= n || k.to >= n {
            continue;
        }
        let (start, start_row, end, end_row) = if rank(k.from) <= rank(k.to) {
            (k.from, k.from_row, k.to, k.to_row)
        } else {
            (k.to, k.to_row, k.from, k.from_row)
        };
        // The vertices along the ranks, with their rows.
        let mut along = vec![(start, start_row)];
        for r in rank(start) + 1..rank(end) {
            vertices.push(Vertex {
                node: None,
                link: Some(id),
                layer: column(r),
                rank: r,
                height: 0.0,
            });
            if let Some(l) = layers.get_mut(column(r)) {
                l.push(vertices.len() - 1);
            }
            along.push((vertices.len() - 1, 0));
        }
        along.push((end, end_row));
        for w in along.windows(2) {
            let ((a, a_row), (b, b_row)) = (w[0], w[1]);
            let (ca, cb) = (vertices[a].layer, vertices[b].layer);
            let piece = |left, left_row, right, right_row| Seg {
                left,
                left_row,
                right,
                right_row,
                link: id,
            };
            let (ra, rb) = (vertices[a].rank, vertices[b].rank);
            let step = if ca == cb && ra != rb && bends_left(ra.min(rb)) && ca > 0 {
                let list = &mut left_turns[ca];
                list.push(piece(a, a_row, b, b_row));
                Step::LeftTurn(ca, list.len() - 1)
            } else if ca == cb {
                let list = &mut turns[ca];
                list.push(piece(a, a_row, b, b_row));
                Step::Turn(ca, list.len() - 1)
            } else if ca < cb {
                let list = &mut gaps[ca];
                list.push(piece(a, a_row, b, b_row));
                Step::Seg(ca, list.len() - 1)
            } else {
                let list = &mut gaps[cb];
                list.push(piece(b, b_row, a, a_row));
                Step::Seg(cb, list.len() - 1)
            };
            routes[id].push(step);
        }
        paths[id] = along.into_iter().map(|(v, _)| v).collect();
    }
    Layered {
        vertices,
        layers,
        gaps,
        turns,
        left_turns,
        paths,
        routes,
    }
}
