//! Crossing minimisation: orders each layer by the barycentre of its neighbours' ports and
//! then swaps adjacent vertices while that removes crossings, sweeping left and right and
//! keeping the best order seen. Crossings are counted port to port, so the row a link leaves from
//! matters, as it will in the drawing.

use super::crossings::{has_turns, local, port_key, total};
use super::layering::Layered;

const SWEEPS: usize = 12;

/// Reorders `lay.layers` in place, starting once from each of `seeds` (a key per table:
/// definition order, the previous layout's position, ...; dummies without a key of their
/// own, or with NaN, take their link's first table's) and keeping the order with the
/// fewest crossings; the earlier seed wins ties, and non-improving sweeps keep the seeded
/// order.
/// `fixed` tables (those the previous layout showed) keep their seeded relative order: only
/// new tables and passing links move among them.
pub(crate) fn order(lay: &mut Layered, seeds: &[Vec<f64>], fixed: &[bool]) -> usize {
    let ends = ends_of(lay);
    let mut pos = vec![0usize; lay.vertices.len()];
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    for seed in seeds {
        let mut key = vec![0.0; lay.vertices.len()];
        for (v, k) in key.iter_mut().enumerate() {
            *k = seed.get(v).copied().unwrap_or(0.0);
        }
        // A link's bends start where its first table is.
        for path in &lay.paths {
            for w in path.windows(2) {
                if lay.is_dummy(w[1]) && seed.get(w[1]).is_none_or(|k| k.is_nan()) {
                    key[w[1]] = key[w[0]];
                }
            }
        }
        for layer in &mut lay.layers {
            layer.sort_by(|&a, &b| key[a].total_cmp(&key[b]).then(a.cmp(&b)));
        }
        index(&lay.layers, &mut pos);
        let keep = Keep {
            fixed: (0..lay.vertices.len())
                .map(|v| fixed.get(v).copied().unwrap_or(false))
                .collect(),
            order: lay
                .layers
                .iter()
                .map(|l| {
                    l.iter()
                        .copied()
                        .filter(|&v| fixed.get(v).copied().unwrap_or(false))
                        .collect()
                })
                .collect(),
        };
        let count = improve(lay, &mut pos, &ends, &keep);
        if best.as_ref().is_none_or(|b| count < b.0) {
            best = Some((count, lay.layers.clone()));
        }
    }
    match best {
        Some((count, layers)) => {
            lay.layers = layers;
            count
        }
        None => 0,
    }
}

/// Sweeps (barycentre, then transposition) left and right from the current order; leaves the
/// best order seen in `lay.layers` and returns its crossings.
fn improve(lay: &mut Layered, pos: &mut [usize], ends: &[Ends], keep: &Keep) -> usize {
    let mut best = lay.layers.clone();
    let mut best_count = total(lay, pos);
    let mut stale = 0;
    for it in 0..SWEEPS {
        if best_count == 0 || stale >= 4 {
            break;
        }
        let n = lay.layers.len();
        if it % 2 == 0 {
            for l in 1..n {
                sweep(lay, pos, l, true, keep);
            }
        } else {
            for l in (0..n.saturating_sub(1)).rev() {
                sweep(lay, pos, l, false, keep);
            }
        }
        transpose(lay, pos, ends, keep, 2, false);
        let count = total(lay, pos);
        if count < best_count {
            best = lay.layers.clone();
            best_count = count;
            stale = 0;
        } else {
            stale += 1;
        }
    }
    lay.layers = best.clone();
    index(&lay.layers, pos);
    // Finally each vertex moves to its best place in its layer (sifting); kept if better.
    sift(lay, pos, ends, keep);
    transpose(lay, pos, ends, keep, 6, true);
    let count = total(lay, pos);
    if count < best_count {
        return count;
    }
    lay.layers = best;
    index(&lay.layers, pos);
    best_count
}

fn index(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
}

/// Where a port sits within its vertex, as a fraction of the vertex height.
fn frac(lay: &Layered, v: usize, row: usize) -> f64 {
    let h = lay.vertices.get(v).map_or(0.0, |x| x.height);
    if h > 0.0 {
        lay.port_dy(v, row) / h
    } else {
        0.5
    }
}

/// Reorders layer `l` by the barycentre of its neighbours in layer `l - 1` (`from_left`) or
/// `l + 1`. Vertices without such neighbours stay behind their current predecessor.
fn sweep(lay: &mut Layered, pos: &mut [usize], l: usize, from_left: bool, keep: &Keep) {
    let gap = if from_left { l.checked_sub(1) } else { Some(l) };
    let Some(segs) = gap.and_then(|g| lay.gaps.get(g)) else {
        return;
    };
    // Sum and count of neighbour keys, by position in the layer.
    let mut acc = vec![(0.0, 0.0); lay.layers.get(l).map_or(0, Vec::len)];
    for s in segs {
        let (own, own_row, other, other_row) = if from_left {
            (s.right, s.right_row, s.left, s.left_row)
        } else {
            (s.left, s.left_row, s.right, s.right_row)
        };
        let k = pos[other] as f64 + frac(lay, other, other_row) - frac(lay, own, own_row) + 0.5;
        if let Some(e) = acc.get_mut(pos[own]) {
            e.0 += k;
            e.1 += 1.0;
        }
    }
    // The two ends of a turn want to be neighbours.
    let turns = lay.turns.get(l).into_iter().chain(lay.left_turns.get(l));
    for t in turns.flatten() {
        if t.left == t.right {
            continue;
        }
        for (own, other) in [(t.left, t.right), (t.right, t.left)] {
            if let Some(e) = acc.get_mut(pos[own]) {
                e.0 += pos[other] as f64 + 0.5;
                e.1 += 1.0;
            }
        }
    }
    let Some(layer) = lay.layers.get_mut(l) else {
        return;
    };
    let mut last = f64::NEG_INFINITY;
    let mut keyed = layer
        .iter()
        .map(|&v| {
            if let Some(&(sum, n)) = acc.get(pos[v]).filter(|e| e.1 > 0.0) {
                last = sum / n;
            }
            (last, v)
        })
        .collect::<Vec<_>>();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut settled = keep.order.get(l).map_or(&[][..], Vec::as_slice).iter();
    for slot in &mut keyed {
        if keep.fixed[slot.1] {
            if let Some(&v) = settled.next() {
                slot.1 = v;
            }
        }
    }
    for (i, (_, v)) in keyed.into_iter().enumerate() {
        layer[i] = v;
        pos[v] = i;
    }
}

/// Each vertex's segment ends: (left neighbours, right neighbours) with their rows.
fn ends_of(lay: &Layered) -> Vec<Ends> {
    let mut ends = vec![(Vec::new(), Vec::new()); lay.vertices.len()];
    for segs in &lay.gaps {
        for s in segs {
            ends[s.left].1.push((s.right, s.right_row));
            ends[s.right].0.push((s.left, s.left_row));
        }
    }
    ends
}

/// Swaps adjacent vertices while that removes crossings. Only the two vertices' own
/// segments change their crossings, so each trial compares just those (in a column with
/// turns, when `exact`, its whole share is recounted).
fn transpose(
    lay: &mut Layered,
    pos: &mut [usize],
    ends: &[Ends],
    keep: &Keep,
    passes: usize,
    exact: bool,
) {
    let turning = (0..lay.layers.len())
        .map(|l| exact && has_turns(lay, l))
        .collect::<Vec<_>>();
    for _ in 0..passes {
        let mut improved = false;
        for (l, &turns) in turning.iter().enumerate() {
            let len = lay.layers[l].len();
            for i in 1..len {
                let (u, v) = (lay.layers[l][i - 1], lay.layers[l][i]);
                if keep.fixed[u] && keep.fixed[v] {
                    continue;
                }
                if turns {
                    // Turns change the count beyond the pair: recount the column's share.
                    let before = local(lay, pos, l);
                    lay.layers[l].swap(i - 1, i);
                    (pos[u], pos[v]) = (i, i - 1);
                    if local(lay, pos, l) < before {
                        improved = true;
                    } else {
                        lay.layers[l].swap(i - 1, i);
                        (pos[u], pos[v]) = (i - 1, i);
                    }
                    continue;
                }
                if pair_crossings(&ends[v], &ends[u], pos) < pair_crossings(&ends[u], &ends[v], pos)
                {
                    lay.layers[l].swap(i - 1, i);
                    pos[u] = i;
                    pos[v] = i - 1;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Moves each vertex to the place in its layer where its segments cross least (sifting),
/// never past a vertex whose order is settled if it is settled itself. Columns with turns
/// are left to `transpose`.
fn sift(lay: &mut Layered, pos: &mut [usize], ends: &[Ends], keep: &Keep) {
    let mut keys = vec![Keys::default(); lay.vertices.len()];
    for l in 0..lay.layers.len() {
        if has_turns(lay, l) {
            continue;
        }
        fill_keys(&lay.layers[l], ends, pos, &mut keys);
        let snapshot = lay.layers[l].clone();
        for v in snapshot {
            let layer = &lay.layers[l];
            let i = pos[v];
            let (mut best, mut best_at, mut delta) = (0isize, i, 0isize);
            for j in (0..i).rev() {
                let w = layer[j];
                if keep.fixed[v] && keep.fixed[w] {
                    break;
                }
                delta += pair(&keys[v], &keys[w]) as isize - pair(&keys[w], &keys[v]) as isize;
                if delta < best {
                    (best, best_at) = (delta, j);
                }
            }
            delta = 0;
            for (j, &w) in layer.iter().enumerate().skip(i + 1) {
                if keep.fixed[v] && keep.fixed[w] {
                    break;
                }
                delta += pair(&keys[w], &keys[v]) as isize - pair(&keys[v], &keys[w]) as isize;
                if delta < best {
                    (best, best_at) = (delta, j);
                }
            }
            if best_at != i {
                let layer = &mut lay.layers[l];
                let v = layer.remove(i);
                layer.insert(best_at, v);
                for (k, &u) in layer.iter().enumerate() {
                    pos[u] = k;
                }
            }
        }
    }
}

type Ends = (Vec<(usize, usize)>, Vec<(usize, usize)>);

/// Vertices whose relative order is settled, and that order per layer.
struct Keep {
    fixed: Vec<bool>,
    order: Vec<Vec<usize>>,
}

/// Crossings between the segments of `upper` and `lower` when `upper` is directly above.
fn pair_crossings(upper: &Ends, lower: &Ends, pos: &[usize]) -> usize {
    let side = |a: &[(usize, usize)], b: &[(usize, usize)]| {
        a.iter()
            .map(|&(x, xr)| {
                b.iter()
                    .filter(|&&(y, yr)| port_key(pos[x], xr) > port_key(pos[y], yr))
                    .count()
            })
            .sum::<usize>()
    };
    side(&upper.0, &lower.0) + side(&upper.1, &lower.1)
}

/// The sorted port keys of a vertex's neighbours on the left and on the right.
type Keys = (Vec<u64>, Vec<u64>);

/// Fills `keys` for the vertices of one layer (their neighbours sit in other layers, so the
/// keys hold while this layer is reordered).
fn fill_keys(layer: &[usize], ends: &[Ends], pos: &[usize], keys: &mut [Keys]) {
    for &v in layer {
        let side = |list: &[(usize, usize)], out: &mut Vec<u64>| {
            out.clear();
            out.extend(list.iter().map(|&(x, row)| port_key(pos[x], row)));
            out.sort_unstable();
        };
        let (left, right) = &mut keys[v];
        side(&ends[v].0, left);
        side(&ends[v].1, right);
    }
}

/// `pair_crossings` from precomputed keys: pairs whose far ends are in the opposite order,
/// counted by merging the sorted keys (sifting compares one vertex with a whole layer).
fn pair(upper: &Keys, lower: &Keys) -> usize {
    let side = |a: &[u64], b: &[u64]| {
        let (mut below, mut count) = (0, 0);
        for &x in a {
            while below < b.len() && b[below] < x {
                below += 1;
            }
            count += below;
        }
        count
    };
    side(&upper.0, &lower.0) + side(&upper.1, &lower.1)
}
