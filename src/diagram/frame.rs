//! The drawing's frame: bounds, moving everything onto the canvas (or back where the
//! previous layout had it), canvas size, rounding, and tidy polylines.

use super::{Diagram, Point, TableBox};
use std::collections::BTreeMap;

/// Empty space around the drawing.
pub(crate) const MARGIN: f64 = 16.0;

/// Drops repeated points and points in the middle of a straight run.
pub(crate) fn simplify(pts: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(pts.len());
    for p in pts {
        if out
            .last()
            .is_some_and(|q| (q[0] - p[0]).abs() < 1e-6 && (q[1] - p[1]).abs() < 1e-6)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let cross = (b[0] - a[0]) * (p[1] - b[1]) - (b[1] - a[1]) * (p[0] - b[0]);
            let forward = (b[0] - a[0]) * (p[0] - b[0]) + (b[1] - a[1]) * (p[1] - b[1]);
            if cross.abs() < 1e-6 && forward >= 0.0 {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The bounding box `[x0, y0, x1, y1]` of boxes, labels and edge points.
pub(crate) fn bounds(d: &Diagram) -> Option<[f64; 4]> {
    let rects = d
        .tables
        .iter()
        .map(|t| [t.x, t.y, t.x + t.width, t.y + t.height])
        .chain(
            d.labels
                .iter()
                .map(|l| [l.x, l.y, l.x + l.width, l.y + l.height]),
        )
        .chain(
            d.edges
                .iter()
                .flat_map(|e| e.points.iter().map(|p| [p[0], p[1], p[0], p[1]])),
        );
    rects.reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    })
}

/// Moves everything so the drawing starts at the margin, and sizes the canvas.
pub(crate) fn normalise(d: &mut Diagram) {
    let Some([x0, y0, _, _]) = bounds(d) else {
        d.width = 2.0 * MARGIN;
        d.height = 2.0 * MARGIN;
        return;
    };
    shift(d, MARGIN - x0, MARGIN - y0);
    size(d);
}

/// Moves the whole drawing so the tables the previous layout showed stay where they were
/// (by their median shift), as far as the canvas allows.
pub(crate) fn keep_in_place(d: &mut Diagram, prev: &BTreeMap<&str, &TableBox>) {
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let old = d
        .tables
        .iter()
        .filter_map(|t| prev.get(t.name.as_str()).map(|p| (t, p)));
    let dx = median(old.clone().map(|(t, p)| p.x - t.x).collect());
    let dy = median(old.map(|(t, p)| p.y - t.y).collect());
    let Some([x0, y0, _, _]) = bounds(d) else {
        return;
    };
    shift(d, dx.max(MARGIN - x0), dy.max(MARGIN - y0));
    size(d);
}

fn shift(d: &mut Diagram, dx: f64, dy: f64) {
    for t in &mut d.tables {
        t.x += dx;
        t.y += dy;
    }
    for l in &mut d.labels {
        l.x += dx;
        l.y += dy;
    }
    for p in d.edges.iter_mut().flat_map(|e| e.points.iter_mut()) {
        p[0] += dx;
        p[1] += dy;
    }
}

/// Sets the canvas to the drawing's far corner plus the margin.
pub(crate) fn size(d: &mut Diagram) {
    if let Some([_, _, x1, y1]) = bounds(d) {
        d.width = x1 + MARGIN;
        d.height = y1 + MARGIN;
    }
}

/// Rounds every coordinate to 1/100 px so the JSON stays short and stable.
pub(crate) fn round(d: &mut Diagram) {
    let r = |v: &mut f64| *v = (*v * 100.0).round() / 100.0;
    for t in &mut d.tables {
        [&mut t.x, &mut t.y, &mut t.width, &mut t.height]
            .into_iter()
            .for_each(r);
    }
    for l in &mut d.labels {
        [&mut l.x, &mut l.y, &mut l.width, &mut l.height]
            .into_iter()
            .for_each(r);
    }
    for p in d.edges.iter_mut().flat_map(|e| e.points.iter_mut()) {
        p.iter_mut().for_each(r);
    }
    r(&mut d.width);
    r(&mut d.height);
}

#[cfg(test)]
mod tests {
    use crate::diagram::{Diagram, Edge, EdgeKind, End, TableBox};

    fn far_from_the_corner() -> Diagram {
        Diagram {
            tables: vec![TableBox {
                name: "users".into(),
                x: 200.0,
                y: 100.0,
                width: 100.0,
                height: 50.0,
                model: None,
                association: false,
                header_height: 26.0,
                row_height: 20.0,
                rows: Vec::new(),
            }],
            edges: vec![Edge {
                from: "users.id".into(),
                to: "users.id".into(),
                kind: EdgeKind::SelfRef,
                from_end: End::Many,
                to_end: End::One,
                points: vec![
                    [300.0, 120.0],
                    [330.0, 120.0],
                    [330.0, 140.0],
                    [300.0, 140.0],
                ],
                relationships: Vec::new(),
            }],
            labels: Vec::new(),
            width: 346.0,
            height: 166.0,
            plan: None,
        }
    }

    #[test]
    fn the_extent_leaves_out_empty_canvas_above_and_left() {
        let d = far_from_the_corner();
        assert_eq!(d.extent(), [184.0, 84.0, 162.0, 82.0]);
    }

    #[test]
    fn a_cropped_copy_starts_at_the_margin() {
        let d = far_from_the_corner().cropped();
        assert_eq!((d.tables[0].x, d.tables[0].y), (16.0, 16.0));
        assert_eq!(d.edges[0].points[1], [146.0, 36.0]);
        assert_eq!((d.width, d.height), (162.0, 82.0));
        assert_eq!(d.extent(), [0.0, 0.0, 162.0, 82.0]);
    }
}
