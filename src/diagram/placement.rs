//! Vertical placement: each vertex moves towards the (lower) median of where its links
//! would be straight, tempered by a pull towards a compact centred stack, layer by layer, and each layer is solved exactly for "as close as possible to
//! those wishes, in this order, never closer than the gap" (isotonic regression by pooling
//! adjacent violators). Keeps boxes apart by construction and aligns ports where it can.

use super::layering::Layered;

const ROUNDS: usize = 16;
/// Weight of each vertex's wish to stay where a compact, centred stack of its layer would
/// put it. Without it, aligning ports layer after layer climbs into a staircase and the
/// drawing grows tall; each link's wish weighs 1 (2 through dummies).
const PULL: f64 = 3.0;
/// Vertical gap between two table boxes of one layer.
pub(crate) const BOX_GAP: f64 = 24.0;
/// Clearance between a box and a link passing through its layer.
pub(crate) const DUMMY_GAP: f64 = 12.0;
/// Clearance between two links passing through one layer.
pub(crate) const DUMMY_DUMMY_GAP: f64 = 10.0;

/// Top y of every vertex. `anchors` (from the previous layout) pull tables back to where
/// they were.
pub(crate) fn place(lay: &Layered, anchors: &[Option<f64>]) -> Vec<f64> {
    let n = lay.vertices.len();
    // (other vertex, own row, other row, weight) for every segment end.
    let mut adj = vec![Vec::new(); n];
    for segs in &lay.gaps {
        for s in segs {
            let w = if lay.is_dummy(s.left) || lay.is_dummy(s.right) {
                2.0
            } else {
                1.0
            };
            adj[s.left].push((s.right, s.left_row, s.right_row, w));
            adj[s.right].push((s.left, s.right_row, s.left_row, w));
        }
    }
    let mut y = vec![0.0; n];
    for layer in &lay.layers {
        let mut at = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            y[v] = at;
            at += lay.vertices[v].height + layer.get(i + 1).map_or(0.0, |&b| gap(lay, v, b));
        }
        for &v in layer {
            y[v] -= at / 2.0;
        }
    }
    // Compact stacks are centred on 0; with anchors, centre them where the anchors are.
    let pinned = (0..n)
        .filter_map(|v| anchors.get(v).copied().flatten().map(|a| a - y[v]))
        .collect::<Vec<_>>();
    let offset = if pinned.is_empty() {
        0.0
    } else {
        pinned.iter().sum::<f64>() / pinned.len() as f64
    };
    let compact = y.iter().map(|c| c + offset).collect::<Vec<_>>();
    let count = lay.layers.len();
    for round in 0..ROUNDS {
        for k in 0..count {
            let l = if round % 2 == 0 { k } else { count - 1 - k };
            let layer = &lay.layers[l];
            let wishes = layer
                .iter()
                .map(|&v| {
                    let mut want = adj[v]
                        .iter()
                        .map(|&(o, own, other, _)| {
                            y[o] + lay.port_dy(o, other) - lay.port_dy(v, own)
                        })
                        .collect::<Vec<_>>();
                    let weight = adj[v].iter().map(|a| a.3).sum::<f64>();
                    let (mut target, mut weight): (f64, f64) = match lower_median(&mut want) {
                        Some(m) => (
                            (weight * m + PULL * compact[v]) / (weight + PULL),
                            weight + PULL,
                        ),
                        None => (y[v], 0.01),
                    };
                    if let Some(&Some(a)) = anchors.get(v) {
                        // Where the previous layout had it, firmly: stability first.
                        (target, weight) = (a, 1e4);
                    }
                    (target, weight)
                })
                .collect::<Vec<_>>();
            let gaps = layer
                .windows(2)
                .map(|p| lay.vertices[p[0]].height + gap(lay, p[0], p[1]))
                .collect::<Vec<_>>();
            for (&v, top) in layer.iter().zip(pool(&wishes, &gaps)) {
                y[v] = top;
            }
        }
    }
    // Whole pixels: ports sit at whole offsets, so aligned ports come out exactly level (a
    // link is straight or has a visible bend, never a hairline jog). Gaps stay positive.
    let min = y.iter().copied().fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        for v in &mut y {
            *v = (*v - min).round();
        }
    }
    y
}

fn gap(lay: &Layered, a: usize, b: usize) -> f64 {
    match (lay.is_dummy(a), lay.is_dummy(b)) {
        (false, false) => BOX_GAP,
        (true, true) => DUMMY_DUMMY_GAP,
        _ => DUMMY_GAP,
    }
}

fn lower_median(v: &mut [f64]) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    // The lower median, not the mean of the two middle values: lining up with one neighbour
    // straightens a link, sitting between two bends both.
    n.checked_sub(1).and_then(|m| v.get(m / 2)).copied()
}

/// Positions minimising `Σ weight·(y − target)²` subject to `y[i+1] ≥ y[i] + gaps[i]`.
/// Shifting by the running sum of gaps makes it an isotonic regression, solved by merging
/// adjacent blocks whose means are out of order.
fn pool(wishes: &[(f64, f64)], gaps: &[f64]) -> Vec<f64> {
    let mut offset = Vec::with_capacity(wishes.len());
    let mut at = 0.0;
    for i in 0..wishes.len() {
        offset.push(at);
        at += gaps.get(i).copied().unwrap_or(0.0);
    }
    // Blocks: (weight sum, weighted target sum, vertex count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for (i, &(t, w)) in wishes.iter().enumerate() {
        blocks.push((w, w * (t - offset[i]), 1));
        while blocks.len() > 1 {
            let (w2, s2, n2) = blocks[blocks.len() - 1];
            let (w1, s1, n1) = blocks[blocks.len() - 2];
            if s1 / w1 <= s2 / w2 {
                break;
            }
            blocks.pop();
            if let Some(last) = blocks.last_mut() {
                *last = (w1 + w2, s1 + s2, n1 + n2);
            }
        }
    }
    let mut out = Vec::with_capacity(wishes.len());
    for (w, s, n) in blocks {
        let z = s / w;
        for _ in 0..n {
            out.push(z + offset[out.len()]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pool;

    #[test]
    fn pooled_positions_keep_order_and_gaps() {
        let y = pool(&[(10.0, 1.0), (0.0, 1.0), (5.0, 1.0)], &[20.0, 20.0]);
        assert!(y[1] - y[0] >= 20.0 - 1e-9 && y[2] - y[1] >= 20.0 - 1e-9);
        // The three wishes conflict; the best compromise centres the stack on their mean.
        assert!(((y[0] + y[1] + y[2]) / 3.0 - 5.0).abs() < 1e-9);
    }

    #[test]
    fn free_vertices_get_their_wish() {
        let y = pool(&[(0.0, 1.0), (100.0, 1.0)], &[20.0]);
        assert_eq!(y, vec![0.0, 100.0]);
    }
}
