//! Links that leave one port on one side each get a stub of their own, a few px apart
//! within the port's row: drawn on one stretch, two links would read (and hover) as one.
//! A link running straight on keeps the middle of the row; links turning up take the stubs
//! above it and links turning down those below, the farthest-going outermost, so the stubs
//! never cross each other's links.

use super::channel::Wire;
use super::graph::ROW_H;
use super::labels::SideLabel;

/// Distance between two stubs of one port, when the row has room for it.
const FAN: f64 = 8.0;
/// Room kept between the outermost stub and the row's edge.
const EDGE: f64 = 2.0;

/// One end of a wire in the gap: which wire, whether it is its `b` (right side, or the
/// second end of a loop), and its side.
struct End {
    wire: usize,
    is_b: bool,
    right: bool,
    y: f64,
    /// Where the link is headed from this port: the wire's other end.
    towards: f64,
}

/// Spreads the ends of `wires` that share a port (same side, same height) apart, and moves
/// the labels written at those ends along with them.
pub(crate) fn spread(wires: &mut [Wire], labels: &mut [SideLabel]) {
    let mut ends = Vec::with_capacity(2 * wires.len());
    for (i, w) in wires.iter().enumerate() {
        ends.push(End {
            wire: i,
            is_b: false,
            right: false,
            y: w.a,
            towards: w.b,
        });
        ends.push(End {
            wire: i,
            is_b: true,
            right: !w.is_loop,
            y: w.b,
            towards: w.a,
        });
    }
    ends.sort_by(|p, q| p.right.cmp(&q.right).then(p.y.total_cmp(&q.y)));
    let mut moves: Vec<(usize, bool, f64)> = Vec::new();
    let mut start = 0;
    while start < ends.len() {
        let same = |e: &End| e.right == ends[start].right && (e.y - ends[start].y).abs() < 0.5;
        let count = ends[start..].iter().take_while(|e| same(e)).count();
        if count > 1 {
            moves.extend(offsets(&ends[start..start + count]));
        }
        start += count.max(1);
    }
    for (wire, is_b, dy) in moves {
        let Some(w) = wires.get_mut(wire) else {
            continue;
        };
        let (old, right) = if is_b {
            (w.b, !w.is_loop)
        } else {
            (w.a, false)
        };
        if is_b {
            w.b += dy;
        } else {
            w.a += dy;
        }
        for l in labels
            .iter_mut()
            .filter(|l| l.wire == wire && l.right == right && (l.port_y - old).abs() < 0.5)
        {
            l.port_y += dy;
        }
    }
}

/// The offset of each end of one port: straight ones stay, the others fan out above (those
/// going up, the farthest outermost) and below (those going down).
fn offsets(group: &[End]) -> Vec<(usize, bool, f64)> {
    let y = group.first().map_or(0.0, |e| e.y);
    let mut up = group
        .iter()
        .filter(|e| e.towards < y - 0.5)
        .collect::<Vec<_>>();
    let mut down = group
        .iter()
        .filter(|e| e.towards > y + 0.5)
        .collect::<Vec<_>>();
    let straight = group.len() - up.len() - down.len();
    // Farthest first: it takes the outermost stub.
    up.sort_by(|p, q| p.towards.total_cmp(&q.towards));
    down.sort_by(|p, q| q.towards.total_cmp(&p.towards));
    let half = ROW_H / 2.0 - EDGE;
    let mut out = Vec::new();
    if straight > 0 {
        // Straight links keep the row's middle; each side fans out from there.
        let step = FAN.min(half / up.len().max(down.len()).max(1) as f64);
        for (k, e) in up.iter().enumerate() {
            out.push((e.wire, e.is_b, -step * (up.len() - k) as f64));
        }
        for (k, e) in down.iter().enumerate() {
            out.push((e.wire, e.is_b, step * (down.len() - k) as f64));
        }
    } else {
        // Centred on the row's middle, top to bottom.
        let order = up.iter().chain(down.iter().rev()).collect::<Vec<_>>();
        let n = order.len();
        let step = FAN.min(2.0 * half / (n.max(2) - 1) as f64);
        for (k, e) in order.iter().enumerate() {
            out.push((e.wire, e.is_b, step * (k as f64 - (n - 1) as f64 / 2.0)));
        }
    }
    out
}
