//! Columns: every table gets a layer so that referenced tables stand left of the tables that
//! reference them (cycles broken first), then long links are split by dummy vertices so
//! every segment joins two adjacent layers.

use super::graph::{ErGraph, HEADER_H, ROW_H};
use super::placement::BOX_GAP;
use std::collections::BTreeSet;

/// A table box or a point where a long link crosses a layer.
pub(crate) struct Vertex {
    /// The node (table) index, `None` for a dummy.
    pub(crate) node: Option<usize>,
    /// For a dummy, the link it carries.
    pub(crate) link: Option<usize>,
    pub(crate) layer: usize,
    pub(crate) height: f64,
}

/// A piece of a link between layer `l` (left) and `l + 1` (right).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seg {
    pub(crate) left: usize,
    pub(crate) left_row: usize,
    pub(crate) right: usize,
    pub(crate) right_row: usize,
    pub(crate) link: usize,
}

/// The layered graph the ordering, placement and routing steps work on.
pub(crate) struct Layered {
    /// Tables first (vertex `i` is node `i`), then dummies.
    pub(crate) vertices: Vec<Vertex>,
    /// Vertex ids of each layer, top to bottom.
    pub(crate) layers: Vec<Vec<usize>>,
    /// `gaps[l]`: the segments between layer `l` and `l + 1`.
    pub(crate) gaps: Vec<Vec<Seg>>,
    /// Links whose two ends are the same table.
    pub(crate) loops: Vec<usize>,
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

/// Assigns layers and splits long links. `forced` gives a layer per node when the previous
/// layout fixes it.
pub(crate) fn build(g: &ErGraph, forced: &[Option<usize>], budget: f64) -> Layered {
    let n = g.nodes.len();
    let arcs = g
        .links
        .iter()
        .filter(|k| k.from != k.to)
        .map(|k| (k.to, k.from))
        .collect::<Vec<_>>();
    let heights = g.nodes.iter().map(|x| x.table.height).collect::<Vec<_>>();
    let rank = ranks(n, &arcs, &heights, forced, budget);
    let layer_count = rank.iter().max().map_or(0, |m| m + 1);
    let mut vertices = (0..n)
        .map(|i| Vertex {
            node: Some(i),
            link: None,
            layer: rank[i],
            height: heights[i],
        })
        .collect::<Vec<_>>();
    let mut layers = vec![Vec::new(); layer_count];
    for (i, &r) in rank.iter().enumerate() {
        layers[r].push(i);
    }
    let mut gaps = vec![Vec::new(); layer_count.saturating_sub(1)];
    let mut loops = Vec::new();
    for (id, k) in g.links.iter().enumerate() {
        if k.from == k.to {
            loops.push(id);
            continue;
        }
        let (mut left, mut left_row, right, right_row) = if rank[k.from] < rank[k.to] {
            (k.from, k.from_row, k.to, k.to_row)
        } else {
            (k.to, k.to_row, k.from, k.from_row)
        };
        for l in rank[left]..rank[right] {
            let (next, next_row) = if l + 1 == rank[right] {
                (right, right_row)
            } else {
                vertices.push(Vertex {
                    node: None,
                    link: Some(id),
                    layer: l + 1,
                    height: 0.0,
                });
                layers[l + 1].push(vertices.len() - 1);
                (vertices.len() - 1, 0)
            };
            gaps[l].push(Seg {
                left,
                left_row,
                right: next,
                right_row: next_row,
                link: id,
            });
            (left, left_row) = (next, next_row);
        }
    }
    Layered {
        vertices,
        layers,
        gaps,
        loops,
    }
}

/// How much taller than the average (total height over the longest chain) a layer may be:
/// the layout tries both and keeps the better. Lower packs tighter (smaller area) but
/// lengthens links (more crossings).
pub(crate) const BUDGETS: [f64; 2] = [1.8, 1.6];

/// Layer of each node. Parents come before children (cycles broken first). Layers are
/// filled left to right up to a height budget — the total height spread over as few layers
/// as the longest chain needs, times `factor` — taking first the nodes with the longest chain
/// still ahead of them, so no column towers over the others (the drawing's height is its
/// tallest column). Then each node slides within its slack to shorten links, or to the
/// lightest layer when that changes no link length, never over the budget. Empty layers
/// are dropped.
fn ranks(
    n: usize,
    arcs: &[(usize, usize)],
    heights: &[f64],
    forced: &[Option<usize>],
    factor: f64,
) -> Vec<usize> {
    let dag = acyclic(n, arcs);
    let mut parents = vec![Vec::new(); n];
    let mut children = vec![Vec::new(); n];
    for &(p, c) in &dag {
        parents[c].push(p);
        children[p].push(c);
    }
    // Kahn's algorithm in definition order gives a deterministic topological order.
    let mut indeg = parents.iter().map(Vec::len).collect::<Vec<_>>();
    let mut ready = (0..n).filter(|&v| indeg[v] == 0).collect::<BTreeSet<_>>();
    let mut topo = Vec::with_capacity(n);
    while let Some(v) = ready.pop_first() {
        topo.push(v);
        for &c in &children[v] {
            indeg[c] -= 1;
            if indeg[c] == 0 {
                ready.insert(c);
            }
        }
    }
    let mut ahead = vec![0usize; n];
    for &v in topo.iter().rev() {
        ahead[v] = children[v].iter().map(|&c| ahead[c] + 1).max().unwrap_or(0);
    }
    let mass = |v: usize| heights[v] + BOX_GAP;
    let chain = ahead.iter().max().map_or(1, |m| m + 1);
    let total = (0..n).map(mass).sum::<f64>();
    let budget = (total / chain as f64 * factor).max((0..n).map(mass).fold(0.0, f64::max));
    let forced_at = |v: usize| forced.get(v).copied().flatten();
    let mut rank = vec![usize::MAX; n];
    let mut left = n;
    let mut layer = 0;
    while left > 0 && layer <= 2 * n {
        let mut candidates = (0..n)
            .filter(|&v| rank[v] == usize::MAX && forced_at(v).is_none_or(|f| f <= layer))
            .filter(|&v| parents[v].iter().all(|&p| rank[p] < layer))
            .collect::<Vec<_>>();
        candidates.sort_by_key(|&v| (forced_at(v).is_none(), std::cmp::Reverse(ahead[v]), v));
        let mut fill = 0.0;
        for v in candidates {
            if fill > 0.0 && fill + mass(v) > budget && forced_at(v).is_none() {
                continue;
            }
            fill += mass(v);
            rank[v] = layer;
            left -= 1;
        }
        layer += 1;
    }
    for r in &mut rank {
        if *r == usize::MAX {
            *r = layer;
        }
    }
    for _ in 0..4 {
        let top = rank.iter().copied().max().unwrap_or(0);
        let mut fill = vec![0.0; top + 1];
        for v in 0..n {
            fill[rank[v]] += mass(v);
        }
        for &v in &topo {
            if forced_at(v).is_some() {
                continue;
            }
            let lo = parents[v].iter().map(|&p| rank[p] + 1).max().unwrap_or(0);
            let hi = children[v]
                .iter()
                .map(|&c| rank[c])
                .min()
                .map_or(top, |c| c.saturating_sub(1));
            if lo > hi {
                continue;
            }
            fill[rank[v]] -= mass(v);
            let fits = |r: usize| fill[r] + mass(v) <= budget || r == rank[v];
            let (p, c) = (parents[v].len(), children[v].len());
            let by_length = if p > c {
                (lo..=hi).find(|&r| fits(r))
            } else if c > p {
                (lo..=hi).rev().find(|&r| fits(r))
            } else {
                (lo..=hi).filter(|&r| fits(r)).min_by(|&a, &b| {
                    fill[a]
                        .total_cmp(&fill[b])
                        .then(a.abs_diff(rank[v]).cmp(&b.abs_diff(rank[v])))
                })
            };
            let target = by_length.unwrap_or(rank[v]);
            fill[target] += mass(v);
            rank[v] = target;
        }
    }
    let mut used = rank.clone();
    used.sort_unstable();
    used.dedup();
    rank.iter()
        .map(|r| used.binary_search(r).unwrap_or(0))
        .collect()
}

/// The arcs with a feedback set reversed, found by depth-first search in definition order.
fn acyclic(n: usize, arcs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = vec![Vec::new(); n];
    for (i, &(p, _)) in arcs.iter().enumerate() {
        out[p].push(i);
    }
    let mut state = vec![0u8; n];
    let mut reversed = vec![false; arcs.len()];
    for s in 0..n {
        if state[s] != 0 {
            continue;
        }
        state[s] = 1;
        let mut stack = vec![(s, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if let Some(&a) = out[v].get(i) {
                top.1 += 1;
                let w = arcs[a].1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reversed[a] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    arcs.iter()
        .zip(&reversed)
        .map(|(&(p, c), &r)| if r { (c, p) } else { (p, c) })
        .collect()
}
