//! A result grid (a table's rows, an SQL tab result): column labels, cells, NULL shown as
//! such, and a note when rows were left out.

use super::views::Grid;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GridProps {
    pub grid: Grid,
    /// What the table is called, for screen readers.
    pub caption: AttrValue,
}

#[component]
pub fn GridView(props: &GridProps) -> Html {
    let grid = &props.grid;
    let head: Html = grid
        .labels
        .iter()
        .map(|l| html! { <th scope="col">{l}</th> })
        .collect();
    let rows: Html = grid
        .rows
        .iter()
        .map(|row| {
            let cells: Html = row
                .iter()
                .map(|cell| match cell {
                    Some(text) => html! { <td>{text}</td> },
                    None => html! { <td class="null">{"NULL"}</td> },
                })
                .collect();
            html! { <tr>{cells}</tr> }
        })
        .collect();
    let more = (grid.total > grid.rows.len()).then(|| {
        html! { <p class="more">{format!("… {} more rows", grid.total - grid.rows.len())}</p> }
    });
    html! {
        <div class="grid-wrap">
            <table class="grid">
                <caption class="sr-only">{props.caption.clone()}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {more}
        </div>
    }
}
