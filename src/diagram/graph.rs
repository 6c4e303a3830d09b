//! The ER graph read off a `Schema`: one sized box per table and one link per foreign key,
//! carrying the relationship ends (`Role.users`, `User.role`) that join over it.

use super::text::{text_width, BODY_FONT, LABEL_FONT, TAG_FONT};
use super::{EdgeKind, End, Row, TableBox};
use crate::schema::{Direction, Relationship, Schema, Table};
use std::collections::BTreeMap;

/// Height of the header (class and table name).
pub(crate) const HEADER_H: f64 = 26.0;
/// Height of one column row.
pub(crate) const ROW_H: f64 = 20.0;
/// Horizontal padding inside a box.
pub(crate) const PAD_X: f64 = 8.0;
/// Gap between the name, type and marker columns of a row.
pub(crate) const COL_GAP: f64 = 14.0;
/// Height of a relationship label.
pub(crate) const LABEL_H: f64 = 12.0;
const MIN_BOX_W: f64 = 120.0;

/// A table box before it has a position.
pub(crate) struct Node {
    pub(crate) table: TableBox,
}

/// A relationship attribute to write at one end of a link.
#[derive(Clone, Debug)]
pub(crate) struct LabelSpec {
    pub(crate) text: String,
    pub(crate) lazy: Option<String>,
    pub(crate) width: f64,
}

/// One foreign key: from the FK column's row to the referenced column's row.
pub(crate) struct Link {
    pub(crate) from: usize,
    pub(crate) from_row: usize,
    pub(crate) to: usize,
    pub(crate) to_row: usize,
    pub(crate) kind: EdgeKind,
    pub(crate) from_end: End,
    pub(crate) to_end: End,
    pub(crate) from_name: String,
    pub(crate) to_name: String,
    /// Every `"table.column"` of the key, local and referenced.
    from_cols: Vec<String>,
    to_cols: Vec<String>,
    pub(crate) from_labels: Vec<LabelSpec>,
    pub(crate) to_labels: Vec<LabelSpec>,
}

/// Boxes and links of one schema, in definition order.
pub(crate) struct ErGraph {
    pub(crate) nodes: Vec<Node>,
    pub(crate) links: Vec<Link>,
}

/// Reads the boxes and links off a schema. Keys to unknown tables are skipped.
pub(crate) fn build(schema: &Schema) -> ErGraph {
    let association = |t: &Table| {
        t.model.is_none()
            && (t.foreign_keys.len() >= 2
                || schema
                    .relationships
                    .iter()
                    .any(|r| r.secondary.as_deref() == Some(t.name.as_str())))
    };
    let nodes = schema
        .tables
        .iter()
        .map(|t| Node {
            table: table_box(t, association(t)),
        })
        .collect::<Vec<_>>();
    let index = |name: &str| schema.tables.iter().position(|t| t.name == name);
    let mut links = Vec::new();
    for (from, t) in schema.tables.iter().enumerate() {
        for fk in &t.foreign_keys {
            let (Some(to), Some(col)) = (index(&fk.ref_table), fk.columns.first()) else {
                continue;
            };
            let Some(target) = schema.tables.get(to) else {
                continue;
            };
            let ref_col = fk
                .ref_columns
                .first()
                .or_else(|| target.primary_key.first())
                .cloned()
                .unwrap_or_default();
            let row_of = |t: &Table, c: &str| t.columns.iter().position(|x| x.name == c);
            let unique = fk.columns.len() == 1
                && (t.column(col).is_some_and(|c| c.unique)
                    || t.primary_key == fk.columns
                    || t.unique_constraints.iter().any(|u| u.columns == fk.columns));
            let kind = if association(t) {
                EdgeKind::ManyToMany
            } else if from == to {
                EdgeKind::SelfRef
            } else if unique {
                EdgeKind::OneToOne
            } else {
                EdgeKind::OneToMany
            };
            links.push(Link {
                from,
                from_row: row_of(t, col).unwrap_or(0),
                to,
                to_row: row_of(target, &ref_col).unwrap_or(0),
                kind,
                from_end: if unique { End::One } else { End::Many },
                to_end: End::One,
                from_name: format!("{}.{}", t.name, col),
                to_name: format!("{}.{}", fk.ref_table, ref_col),
                from_cols: fk
                    .columns
                    .iter()
                    .map(|c| format!("{}.{c}", t.name))
                    .collect(),
                to_cols: fk
                    .ref_columns
                    .iter()
                    .map(|c| format!("{}.{c}", fk.ref_table))
                    .collect(),
                from_labels: Vec::new(),
                to_labels: Vec::new(),
            });
        }
    }
    let names = schema
        .tables
        .iter()
        .map(|t| t.name.as_str())
        .collect::<Vec<_>>();
    // Every (key column, referenced column) pair, to find a relationship's link by its pairs.
    let mut by_pair = BTreeMap::new();
    for (i, k) in links.iter().enumerate() {
        for f in &k.from_cols {
            for t in &k.to_cols {
                by_pair.entry((f.clone(), t.clone())).or_insert(i);
            }
        }
    }
    for r in &schema.relationships {
        let found = r.pairs.iter().find_map(|(l, rm)| {
            let get = |a: &String, b: &String| by_pair.get(&(a.clone(), b.clone())).copied();
            get(l, rm).or_else(|| get(rm, l))
        });
        attach(&mut links, r, &names, found);
    }
    ErGraph { nodes, links }
}

/// Puts a relationship end's label on the link it joins over, at the end of its own table.
/// `by_pairs` is the link its column pairs name, if any; else the first link between the
/// right tables.
fn attach(links: &mut [Link], r: &Relationship, names: &[&str], by_pairs: Option<usize>) {
    let name = |i: usize| names.get(i).copied().unwrap_or("");
    let by_tables = || {
        links.iter().position(|k| {
            let (f, t) = (name(k.from), name(k.to));
            match (r.direction, r.secondary.as_deref()) {
                (Direction::ManyToMany, Some(sec)) => f == sec && t == r.table,
                (Direction::ManyToOne, _) => f == r.table && t == r.target_table,
                _ => f == r.target_table && t == r.table,
            }
        })
    };
    let Some(link) = by_pairs.or_else(by_tables).and_then(|i| links.get_mut(i)) else {
        return;
    };
    let (f, t) = (name(link.from), name(link.to));
    let at_from = if f == r.table && t != r.table {
        true
    } else if t == r.table && f != r.table {
        false
    } else {
        r.direction == Direction::ManyToOne
    };
    if r.direction == Direction::OneToMany && !r.uselist && link.kind == EdgeKind::OneToMany {
        link.kind = EdgeKind::OneToOne;
        link.from_end = End::One;
    }
    let text = format!("{}.{}", r.model, r.attr);
    let lazy = (r.lazy != "select").then(|| r.lazy.clone());
    // 2 px padding each side; the tag gets 3 px before it and 3 px inside each side.
    let width = text_width(&text, LABEL_FONT)
        + 4.0
        + lazy.as_ref().map_or(0.0, |l| text_width(l, TAG_FONT) + 9.0);
    let spec = LabelSpec { text, lazy, width };
    if at_from {
        link.from_labels.push(spec);
    } else {
        link.to_labels.push(spec);
    }
}

/// Markers of one column, in the order the row shows them.
fn markers(t: &Table, name: &str) -> Vec<&'static str> {
    let Some(c) = t.column(name) else {
        return Vec::new();
    };
    let indexed = c.index
        || t.indexes
            .iter()
            .any(|i| i.columns.iter().any(|x| x == name));
    [
        (
            c.primary_key || t.primary_key.iter().any(|p| p == name),
            "PK",
        ),
        (t.foreign_key_of(name).is_some(), "FK"),
        (c.unique, "UQ"),
        (indexed, "IX"),
        (c.nullable && !c.primary_key, "NULL"),
    ]
    .into_iter()
    .filter_map(|(on, m)| on.then_some(m))
    .collect()
}

/// Width of a row's markers, each drawn as a small pill.
pub(crate) fn markers_width(markers: &[&str]) -> f64 {
    markers.iter().map(|m| text_width(m, TAG_FONT) + 9.0).sum()
}

/// Width of the name column of a box (the type column starts after it).
pub(crate) fn name_column(rows: &[Row]) -> f64 {
    rows.iter()
        .map(|r| text_width(&r.name, BODY_FONT))
        .fold(0.0, f64::max)
}

/// The header's title and subtitle: class and table name, or table name and its role.
pub(crate) fn header(t: &TableBox) -> (&str, &str) {
    match &t.model {
        Some(m) => (m.as_str(), t.name.as_str()),
        None if t.association => (t.name.as_str(), "association"),
        None => (t.name.as_str(), "table"),
    }
}

fn table_box(t: &Table, association: bool) -> TableBox {
    let rows = t
        .columns
        .iter()
        .map(|c| Row {
            name: c.name.clone(),
            type_name: c.sql_type.python_name(),
            markers: markers(t, &c.name),
        })
        .collect::<Vec<_>>();
    let type_col = rows
        .iter()
        .map(|r| text_width(&r.type_name, BODY_FONT))
        .fold(0.0, f64::max);
    let marker_col = rows
        .iter()
        .map(|r| markers_width(&r.markers))
        .fold(0.0, f64::max);
    let body = PAD_X * 2.0 + name_column(&rows) + COL_GAP + type_col + COL_GAP + marker_col;
    let mut b = TableBox {
        name: t.name.clone(),
        x: 0.0,
        y: 0.0,
        width: 0.0,
        height: HEADER_H + ROW_H * rows.len().max(1) as f64,
        model: t.model.clone(),
        association,
        header_height: HEADER_H,
        row_height: ROW_H,
        rows,
    };
    let (title, sub) = header(&b);
    let head = PAD_X * 2.0 + text_width(title, BODY_FONT) + COL_GAP + text_width(sub, LABEL_FONT);
    b.width = body.max(head).max(MIN_BOX_W).ceil();
    b
}
