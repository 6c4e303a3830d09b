//! `to_svg`: a standalone SVG of a `Diagram`, themable through CSS custom properties
//! (`--erd-*`) and classes (`erd-theme-light`, `erd-theme-dark`, or following the
//! visitor's colour scheme), with stable ids and `data-` attributes for hover and drag.
//! Every visitor-typed string is escaped: a table named `<script>` is just text.

use super::shapes::{self, num as n};
use super::text::FONT_STACK;
use super::{Diagram, Edge, Label, TableBox};
use std::fmt::Write;

/// Which colours the SVG starts with; the page can still override any `--erd-*` property.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Light, or dark when the visitor's system prefers it.
    #[default]
    Auto,
    Light,
    Dark,
}

/// How to write the SVG.
#[derive(Clone, Debug)]
pub struct SvgOptions {
    pub theme: Theme,
    /// Prefix of every element id, so several diagrams can share a page.
    pub id_prefix: String,
    /// Embed the default stylesheet (off when the page styles `.erd` itself).
    pub embed_style: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            theme: Theme::Auto,
            id_prefix: "erd".into(),
            embed_style: true,
        }
    }
}

const LIGHT: &str = "--erd-bg:#ffffff;--erd-box:#ffffff;--erd-stroke:#64748b;--erd-head:#e2e8f0;\
--erd-assoc-head:#fef3c7;--erd-text:#0f172a;--erd-muted:#64748b;--erd-edge:#475569;\
--erd-m2m:#b45309;--erd-label:#1e40af;--erd-label-bg:#ffffffd9;--erd-tag:#f1f5f9;\
--erd-pk:#a16207;--erd-fk:#1d4ed8;--erd-hover:#dc2626;";
const DARK: &str = "--erd-bg:#0f172a;--erd-box:#1e293b;--erd-stroke:#94a3b8;--erd-head:#334155;\
--erd-assoc-head:#422006;--erd-text:#e2e8f0;--erd-muted:#94a3b8;--erd-edge:#94a3b8;\
--erd-m2m:#f59e0b;--erd-label:#93c5fd;--erd-label-bg:#0f172ad9;--erd-tag:#334155;\
--erd-pk:#fbbf24;--erd-fk:#60a5fa;--erd-hover:#f87171;";
const RULES: &str = ".erd .erd-bg{fill:var(--erd-bg)}\
.erd text{fill:var(--erd-text);font-size:12px;white-space:pre}\
.erd .erd-box{fill:var(--erd-box);stroke:var(--erd-stroke);stroke-width:1.2}\
.erd .erd-assoc .erd-box{stroke-dasharray:5 3}\
.erd .erd-head{fill:var(--erd-head)}\
.erd .erd-assoc .erd-head{fill:var(--erd-assoc-head)}\
.erd .erd-title{font-weight:bold}\
.erd .erd-muted{fill:var(--erd-muted)}\
.erd .erd-sep{stroke:var(--erd-stroke);stroke-width:.6}\
.erd .erd-tag rect{fill:var(--erd-tag)}\
.erd .erd-tag text{font-size:8px;fill:var(--erd-muted)}\
.erd .erd-tag-pk text{fill:var(--erd-pk);font-weight:bold}\
.erd .erd-tag-fk text{fill:var(--erd-fk);font-weight:bold}\
.erd .erd-edge path{fill:none;stroke:var(--erd-edge);stroke-width:1.3}\
.erd .erd-many-to-many path.erd-line{stroke:var(--erd-m2m);stroke-dasharray:6 3}\
.erd .erd-label rect{fill:var(--erd-label-bg)}\
.erd .erd-label text{fill:var(--erd-label);font-size:10px}\
.erd .erd-label .erd-tag text{font-size:8px;fill:var(--erd-muted)}\
.erd .erd-table:hover .erd-box,.erd .erd-table.erd-hl .erd-box{stroke:var(--erd-hover);stroke-width:2}\
.erd .erd-edge:hover path,.erd .erd-edge.erd-hl path{stroke:var(--erd-hover);stroke-width:2}\
.erd .erd-label.erd-hl text{fill:var(--erd-hover)}";

/// Writes the diagram as a standalone SVG document.
pub fn to_svg(d: &Diagram, o: &SvgOptions) -> String {
    let theme = match o.theme {
        Theme::Auto => "auto",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    let mut s = String::with_capacity(4096 + 1500 * d.tables.len());
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="erd erd-theme-{theme}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{font}">"#,
        w = n(d.width),
        h = n(d.height),
        font = FONT_STACK.replace('\'', "&apos;"),
    );
    if o.embed_style {
        let _ = write!(
            s,
            "<style>.erd,.erd-theme-light{{{LIGHT}}}.erd-theme-dark{{{DARK}}}\
             @media (prefers-color-scheme:dark){{.erd-theme-auto{{{DARK}}}}}{RULES}</style>"
        );
    }
    let _ = write!(
        s,
        r#"<rect class="erd-bg" width="{}" height="{}"/>"#,
        n(d.width),
        n(d.height)
    );
    s.push_str(r#"<g class="erd-edges">"#);
    for (i, e) in d.edges.iter().enumerate() {
        edge(&mut s, o, i, e);
    }
    s.push_str(r#"</g><g class="erd-tables">"#);
    for t in &d.tables {
        table(&mut s, o, t);
    }
    s.push_str(r#"</g><g class="erd-labels">"#);
    for l in &d.labels {
        label(&mut s, o, l);
    }
    s.push_str("</g></svg>");
    s
}

fn table(s: &mut String, o: &SvgOptions, t: &TableBox) {
    let class = if t.association {
        "erd-table erd-assoc"
    } else {
        "erd-table"
    };
    let (w, hh) = (t.width, t.header_height);
    let _ = write!(
        s,
        r#"<g class="{class}" id="{}" data-table="{}" transform="translate({} {})"><rect class="erd-box" width="{}" height="{}" rx="4"/><path class="erd-head" d="M0.6 {hh}V4a3.4 3.4 0 0 1 3.4-3.4H{}a3.4 3.4 0 0 1 3.4 3.4V{hh}Z"/><line class="erd-sep" x1="0" y1="{hh}" x2="{}" y2="{hh}"/>"#,
        id(o, "t", &t.name),
        esc(&t.name),
        n(t.x),
        n(t.y),
        n(w),
        n(t.height),
        n(w - 4.0),
        n(w),
    );
    let (title, sub) = shapes::title(t);
    let base = shapes::header_baseline(t);
    let _ = write!(
        s,
        r#"<text class="erd-title" x="{}" y="{}">{}</text><text class="erd-muted" x="{}" y="{}" text-anchor="end" font-size="10">{}</text>"#,
        shapes::TEXT_X,
        n(base),
        esc(title),
        n(w - shapes::TEXT_X),
        n(base),
        esc(sub)
    );
    let type_x = shapes::type_x(t);
    for (i, r) in t.rows.iter().enumerate() {
        let mid = shapes::row_mid(t, i);
        let _ = write!(
            s,
            r#"<g class="erd-row" data-column="{}"><text x="{}" y="{}">{}</text><text class="erd-muted" x="{}" y="{}">{}</text>"#,
            esc(&r.name),
            shapes::TEXT_X,
            n(shapes::row_baseline(t, i)),
            esc(&r.name),
            n(type_x),
            n(shapes::row_baseline(t, i)),
            esc(&r.type_name)
        );
        for p in shapes::pills(t, r) {
            let _ = write!(
                s,
                r#"<g class="erd-tag erd-tag-{}"><rect x="{}" y="{}" width="{}" height="{}" rx="2"/><text x="{}" y="{}">{}</text></g>"#,
                p.text.to_ascii_lowercase(),
                n(p.x),
                n(mid - shapes::PILL_H / 2.0),
                n(p.width),
                shapes::PILL_H,
                n(p.x + 3.0),
                n(mid + 2.8),
                p.text,
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</g>");
}

fn edge(s: &mut String, o: &SvgOptions, i: usize, e: &Edge) {
    let kind = shapes::kind_name(e.kind);
    let rels = e.relationships.join(" ");
    let _ = write!(
        s,
        r#"<g class="erd-edge erd-{kind}" id="{}" data-edge="{i}" data-from="{}" data-to="{}" data-relationships="{}"><path class="erd-line" d="{}"/><path class="erd-mark" d="{}"/></g>"#,
        id(o, "e", &format!("{i}-{}", e.from)),
        esc(&e.from),
        esc(&e.to),
        esc(&rels),
        shapes::line_path(&e.points),
        shapes::ends_path(e),
    );
}

fn label(s: &mut String, o: &SvgOptions, l: &Label) {
    let _ = write!(
        s,
        r#"<g class="erd-label" id="{}" data-edge="{}" data-table="{}" data-relationship="{}"><rect x="{}" y="{}" width="{}" height="{}" rx="3"/><text x="{}" y="{}">{}</text>"#,
        id(o, "l", &l.text),
        l.edge,
        esc(&l.table),
        esc(&l.text),
        n(l.x),
        n(l.y),
        n(l.width),
        n(l.height),
        n(shapes::label_text_x(l)),
        n(shapes::label_baseline(l)),
        esc(&l.text)
    );
    if let (Some(lazy), Some((x, w))) = (&l.lazy, shapes::lazy_tag(l)) {
        let _ = write!(
            s,
            r#"<g class="erd-tag erd-lazy"><rect x="{}" y="{}" width="{}" height="{}" rx="2"/><text x="{}" y="{}">{}</text></g>"#,
            n(x),
            n(l.y + 1.0),
            n(w),
            shapes::TAG_H,
            n(x + 3.0),
            n(l.y + 8.5),
            esc(lazy)
        );
    }
    s.push_str("</g>");
}

/// XML text and attribute escaping.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A stable element id: prefix, kind and the name with anything outside `[A-Za-z0-9_-]`
/// spelled as `.hex.`, so distinct names give distinct ids.
fn id(o: &SvgOptions, kind: &str, name: &str) -> String {
    let mut out = format!("{}-{kind}-", esc(&o.id_prefix));
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else {
            let _ = write!(out, ".{:x}.", c as u32);
        }
    }
    out
}
