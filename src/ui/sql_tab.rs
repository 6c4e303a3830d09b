//! The SQL tab: raw SQL against the same GlueSQL store the ORM uses, results as tables.

use super::grid::GridView;
use super::views::{SqlOutcome, SqlResult};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SqlTabProps {
    pub outcomes: Rc<Vec<SqlOutcome>>,
    pub tables: Rc<Vec<String>>,
    pub on_run: Callback<String>,
}

#[component]
pub fn SqlTab(props: &SqlTabProps) -> Html {
    let area = use_node_ref();
    let ids = use_memo((), |_| super::unique_id("sql"));
    let run = {
        let area = area.clone();
        let on_run = props.on_run.clone();
        move || {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                if !text.trim().is_empty() {
                    on_run.emit(text);
                }
            }
        }
    };
    let onkeydown = {
        let run = run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                run();
            }
        })
    };
    let placeholder = match props.tables.first() {
        Some(t) => format!("SELECT * FROM {t};"),
        None => "SELECT 1;".to_string(),
    };
    let results: Html = props.outcomes.iter().map(render_outcome).collect();
    html! {
        <div class="sql-tab">
            <label class="pane-hint" for={ids.to_string()}>
                {"SQL against the same database · Ctrl+Enter runs"}
            </label>
            <div class="sql-input-row">
                <textarea id={ids.to_string()} ref={area} class="sql-input" rows="3"
                    spellcheck="false" autocapitalize="off" autocomplete="off"
                    placeholder={placeholder} {onkeydown}/>
                <button type="button" class="primary" onclick={Callback::from(move |_| run())}>{"Run SQL"}</button>
            </div>
            <div class="sql-results" aria-live="polite">{results}</div>
        </div>
    }
}

fn render_outcome(outcome: &SqlOutcome) -> Html {
    let result = match &outcome.result {
        SqlResult::Rows(grid) => html! {
            <>
                <GridView grid={grid.clone()} caption={outcome.sql.clone()}/>
                <p class="pane-hint">{format!("{} {}", grid.total, if grid.total == 1 { "row" } else { "rows" })}</p>
            </>
        },
        SqlResult::Done { what, affected } => html! {
            <p class="done">{format!("{what}: {affected} {} affected", if *affected == 1 { "row" } else { "rows" })}</p>
        },
        SqlResult::Failed(message) => html! { <pre class="out traceback">{message}</pre> },
    };
    html! {
        <section class="sql-outcome">
            <pre class="sql">{&outcome.sql}</pre>
            {result}
        </section>
    }
}
