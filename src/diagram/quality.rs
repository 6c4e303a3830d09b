//! Quality measures of any `Diagram` — ours, or Graphviz's read back into one — so the
//! tests and the benchmark judge both by the same rules.
//!
//! Hard (must be zero for ours): box overlaps, edges through foreign boxes, label overlaps
//! (label on label or label on box). Soft: crossings, bends, total edge length, area, aspect
//! ratio, labels lying on foreign edges.

use super::{Diagram, Point};
use serde::Serialize;

/// What `measure` found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Quality {
    /// Pairs of table boxes whose insides intersect.
    pub box_overlaps: usize,
    /// (edge, box) pairs where the edge passes through a box it does not connect.
    pub edges_through_boxes: usize,
    /// Pairs of labels, or of a label and a box, that intersect.
    pub label_overlaps: usize,
    /// Points where two different edges cross (touching where they share a port excluded).
    pub crossings: usize,
    /// Corners along the edges (turns of more than 10°).
    pub bends: usize,
    /// Total length of all edges, px.
    pub edge_length: f64,
    /// Width × height of the bounding box of boxes, labels and edges, px².
    pub area: f64,
    /// Longer side over shorter side of that bounding box (≥ 1).
    pub aspect_ratio: f64,
    /// (label, edge) pairs where an edge runs across a label that is not its own.
    pub labels_on_edges: usize,
}

type Rect = [f64; 4];

/// Insides of the two rectangles intersect (shrunk by `eps` so touching does not count).
fn overlap(a: &Rect, b: &Rect, eps: f64) -> bool {
    a[0] + eps < b[2] && b[0] + eps < a[2] && a[1] + eps < b[3] && b[1] + eps < a[3]
}

/// Whether segment `p`–`q` passes through the inside of `r` (shrunk by `eps`).
fn segment_hits(p: Point, q: Point, r: &Rect, eps: f64) -> bool {
    let (x0, y0, x1, y1) = (r[0] + eps, r[1] + eps, r[2] - eps, r[3] - eps);
    if x0 >= x1 || y0 >= y1 {
        return false;
    }
    // Liang–Barsky clipping: is any part of the segment strictly inside?
    let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (pk, qk) in [
        (-dx, p[0] - x0),
        (dx, x1 - p[0]),
        (-dy, p[1] - y0),
        (dy, y1 - p[1]),
    ] {
        if pk.abs() < 1e-12 {
            if qk <= 0.0 {
                return false;
            }
        } else {
            let t = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t1 - t0 > 1e-9
}

/// Proper intersection point of two segments (interiors cross, not parallel).
fn cross_point(a: Point, b: Point, c: Point, d: Point) -> Option<Point> {
    let r = [b[0] - a[0], b[1] - a[1]];
    let s = [d[0] - c[0], d[1] - c[1]];
    let den = r[0] * s[1] - r[1] * s[0];
    if den.abs() < 1e-12 {
        return None;
    }
    let t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den;
    let u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den;
    let eps = 1e-9;
    (t > eps && t < 1.0 - eps && u > eps && u < 1.0 - eps)
        .then(|| [a[0] + t * r[0], a[1] + t * r[1]])
}

fn dist(a: Point, b: Point) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// Measures a diagram.
pub fn measure(d: &Diagram) -> Quality {
    let boxes = d
        .tables
        .iter()
        .map(|t| [t.x, t.y, t.x + t.width, t.y + t.height])
        .collect::<Vec<Rect>>();
    let labels = d
        .labels
        .iter()
        .map(|l| [l.x, l.y, l.x + l.width, l.y + l.height])
        .collect::<Vec<Rect>>();
    let mut q = Quality::default();
    for (i, a) in boxes.iter().enumerate() {
        q.box_overlaps += boxes[i + 1..].iter().filter(|b| overlap(a, b, 0.5)).count();
    }
    for (i, a) in labels.iter().enumerate() {
        q.label_overlaps += labels[i + 1..]
            .iter()
            .filter(|b| overlap(a, b, 0.5))
            .count();
        q.label_overlaps += boxes.iter().filter(|b| overlap(a, b, 0.5)).count();
    }
    let table_of = |end: &str| {
        let name = end.rsplit_once('.').map_or(end, |(t, _)| t);
        d.tables.iter().position(|t| t.name == name)
    };
    for e in &d.edges {
        let own = [table_of(&e.from), table_of(&e.to)];
        for (i, b) in boxes.iter().enumerate() {
            if own.contains(&Some(i)) {
                continue;
            }
            if e.points
                .windows(2)
                .any(|w| segment_hits(w[0], w[1], b, 0.5))
            {
                q.edges_through_boxes += 1;
            }
        }
        for w in e.points.windows(2) {
            q.edge_length += dist(w[0], w[1]);
        }
        for w in e.points.windows(3) {
            let (u, v) = (
                [w[1][0] - w[0][0], w[1][1] - w[0][1]],
                [w[2][0] - w[1][0], w[2][1] - w[1][1]],
            );
            let (lu, lv) = (u[0].hypot(u[1]), v[0].hypot(v[1]));
            if lu > 1e-9
                && lv > 1e-9
                && (u[0] * v[0] + u[1] * v[1]) / (lu * lv) < 10f64.to_radians().cos()
            {
                q.bends += 1;
            }
        }
    }
    for (i, l) in d.labels.iter().enumerate() {
        for (j, e) in d.edges.iter().enumerate() {
            if j != l.edge
                && e.points
                    .windows(2)
                    .any(|w| segment_hits(w[0], w[1], &labels[i], 0.5))
            {
                q.labels_on_edges += 1;
            }
        }
    }
    q.crossings = crossings(d);
    if let Some(b) = super::frame::bounds(d) {
        let (w, h) = (b[2] - b[0], b[3] - b[1]);
        q.area = w * h;
        q.aspect_ratio = if w.min(h) > 0.0 {
            w.max(h) / w.min(h)
        } else {
            1.0
        };
    }
    q
}

/// Crossing points between different edges. Points within 3 px of an end both edges share
/// (a port two edges leave together) do not count.
fn crossings(d: &Diagram) -> usize {
    let bbox = |pts: &[Point]| {
        pts.iter()
            .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, p| {
                [
                    b[0].min(p[0]),
                    b[1].min(p[1]),
                    b[2].max(p[0]),
                    b[3].max(p[1]),
                ]
            })
    };
    let boxes = d.edges.iter().map(|e| bbox(&e.points)).collect::<Vec<_>>();
    let mut count = 0;
    for (i, e) in d.edges.iter().enumerate() {
        for (j, f) in d.edges.iter().enumerate().skip(i + 1) {
            let (a, b) = (&boxes[i], &boxes[j]);
            if a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3] {
                continue;
            }
            let ends = |x: &[Point]| [x.first().copied(), x.last().copied()];
            let shared = ends(&e.points)
                .into_iter()
                .flatten()
                .filter(|p| {
                    ends(&f.points)
                        .into_iter()
                        .flatten()
                        .any(|q| dist(*p, q) < 1.0)
                })
                .collect::<Vec<_>>();
            let mut found: Vec<Point> = Vec::new();
            for s in e.points.windows(2) {
                for t in f.points.windows(2) {
                    if let Some(p) = cross_point(s[0], s[1], t[0], t[1]) {
                        if shared.iter().all(|&c| dist(c, p) > 3.0)
                            && found.iter().all(|&c| dist(c, p) > 0.5)
                        {
                            found.push(p);
                        }
                    }
                }
            }
            count += found.len();
        }
    }
    count
}
