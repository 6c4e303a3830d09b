//! Diagram layout benchmark: ours against Graphviz `dot` on the same graphs.
//!
//! Run: `cargo bench --bench diagram_layout` (release profile, no harness). For each fixture
//! (every conformance case's models.py, compiled through the façade, then generated schemas
//! of 20, 50 and 200 tables) it lays the schema out with our layout (best of several runs)
//! and with `dot -Tjson` (the same boxes, ports and labels; wall time includes starting the
//! process), measures both with `diagram::quality`, and prints crossings, overlaps (boxes /
//! edges through boxes / labels), total edge length, area and time. The last column says
//! whether ours is clean, has fewer crossings (or none where dot has none) and at most 1.2×
//! dot's area. Then one verdict line per criterion (overlaps, crossings, area, edge length,
//! aspect ratio of the generated schemas, time for 200 tables). Without `dot` installed it
//! prints ours only, with a note.
//!
//! Arguments after `--` keep only the fixtures whose name contains one of them; with
//! `DIAGRAM_SVG_DIR` set, both drawings of each fixture are written there as SVG
//! (`NAME.ours.svg`, `NAME.dot.svg`) to look at.

#[path = "../tests/support/dot.rs"]
mod dot;
#[path = "../tests/support/diagram_fixtures.rs"]
mod fixtures;

use orm_playground::diagram::{layout, measure, to_svg, LayoutOptions, Quality, SvgOptions};
use orm_playground::schema::Schema;
use std::time::{Duration, Instant};

fn ours(schema: &Schema) -> (Quality, Duration, orm_playground::diagram::Diagram) {
    let runs = if schema.tables.len() > 50 { 7 } else { 25 };
    let mut best = Duration::MAX;
    let mut d = layout(schema, &LayoutOptions::default());
    for _ in 0..runs {
        let t = Instant::now();
        d = layout(schema, &LayoutOptions::default());
        best = best.min(t.elapsed());
    }
    (measure(&d), best, d)
}

fn row(engine: &str, q: &Quality, t: Duration) -> String {
    format!(
        "{engine:<5} {:>6} {:>4}/{:>3}/{:>3} {:>11.0} {:>10.0} {:>6.1} {:>9.2}",
        q.crossings,
        q.box_overlaps,
        q.edges_through_boxes,
        q.label_overlaps,
        q.edge_length,
        q.area / 1000.0,
        q.aspect_ratio,
        t.as_secs_f64() * 1000.0
    )
}

/// One fixture's measures, ours and (when `dot` ran) Graphviz's.
struct Outcome {
    name: String,
    tables: usize,
    ours: Quality,
    took: Duration,
    dot: Option<Quality>,
}

/// Whether ours crosses fewer times than dot, or equally when neither crosses at all.
fn fewer_crossings(o: &Quality, d: &Quality) -> bool {
    o.crossings < d.crossings || (o.crossings == 0 && d.crossings == 0)
}

/// Boxes, labels and edges never collide.
fn clean(q: &Quality) -> bool {
    q.box_overlaps == 0 && q.edges_through_boxes == 0 && q.label_overlaps == 0
}

/// Largest area of ours over dot's still accepted.
const AREA: f64 = 1.2;
/// The aspect ratio generated schemas (20 tables and more) must stay within.
const ASPECT: f64 = 4.0;
/// Layout time allowed for 200 tables.
const BUDGET_MS: f64 = 50.0;

fn main() {
    let have_dot = dot::available();
    if !have_dot {
        println!("note: Graphviz `dot` not found on PATH; printing our layout only.");
    }
    println!(
        "{:<32} {:<5} {:>6} {:>12} {:>11} {:>10} {:>6} {:>9}  verdict",
        "fixture", "", "cross", "ovl b/e/l", "edge len", "area k", "aspect", "ms"
    );
    let filters = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect::<Vec<_>>();
    let svg_dir = std::env::var_os("DIAGRAM_SVG_DIR").map(std::path::PathBuf::from);
    let save = |name: &str, engine: &str, d: &orm_playground::diagram::Diagram| {
        if let Some(dir) = &svg_dir {
            let path = dir.join(format!("{name}.{engine}.svg"));
            if let Err(e) = std::fs::write(&path, to_svg(d, &SvgOptions::default())) {
                eprintln!("{}: {e}", path.display());
            }
        }
    };
    let mut outcomes = Vec::new();
    for (name, schema) in fixtures::all() {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let (q, t, d) = ours(&schema);
        save(&name, "ours", &d);
        println!(
            "{:<32} {}",
            format!("{name} ({} tables)", schema.tables.len()),
            row("ours", &q, t)
        );
        let mut outcome = Outcome {
            name: name.clone(),
            tables: schema.tables.len(),
            ours: q.clone(),
            took: t,
            dot: None,
        };
        if have_dot {
            let text = dot::to_dot(&schema, &d);
            match dot::run(&text)
                .and_then(|(json, took)| Some((dot::read(&json, &schema, &d)?, took)))
            {
                Some((g, took)) => {
                    save(&name, "dot", &g);
                    let gq = measure(&g);
                    let ok = fewer_crossings(&q, &gq) && q.area <= AREA * gq.area && clean(&q);
                    println!(
                        "{:<32} {}  {}",
                        "",
                        row("dot", &gq, took),
                        if ok { "ok" } else { "WORSE" }
                    );
                    outcome.dot = Some(gq);
                }
                None => println!("{:<32} dot failed on this graph", ""),
            }
        }
        outcomes.push(outcome);
    }
    verdicts(&outcomes);
}

/// One line per criterion, to quote.
fn verdicts(all: &[Outcome]) {
    let n = all.len();
    let compared = all
        .iter()
        .filter_map(|o| Some((o, o.dot.as_ref()?)))
        .collect::<Vec<_>>();
    let m = compared.len();
    println!();
    let clean_count = all.iter().filter(|o| clean(&o.ours)).count();
    println!("overlaps: none (boxes, edges through boxes, labels) on {clean_count}/{n}");
    if m > 0 {
        let fewer = compared
            .iter()
            .filter(|(o, d)| fewer_crossings(&o.ours, d))
            .count();
        let strictly = compared
            .iter()
            .filter(|(o, d)| o.ours.crossings < d.crossings)
            .count();
        println!(
            "crossings: fewer than dot, or equal at zero, on {fewer}/{m} \
             ({strictly} strictly fewer; the rest have none in either)"
        );
        let within = compared
            .iter()
            .filter(|(o, d)| o.ours.area <= AREA * d.area)
            .count();
        let worst = compared
            .iter()
            .map(|(o, d)| (o.ours.area / d.area.max(1.0), o.name.as_str()))
            .fold((0.0, ""), |a, b| if b.0 > a.0 { b } else { a });
        println!(
            "area: within {AREA}x dot's on {within}/{m} (largest {:.2}x, {})",
            worst.0, worst.1
        );
        let mut ratios = compared
            .iter()
            .filter(|(_, d)| d.edge_length > 0.0)
            .map(|(o, d)| (o.ours.edge_length / d.edge_length, o.name.as_str()))
            .collect::<Vec<_>>();
        ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
        if let (Some(mid), Some(last)) = (ratios.get(ratios.len() / 2), ratios.last()) {
            let within2 = ratios.iter().filter(|r| r.0 <= 2.0).count();
            println!(
                "edge length: median {:.2}x dot's, longest {:.2}x ({}); within 2x on {within2}/{} with edges",
                mid.0,
                last.0,
                last.1,
                ratios.len()
            );
        }
    }
    let big = all.iter().filter(|o| o.tables >= 20).collect::<Vec<_>>();
    if !big.is_empty() {
        let within = big.iter().filter(|o| o.ours.aspect_ratio <= ASPECT).count();
        let shapes = big
            .iter()
            .map(|o| format!("{} {:.1}", o.tables, o.ours.aspect_ratio))
            .collect::<Vec<_>>()
            .join(", ");
        println!(
            "aspect ratio: within {ASPECT} on {within}/{} schemas of 20+ tables ({shapes})",
            big.len()
        );
    }
    if let Some(o) = all.iter().find(|o| o.tables == 200) {
        let ms = o.took.as_secs_f64() * 1000.0;
        println!(
            "time: 200 tables in {ms:.1} ms ({} {BUDGET_MS} ms)",
            if ms < BUDGET_MS { "under" } else { "OVER" }
        );
    }
    if m > 0 {
        let ok = compared
            .iter()
            .filter(|(o, d)| {
                fewer_crossings(&o.ours, d) && o.ours.area <= AREA * d.area && clean(&o.ours)
            })
            .count();
        println!("all of crossings, area and overlaps met on {ok}/{m} fixtures");
    }
}
