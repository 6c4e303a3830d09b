//! The diagram layer's geometry as Yew SVG elements: table boxes (header with class and
//! table name, one row per column with its type and marker pills), foreign-key edges with
//! crow's-foot ends (many-to-many halves dashed), relationship labels with lazy tags.
//! Every visitor-typed string is a text node or an attribute value, so it is escaped by
//! construction. Where each part goes comes from `diagram::shapes`, as in `to_svg`.

use crate::diagram::shapes::{self, num};
use crate::diagram::{Diagram, Edge, EdgeKind, Label, TableBox};
use yew::prelude::*;

/// What the pointer or the keyboard is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Table(usize),
    Edge(usize),
}

/// The (table, row) at each end of an edge, found from its `"table.column"` names.
pub type Ends = (Option<(usize, usize)>, Option<(usize, usize)>);

fn end_of(d: &Diagram, name: &str) -> Option<(usize, usize)> {
    d.tables.iter().enumerate().find_map(|(i, t)| {
        let column = name.strip_prefix(t.name.as_str())?.strip_prefix('.')?;
        let row = t.rows.iter().position(|r| r.name == column)?;
        Some((i, row))
    })
}

/// Both ends of every edge.
pub fn ends(d: &Diagram) -> Vec<Ends> {
    d.edges
        .iter()
        .map(|e| (end_of(d, &e.from), end_of(d, &e.to)))
        .collect()
}

/// What a focus lights up: the focused part, the edges at a focused table, and both ends
/// (tables and rows) of every lit edge, with their labels.
#[derive(Default)]
pub struct Lit {
    pub focus: Option<Focus>,
    tables: Vec<bool>,
    edges: Vec<bool>,
    rows: Vec<(usize, usize)>,
}

impl Lit {
    pub fn of(d: &Diagram, ends: &[Ends], focus: Option<Focus>) -> Lit {
        let mut lit = Lit {
            focus,
            tables: vec![false; d.tables.len()],
            edges: vec![false; d.edges.len()],
            rows: Vec::new(),
        };
        let touches = |e: &Ends, t: usize| {
            e.0.is_some_and(|(a, _)| a == t) || e.1.is_some_and(|(b, _)| b == t)
        };
        for (i, e) in ends.iter().enumerate() {
            let on = match focus {
                Some(Focus::Edge(f)) => f == i,
                Some(Focus::Table(t)) => touches(e, t),
                None => false,
            };
            if !on {
                continue;
            }
            lit.edges[i] = true;
            for (t, row) in [e.0, e.1].into_iter().flatten() {
                lit.tables[t] = true;
                lit.rows.push((t, row));
            }
        }
        if let Some(Focus::Table(t)) = focus {
            if let Some(slot) = lit.tables.get_mut(t) {
                *slot = true;
            }
        }
        lit
    }

    fn table(&self, i: usize) -> bool {
        self.tables.get(i).copied().unwrap_or(false)
    }

    fn edge(&self, i: usize) -> bool {
        self.edges.get(i).copied().unwrap_or(false)
    }
}

/// How a part tells the diagram that the pointer entered or left it.
#[derive(Clone, PartialEq)]
pub struct Hover {
    pub on: Callback<Option<Focus>>,
    /// Enter or Space on a focused table.
    pub on_key_pick: Callback<String>,
}

impl Hover {
    fn enter(&self, f: Focus) -> Callback<PointerEvent> {
        self.on.reform(move |_| Some(f))
    }

    fn leave(&self) -> Callback<PointerEvent> {
        self.on.reform(|_| None)
    }
}

/// The tables of `d`; `moving` is the box being dragged, `pinned` says which were dragged.
pub fn tables(
    d: &Diagram,
    lit: &Lit,
    hover: &Hover,
    moving: Option<&str>,
    pinned: impl Fn(&str) -> bool,
) -> Html {
    d.tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let here = lit.focus == Some(Focus::Table(i));
            let rows_lit = lit
                .rows
                .iter()
                .filter(|(tt, _)| *tt == i)
                .map(|&(_, r)| r)
                .collect::<Vec<_>>();
            let class = classes!(
                "table",
                t.association.then_some("assoc"),
                lit.table(i).then_some("lit"),
                here.then_some("hover"),
                pinned(&t.name).then_some("pinned"),
                (moving == Some(t.name.as_str())).then_some("moving"),
            );
            let name = t.name.clone();
            let onkeydown = hover.on_key_pick.reform(move |_| name.clone());
            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    onkeydown.emit(());
                }
            });
            let what = match &t.model {
                Some(m) => format!("table {} of model {m}", t.name),
                None if t.association => format!("association table {}", t.name),
                None => format!("table {}", t.name),
            };
            html! {
                <g key={t.name.clone()} class={class} data-table={t.name.clone()}
                    transform={format!("translate({} {})", num(t.x), num(t.y))}
                    tabindex="0" role="group"
                    aria-label={format!("{what}; Enter shows its rows")}
                    onpointerenter={hover.enter(Focus::Table(i))}
                    onpointerleave={hover.leave()}
                    onfocus={hover.on.reform(move |_: FocusEvent| Some(Focus::Table(i)))}
                    onblur={hover.on.reform(|_: FocusEvent| None)}
                    {onkeydown}>
                    <title>{format!("{what} — click to show its rows, drag to move it")}</title>
                    {table_body(t, &rows_lit)}
                </g>
            }
        })
        .collect()
}

fn table_body(t: &TableBox, lit_rows: &[usize]) -> Html {
    let (w, hh) = (t.width, t.header_height);
    let (title, sub) = shapes::title(t);
    let base = num(shapes::header_baseline(t));
    // The table's own name is the class `name`, whichever side of the header it is on.
    let (title_class, sub_class) = if t.model.is_some() {
        ("title model", "sub name")
    } else {
        ("title name", "sub role")
    };
    let type_x = num(shapes::type_x(t));
    let rows: Html = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mid = shapes::row_mid(t, i);
            let y = num(shapes::row_baseline(t, i));
            let pills: Html = shapes::pills(t, r)
                .into_iter()
                .map(|p| {
                    html! {
                        <g class={format!("pill pill-{}", p.text.to_ascii_lowercase())}>
                            <rect x={num(p.x)} y={num(mid - shapes::PILL_H / 2.0)}
                                width={num(p.width)} height={num(shapes::PILL_H)} rx="2"/>
                            <text x={num(p.x + 3.0)} y={num(mid + 2.8)}>{p.text}</text>
                        </g>
                    }
                })
                .collect();
            let pk = r.markers.contains(&"PK");
            html! {
                <g class={classes!("row", lit_rows.contains(&i).then_some("lit"))}
                    data-column={r.name.clone()}>
                    <rect class="row-bg" x="1" y={num(mid - t.row_height / 2.0)}
                        width={num(w - 2.0)} height={num(t.row_height)}/>
                    <text class={classes!("col", pk.then_some("pk"))} x={num(shapes::TEXT_X)}
                        y={y.clone()}>{&r.name}</text>
                    <text class="type" x={type_x.clone()} {y}>{&r.type_name}</text>
                    {pills}
                </g>
            }
        })
        .collect();
    html! {
        <>
            <rect class="box" width={num(w)} height={num(t.height)} rx="4"/>
            <path class="head" d={format!(
                "M0.6 {h}V4a3.4 3.4 0 0 1 3.4-3.4H{}a3.4 3.4 0 0 1 3.4 3.4V{h}Z",
                num(w - 4.0), h = num(hh))}/>
            <line class="sep" x1="0" y1={num(hh)} x2={num(w)} y2={num(hh)}/>
            <text class={title_class} x={num(shapes::TEXT_X)} y={base.clone()}>{title}</text>
            <text class={sub_class} x={num(w - shapes::TEXT_X)} y={base}
                text-anchor="end">{sub}</text>
            {rows}
        </>
    }
}

/// What an edge stands for, in words (its tooltip).
fn edge_title(d: &Diagram, e: &Edge) -> String {
    let what = match e.kind {
        EdgeKind::OneToMany => "one-to-many".to_string(),
        EdgeKind::OneToOne => "one-to-one".to_string(),
        EdgeKind::SelfRef => "refers to its own table".to_string(),
        EdgeKind::ManyToMany => {
            let through = d
                .tables
                .iter()
                .find(|t| {
                    e.from
                        .strip_prefix(t.name.as_str())
                        .is_some_and(|c| c.starts_with('.'))
                })
                .map_or("", |t| t.name.as_str());
            format!("half of a many-to-many through {through}")
        }
    };
    let mut title = format!("{} → {}: {what}", e.from, e.to);
    if !e.relationships.is_empty() {
        title.push_str(&format!(" ({})", e.relationships.join(", ")));
    }
    title
}

/// The foreign-key edges of `d`.
pub fn edges(d: &Diagram, lit: &Lit, hover: &Hover) -> Html {
    d.edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let line = shapes::line_path(&e.points);
            let class = classes!(
                "fk",
                shapes::kind_name(e.kind),
                lit.edge(i).then_some("lit"),
                (lit.focus == Some(Focus::Edge(i))).then_some("hover"),
            );
            html! {
                <g class={class} data-edge={i.to_string()} data-from={e.from.clone()}
                    data-to={e.to.clone()}
                    onpointerenter={hover.enter(Focus::Edge(i))}
                    onpointerleave={hover.leave()}>
                    <title>{edge_title(d, e)}</title>
                    <path class="hit" d={line.clone()}/>
                    <path class="line" d={line}/>
                    <path class="ends" d={shapes::ends_path(e)}/>
                </g>
            }
        })
        .collect()
}

/// The relationship labels of `d`, each beside its own end of its edge.
pub fn labels(d: &Diagram, lit: &Lit, hover: &Hover) -> Html {
    d.labels
        .iter()
        .map(|l: &Label| {
            let tag = match (&l.lazy, shapes::lazy_tag(l)) {
                (Some(lazy), Some((x, w))) => html! {
                    <g class="lazy">
                        <rect x={num(x)} y={num(l.y + 1.0)} width={num(w)}
                            height={num(shapes::TAG_H)} rx="2"/>
                        <text x={num(x + 3.0)} y={num(l.y + 8.5)}>{lazy}</text>
                    </g>
                },
                _ => html! {},
            };
            html! {
                <g class={classes!("rel", lit.edge(l.edge).then_some("lit"))}
                    data-edge={l.edge.to_string()} data-end={l.table.clone()}
                    onpointerenter={hover.enter(Focus::Edge(l.edge))}
                    onpointerleave={hover.leave()}>
                    <rect x={num(l.x)} y={num(l.y)} width={num(l.width)}
                        height={num(l.height)} rx="3"/>
                    <text x={num(shapes::label_text_x(l))}
                        y={num(shapes::label_baseline(l))}>{&l.text}</text>
                    {tag}
                </g>
            }
        })
        .collect()
}
