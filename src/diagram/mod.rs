//! The ER diagram as plain data: graph from a `Schema`, layered layout, geometry (boxes,
//! ports, edges, labels) and an SVG writer. Knows nothing of Yew or web-sys.
//!
//! Pipeline: [`graph`] turns a `Schema` into boxes (one per table, sized by the [`text`] width
//! model) and links (one per foreign key, with the relationship ends that use it); then
//! [`columns`] ranks the tables (parents left of children) and, when that would make a
//! strip, folds the ranks back and forth over fewer columns; [`layering`] splits long links
//! at every column they pass; [`ordering`] orders each column to cut [`crossings`];
//! [`placement`] chooses vertical positions, and [`assemble`] has [`channel`] route the
//! orthogonal edges in the gaps between columns, where [`labels`] places the relationship
//! labels; [`frame`] puts the result on the canvas. [`layout`] tries a few rankings and
//! folds and keeps the best drawing; [`relayout`] lays out an edited schema keeping the
//! previous drawing's plan. Pinned boxes (dragged by the visitor; saved and read back
//! safely by [`pins`]) are honoured by [`free_route`], which re-routes around them. [`quality`] measures any `Diagram` (ours or
//! Graphviz's) the same way; [`svg`] draws one, placing each part where [`shapes`] says, as
//! the page's own drawing does.
//!
//! `layout` is deterministic and needs nothing from the host. Natively, 200 tables take about
//! 22–30 ms in the release profile (opt-level "z", LTO) on a busy 2-core machine, about
//! 12 ms at opt-level 3; `cargo bench --bench diagram_layout` measures it against Graphviz.
//!
//! Invariants, checked by the tests on every fixture: boxes never overlap, edges never pass
//! through a box other than their own two, labels never overlap each other or a box, and the
//! same input always gives the same output.

mod assemble;
mod channel;
mod columns;
mod crossings;
mod fan;
mod frame;
mod free_route;
mod graph;
mod judge;
mod labels;
mod layering;
mod layout;
mod ordering;
pub mod pins;
mod placement;
pub mod quality;
mod relayout;
pub mod shapes;
mod svg;
pub mod text;

use serde::Serialize;
use std::collections::BTreeMap;

pub use columns::Plan;
pub use layout::{boxes, layout, with_pins};
pub use quality::{measure, Quality};
pub use svg::{to_svg, SvgOptions, Theme};

/// A point `[x, y]` in diagram pixels (y grows downwards, as in SVG).
pub type Point = [f64; 2];

/// The laid-out diagram: what the SVG writer draws and what the UI serialises to JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diagram {
    pub tables: Vec<TableBox>,
    pub edges: Vec<Edge>,
    pub labels: Vec<Label>,
    /// The canvas size (everything lies inside `0..width`, `0..height`).
    pub width: f64,
    pub height: f64,
    /// How the columns were chosen, for the next layout after an edit (not serialised).
    #[serde(skip)]
    pub plan: Option<Plan>,
}

impl Diagram {
    /// The part of the canvas worth showing, `[x, y, width, height]`: the drawing plus its
    /// margin. A layout kept stable against a previous one can leave empty canvas above or
    /// left of the drawing (tables stayed where they were, the ones before them went).
    pub fn extent(&self) -> [f64; 4] {
        match frame::bounds(self) {
            Some([x0, y0, x1, y1]) => [
                x0 - frame::MARGIN,
                y0 - frame::MARGIN,
                x1 - x0 + 2.0 * frame::MARGIN,
                y1 - y0 + 2.0 * frame::MARGIN,
            ],
            None => [0.0, 0.0, self.width, self.height],
        }
    }

    /// A copy moved so the drawing starts at the margin, on a canvas as large as its
    /// `extent`: what a file exported from a stable layout should hold.
    pub fn cropped(&self) -> Diagram {
        let mut d = self.clone();
        frame::normalise(&mut d);
        frame::round(&mut d);
        d
    }
}

/// One table's box: header (class and table name) and one row per column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableBox {
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The mapped class, `None` for a `db.Table`.
    pub model: Option<String>,
    /// An association table of a many-to-many (drawn distinctly).
    pub association: bool,
    pub header_height: f64,
    pub row_height: f64,
    pub rows: Vec<Row>,
}

/// One column of a table box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub name: String,
    /// The type as the learner wrote it: `String(64)`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// `PK`, `FK`, `UQ` (unique), `IX` (indexed), `NULL` (nullable), in that order.
    pub markers: Vec<&'static str>,
}

/// One foreign key drawn from the FK column's row to the referenced column's row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// `"table.column"` of the (first) foreign-key column.
    pub from: String,
    /// `"table.column"` of the referenced column.
    pub to: String,
    pub kind: EdgeKind,
    /// Cardinality drawn at the `from` end and at the `to` end.
    pub from_end: End,
    pub to_end: End,
    /// Orthogonal polyline from the `from` port to the `to` port.
    pub points: Vec<Point>,
    /// The relationship attributes that join over this key (`Role.users`, `User.role`).
    pub relationships: Vec<String>,
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    OneToMany,
    OneToOne,
    /// A key of an association table: half of a many-to-many.
    ManyToMany,
    /// A key referencing its own table (adjacency list), drawn as a loop.
    #[serde(rename = "self")]
    SelfRef,
}

/// Crow's-foot cardinality at one end of an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum End {
    One,
    Many,
}

/// A relationship attribute written next to its own end of an edge: `Role.users`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The loading strategy when it is not the default `select` (`dynamic`, `joined`, ...).
    pub lazy: Option<String>,
    /// Index into `edges` of the edge it labels.
    pub edge: usize,
    /// The table whose end it labels.
    pub table: String,
}

/// What the layout may take from the visitor and from the previous layout.
#[derive(Clone, Debug, Default)]
pub struct LayoutOptions {
    /// Tables the visitor dragged: their top-left corner stays exactly here and every edge is
    /// routed around them.
    pub pinned: BTreeMap<String, Point>,
    /// The layout shown before an edit: tables keep their columns, their order and their
    /// heights (and passing links theirs), so adding a table or editing a column moves
    /// little. New content above or left of everything shifts the drawing as a whole
    /// (coordinates stay non-negative); the UI can pan that away.
    pub previous: Option<Diagram>,
}
