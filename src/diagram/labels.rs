//! Where each relationship label goes in a gap: beside its port's stub (above or below,
//! stacked, or further out along the stub), never over another label or another port's
//! stub, preferring spots that need no room in the gap (a label may reach over the far
//! column where nothing is at its height) and add no height to the drawing.

use super::channel::{Wire, MIN_GAP, SPACE};
use super::graph::LABEL_H;

/// Half the height of a crow's foot: labels keep this far from their stub.
const MARK_HALF: f64 = 6.0;
/// What one step down the preference list costs, in px of gap: a label moves further from
/// its port only to save more room than this.
pub(crate) const FARTHER: f64 = 30.0;
/// How many labels may stack on each side of one stub.
const LEVELS: usize = 4;

/// A label written on one of the gap's sides, next to the port of `wire` at `port_y`.
pub(crate) struct SideLabel {
    pub(crate) wire: usize,
    pub(crate) port_y: f64,
    /// The middle of the port's row (where `port_y` was before the links sharing the port
    /// got stubs of their own): labels of one port stack round all its stubs.
    pub(crate) port_mid: f64,
    pub(crate) width: f64,
    pub(crate) right: bool,
    /// Distance from its side and top y, once placed.
    pub(crate) dx: f64,
    pub(crate) top: f64,
}

impl SideLabel {
    /// How many rows of labels lie between this label and its port's stubs (0 beside
    /// them), counting the stubs of a shared port as within the row.
    pub(crate) fn rows_away(&self) -> f64 {
        let centre = self.top + LABEL_H / 2.0;
        let beside = LABEL_H / 2.0 + MARK_HALF + (self.port_y - self.port_mid).abs();
        let off = (centre - self.port_mid).abs() - beside;
        (off / (LABEL_H + 1.0)).max(0.0).round()
    }

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
    pub(crate) fn growth(&self, top: f64) -> f64 {
        self.ratio * ((self.top - top).max(0.0) + (top + LABEL_H - self.bottom).max(0.0))
    }

    /// Whether a label spanning `top..bottom` may reach `reach` px into the column.
    pub(crate) fn room(&self, right: bool, top: f64, bottom: f64, reach: f64) -> bool {
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

/// Puts each label of one side above or below its port's stub, further out when the spot
/// is taken, never across another port's stub. A lone label goes where its link does not
/// turn; labels sharing a port go towards their own link, so each reads as its branch's
/// (a straight link's label away from the others' turn), stacked round all the port's stubs.
/// `flip` swaps those preferences, except where links part ways at one port; `stack`
/// tries a second row on the preferred side before the other side; `swap` places the
/// labels of one port in the opposite order (the first placed is nearest its stub).
pub(crate) fn place_side(
    wires: &[Wire],
    labels: &mut [SideLabel],
    beside: &Beside,
    right: bool,
    (flip, stack, swap): (bool, bool, bool),
) {
    // Each stub on this side: its height and its port's row middle.
    let lines = wires
        .iter()
        .flat_map(|w| match (right, w.is_loop) {
            (false, true) => vec![(w.a, w.a_mid), (w.b, w.b_mid)],
            (false, false) => vec![(w.a, w.a_mid)],
            (true, false) => vec![(w.b, w.b_mid)],
            (true, true) => vec![],
        })
        .collect::<Vec<_>>();
    let mut todo = (0..labels.len())
        .filter(|&i| labels[i].right == right)
        .collect::<Vec<_>>();
    todo.sort_by(|&a, &b| {
        let order = if swap { b.cmp(&a) } else { a.cmp(&b) };
        labels[a]
            .port_mid
            .total_cmp(&labels[b].port_mid)
            .then(order)
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
        let (py, mid, w) = (labels[i].port_y, labels[i].port_mid, labels[i].width);
        // The port's stubs (one per link leaving it here) span `stubs`; its labels stack
        // above or below all of them.
        let own = |m: f64| (m - mid).abs() < 0.5;
        let stubs = lines
            .iter()
            .filter(|l| own(l.1))
            .fold((py, py), |(lo, hi), l| (lo.min(l.0), hi.max(l.0)));
        let near = done
            .iter()
            .copied()
            .filter(|&j| (labels[j].top - py).abs() < reach_y + LABEL_H)
            .collect::<Vec<_>>();
        let near_lines = lines
            .iter()
            .filter(|l| !own(l.1) && (l.0 - py).abs() < reach_y)
            .map(|l| l.0)
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
        // Which way a label's link turns after its stub: down, up, or (straight) none.
        let turns = |j: usize| {
            let wire = &wires[labels[j].wire];
            let py = labels[j].port_y;
            let other = match (right, wire.is_loop) {
                (true, _) => wire.a,
                (false, true) if (wire.a - py).abs() < 0.5 => wire.b,
                (false, true) => wire.a,
                (false, false) => wire.b,
            };
            ((other - py).abs() >= 0.5).then_some(other > py)
        };
        let same_port = |j: usize| labels[j].wire != labels[i].wire && own(labels[j].port_mid);
        let shared = todo.iter().any(|&j| same_port(j));
        // Beside the stub, then stacked further away (where no stub is in the way), before
        // moving out along the stub (which widens the gap).
        let down = turns(i).unwrap_or(!right);
        // Labels of links that part ways at one port go towards their own link (on the
        // other side each would read as the other's branch); a link going straight on
        // from a port where the others all turn one way has its label on the other side.
        let others = todo
            .iter()
            .filter(|&&j| same_port(j))
            .map(|&j| turns(j))
            .collect::<Vec<_>>();
        let toward = match turns(i) {
            Some(d) => others.iter().any(|&t| t != Some(d)).then_some(d),
            None => match others.first() {
                Some(&Some(e)) if others.iter().all(|&t| t == Some(e)) => Some(!e),
                _ => None,
            },
        };
        let parting = toward.is_some();
        let up_first = toward.map_or(down ^ shared ^ flip, |d| !d);
        let level = |k: usize, up: bool| {
            let step = k as f64 * (LABEL_H + 1.0);
            if up {
                stubs.0 - LABEL_H - MARK_HALF - step
            } else {
                stubs.1 + MARK_HALF + step
            }
        };
        // A parting label never goes to the other side, however much room that saves.
        let mut order = Vec::with_capacity(2 * LEVELS);
        for k in 0..LEVELS {
            order.push(level(k, up_first));
            if !stack && !parting {
                order.push(level(k, !up_first));
            }
        }
        if stack && !parting {
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
