//! Where the parts of a laid-out diagram are drawn: a box's header texts, row texts and
//! marker pills, an edge's polyline and crow's-foot ends, a label's lazy tag. Both renderers
//! use these — the SVG writer (`to_svg`) and the page's own SVG elements — so an exported
//! file and the page always draw the same geometry.

use super::graph::{header, markers_width, name_column, COL_GAP, PAD_X};
use super::text::{text_width, LABEL_FONT, TAG_FONT};
use super::{Edge, EdgeKind, End, Label, Point, Row, TableBox};
use std::fmt::Write;

/// Left inset of a box's texts (header title and column names).
pub const TEXT_X: f64 = PAD_X;
/// Height of a marker pill (`PK`, `FK`, ...) and of a lazy tag.
pub const PILL_H: f64 = 11.0;
pub const TAG_H: f64 = 10.0;

/// The header's title and subtitle: class and table name, or table name and its role
/// (`association`, `table`).
pub fn title(t: &TableBox) -> (&str, &str) {
    header(t)
}

/// Baseline of the header's texts, from the box's top.
pub fn header_baseline(t: &TableBox) -> f64 {
    t.header_height / 2.0 + 4.0
}

/// Where the type column starts, from the box's left.
pub fn type_x(t: &TableBox) -> f64 {
    PAD_X + name_column(&t.rows) + COL_GAP
}

/// The vertical middle of row `i`, from the box's top.
pub fn row_mid(t: &TableBox, i: usize) -> f64 {
    t.header_height + t.row_height * (i as f64 + 0.5)
}

/// Baseline of row `i`'s texts, from the box's top.
pub fn row_baseline(t: &TableBox, i: usize) -> f64 {
    row_mid(t, i) + 4.0
}

/// One marker of a row, drawn as a small pill right-aligned in the box.
#[derive(Clone, Debug, PartialEq)]
pub struct Pill {
    pub text: &'static str,
    /// Left edge, from the box's left.
    pub x: f64,
    pub width: f64,
}

/// The pills of `row` in a box `t`, left to right.
pub fn pills(t: &TableBox, row: &Row) -> Vec<Pill> {
    let mut x = t.width - PAD_X - markers_width(&row.markers);
    row.markers
        .iter()
        .map(|m| {
            let width = text_width(m, TAG_FONT) + 6.0;
            let pill = Pill { text: m, x, width };
            x += width + 3.0;
            pill
        })
        .collect()
}

/// Path data of an edge's polyline.
pub fn line_path(points: &[Point]) -> String {
    let mut s = String::with_capacity(16 * points.len());
    for (k, p) in points.iter().enumerate() {
        let _ = write!(
            s,
            "{}{} {}",
            if k == 0 { 'M' } else { 'L' },
            num(p[0]),
            num(p[1])
        );
    }
    s
}

/// Path data of an edge's two ends in crow's-foot notation (a double bar for one, toes and
/// a bar for many), each drawn along the edge's first or last segment.
pub fn ends_path(e: &Edge) -> String {
    let mut s = String::new();
    if let (Some(&a), Some(&b)) = (e.points.first(), e.points.get(1)) {
        mark(&mut s, a, b, e.from_end);
    }
    let last = e.points.len();
    if let (Some(&a), Some(&b)) = (
        e.points.get(last.wrapping_sub(1)),
        e.points.get(last.wrapping_sub(2)),
    ) {
        mark(&mut s, a, b, e.to_end);
    }
    s
}

/// Crow's-foot notation at end `p` of a segment towards `q`: a bar for one, toes for many.
fn mark(s: &mut String, p: Point, q: Point, end: End) {
    let len = ((q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)).sqrt();
    if len < 1e-6 {
        return;
    }
    let (ux, uy) = ((q[0] - p[0]) / len, (q[1] - p[1]) / len);
    let (nx, ny) = (-uy, ux);
    let at = |along: f64, side: f64| [p[0] + ux * along + nx * side, p[1] + uy * along + ny * side];
    let seg = |s: &mut String, a: Point, b: Point| {
        let _ = write!(
            s,
            "M{} {}L{} {}",
            num(a[0]),
            num(a[1]),
            num(b[0]),
            num(b[1])
        );
    };
    match end {
        End::One => {
            seg(s, at(8.0, -6.0), at(8.0, 6.0));
            seg(s, at(12.0, -6.0), at(12.0, 6.0));
        }
        End::Many => {
            seg(s, at(12.0, 0.0), at(0.0, -6.0));
            seg(s, at(12.0, 0.0), at(0.0, 6.0));
            seg(s, at(15.0, -6.0), at(15.0, 6.0));
        }
    }
}

/// An edge kind's name as the JSON has it (`one-to-many`), used as its class in drawings.
pub fn kind_name(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::OneToMany => "one-to-many",
        EdgeKind::OneToOne => "one-to-one",
        EdgeKind::ManyToMany => "many-to-many",
        EdgeKind::SelfRef => "self",
    }
}

/// Baseline of a label's text.
pub fn label_baseline(l: &Label) -> f64 {
    l.y + 9.0
}

/// Left edge of a label's text.
pub fn label_text_x(l: &Label) -> f64 {
    l.x + 2.0
}

/// Where a label's lazy tag goes (left edge and width), if it has one.
pub fn lazy_tag(l: &Label) -> Option<(f64, f64)> {
    let lazy = l.lazy.as_ref()?;
    let x = l.x + 2.0 + text_width(&l.text, LABEL_FONT) + 3.0;
    Some((x, text_width(lazy, TAG_FONT) + 6.0))
}

/// A coordinate with at most two decimals, as the SVG writes it.
pub fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_json_names() {
        for k in [
            EdgeKind::OneToMany,
            EdgeKind::OneToOne,
            EdgeKind::ManyToMany,
            EdgeKind::SelfRef,
        ] {
            assert_eq!(serde_json::to_value(k).ok(), Some(kind_name(k).into()));
        }
    }

    fn edge(points: Vec<Point>, from_end: End) -> Edge {
        Edge {
            from: "users.role_id".into(),
            to: "roles.id".into(),
            kind: EdgeKind::OneToMany,
            from_end,
            to_end: End::One,
            points,
            relationships: Vec::new(),
        }
    }

    #[test]
    fn a_many_end_has_toes_and_a_one_end_two_bars() {
        let e = edge(vec![[0.0, 0.0], [100.0, 0.0]], End::Many);
        let d = ends_path(&e);
        // Toes meet 12 px in at the many end; bars stand 8 and 12 px in at the one end.
        assert!(d.starts_with("M12 0L0 -6M12 0L0 6M15 -6L15 6"), "{d}");
        assert!(d.ends_with("M92 6L92 -6M88 6L88 -6"), "{d}");
    }

    #[test]
    fn a_degenerate_edge_has_no_ends() {
        let e = edge(vec![[5.0, 5.0]], End::Many);
        assert_eq!(ends_path(&e), "");
        assert_eq!(line_path(&e.points), "M5 5");
    }

    #[test]
    fn pills_end_at_the_right_padding() {
        let t = TableBox {
            name: "users".into(),
            x: 0.0,
            y: 0.0,
            width: 200.0,
            height: 46.0,
            model: Some("User".into()),
            association: false,
            header_height: 26.0,
            row_height: 20.0,
            rows: vec![Row {
                name: "id".into(),
                type_name: "Integer".into(),
                markers: vec!["PK", "FK"],
            }],
        };
        let ps = pills(&t, &t.rows[0]);
        let last = ps.last().map(|p| p.x + p.width + 3.0).unwrap_or_default();
        assert_eq!(ps.len(), 2);
        assert!((last - (200.0 - TEXT_X)).abs() < 1e-9, "{ps:?}");
    }
}
