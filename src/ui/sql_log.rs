//! The SQL log tab: every statement the database ran, grouped under the console line that
//! caused it, with its parameters, rows and time. Lazy loads carry a flag, and a line that
//! caused several of them says so: that is the N+1 pattern a loop over `role.users` shows.

use crate::db::EchoEntry;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SqlLogProps {
    pub entries: Rc<Vec<EchoEntry>>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn SqlLog(props: &SqlLogProps) -> Html {
    let mut groups: Vec<(&str, Vec<&EchoEntry>)> = Vec::new();
    for entry in props.entries.iter() {
        match groups.last_mut() {
            Some((cause, items)) if *cause == entry.cause => items.push(entry),
            _ => groups.push((&entry.cause, vec![entry])),
        }
    }
    let body: Html = if groups.is_empty() {
        html! { <p class="empty">{"No statements yet. Run something in the console."}</p> }
    } else {
        groups
            .iter()
            .rev()
            .map(|(cause, items)| render_group(cause, items))
            .collect()
    };
    html! {
        <div class="sql-log">
            <div class="console-bar">
                <span class="pane-hint">{"Newest first · what SQLAlchemy's echo=True would print"}</span>
                <button type="button" class="ghost small" onclick={props.on_clear.reform(|_| ())}>{"Clear"}</button>
            </div>
            <div class="log-scroll" tabindex="0" aria-label="SQL statements">{body}</div>
        </div>
    }
}

fn render_group(cause: &str, items: &[&EchoEntry]) -> Html {
    let lazy = items
        .iter()
        .filter(|e| e.tag.as_deref() == Some("lazy load"))
        .count();
    let warning = if lazy >= 2 {
        html! {
            <p class="n-plus-one" role="note">
                <strong>{"N+1: "}</strong>
                {format!("this line ran {lazy} lazy loads, one per object. \
                    lazy='selectin' or joinedload() would load them in one query.")}
            </p>
        }
    } else {
        html! {}
    };
    let cause = if cause.is_empty() { "(page)" } else { cause };
    let statements: Html = items.iter().map(|e| render_entry(e)).collect();
    html! {
        <section class="log-group">
            <h3 class="log-cause"><span class="prompt" aria-hidden="true">{">>> "}</span><code>{cause}</code>
                <span class="count">{format!("{} {}", items.len(), if items.len() == 1 { "statement" } else { "statements" })}</span>
            </h3>
            {warning}
            <ol class="statements">{statements}</ol>
        </section>
    }
}

fn render_entry(entry: &EchoEntry) -> Html {
    let tag = entry.tag.as_ref().map(|t| {
        let lazy = t == "lazy load";
        html! { <span class={classes!("tag", lazy.then_some("lazy"))}>{t}</span> }
    });
    let params = entry
        .params
        .as_ref()
        .map(|p| html! { <span class="params">{format!("params {p}")}</span> });
    let error = entry
        .error
        .as_ref()
        .map(|e| html! { <pre class="out traceback">{e}</pre> });
    // BEGIN / COMMIT / ROLLBACK have no parameters, rows or meaningful time.
    let counts = entry.params.is_some().then(|| {
        html! {
            <>
                <span>{format!("{} {}", entry.rows, if entry.rows == 1 { "row" } else { "rows" })}</span>
                <span>{format!("{:.2} ms", entry.elapsed_ms)}</span>
            </>
        }
    });
    let lazy = entry.tag.as_deref() == Some("lazy load");
    html! {
        <li class={classes!("statement", lazy.then_some("lazy"))}>
            <pre class="sql">{&entry.sql}</pre>
            <div class="meta">
                {tag}
                {params}
                {counts}
            </div>
            {error}
        </li>
    }
}
