//! Choosing among candidate drawings of one schema: fewest crossings, least area and
//! shortest edges, each against the best any candidate achieves, and a screen-like shape
//! once the drawing is bigger than a screen.

use super::Diagram;

/// A drawing more than this many times as wide as tall starts paying for its shape, once
/// bigger than `SCREEN` px².
const AIM: f64 = 4.0;
const SCREEN: f64 = 1.5e6;
/// What moving a table from where the directed layering put it costs: referenced tables
/// stand left unless the other way is clearly better.
const MOVED: f64 = 0.05;

/// A candidate drawing, with the crossings its order counted.
pub(crate) struct Drawn {
    pub(crate) diagram: Diagram,
    pub(crate) crossings: usize,
    /// It moved a table from where the directed layering put it.
    pub(crate) moved: bool,
}

/// The best of the candidates (the first of equals).
pub(crate) fn best(candidates: Vec<Drawn>) -> Option<Diagram> {
    let first = ranking(&candidates).into_iter().next()?;
    candidates.into_iter().nth(first).map(|x| x.diagram)
}

/// The candidates' indices, best first (equals in their given order).
pub(crate) fn ranking(candidates: &[Drawn]) -> Vec<usize> {
    let least = |f: &dyn Fn(&Drawn) -> f64| {
        candidates
            .iter()
            .map(f)
            .fold(f64::INFINITY, f64::min)
            .max(1.0)
    };
    let least = Least {
        crossings: least(&|x| x.crossings as f64),
        area: least(&|x| size(&x.diagram).0),
        length: least(&|x| length(&x.diagram)),
    };
    let scores = candidates
        .iter()
        .map(|c| score(c, &least))
        .collect::<Vec<_>>();
    let mut order = (0..candidates.len()).collect::<Vec<_>>();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(a.cmp(&b)));
    order
}

/// Width × height and aspect ratio (≥ 1) of a framed drawing.
fn size(d: &Diagram) -> (f64, f64) {
    let (w, h) = (d.width.max(1.0), d.height.max(1.0));
    (w * h, w.max(h) / w.min(h))
}

/// The least crossings, area and total edge length of any candidate.
struct Least {
    crossings: f64,
    area: f64,
    length: f64,
}

/// Total length of the edges of a drawing.
fn length(d: &Diagram) -> f64 {
    d.edges
        .iter()
        .flat_map(|e| e.points.windows(2))
        .map(|w| (w[0][0] - w[1][0]).abs() + (w[0][1] - w[1][1]).abs())
        .sum()
}

/// How good a candidate is, lower better: its crossings, area and edge length against the
/// least of any candidate (weighing 2, 3 and ½), whether it moved a table, and, when bigger
/// than a screen, how far it is from a screen-like shape (more than `AIM` times as wide as
/// tall, or much taller than wide).
fn score(x: &Drawn, least: &Least) -> f64 {
    let d = &x.diagram;
    let (area, aspect) = size(d);
    let tall = d.height > d.width;
    let shape = if area > SCREEN {
        (aspect - if tall { 1.5 } else { AIM }).max(0.0)
    } else {
        0.0
    };
    2.0 * x.crossings as f64 / least.crossings
        + 3.0 * area / least.area
        + 0.5 * length(d) / least.length
        + if x.moved { MOVED } else { 0.0 }
        + shape
}
