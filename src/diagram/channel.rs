//! Routing in the gap between two layers: relationship labels sit on the stubs next to their
//! box (placed by [`super::labels`]), every bent link gets one vertical track, and the gap is
//! made just wide enough that no label touches another label, a box, or a link other than
//! its own.
//!
//! Coordinates are relative to the gap: x = 0 is the right side of the left layer's boxes,
//! x = `width` the left side of the right layer's boxes. Track order follows the classic
//! channel-routing rule that avoids every avoidable crossing: links going down are laid left
//! to right by falling start, links going up by rising start; a pair whose straight lines
//! cross crosses once whatever the order.

use super::graph::LABEL_H;
use super::labels::{place_side, Beside, SideLabel, FARTHER};

/// Straight stub kept before a link may turn (room for the crow's foot).
pub(crate) const STUB: f64 = 18.0;
/// Distance between two vertical tracks.
const TRACK: f64 = 8.0;
/// Narrowest gap between two layers.
pub(crate) const MIN_GAP: f64 = 40.0;
/// Tolerance of coordinate comparisons.
const EPS: f64 = 1e-6;
/// Space between a box side, a label and a track.
pub(crate) const SPACE: f64 = 3.0;

/// A link's piece in this gap: from the left side at `a` to the right side at `b`, or a
/// self-reference leaving and re-entering the left side.
pub(crate) struct Wire {
    pub(crate) a: f64,
    pub(crate) b: f64,
    pub(crate) is_loop: bool,
    /// The middles of the ports' rows at `a` and `b` (where `a` and `b` were before links
    /// sharing a port got stubs of their own, [`super::fan`]).
    pub(crate) a_mid: f64,
    pub(crate) b_mid: f64,
    /// The track's x once routed (unused when `a == b` on a through wire).
    pub(crate) x: f64,
}

impl Wire {
    pub(crate) fn straight(&self) -> bool {
        !self.is_loop && (self.a - self.b).abs() < 0.5
    }
    fn span(&self) -> (f64, f64) {
        (self.a.min(self.b), self.a.max(self.b))
    }
}

/// Places the labels (trying each side's labels above and below the stubs as preferred and
/// flipped, stacked or not, in either order at a shared port, keeping the narrowest result),
/// then the tracks; returns the gap's width.
pub(crate) fn route(wires: &mut [Wire], labels: &mut [SideLabel], beside: &Beside) -> f64 {
    let order = track_order(wires);
    // Height added to the drawing, priced as width, and labels standing away from their
    // port (each row away priced like a step down the preference list).
    let growth = |labels: &[SideLabel]| {
        labels
            .iter()
            .map(|l| beside.growth(l.top))
            .fold(0.0, f64::max)
            + labels.iter().map(|l| FARTHER * l.rows_away()).sum::<f64>()
    };
    // Every distinct placement, priced by the room its labels alone need; laying tracks is
    // the costly part, so only the three cheapest are tried in full.
    let mut variants: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
    for variant in 0..16 {
        let (stack, swap) = (variant & 4 == 4, variant & 8 == 8);
        place_side(
            wires,
            labels,
            beside,
            false,
            (variant & 1 == 1, stack, swap),
        );
        place_side(wires, labels, beside, true, (variant & 2 == 2, stack, swap));
        let spots = labels.iter().map(|l| (l.dx, l.top)).collect::<Vec<_>>();
        if variants.iter().all(|v| v.1 != spots) {
            variants.push((label_room(labels, beside, MIN_GAP) + growth(labels), spots));
        }
    }
    variants.sort_by(|a, b| a.0.total_cmp(&b.0));
    // (cost, width, label spots, track xs) of the best variant.
    type Variant = (f64, f64, Vec<(f64, f64)>, Vec<f64>);
    let mut best: Option<Variant> = None;
    for (_, spots) in variants.into_iter().take(3) {
        for (l, &(dx, top)) in labels.iter_mut().zip(&spots) {
            (l.dx, l.top) = (dx, top);
        }
        let width = fit(wires, &order, labels, beside);
        let cost = width + growth(labels);
        if best.as_ref().is_none_or(|b| cost < b.0 - EPS) {
            best = Some((cost, width, spots, wires.iter().map(|w| w.x).collect()));
        }
    }
    let Some((_, width, spots, xs)) = best else {
        return MIN_GAP;
    };
    for (l, (dx, top)) in labels.iter_mut().zip(spots) {
        (l.dx, l.top) = (dx, top);
    }
    for (w, x) in wires.iter_mut().zip(xs) {
        w.x = x;
    }
    width
}

/// The width the labels alone need (at least `least`): each inside the gap unless it may
/// reach over the far column, and the labels of the two sides clear of each other.
fn label_room(labels: &[SideLabel], beside: &Beside, least: f64) -> f64 {
    let mut width = least;
    for a in labels {
        let (top, bottom) = (a.top, a.top + LABEL_H);
        let reach = a.dx + a.width + SPACE;
        if !beside.room(!a.right, top, bottom, reach - MIN_GAP) {
            width = width.max(reach);
        }
        if a.right {
            continue;
        }
        for b in labels.iter().filter(|l| l.right) {
            if a.top < b.top + LABEL_H + 1.0 && b.top < a.top + LABEL_H + 1.0 {
                width = width.max(a.dx + a.width + b.dx + b.width + 2.0 * SPACE);
            }
        }
    }
    width
}

/// The narrowest width for placed labels in which all tracks can be laid.
fn fit(wires: &mut [Wire], order: &[usize], labels: &[SideLabel], beside: &Beside) -> f64 {
    let mut width = label_room(labels, beside, MIN_GAP.max(beside.floor));
    if wires.iter().any(|w| w.is_loop) {
        width = width.max(STUB + TRACK);
    }
    // Grow until the tracks fit (by the shortfall, doubling the step so it ends: any width
    // clear of all labels fits every track), then narrow down again by bisection, since a
    // track may fit left of a right-side label once those labels have moved away.
    let mut failed = width;
    let mut step = TRACK;
    let mut fits = None;
    for _ in 0..64 {
        match tracks(wires, order, labels, width) {
            Ok(()) => {
                fits = Some(width);
                break;
            }
            Err(short) => {
                failed = width;
                width += short.max(step);
                step *= 2.0;
            }
        }
    }
    let Some(mut good) = fits else {
        return width;
    };
    let mut last_ok = true;
    while good - failed > TRACK {
        let mid = (good + failed) / 2.0;
        last_ok = tracks(wires, order, labels, mid).is_ok();
        if last_ok {
            good = mid;
        } else {
            failed = mid;
        }
    }
    if !last_ok {
        // The tracks of the last (failed) trial are half laid: lay them again.
        let _ = tracks(wires, order, labels, good);
    }
    good
}

/// Order in which tracks are laid, left first.
fn track_order(wires: &[Wire]) -> Vec<usize> {
    let group = |w: &Wire| match (w.is_loop, w.b > w.a) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    };
    let mut order = (0..wires.len())
        .filter(|&i| !wires[i].straight())
        .collect::<Vec<_>>();
    order.sort_by(|&i, &j| {
        let (p, q) = (&wires[i], &wires[j]);
        let (sp, sq) = (p.span(), q.span());
        group(p).cmp(&group(q)).then_with(|| match group(p) {
            0 => (sp.1 - sp.0).total_cmp(&(sq.1 - sq.0)),
            1 => q.a.total_cmp(&p.a).then(q.b.total_cmp(&p.b)),
            _ => p.a.total_cmp(&q.a).then(p.b.total_cmp(&q.b)),
        })
    });
    order
}

/// Lays the tracks in a gap of `width`; on failure, says how much wider it must be.
/// A track never runs through a label (its own included) nor along another track; a stub
/// never runs through a label, nor along the stub of a link already laid that ends at the
/// same height on the other side.
fn tracks(
    wires: &mut [Wire],
    order: &[usize],
    labels: &[SideLabel],
    width: f64,
) -> Result<(), f64> {
    let rects = labels
        .iter()
        .map(|l| (l.right, l.rect(width)))
        .collect::<Vec<_>>();
    let mut placed: Vec<usize> = Vec::new();
    let mut blocked: Vec<(f64, f64)> = Vec::new();
    for &i in order {
        let w = &wires[i];
        let (lo, hi) = w.span();
        let mut lower = STUB;
        let mut upper = if w.is_loop {
            width - TRACK
        } else {
            width - STUB
        };
        let left_ys: &[f64] = if w.is_loop { &[w.a, w.b] } else { &[w.a] };
        // Open x-intervals the vertical may not enter: labels and other tracks beside it.
        blocked.clear();
        for &(right_side, [x0, y0, x1, y1]) in &rects {
            if y1 < lo - 2.0 || y0 > hi + 2.0 {
                continue;
            }
            let within = |y: f64| y > y0 - 1.0 && y < y1 + 1.0;
            if right_side && left_ys.iter().any(|&y| within(y)) {
                upper = upper.min(x0 - SPACE);
            }
            if !right_side && !w.is_loop && within(w.b) {
                lower = lower.max(x1 + SPACE);
            }
            if y0 < hi && lo < y1 {
                blocked.push((x0 - SPACE, x1 + SPACE - EPS));
            }
        }
        for &j in &placed {
            let f = &wires[j];
            let (flo, fhi) = f.span();
            if flo < hi + SPACE && lo < fhi + SPACE {
                blocked.push((f.x - TRACK + EPS, f.x + TRACK - EPS));
            }
            let same_dir = !f.is_loop && !w.is_loop && (f.b > f.a) == (w.b > w.a);
            if same_dir && flo < hi && lo < fhi && (f.a - w.a) * (f.b - w.b) >= 0.0 {
                lower = lower.max(f.x + TRACK);
            }
            let f_left: &[f64] = if f.is_loop { &[f.a, f.b] } else { &[f.a] };
            if !w.is_loop && f_left.iter().any(|&y| (y - w.b).abs() < 0.5) {
                lower = lower.max(f.x + TRACK / 2.0);
            }
        }
        // In order of where they start, each interval containing x pushes it past its end.
        blocked.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut x = lower;
        for &(from, to) in &blocked {
            if x > from && x < to {
                x = to + EPS;
            }
        }
        if x > upper {
            return Err(x - upper);
        }
        wires[i].x = x;
        placed.push(i);
    }
    Ok(())
}
