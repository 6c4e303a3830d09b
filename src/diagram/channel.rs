//! Routing in the gap between two layers: relationship labels sit on the stubs next to their
//! box, every bent link gets one vertical track, and the gap is made just wide enough that no
//! label touches another label, a box, or a link other than its own.
//!
//! Coordinates are relative to the gap: x = 0 is the right side of the left layer's boxes,
//! x = `width` the left side of the right layer's boxes. Track order follows the classic
//! channel-routing rule that avoids every avoidable crossing: links going down are laid left
//! to right by falling start, links going up by rising start; a pair whose straight lines
//! cross crosses once whatever the order.

use super::graph::LABEL_H;

/// Straight stub kept before a link may turn (room for the crow's foot).
pub(crate) const STUB: f64 = 18.0;
/// Half the height of a crow's foot: labels keep this far from their stub.
const MARK_HALF: f64 = 6.0;
/// Distance between two vertical tracks.
const TRACK: f64 = 8.0;
/// Narrowest gap between two layers.
pub(crate) const MIN_GAP: f64 = 40.0;
/// What one step down the preference list costs, in px of gap: a label moves further from
/// its port only to save more room than this.
const FARTHER: f64 = 30.0;
/// How many labels may stack on each side of one stub.
const LEVELS: usize = 4;
/// Tolerance of coordinate comparisons.
const EPS: f64 = 1e-6;
/// Space between a box side, a label and a track.
const SPACE: f64 = 3.0;

/// A link's piece in this gap: from the left side at `a` to the right side at `b`, or a
/// self-reference leaving and re-entering the left side.
pub(crate) struct Wire {
    pub(crate) a: f64,
    pub(crate) b: f64,
    pub(crate) is_loop: bool,
    /// The track's x once routed (unused when `a == b` on a through wire).
    pub(crate) x: f64,
}

impl Wire {
    fn straight(&self) -> bool {
        !self.is_loop && (self.a - self.b).abs() < 0.5
    }
    fn span(&self) -> (f64, f64) {
        (self.a.min(self.b), self.a.max(self.b))
    }
}

/// A label written on one of the gap's sides, next to the port of `wire` at `port_y`.
pub(crate) struct SideLabel {
    pub(crate) wire: usize,
    pub(crate) port_y: f64,
    pub(crate) width: f64,
    pub(crate) right: bool,
    /// Distance from its side and top y, once placed.
    pub(crate) dx: f64,
    pub(crate) top: f64,
}

impl SideLabel {
    /// `[x0, y0, x1, y1]` within a gap of `width`.
    pub(crate) fn rect(&self, width: f64) -> [f64; 4] {
        let x0 = if self.right {
            width - self.dx - self.width
        } else {
            self.dx
        };
        [x0, self.top, x0 + self.width, self.top + LABEL_H]
    }
}

/// What lies beside the gap: the y-ranges taken (boxes, links passing through, labels
/// reaching in from the far side) in the column on each side, and the columns' widths.
/// A label may reach over a column where nothing else is at its height.
#[derive(Default)]
pub(crate) struct Beside {
    pub(crate) left: Vec<(f64, f64)>,
    pub(crate) right: Vec<(f64, f64)>,
    pub(crate) left_width: f64,
    pub(crate) right_width: f64,
    /// The drawing's vertical extent before labels, and what one px of extra height costs
    /// in px of gap width (the drawing's width over its height: equal area).
    pub(crate) top: f64,
    pub(crate) bottom: f64,
    pub(crate) ratio: f64,
    /// The narrowest the gap may be (keeps columns where the previous layout had them).
    pub(crate) floor: f64,
}

impl Beside {
    /// Height a label at `top` adds to the drawing, priced as gap width.
    fn growth(&self, top: f64) -> f64 {
        self.ratio * ((self.top - top).max(0.0) + (top + LABEL_H - self.bottom).max(0.0))
    }

    /// Whether a label spanning `top..bottom` may reach `reach` px into the column.
    fn room(&self, right: bool, top: f64, bottom: f64, reach: f64) -> bool {
        let (taken, width) = if right {
            (&self.right, self.right_width)
        } else {
            (&self.left, self.left_width)
        };
        reach <= width - SPACE
            && !taken
                .iter()
                .any(|&(y0, y1)| y0 < bottom + 2.0 && top - 2.0 < y1)
    }
}

/// Places the labels (trying each side's labels above and below the stubs as preferred and
/// flipped, stacked or not, keeping the narrowest result), then the tracks; returns the
/// gap's width.
pub(crate) fn route(wires: &mut [Wire], labels: &mut [SideLabel], beside: &Beside) -> f64 {
    // (cost, width, label spots, track xs) of the best variant.
    type Variant = (f64, f64, Vec<(f64, f64)>, Vec<f64>);
    let mut best: Option<Variant> = None;
    for variant in 0..8 {
        let stack = variant & 4 == 4;
        place_side(wires, labels, beside, false, (variant & 1 == 1, stack));
        place_side(wires, labels, beside, true, (variant & 2 == 2, stack));
        let width = fit(wires, labels, beside);
        let cost = width
            + labels
                .iter()
                .map(|l| beside.growth(l.top))
                .fold(0.0, f64::max);
        if best.as_ref().is_none_or(|b| cost < b.0 - EPS) {
            let spots = labels.iter().map(|l| (l.dx, l.top)).collect();
            best = Some((cost, width, spots, wires.iter().map(|w| w.x).collect()));
        }
        if labels.is_empty() {
            break;
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

/// The narrowest width for placed labels: each label inside the gap unless it may reach
/// over the far column, labels of the two sides clear of each other, all tracks laid.
fn fit(wires: &mut [Wire], labels: &[SideLabel], beside: &Beside) -> f64 {
    let mut width = MIN_GAP.max(beside.floor);
    if wires.iter().any(|w| w.is_loop) {
        width = width.max(STUB + TRACK);
    }
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
    // Grow in small steps first (a track may fit left of a label once the labels of the
    // right side move away), then by the whole shortfall, then doubling: any width clear of
    // all labels fits every track, so the loop ends with the tracks laid.
    let mut step = TRACK;
    for attempt in 0..200 {
        match tracks(wires, labels, width) {
            Ok(()) => return width,
            Err(short) if attempt < 24 => width += short.min(step),
            Err(short) => {
                step *= 2.0;
                width += short.max(step);
            }
        }
    }
    width
}

/// Puts each label of one side above or below its port's stub, further out when the spot
/// is taken, never across another port's stub. A lone label goes where its link does not
/// turn; labels sharing a port go towards their own link, so each reads as its branch's.
/// `flip` swaps those preferences; `stack` tries a second row on the preferred side before
/// the other side.
fn place_side(
    wires: &[Wire],
    labels: &mut [SideLabel],
    beside: &Beside,
    right: bool,
    (flip, stack): (bool, bool),
) {
    let lines = wires
        .iter()
        .flat_map(|w| match (right, w.is_loop) {
            (false, true) => vec![w.a, w.b],
            (false, false) => vec![w.a],
            (true, false) => vec![w.b],
            (true, true) => vec![],
        })
        .collect::<Vec<_>>();
    let mut todo = (0..labels.len())
        .filter(|&i| labels[i].right == right)
        .collect::<Vec<_>>();
    todo.sort_by(|&a, &b| {
        labels[a]
            .port_y
            .total_cmp(&labels[b].port_y)
            .then(a.cmp(&b))
    });
    let mut done: Vec<usize> = Vec::new();
    // Only what lies within reach of a port's stacked spots can block them.
    let reach_y = (LEVELS + 1) as f64 * (LABEL_H + 1.0) + MARK_HALF + 2.0;
    let (taken, column) = if right {
        (&beside.left, beside.left_width)
    } else {
        (&beside.right, beside.right_width)
    };
    for &i in &todo {
        let (py, w) = (labels[i].port_y, labels[i].width);
        let near = done
            .iter()
            .copied()
            .filter(|&j| (labels[j].top - py).abs() < reach_y + LABEL_H)
            .collect::<Vec<_>>();
        let near_lines = lines
            .iter()
            .copied()
            .filter(|&y| (y - py).abs() < reach_y && (y - py).abs() > 0.5)
            .collect::<Vec<_>>();
        let near_taken = taken
            .iter()
            .copied()
            .filter(|&(y0, y1)| y1 > py - reach_y && y0 < py + reach_y)
            .collect::<Vec<_>>();
        let mut starts = vec![SPACE];
        starts.extend(near.iter().map(|&j| labels[j].dx + labels[j].width + SPACE));
        starts.sort_by(f64::total_cmp);
        let free = |dx: f64, top: f64| {
            let bottom = top + LABEL_H;
            let crosses = near_lines
                .iter()
                .any(|&y| y > top - 1.0 && y < bottom + 1.0);
            let hits = near.iter().any(|&j| {
                let o = &labels[j];
                o.top < bottom + 1.0
                    && top < o.top + LABEL_H + 1.0
                    && o.dx < dx + w
                    && dx < o.dx + o.width
            });
            !crosses && !hits
        };
        // Room the spot needs in the gap (none if the label may reach over the far
        // column, empty at its height) plus the height it adds, priced as width.
        let need = |dx: f64, top: f64| {
            let reach = dx + w + SPACE;
            let over = reach - MIN_GAP <= column - SPACE
                && !near_taken
                    .iter()
                    .any(|&(y0, y1)| y0 < top + LABEL_H + 2.0 && top - 2.0 < y1);
            (if over { 0.0 } else { reach }) + beside.growth(top)
        };
        let wire = &wires[labels[i].wire];
        let other = match (right, wire.is_loop) {
            (true, _) => wire.a,
            (false, true) if (wire.a - py).abs() < 0.5 => wire.b,
            (false, true) => wire.a,
            (false, false) => wire.b,
        };
        let shared = todo
            .iter()
            .any(|&j| labels[j].wire != labels[i].wire && (labels[j].port_y - py).abs() < 0.5);
        // Beside the stub, then stacked further away (where no stub is in the way), before
        // moving out along the stub (which widens the gap).
        let down = if (other - py).abs() < 0.5 {
            !right
        } else {
            other > py
        };
        let up_first = down ^ shared ^ flip;
        let level = |k: usize, up: bool| {
            let step = k as f64 * (LABEL_H + 1.0);
            if up {
                py - LABEL_H - MARK_HALF - step
            } else {
                py + MARK_HALF + step
            }
        };
        let mut order = Vec::with_capacity(2 * LEVELS);
        for k in 0..LEVELS {
            order.push(level(k, up_first));
            if !stack {
                order.push(level(k, !up_first));
            }
        }
        if stack {
            order.extend((0..LEVELS).map(|k| level(k, !up_first)));
        }
        // Of the free spots, the one needing the least room, then the earliest in
        // preference order; later spots cost more, so the search stops once none can win.
        let mut spot: Option<(f64, (f64, f64))> = None;
        let candidates = starts
            .iter()
            .flat_map(|&dx| order.iter().map(move |&top| (dx, top)));
        for (k, (dx, top)) in candidates.enumerate() {
            let base = FARTHER * k as f64;
            if spot.is_some_and(|(best, _)| base >= best) {
                break;
            }
            if free(dx, top) {
                let cost = need(dx, top) + base;
                if spot.is_none_or(|(best, _)| cost < best) {
                    spot = Some((cost, (dx, top)));
                }
            }
        }
        let spot = spot.map(|(_, p)| p);
        // The last start is past every placed label, so only stubs can block it; going
        // further out does not help there, so fall back to the preferred side.
        let (dx, top) =
            spot.unwrap_or((starts.last().copied().unwrap_or(SPACE), level(0, up_first)));
        labels[i].dx = dx;
        labels[i].top = top;
        done.push(i);
    }
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
fn tracks(wires: &mut [Wire], labels: &[SideLabel], width: f64) -> Result<(), f64> {
    let rects = labels
        .iter()
        .map(|l| (l.right, l.rect(width)))
        .collect::<Vec<_>>();
    let mut placed: Vec<usize> = Vec::new();
    for i in track_order(wires) {
        let w = &wires[i];
        let (lo, hi) = w.span();
        let mut lower = STUB;
        let mut upper = if w.is_loop {
            width - TRACK
        } else {
            width - STUB
        };
        let left_ys: &[f64] = if w.is_loop { &[w.a, w.b] } else { &[w.a] };
        for &(right_side, [x0, y0, x1, y1]) in &rects {
            let within = |y: f64| y > y0 - 1.0 && y < y1 + 1.0;
            if right_side && left_ys.iter().any(|&y| within(y)) {
                upper = upper.min(x0 - SPACE);
            }
            if !right_side && !w.is_loop && within(w.b) {
                lower = lower.max(x1 + SPACE);
            }
        }
        for &j in &placed {
            let f = &wires[j];
            let same_dir = !f.is_loop && !w.is_loop && (f.b > f.a) == (w.b > w.a);
            let (flo, fhi) = f.span();
            let overlap = flo < hi && lo < fhi;
            if same_dir && overlap && (f.a - w.a) * (f.b - w.b) >= 0.0 {
                lower = lower.max(f.x + TRACK);
            }
            let f_left: &[f64] = if f.is_loop { &[f.a, f.b] } else { &[f.a] };
            if !w.is_loop && f_left.iter().any(|&y| (y - w.b).abs() < 0.5) {
                lower = lower.max(f.x + TRACK / 2.0);
            }
        }
        // Every obstacle pushes x strictly past itself at most once (the tolerance keeps a
        // rounding error from pushing twice), so the passes are bounded.
        let mut x = lower;
        for _ in 0..=placed.len() + rects.len() {
            let mut moved = false;
            for &j in &placed {
                let (flo, fhi) = wires[j].span();
                if (x - wires[j].x).abs() < TRACK - EPS && flo < hi + SPACE && lo < fhi + SPACE {
                    x = wires[j].x + TRACK;
                    moved = true;
                }
            }
            for &(_, [x0, y0, x1, y1]) in &rects {
                if x > x0 - SPACE && x < x1 + SPACE - EPS && y0 < hi && lo < y1 {
                    x = x1 + SPACE;
                    moved = true;
                }
            }
            if !moved || x > upper {
                break;
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
