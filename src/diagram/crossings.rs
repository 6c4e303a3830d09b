//! Counting crossings of a layered graph's order: between the segments of a gap (as
//! inversions, port by port, so the row a link leaves from matters) and of the turns round
//! a column's side; in total, or the share one column's order decides.

use super::layering::{Layered, Seg};

pub(crate) fn port_key(pos: usize, row: usize) -> u64 {
    ((pos as u64) << 32) | row as u64
}

/// Crossings between the segments of one gap, counted as inversions.
pub(crate) fn crossings(segs: &[Seg], pos: &[usize]) -> usize {
    let mut keys = segs
        .iter()
        .map(|s| {
            (
                port_key(pos[s.left], s.left_row),
                port_key(pos[s.right], s.right_row),
            )
        })
        .collect::<Vec<_>>();
    keys.sort_unstable();
    let mut right = keys.into_iter().map(|k| k.1).collect::<Vec<_>>();
    let mut buf = right.clone();
    inversions(&mut right, &mut buf)
}

/// Counts pairs `i < j` with `v[i] > v[j]` while merge-sorting `v`.
fn inversions(v: &mut [u64], buf: &mut [u64]) -> usize {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = {
        let (a, b) = v.split_at_mut(mid);
        let (ba, bb) = buf.split_at_mut(mid);
        inversions(a, ba) + inversions(b, bb)
    };
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if v[j] < v[i] {
            count += mid - i;
            buf[k] = v[j];
            j += 1;
        } else {
            buf[k] = v[i];
            i += 1;
        }
        k += 1;
    }
    buf[k..k + mid - i].copy_from_slice(&v[i..mid]);
    k += mid - i;
    buf[k..k + n - j].copy_from_slice(&v[j..n]);
    v.copy_from_slice(&buf[..n]);
    count
}

pub(crate) fn total(lay: &Layered, pos: &[usize]) -> usize {
    let turns = (0..lay.layers.len())
        .map(|c| turn_crossings(lay, c, pos, false) + turn_crossings(lay, c, pos, true))
        .sum::<usize>();
    lay.gaps.iter().map(|g| crossings(g, pos)).sum::<usize>() + turns
}

/// Crossings of the turns round the right (or `left`) side of column `c` (each joins two of
/// its vertices): a segment leaving that side from a vertex between a turn's two ends
/// crosses it, and so do two turns whose ends interleave.
fn turn_crossings(lay: &Layered, c: usize, pos: &[usize], left: bool) -> usize {
    let list = if left { &lay.left_turns } else { &lay.turns };
    let Some(turns) = list.get(c).filter(|t| !t.is_empty()) else {
        return 0;
    };
    // Port keys (position, row) of the segment ends on that side, sorted.
    let segs = if left {
        c.checked_sub(1).and_then(|g| lay.gaps.get(g))
    } else {
        lay.gaps.get(c)
    };
    let mut ends = segs
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|s| {
            if left {
                port_key(pos[s.right], s.right_row)
            } else {
                port_key(pos[s.left], s.left_row)
            }
        })
        .collect::<Vec<_>>();
    ends.sort_unstable();
    let spans = turns
        .iter()
        .map(|t| {
            let (a, b) = (
                port_key(pos[t.left], t.left_row),
                port_key(pos[t.right], t.right_row),
            );
            (a.min(b), a.max(b))
        })
        .collect::<Vec<_>>();
    let mut count = 0;
    for (i, &(lo, hi)) in spans.iter().enumerate() {
        // Segment ends strictly between the turn's two ends.
        let inside = ends.partition_point(|&k| k < hi) - ends.partition_point(|&k| k <= lo);
        count += inside;
        count += spans[i + 1..]
            .iter()
            .filter(|&&(p, q)| (lo < p && p < hi && hi < q) || (p < lo && lo < q && q < hi))
            .count();
    }
    count
}

/// Whether column `l` has turns between two different vertices (their crossings depend on
/// more than the two vertices a swap exchanges).
pub(crate) fn has_turns(lay: &Layered, l: usize) -> bool {
    let list = lay.turns.get(l).into_iter().chain(lay.left_turns.get(l));
    list.flatten().any(|t| t.left != t.right)
}

/// The crossings that column `l`'s order decides: those of the gaps on either side and of
/// its turns.
pub(crate) fn local(lay: &Layered, pos: &[usize], l: usize) -> usize {
    let gaps = [l.checked_sub(1), Some(l)]
        .into_iter()
        .flatten()
        .filter_map(|g| lay.gaps.get(g))
        .map(|g| crossings(g, pos))
        .sum::<usize>();
    gaps + turn_crossings(lay, l, pos, false) + turn_crossings(lay, l, pos, true)
}
