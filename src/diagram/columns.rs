//! Which column each table goes in. Fresh layouts start from the directed layering
//! (referenced tables left of the tables that reference them, cycles broken first);
//! [`fold`] bends a long one back on itself so a big schema is not a strip; a previous
//! layout keeps its columns ([`with_previous`]).

use super::graph::ErGraph;
use super::placement::BOX_GAP;
use std::collections::{BTreeMap, BTreeSet};

/// How a layout chose its columns: each table's rank and the ranks per band of the fold
/// ([`fold`]; unfolded when there are no more ranks than that). Kept with the drawing so
/// the next layout of an edited schema keeps them; not part of the JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub(crate) ranks: BTreeMap<String, usize>,
    pub(crate) per: usize,
}

impl Plan {
    /// The column of every rank up to `count` (empty when unfolded).
    pub(crate) fn fold(&self, count: usize) -> Vec<usize> {
        if count > self.per {
            fold(count, self.per).0
        } else {
            Vec::new()
        }
    }
}

/// How much taller than the average (total height over the longest chain) a layer may be:
/// the layout tries each (big schemas the first two) and keeps the better. Lower packs
/// tighter (smaller area) but lengthens links (more crossings); higher makes fewer, taller
/// columns.
pub(crate) const BUDGETS: [f64; 3] = [1.8, 1.6, 2.4];

/// Layer of each node. Parents come before children (cycles broken first). Layers are
/// filled left to right up to a height budget — the total height spread over as few layers
/// as the longest chain needs, times `factor` — taking first the nodes with the longest chain
/// still ahead of them, so no column towers over the others (the drawing's height is its
/// tallest column). Then each node slides within its slack to shorten links, or to the
/// lightest layer when that changes no link length, never over the budget. Empty layers
/// are dropped.
fn ranks(n: usize, arcs: &[(usize, usize)], heights: &[f64], factor: f64) -> Vec<usize> {
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
    let mut rank = vec![usize::MAX; n];
    let mut left = n;
    let mut layer = 0;
    while left > 0 && layer <= 2 * n {
        let mut candidates = (0..n)
            .filter(|&v| rank[v] == usize::MAX)
            .filter(|&v| parents[v].iter().all(|&p| rank[p] < layer))
            .collect::<Vec<_>>();
        candidates.sort_by_key(|&v| (std::cmp::Reverse(ahead[v]), v));
        let mut fill = 0.0;
        for v in candidates {
            if fill > 0.0 && fill + mass(v) > budget {
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

/// The directed layering of `g` with layer budget `factor` (see [`ranks`]).
pub(crate) fn directed(g: &ErGraph, factor: f64) -> Vec<usize> {
    let arcs = g
        .links
        .iter()
        .filter(|k| k.from != k.to)
        .map(|k| (k.to, k.from))
        .collect::<Vec<_>>();
    let heights = g.nodes.iter().map(|x| x.table.height).collect::<Vec<_>>();
    ranks(g.nodes.len(), &arcs, &heights, factor)
}

/// Folds `ranks` ranks into bands of `per` ranks, back and forth like a ribbon: band 0 runs
/// left to right, band 1 back from the last column, band 2 forward again from the first,
/// and so on; the two ranks at a bend share a column and are joined round its outer side
/// (with three bands or more, column 0 stays empty for the bends on the left). Returns each
/// rank's column and band. Each band is meant to lie below the one before, the odd ones
/// upside down: then the folding adds no crossing.
pub(crate) fn fold(ranks: usize, per: usize) -> (Vec<usize>, Vec<usize>) {
    let per = per.max(1);
    let offset = usize::from(ranks > 2 * per);
    (0..ranks)
        .map(|r| {
            let (band, i) = (r / per, r % per);
            let column = if band % 2 == 0 { i } else { per - 1 - i };
            (column + offset, band)
        })
        .unzip()
}

/// Ranks for a layout shown before: tables it had keep their rank (`forced`); a new table
/// goes right of the tables it references (or left of those referencing it) once one of
/// them has a rank; what stays unplaced takes its directed layer. With `renumber`, ranks
/// are then renumbered from 0 without empty ones; else they stay (none below 0).
pub(crate) fn with_previous(g: &ErGraph, forced: &[Option<usize>], renumber: bool) -> Vec<usize> {
    let n = g.nodes.len();
    let mut col = (0..n)
        .map(|v| forced.get(v).copied().flatten().map(|c| c as i64))
        .collect::<Vec<_>>();
    for _ in 0..n {
        let mut progress = false;
        for v in 0..n {
            if col[v].is_some() {
                continue;
            }
            let placed = |ends: &mut dyn Iterator<Item = usize>| {
                ends.filter_map(|u| col.get(u).copied().flatten())
                    .collect::<Vec<_>>()
            };
            let parents = placed(
                &mut g
                    .links
                    .iter()
                    .filter(|k| k.from == v && k.to != v)
                    .map(|k| k.to),
            );
            let children = placed(
                &mut g
                    .links
                    .iter()
                    .filter(|k| k.to == v && k.from != v)
                    .map(|k| k.from),
            );
            let c = match (parents.iter().max(), children.iter().min()) {
                (Some(&p), _) => p + 1,
                (None, Some(&c)) => c - 1,
                (None, None) => continue,
            };
            col[v] = Some(c);
            progress = true;
        }
        if !progress {
            break;
        }
    }
    // Tables with no column yet take the fresh layering's (usually none: an edit keeps them).
    let fresh = if col.iter().any(Option::is_none) {
        directed(g, BUDGETS[0])
    } else {
        Vec::new()
    };
    let col = (0..n)
        .map(|v| col[v].unwrap_or(fresh.get(v).copied().unwrap_or(0) as i64))
        .collect::<Vec<_>>();
    if !renumber {
        return col.iter().map(|&c| c.max(0) as usize).collect();
    }
    let mut used = col.clone();
    used.sort_unstable();
    used.dedup();
    col.iter()
        .map(|c| used.binary_search(c).unwrap_or(0))
        .collect()
}

/// Rankings one table away from `ranks`: each table moved to any other rank from one left
/// of the first to one right of the last, where none of its links would join two tables
/// of one rank. Renumbered from 0 without empty ranks; duplicates left out.
pub(crate) fn moves(g: &ErGraph, ranks: &[usize]) -> Vec<Vec<usize>> {
    let n = ranks.len();
    let top = ranks.iter().max().map_or(0, |m| m + 1) as i64;
    let mut out: Vec<Vec<usize>> = Vec::new();
    for v in 0..n {
        let neighbours = g
            .links
            .iter()
            .filter(|k| k.from != k.to && (k.from == v || k.to == v))
            .map(|k| if k.from == v { k.to } else { k.from })
            .collect::<Vec<_>>();
        for r in -1..=top {
            let here = ranks.get(v).map_or(0, |&x| x as i64);
            if r == here
                || neighbours
                    .iter()
                    .any(|&u| ranks.get(u).map(|&x| x as i64) == Some(r))
            {
                continue;
            }
            let moved = (0..n)
                .map(|u| if u == v { r } else { ranks[u] as i64 })
                .collect::<Vec<_>>();
            let mut used = moved.clone();
            used.sort_unstable();
            used.dedup();
            let renumbered = moved
                .iter()
                .map(|x| used.binary_search(x).unwrap_or(0))
                .collect::<Vec<_>>();
            if renumbered != ranks && !out.contains(&renumbered) {
                out.push(renumbered);
            }
        }
    }
    out
}
