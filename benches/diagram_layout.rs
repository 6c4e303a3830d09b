//! Diagram layout benchmark: ours against Graphviz `dot` on the same graphs.
//!
//! Run: `cargo bench --bench diagram_layout` (release profile, no harness). For each fixture
//! (every conformance case's models.py, compiled through the façade, then generated schemas
//! of 20, 50 and 200 tables) it lays the schema out with our layout (best of several runs)
//! and with `dot -Tjson` (the same boxes, ports and labels; wall time includes starting the
//! process), measures both with `diagram::quality`, and prints crossings, overlaps (boxes /
//! edges through boxes / labels), total edge length, area and time. The last column says
//! whether ours has fewer or equal crossings and at most 1.2× dot's area. Without `dot`
//! installed it prints ours only, with a note.
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

fn main() {
    let have_dot = dot::available();
    if !have_dot {
        println!("note: Graphviz `dot` not found on PATH; printing our layout only.");
    }
    println!(
        "{:<32} {:<5} {:>6} {:>12} {:>11} {:>10} {:>6} {:>9}  verdict",
        "fixture", "", "cross", "ovl b/e/l", "edge len", "area k", "aspect", "ms"
    );
    let mut wins = 0;
    let mut total = 0;
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
        if !have_dot {
            continue;
        }
        let text = dot::to_dot(&schema, &d);
        match dot::run(&text).and_then(|(json, took)| Some((dot::read(&json, &schema, &d)?, took)))
        {
            Some((g, took)) => {
                save(&name, "dot", &g);
                let gq = measure(&g);
                let ok = q.crossings <= gq.crossings && q.area <= 1.2 * gq.area;
                total += 1;
                wins += usize::from(ok);
                println!(
                    "{:<32} {}  {}",
                    "",
                    row("dot", &gq, took),
                    if ok { "ok" } else { "WORSE" }
                );
            }
            None => println!("{:<32} dot failed on this graph", ""),
        }
    }
    if have_dot {
        println!("ours no worse than dot (crossings ≤, area ≤ 1.2×) on {wins} of {total} fixtures");
    }
}
