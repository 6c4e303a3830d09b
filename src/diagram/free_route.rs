//! Pinned boxes: the visitor dragged some tables, so they stay exactly where dropped, the
//! other boxes keep their layered place unless a pinned box sits on them (then they step
//! down), and every edge is re-routed around all boxes by a shortest orthogonal path with a
//! price per bend on the grid of box sides. Labels go to the first free spot near their end.

use super::frame::{simplify, size};
use super::graph::{ErGraph, HEADER_H, LABEL_H, ROW_H};
use super::placement::BOX_GAP;
use super::{Diagram, Label, Point};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// Room kept between an edge and any box.
const CLEAR: f64 = 8.0;
/// Straight stub out of a port (longer than `CLEAR`, room for the crow's foot).
const STUB: f64 = 18.0;
/// Price of one bend, in tenths of a pixel of length.
const BEND: u64 = 240;

/// Price of running along a stretch another link already uses (tenths of a px).
const SHARED: u64 = 400;
/// Spacing of staggered stubs.
const TRACK: f64 = 8.0;

type Rect = [f64; 4];

/// Stretches already taken by routed links, by line: (horizontal?, the line's coordinate in
/// tenths of a px) → spans along it.
struct Used(BTreeMap<(bool, i64), Vec<(f64, f64)>>);

impl Used {
    fn new() -> Used {
        Used(BTreeMap::new())
    }

    fn key(a: Point, b: Point) -> ((bool, i64), f64, f64) {
        let horizontal = (a[1] - b[1]).abs() < 1e-6;
        let (line, p, q) = if horizontal {
            (a[1], a[0], b[0])
        } else {
            (a[0], a[1], b[1])
        };
        (
            (horizontal, (line * 10.0).round() as i64),
            p.min(q),
            p.max(q),
        )
    }

    fn add(&mut self, a: Point, b: Point) {
        let (k, lo, hi) = Used::key(a, b);
        self.0.entry(k).or_default().push((lo, hi));
    }

    fn covers(&self, a: Point, b: Point) -> bool {
        let (k, lo, hi) = Used::key(a, b);
        self.0
            .get(&k)
            .is_some_and(|spans| spans.iter().any(|&(p, q)| p < hi - 1e-6 && lo < q - 1e-6))
    }
}

/// Applies the pins to a laid-out diagram and re-routes edges and labels around them.
/// Pinned corners are clamped to the canvas (no negative coordinates).
pub(crate) fn pin(d: &mut Diagram, g: &ErGraph, pinned: &BTreeMap<String, Point>) {
    let mut fixed: Vec<Rect> = Vec::new();
    for t in &mut d.tables {
        if let Some(p) = pinned.get(&t.name) {
            t.x = p[0].max(0.0);
            t.y = p[1].max(0.0);
            fixed.push([t.x, t.y, t.x + t.width, t.y + t.height]);
        }
    }
    let mut free = (0..d.tables.len())
        .filter(|&i| !pinned.contains_key(&d.tables[i].name))
        .collect::<Vec<_>>();
    free.sort_by(|&a, &b| d.tables[a].y.total_cmp(&d.tables[b].y).then(a.cmp(&b)));
    for i in free {
        let t = &mut d.tables[i];
        for _ in 0..=fixed.len() {
            let hit = fixed.iter().find(|r| {
                r[0] < t.x + t.width + BOX_GAP
                    && t.x < r[2] + BOX_GAP
                    && r[1] < t.y + t.height + BOX_GAP
                    && t.y < r[3] + BOX_GAP
            });
            match hit {
                Some(r) => t.y = r[3] + BOX_GAP,
                None => break,
            }
        }
        fixed.push([t.x, t.y, t.x + t.width, t.y + t.height]);
    }
    let boxes = d
        .tables
        .iter()
        .map(|t| [t.x, t.y, t.x + t.width, t.y + t.height])
        .collect::<Vec<_>>();
    let obstacles = boxes
        .iter()
        .map(|r| [r[0] - CLEAR, r[1] - CLEAR, r[2] + CLEAR, r[3] + CLEAR])
        .collect::<Vec<_>>();
    let mut ends = Vec::new();
    let mut used = Used::new();
    let mut stubs = BTreeMap::<(usize, bool), f64>::new();
    for (edge, (e, k)) in d.edges.iter_mut().zip(&g.links).enumerate() {
        let (Some(a), Some(b)) = (boxes.get(k.from), boxes.get(k.to)) else {
            continue;
        };
        let (fa, fb) = if k.from == k.to {
            (1.0, 1.0)
        } else if b[0] > a[2] {
            (1.0, -1.0)
        } else if b[2] < a[0] {
            (-1.0, 1.0)
        } else {
            (1.0, 1.0)
        };
        let port = |r: &Rect, row: usize, f: f64| {
            let x = if f > 0.0 { r[2] } else { r[0] };
            [x, r[1] + HEADER_H + ROW_H * row as f64 + ROW_H / 2.0]
        };
        let (p, q) = (port(a, k.from_row, fa), port(b, k.to_row, fb));
        // Links leaving one side of a box get stubs of different lengths, so they turn on
        // different lines instead of sharing one.
        let mut stub = |table: usize, f: f64, p: Point| {
            let n = stubs.entry((table, f > 0.0)).or_insert(0.0);
            let len = STUB + TRACK * (*n % 4.0);
            *n += 1.0;
            let s = [p[0] + f * len, p[1]];
            let clear = !obstacles
                .iter()
                .any(|r| r[0] < s[0] && s[0] < r[2] && r[1] < s[1] && s[1] < r[3]);
            if clear {
                s
            } else {
                [p[0] + f * STUB, p[1]]
            }
        };
        let (s, t) = (stub(k.from, fa, p), stub(k.to, fb, q));
        let dirs = (if fa > 0.0 { 0 } else { 1 }, if fb > 0.0 { 1 } else { 0 });
        let inner = [60.0, 300.0, f64::INFINITY]
            .iter()
            .find_map(|&pad| search(&obstacles, &used, (s, dirs.0), (t, dirs.1), pad))
            .unwrap_or_else(|| vec![s, [s[0], t[1]], t]);
        for w in inner.windows(2) {
            used.add(w[0], w[1]);
        }
        let mut pts = vec![p];
        pts.extend(inner);
        pts.push(q);
        e.points = simplify(pts);
        ends.push((edge, k.from, p, fa, &k.from_labels));
        ends.push((edge, k.to, q, fb, &k.to_labels));
    }
    let segments = d
        .edges
        .iter()
        .flat_map(|e| e.points.windows(2).map(|w| (w[0], w[1])))
        .collect::<Vec<_>>();
    let mut placed: Vec<Rect> = Vec::new();
    d.labels.clear();
    for (edge, table, p, dir, specs) in ends {
        for s in specs {
            let r = spot(p, dir, s.width, &boxes, &placed, &segments);
            placed.push(r);
            d.labels.push(Label {
                text: s.text.clone(),
                x: r[0],
                y: r[1],
                width: s.width,
                height: LABEL_H,
                lazy: s.lazy.clone(),
                edge,
                table: d
                    .tables
                    .get(table)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
            });
        }
    }
    size(d);
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn cuts(r: &Rect, (a, b): &(Point, Point)) -> bool {
    let (x0, x1) = (a[0].min(b[0]), a[0].max(b[0]));
    let (y0, y1) = (a[1].min(b[1]), a[1].max(b[1]));
    x0 < r[2] && r[0] < x1.max(x0 + 0.01) && y0 < r[3] && r[1] < y1.max(y0 + 0.01)
}

/// The first free place for a label near port `p` (whose stub leaves in direction `dir`):
/// on the stub, then on rings around the port, avoiding edges if possible; below the whole
/// drawing if nothing near is free.
fn spot(
    p: Point,
    dir: f64,
    w: f64,
    boxes: &[Rect],
    placed: &[Rect],
    segs: &[(Point, Point)],
) -> Rect {
    let at = |x: f64, y: f64| [x, y, x + w, y + LABEL_H];
    let mut candidates = Vec::new();
    for k in 0..3 {
        let off = 3.0 + k as f64 * (w + 4.0);
        let x = if dir > 0.0 {
            p[0] + off
        } else {
            p[0] - off - w
        };
        candidates.push(at(x, p[1] - LABEL_H - 6.0));
        candidates.push(at(x, p[1] + 6.0));
    }
    for ring in 1..=8 {
        let r = ring as f64 * (LABEL_H + 4.0);
        for (cx, cy) in [
            (0.0, -1.0),
            (0.0, 1.0),
            (1.0, 0.0),
            (-1.0, 0.0),
            (1.0, -1.0),
            (1.0, 1.0),
            (-1.0, -1.0),
            (-1.0, 1.0),
        ] {
            let x = p[0] + dir * 3.0 + cx * r * 2.0 + if dir > 0.0 { 0.0 } else { -w };
            candidates.push(at(x, p[1] - LABEL_H / 2.0 + cy * r));
        }
    }
    let clear = |c: &Rect| {
        let grown = [c[0] - 1.0, c[1] - 1.0, c[2] + 1.0, c[3] + 1.0];
        !boxes.iter().any(|b| overlaps(&grown, b)) && !placed.iter().any(|l| overlaps(&grown, l))
    };
    let off_edges = |c: &Rect| !segs.iter().any(|s| cuts(c, s));
    // Off every edge if that is possible near the port (the stub spots and two rings),
    // else the nearest spot clear of boxes and labels.
    candidates
        .iter()
        .take(22)
        .find(|c| clear(c) && off_edges(c))
        .or_else(|| candidates.iter().find(|c| clear(c)))
        .copied()
        .unwrap_or_else(|| {
            let bottom = boxes
                .iter()
                .chain(placed)
                .map(|r| r[3])
                .fold(p[1], f64::max);
            at(p[0].max(0.0), bottom + 4.0)
        })
}

/// Shortest orthogonal path from `s` (leaving in direction `s_dir`) to `t` (arriving in
/// direction `t_dir`) — length plus a price per bend — on the grid of obstacle sides within
/// `pad` of the two points, never through an obstacle. Directions: +x, −x, +y, −y.
fn search(
    obstacles: &[Rect],
    used: &Used,
    (s, s_dir): (Point, usize),
    (t, t_dir): (Point, usize),
    pad: f64,
) -> Option<Vec<Point>> {
    let near = |r: &&Rect| {
        r[2] > s[0].min(t[0]) - pad
            && r[0] < s[0].max(t[0]) + pad
            && r[3] > s[1].min(t[1]) - pad
            && r[1] < s[1].max(t[1]) + pad
    };
    let obs = obstacles.iter().filter(near).collect::<Vec<_>>();
    let mut xs = vec![s[0], t[0]];
    let mut ys = vec![s[1], t[1]];
    for r in &obs {
        xs.extend([r[0], r[2]]);
        ys.extend([r[1], r[3]]);
    }
    for v in [&mut xs, &mut ys] {
        v.sort_by(f64::total_cmp);
        v.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
        let (lo, hi) = (
            v.first().copied().unwrap_or(0.0),
            v.last().copied().unwrap_or(0.0),
        );
        v.insert(0, lo - CLEAR);
        v.push(hi + CLEAR);
    }
    let (nx, ny) = (xs.len(), ys.len());
    let inside = |v: f64, lo: f64, hi: f64| v > lo + 1e-6 && v < hi - 1e-6;
    // Node or unit-step blocked when strictly inside an obstacle.
    let mut node = vec![false; nx * ny];
    let mut h_step = vec![false; nx * ny];
    let mut v_step = vec![false; nx * ny];
    for r in &obs {
        for j in 0..ny {
            for i in 0..nx {
                let (x, y) = (xs[i], ys[j]);
                let id = j * nx + i;
                node[id] |= inside(x, r[0], r[2]) && inside(y, r[1], r[3]);
                if let Some(&x2) = xs.get(i + 1) {
                    h_step[id] |= inside(y, r[1], r[3]) && inside((x + x2) / 2.0, r[0], r[2]);
                }
                if let Some(&y2) = ys.get(j + 1) {
                    v_step[id] |= inside(x, r[0], r[2]) && inside((y + y2) / 2.0, r[1], r[3]);
                }
            }
        }
    }
    let find = |v: &[f64], p: f64| v.iter().position(|&c| (c - p).abs() < 1e-6);
    let start = find(&ys, s[1])? * nx + find(&xs, s[0])?;
    let goal = find(&ys, t[1])? * nx + find(&xs, t[0])?;
    let mut cost = vec![u64::MAX; nx * ny * 4];
    let mut back = vec![usize::MAX; nx * ny * 4];
    let mut heap = BinaryHeap::new();
    cost[start * 4 + s_dir] = 0;
    heap.push(Reverse((0u64, start * 4 + s_dir)));
    let mut reached: Option<(u64, usize)> = None;
    while let Some(Reverse((c, state))) = heap.pop() {
        if reached.is_some_and(|(best, _)| c >= best) {
            break;
        }
        if c > cost[state] {
            continue;
        }
        let (id, dir) = (state / 4, state % 4);
        if id == goal {
            let total = c + if dir == t_dir { 0 } else { BEND };
            if reached.is_none_or(|(best, _)| total < best) {
                reached = Some((total, state));
            }
            continue;
        }
        let (i, j) = (id % nx, id / nx);
        for (nd, next) in [(0, i + 1 < nx), (1, i > 0), (2, j + 1 < ny), (3, j > 0)] {
            if !next {
                continue;
            }
            let (to, open, len) = match nd {
                0 => (id + 1, !h_step[id], xs[i + 1] - xs[i]),
                1 => (id - 1, !h_step[id - 1], xs[i] - xs[i - 1]),
                2 => (id + nx, !v_step[id], ys[j + 1] - ys[j]),
                _ => (id - nx, !v_step[id - nx], ys[j] - ys[j - 1]),
            };
            if !open || (node[to] && to != goal) {
                continue;
            }
            let (a, b) = ([xs[i], ys[j]], [xs[to % nx], ys[to / nx]]);
            let shared = if used.covers(a, b) { SHARED } else { 0 };
            let step = (len * 10.0).round() as u64 + if nd == dir { 0 } else { BEND } + shared;
            let ns = to * 4 + nd;
            if c + step < cost[ns] {
                cost[ns] = c + step;
                back[ns] = state;
                heap.push(Reverse((c + step, ns)));
            }
        }
    }
    let mut state = reached?.1;
    let mut pts = Vec::new();
    for _ in 0..nx * ny * 4 {
        let id = state / 4;
        pts.push([xs[id % nx], ys[id / nx]]);
        match back.get(state) {
            Some(&prev) if prev != usize::MAX => state = prev,
            _ => break,
        }
    }
    pts.reverse();
    Some(simplify(pts))
}
