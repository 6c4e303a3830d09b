//! The tab strip under the diagram (Console, SQL log, Data, SQL), keyboard-operable as the
//! ARIA tabs pattern has it: arrows move between tabs, the panel follows.

use super::state::Tab;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Tabs in order, with their labels.
pub const TABS: [(Tab, &str); 4] = [
    (Tab::Console, "Console"),
    (Tab::SqlLog, "SQL log"),
    (Tab::Data, "Data"),
    (Tab::Sql, "SQL"),
];

/// The element ids of a tab and its panel, unique per mounted playground.
pub fn tab_id(prefix: &str, tab: Tab) -> (String, String) {
    let i = TABS.iter().position(|(t, _)| *t == tab).unwrap_or(0);
    (format!("{prefix}-tab{i}"), format!("{prefix}-panel{i}"))
}

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub current: Tab,
    pub id_prefix: AttrValue,
    /// A small count beside a tab's label (statements in the log, tables).
    pub badges: [Option<usize>; 4],
    /// Which tabs are shown (a docs widget may show only some; the page shows all).
    #[prop_or([true; 4])]
    pub shown: [bool; 4],
    pub on_select: Callback<Tab>,
}

#[component]
pub fn Tabs(props: &TabsProps) -> Html {
    let onkeydown = {
        let on_select = props.on_select.clone();
        let current = props.current;
        let prefix = props.id_prefix.clone();
        let shown: Vec<Tab> = TABS
            .iter()
            .zip(props.shown)
            .filter_map(|((tab, _), shown)| shown.then_some(*tab))
            .collect();
        Callback::from(move |e: KeyboardEvent| {
            let n = shown.len();
            let i = shown.iter().position(|t| *t == current).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % n.max(1),
                "ArrowLeft" => (i + n.max(1) - 1) % n.max(1),
                "Home" => 0,
                "End" => n.saturating_sub(1),
                _ => return,
            };
            let Some(tab) = shown.get(next).copied() else {
                return;
            };
            e.prevent_default();
            on_select.emit(tab);
            // Looked up from the tab strip, not the document: a widget lives in a shadow root.
            let (id, _) = tab_id(&prefix, tab);
            if let Some(el) = e
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|strip| strip.query_selector(&format!("#{id}")).ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        })
    };
    let tabs: Html = TABS
        .iter()
        .zip(props.badges)
        .zip(props.shown)
        .filter(|(_, shown)| *shown)
        .map(|(((tab, label), badge), _)| {
            let selected = *tab == props.current;
            let (id, panel) = tab_id(&props.id_prefix, *tab);
            let tab = *tab;
            let badge = badge.map(|n| html! { <span class="badge">{n}</span> });
            html! {
                <button type="button" role="tab" {id} aria-controls={panel}
                    aria-selected={selected.to_string()}
                    tabindex={if selected { "0" } else { "-1" }}
                    class={classes!("tab", selected.then_some("selected"))}
                    onclick={props.on_select.reform(move |_| tab)}>
                    {*label}{badge}
                </button>
            }
        })
        .collect();
    html! {
        <div class="tabs" role="tablist" aria-label="Session views" {onkeydown}>{tabs}</div>
    }
}
