//! Laying out again after an edit, from the layout shown before: tables keep their ranks
//! (or columns), their order and their heights, and links passing a column keep where they
//! crossed it.

use super::columns;
use super::frame::keep_in_place;
use super::graph::ErGraph;
use super::layering;
use super::layout::{finish, plan};
use super::ordering;
use super::Diagram;
use std::collections::BTreeMap;

/// A layout after an edit: tables keep their columns, their order and their heights (and
/// passing links theirs), so adding a table or editing a column moves little. New content
/// above or left of everything shifts the drawing as a whole (coordinates stay
/// non-negative); the UI can pan that away.
pub(crate) fn again(g: &ErGraph, previous: &Diagram) -> Diagram {
    let prev = previous
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t))
        .collect::<BTreeMap<_, _>>();
    let mut xs = prev.values().map(|t| t.x).collect::<Vec<_>>();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let column_of = |x: f64| xs.iter().position(|c| (c - x).abs() < 0.5);
    let old = |i: usize| g.nodes.get(i).and_then(|n| prev.get(n.table.name.as_str()));
    let forced = (0..g.nodes.len())
        .map(|i| old(i).and_then(|t| column_of(t.x)))
        .collect::<Vec<_>>();
    let top = prev.values().map(|t| t.y).fold(f64::INFINITY, f64::min);
    // Tables keep their ranks (and the fold) when the previous layout says what they were;
    // else their columns.
    let per = previous.plan.as_ref().map_or(usize::MAX, |p| p.per);
    let (ranks, fold) = match &previous.plan {
        Some(p) => {
            let forced = g
                .nodes
                .iter()
                .map(|n| p.ranks.get(&n.table.name).copied())
                .collect::<Vec<_>>();
            let ranks = columns::with_previous(g, &forced, false);
            let count = ranks.iter().max().map_or(0, |m| m + 1);
            (ranks, p.fold(count))
        }
        None => (columns::with_previous(g, &forced, true), Vec::new()),
    };
    let mut lay = layering::build(g, &ranks, &fold);
    // Where the previous layout had each column (left side, from its first), and its width.
    let left = prev.values().map(|t| t.x).fold(f64::INFINITY, f64::min);
    let mut was = vec![None; lay.layers.len()];
    let mut was_width = vec![0.0f64; lay.layers.len()];
    for (i, v) in lay.vertices.iter().enumerate().take(g.nodes.len()) {
        if let (Some(t), Some(slot)) = (old(i), was.get_mut(v.layer)) {
            *slot = Some(slot.map_or(t.x - left, |x: f64| x.min(t.x - left)));
            was_width[v.layer] = was_width[v.layer].max(t.width);
        }
    }
    // Tables stay where they were; so do links passing a column, at the height where their
    // previous line crossed it (a link rounding a fold crosses its last column twice: the
    // dummies of lower rank take the crossings met first going from its end of lower rank).
    let crossing = |v: usize| {
        let x = lay.vertices.get(v)?;
        let id = x.link?;
        let link = g.links.get(id)?;
        let edge = previous
            .edges
            .iter()
            .find(|e| e.from == link.from_name && e.to == link.to_name)?;
        let mid = left + was.get(x.layer).copied().flatten()? + was_width[x.layer] / 2.0;
        let mut runs = edge
            .points
            .windows(2)
            .filter_map(|w| {
                let flat = (w[0][1] - w[1][1]).abs() < 0.01;
                let spans = w[0][0].min(w[1][0]) <= mid && mid <= w[0][0].max(w[1][0]);
                (flat && spans).then_some(w[0][1])
            })
            .collect::<Vec<_>>();
        let path = lay.paths.get(id)?;
        if path.first() != Some(&link.from) {
            runs.reverse();
        }
        let nth = path
            .iter()
            .filter(|&&u| lay.vertices.get(u).is_some_and(|w| w.layer == x.layer))
            .position(|&u| u == v)?;
        runs.get(nth).copied()
    };
    let anchors = (0..lay.vertices.len())
        .map(|v| old(v).map(|t| t.y).or_else(|| crossing(v)).map(|y| y - top))
        .collect::<Vec<_>>();
    // The previous order: tables by their middles, links by where they crossed; new tables
    // last; dummies of new links follow their first table.
    let seed = (0..lay.vertices.len())
        .map(|v| match (old(v), lay.is_dummy(v)) {
            (Some(t), _) => t.y + t.height / 2.0,
            (None, true) => anchors[v].map_or(f64::NAN, |y| y + top),
            (None, false) => 1e12 + v as f64,
        })
        .collect::<Vec<_>>();
    // Tables shown before keep their order, and so do links passing where they passed.
    let fixed = (0..lay.vertices.len())
        .map(|v| old(v).is_some() || (lay.is_dummy(v) && anchors[v].is_some()))
        .collect::<Vec<_>>();
    ordering::order(&mut lay, &[seed], &fixed);
    let mut d = finish(g, &lay, &anchors, &was);
    keep_in_place(&mut d, &prev);
    d.plan = Some(plan(g, &lay, per));
    d
}
