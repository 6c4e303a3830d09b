//! The root component: holds the page's reducer, wires effects (debounced compile,
//! autosave, opening a Share link) and lays the panes out. It computes nothing itself.

use super::console::Console;
use super::data::Data;
use super::diagram::Diagram;
use super::editor::Editor;
use super::header::Header;
use super::persist;
use super::sql_log::SqlLog;
use super::sql_tab::SqlTab;
use super::state::{Action, Page, Tab, Theme};
use super::tabs::{tab_id, Tabs, TABS};
use super::widget::{Panes, Widget, WidgetBar};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// Pause after the last keystroke before the models compile.
const COMPILE_DELAY_MS: u32 = 350;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Where this instance autosaves (localStorage key); none: nothing is saved.
    pub storage_key: Option<AttrValue>,
    /// Whether to open the Share link in the page's URL.
    pub read_url: bool,
    /// A docs widget: its panes, session and options (none: the full page).
    #[prop_or_default]
    pub widget: Option<Rc<Widget>>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let page = {
        let key = props.storage_key.clone();
        let from_url = props.read_url && persist::has_shared_state();
        let widget = props.widget.clone();
        use_reducer(move || {
            if let Some(widget) = widget {
                return widget.initial_page();
            }
            let saved = if from_url {
                None
            } else {
                key.and_then(|k| persist::load(&k))
            };
            Page::new(saved)
        })
    };
    let shared = use_state(|| None::<AttrValue>);
    let ids = use_memo((), |_| super::unique_id("app"));
    if let Some(widget) = &props.widget {
        widget.attach(&page);
    }
    let panes = props.widget.as_ref().map_or(Panes::PAGE, |w| w.panes);
    // A widget without the tab the page asks for (a diagram click asks for Data) keeps
    // showing its first tab.
    let current_tab = if panes.shows_tab(page.tab) {
        page.tab
    } else {
        TABS.iter()
            .map(|(tab, _)| *tab)
            .find(|tab| panes.shows_tab(*tab))
            .unwrap_or(page.tab)
    };

    {
        let dispatcher = page.dispatcher();
        let read_url = props.read_url;
        use_effect_with((), move |_| {
            if read_url && persist::has_shared_state() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(saved) = persist::shared_state().await {
                        dispatcher.dispatch(Action::Restore(saved));
                    }
                    persist::forget_shared_state();
                });
            }
        });
    }
    {
        let dispatcher = page.dispatcher();
        use_effect_with(page.models.clone(), move |_| {
            let timer = Timeout::new(COMPILE_DELAY_MS, move || {
                dispatcher.dispatch(Action::Compile)
            });
            move || drop(timer)
        });
    }
    {
        let key = props.storage_key.clone();
        let saved = page.saved();
        let shared = shared.clone();
        use_effect_with(saved, move |saved| {
            if let Some(key) = key {
                persist::save(&key, saved);
            }
            shared.set(None);
        });
    }

    let act = |make: fn() -> Action| {
        let dispatcher = page.dispatcher();
        Callback::from(move |_: ()| dispatcher.dispatch(make()))
    };
    let on_edit = {
        let dispatcher = page.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::EditModels(text)))
    };
    let on_run = {
        let dispatcher = page.dispatcher();
        Callback::from(move |input: String| dispatcher.dispatch(Action::Run(input)))
    };
    let on_sql = {
        let dispatcher = page.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::RunSql(text)))
    };
    let on_example = {
        let dispatcher = page.dispatcher();
        Callback::from(move |i: usize| dispatcher.dispatch(Action::LoadExample(i)))
    };
    let on_tab = {
        let dispatcher = page.dispatcher();
        Callback::from(move |tab: Tab| dispatcher.dispatch(Action::SelectTab(tab)))
    };
    let on_theme = {
        let dispatcher = page.dispatcher();
        Callback::from(move |theme: Theme| dispatcher.dispatch(Action::SetTheme(theme)))
    };
    let on_pick = {
        let dispatcher = page.dispatcher();
        Callback::from(move |table: String| dispatcher.dispatch(Action::PickTable(table)))
    };
    let on_query = {
        let dispatcher = page.dispatcher();
        Callback::from(move |table: String| dispatcher.dispatch(Action::OfferQuery(table)))
    };
    let on_share = {
        let saved = page.saved();
        let shared = shared.clone();
        Callback::from(move |_: ()| {
            let saved = saved.clone();
            let shared = shared.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(url) = persist::share_url(&saved).await {
                    persist::copy(&url).await;
                    shared.set(Some(url.into()));
                }
            });
        })
    };

    let theme = match page.theme {
        Theme::System => None,
        Theme::Light => Some("light"),
        Theme::Dark => Some("dark"),
    };
    let tables = page.schema.as_ref().map_or(0, |s| s.tables.len());
    let table_names: Rc<Vec<String>> =
        Rc::new(page.tables.iter().map(|t| t.name.clone()).collect());
    let panel = |tab: Tab, body: Html| {
        if !panes.shows_tab(tab) {
            return html! {};
        }
        let (tab_el, panel_el) = tab_id(&ids, tab);
        html! {
            <div class="panel" role="tabpanel" id={panel_el} aria-labelledby={tab_el}
                hidden={current_tab != tab}>{body}</div>
        }
    };
    let badges = TABS.map(|(tab, _)| match tab {
        Tab::SqlLog => Some(page.log.len()),
        Tab::Data => Some(page.tables.iter().map(|t| t.grid.total).sum()),
        _ => None,
    });

    let (header, root) = match &props.widget {
        Some(widget) => (
            html! {
                <WidgetBar widget={widget.clone()} saved={page.saved()}
                    remaining={page.guide.len().saturating_sub(page.guide_at)}
                    dispatch={page.dispatcher().to_callback()}/>
            },
            classes!("ormpg", widget.classes()),
        ),
        None => (
            html! {
                <Header example={page.example} theme={page.theme} shared={(*shared).clone()}
                    on_example={on_example} on_reset={act(|| Action::Reset)}
                    on_share={on_share} on_theme={on_theme}/>
            },
            classes!("ormpg"),
        ),
    };
    let readonly = props.widget.as_ref().is_some_and(|w| w.readonly);
    let shown_tabs = TABS.map(|(tab, _)| panes.shows_tab(tab));

    html! {
        <div class={root} data-theme={theme}>
            {header}
            <main class="workspace">
                if panes.models {
                <Editor text={page.models.clone()} revision={page.revision}
                    mark={page.mark.clone()} problem={page.problem.clone()}
                    compiled={page.models_ok()} tables={tables} on_edit={on_edit} {readonly}/>
                }
                if panes.diagram || panes.session() {
                <div class="side">
                    if panes.diagram {
                    <section class="diagram-pane" aria-label="ER diagram">
                        <div class="pane-head">
                            <h2 class="pane-title">{"Diagram"}</h2>
                            <span class="pane-hint">{"tables, columns and foreign keys"}</span>
                        </div>
                        <Diagram schema={page.schema.clone()} revision={page.revision}
                            on_pick={on_pick}/>
                    </section>
                    }
                    if panes.session() {
                    <section class="session-pane" aria-label="Session">
                        <Tabs current={current_tab} id_prefix={AttrValue::from(ids.to_string())}
                            badges={badges} shown={shown_tabs} on_select={on_tab}/>
                        {panel(Tab::Console, html! {
                            <Console entries={page.console.clone()} history={page.history.clone()}
                                guide={page.guide.clone()} guide_at={page.guide_at}
                                replayable={page.replayable()} schema={page.schema.clone()}
                                globals={page.globals.clone()} on_run={on_run}
                                on_guide={act(|| Action::RunGuideStep)}
                                on_replay={act(|| Action::Replay)}
                                on_clear={act(|| Action::ClearConsole)}
                                offer={page.picked.clone()}/>
                        })}
                        {panel(Tab::SqlLog, html! {
                            <SqlLog entries={page.log.clone()} on_clear={act(|| Action::ClearLog)}/>
                        })}
                        {panel(Tab::Data, html! {
                            <Data tables={page.tables.clone()} picked={page.picked.clone()}
                                on_query={on_query}/>
                        })}
                        {panel(Tab::Sql, html! {
                            <SqlTab outcomes={page.sql.clone()} tables={table_names} on_run={on_sql}/>
                        })}
                    </section>
                    }
                </div>
                }
            </main>
        </div>
    }
}
