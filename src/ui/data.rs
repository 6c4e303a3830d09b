//! The Data tab: one grid per table with its current rows, refreshed after every statement.
//! A table clicked in the diagram is shown alone (with the ready query the console offers)
//! until the visitor asks for all tables again.

use super::grid::GridView;
use super::state::Picked;
use super::views::TableData;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataProps {
    pub tables: Rc<Vec<TableData>>,
    /// The table last clicked in the diagram.
    #[prop_or_default]
    pub picked: Option<Rc<Picked>>,
    /// Put the picked table's query in the console input and show the console.
    #[prop_or_default]
    pub on_query: Callback<String>,
}

#[component]
pub fn Data(props: &DataProps) -> Html {
    let only = use_state(|| None::<String>);
    let root = use_node_ref();
    {
        let only = only.clone();
        let root = root.clone();
        let picked = props.picked.clone();
        use_effect_with(props.picked.as_ref().map(|p| p.seq), move |_| {
            if let Some(p) = picked {
                only.set(Some(p.table.clone()));
                if let Some(el) = root.cast::<Element>() {
                    el.set_scroll_top(0);
                }
            }
        });
    }
    if props.tables.is_empty() {
        return html! { <p class="empty">{"No tables yet: define a model in models.py."}</p> };
    }
    let shown = (*only)
        .as_ref()
        .filter(|name| props.tables.iter().any(|t| &t.name == *name));
    let bar = shown.map(|name| {
        let query = props
            .picked
            .as_ref()
            .filter(|p| &p.table == name)
            .and_then(|p| p.query.clone());
        let console = query.map(|q| {
            let table = name.clone();
            html! {
                <button type="button" class="ghost small"
                    onclick={props.on_query.reform(move |_| table.clone())}
                    title="Put this query in the console input, ready to run">
                    <code>{q}</code>{" in the console"}
                </button>
            }
        });
        let all = {
            let only = only.clone();
            Callback::from(move |_: MouseEvent| only.set(None))
        };
        html! {
            <div class="data-filter">
                <span>{"Rows of "}<code>{name}</code></span>
                {console}
                <button type="button" class="ghost small" onclick={all}>{"All tables"}</button>
            </div>
        }
    });
    let tables: Html = props
        .tables
        .iter()
        .filter(|t| shown.is_none_or(|name| &t.name == name))
        .map(|t| {
            let count = t.grid.total;
            let body = if count == 0 {
                html! { <p class="empty small">{"No rows."}</p> }
            } else {
                html! { <GridView grid={t.grid.clone()} caption={format!("Rows of {}", t.name)}/> }
            };
            html! {
                <section class="data-table" data-table={t.name.clone()}>
                    <h3><code>{&t.name}</code>
                        <span class="count">{format!("{count} {}", if count == 1 { "row" } else { "rows" })}</span>
                    </h3>
                    {body}
                </section>
            }
        })
        .collect();
    html! {
        <div class="data" ref={root} tabindex="0" aria-label="Table data">{bar}{tables}</div>
    }
}
