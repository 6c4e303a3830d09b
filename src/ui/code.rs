//! Python source as highlighted HTML (the editor's overlay, the console's echoed inputs),
//! with an optional error range drawn as a wavy underline.

use crate::python::highlight_tokens;
use yew::prelude::*;

/// Highlighted `source`; the bytes in `mark` get the `err` class too. Every byte of the
/// text is rendered exactly once, so the overlay lines up with the textarea under it.
pub fn highlighted(source: &str, mark: Option<(usize, usize)>) -> Html {
    let mut cuts: Vec<usize> = vec![0, source.len()];
    let tokens = highlight_tokens(source);
    for (_, span) in &tokens {
        cuts.push(span.start as usize);
        cuts.push(span.end as usize);
    }
    if let Some((a, b)) = mark {
        cuts.push(a);
        cuts.push(b);
    }
    cuts.retain(|&c| c <= source.len() && source.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut token = tokens.iter().peekable();
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    // An empty mark (an error at the end of a line or of the text) is a point marker.
    let point = mark.filter(|(s, e)| s >= e).map(|(s, _)| s);
    let point_marker = || html! { <span class="err err-point"></span> };
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if point == Some(a) {
            pieces.push(point_marker());
        }
        while token.peek().is_some_and(|(_, s)| (s.end as usize) <= a) {
            token.next();
        }
        let class = token
            .peek()
            .filter(|(_, s)| (s.start as usize) <= a)
            .map(|(c, _)| c.css_class());
        let marked = mark.is_some_and(|(s, e)| s <= a && b <= e && s < e);
        let text = source.get(a..b).unwrap_or("");
        pieces.push(match (class, marked) {
            (None, false) => html! { {text} },
            (class, marked) => {
                let classes = classes!(class.map(|c| format!("t-{c}")), marked.then_some("err"));
                html! { <span class={classes}>{text}</span> }
            }
        });
    }
    if point.is_some_and(|p| p >= source.len()) {
        pieces.push(point_marker());
    }
    pieces.into_iter().collect()
}
