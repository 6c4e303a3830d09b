//! The Data tab: one grid per table with its current rows, refreshed after every statement.

use super::grid::GridView;
use super::views::TableData;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataProps {
    pub tables: Rc<Vec<TableData>>,
}

#[component]
pub fn Data(props: &DataProps) -> Html {
    if props.tables.is_empty() {
        return html! { <p class="empty">{"No tables yet: define a model in models.py."}</p> };
    }
    let tables: Html = props
        .tables
        .iter()
        .map(|t| {
            let count = t.grid.total;
            let body = if count == 0 {
                html! { <p class="empty small">{"No rows."}</p> }
            } else {
                html! { <GridView grid={t.grid.clone()} caption={format!("Rows of {}", t.name)}/> }
            };
            html! {
                <section class="data-table">
                    <h3><code>{&t.name}</code>
                        <span class="count">{format!("{count} {}", if count == 1 { "row" } else { "rows" })}</span>
                    </h3>
                    {body}
                </section>
            }
        })
        .collect();
    html! { <div class="data" tabindex="0" aria-label="Table data">{tables}</div> }
}
