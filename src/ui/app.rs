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
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let page = {
        let key = props.storage_key.clone();
        let from_url = props.read_url && persist::has_shared_state();
        use_reducer(move || {
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
        let (tab_el, panel_el) = tab_id(&ids, tab);
        html! {
            <div class="panel" role="tabpanel" id={panel_el} aria-labelledby={tab_el}
                hidden={page.tab != tab}>{body}</div>
        }
    };
    let badges = TABS.map(|(tab, _)| match tab {
        Tab::SqlLog => Some(page.log.len()),
        Tab::Data => Some(page.tables.iter().map(|t| t.grid.total).sum()),
        _ => None,
    });

    html! {
        <div class="ormpg" data-theme={theme}>
            <Header example={page.example} theme={page.theme} shared={(*shared).clone()}
                on_example={on_example} on_reset={act(|| Action::Reset)}
                on_share={on_share} on_theme={on_theme}/>
            <main class="workspace">
                <Editor text={page.models.clone()} revision={page.revision}
                    mark={page.mark.clone()} problem={page.problem.clone()}
                    compiled={page.models_ok()} tables={tables} on_edit={on_edit}/>
                <div class="side">
                    <section class="diagram-pane" aria-label="ER diagram">
                        <div class="pane-head">
                            <h2 class="pane-title">{"Diagram"}</h2>
                            <span class="pane-hint">{"tables, columns and foreign keys"}</span>
                        </div>
                        <Diagram schema={page.schema.clone()}/>
                    </section>
                    <section class="session-pane" aria-label="Session">
                        <Tabs current={page.tab} id_prefix={AttrValue::from(ids.to_string())}
                            badges={badges} on_select={on_tab}/>
                        {panel(Tab::Console, html! {
                            <Console entries={page.console.clone()} history={page.history.clone()}
                                guide={page.guide.clone()} guide_at={page.guide_at}
                                replayable={page.replayable()} schema={page.schema.clone()}
                                globals={page.globals.clone()} on_run={on_run}
                                on_guide={act(|| Action::RunGuideStep)}
                                on_replay={act(|| Action::Replay)}
                                on_clear={act(|| Action::ClearConsole)}/>
                        })}
                        {panel(Tab::SqlLog, html! {
                            <SqlLog entries={page.log.clone()} on_clear={act(|| Action::ClearLog)}/>
                        })}
                        {panel(Tab::Data, html! { <Data tables={page.tables.clone()}/> })}
                        {panel(Tab::Sql, html! {
                            <SqlTab outcomes={page.sql.clone()} tables={table_names} on_run={on_sql}/>
                        })}
                    </section>
                </div>
            </main>
        </div>
    }
}
