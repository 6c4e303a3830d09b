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
use crate::diagram::Point;
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
            // The shown link is out of date. (Only then: a drag saves on every move, and
            // setting state renders the app again.)
            if shared.is_some() {
                shared.set(None);
            }
        });
    }

    // Made once per mount: children whose other props did not change skip re-rendering
    // (a fresh `Callback` never equals the last one), so running a console input redraws
    // the console and the tabs, not the editor, the diagram or the data grids.
    let on = use_memo((), {
        let dispatcher = page.dispatcher();
        move |_| Handlers::new(&dispatcher)
    });
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
                    on_example={on.example.clone()} on_reset={on.reset.clone()}
                    on_share={on_share} on_theme={on.theme.clone()}/>
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
                    compiled={page.models_ok()} tables={tables} on_edit={on.edit.clone()} {readonly}/>
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
                            on_pick={on.pick.clone()} pins={page.pins.clone()}
                            on_move={on.move_table.clone()} on_relayout={on.relayout.clone()}/>
                    </section>
                    }
                    if panes.session() {
                    <section class="session-pane" aria-label="Session">
                        <Tabs current={current_tab} id_prefix={AttrValue::from(ids.to_string())}
                            badges={badges} shown={shown_tabs} on_select={on.tab.clone()}/>
                        {panel(Tab::Console, html! {
                            <Console entries={page.console.clone()} history={page.history.clone()}
                                guide={page.guide.clone()} guide_at={page.guide_at}
                                replayable={page.replayable()} schema={page.schema.clone()}
                                globals={page.globals.clone()} on_run={on.run.clone()}
                                on_guide={on.guide.clone()}
                                on_replay={on.replay.clone()}
                                on_clear={on.clear_console.clone()}
                                offer={page.picked.clone()}/>
                        })}
                        {panel(Tab::SqlLog, html! {
                            <SqlLog entries={page.log.clone()} on_clear={on.clear_log.clone()}/>
                        })}
                        {panel(Tab::Data, html! {
                            <Data tables={page.tables.clone()} picked={page.picked.clone()}
                                on_query={on.query.clone()}/>
                        })}
                        {panel(Tab::Sql, html! {
                            <SqlTab outcomes={page.sql.clone()} tables={table_names} on_run={on.sql.clone()}/>
                        })}
                    </section>
                    }
                </div>
                }
            </main>
        </div>
    }
}

/// The page's callbacks that only dispatch an action (`App` makes them once per mount).
struct Handlers {
    edit: Callback<String>,
    run: Callback<String>,
    sql: Callback<String>,
    example: Callback<usize>,
    tab: Callback<Tab>,
    theme: Callback<Theme>,
    pick: Callback<String>,
    query: Callback<String>,
    move_table: Callback<(String, Point)>,
    relayout: Callback<()>,
    reset: Callback<()>,
    guide: Callback<()>,
    replay: Callback<()>,
    clear_console: Callback<()>,
    clear_log: Callback<()>,
}

impl Handlers {
    fn new(dispatcher: &UseReducerDispatcher<Page>) -> Handlers {
        fn send<T: 'static>(d: &UseReducerDispatcher<Page>, make: fn(T) -> Action) -> Callback<T> {
            let d = d.clone();
            Callback::from(move |value: T| d.dispatch(make(value)))
        }
        let d = dispatcher;
        Handlers {
            edit: send(d, Action::EditModels),
            run: send(d, Action::Run),
            sql: send(d, Action::RunSql),
            example: send(d, Action::LoadExample),
            tab: send(d, Action::SelectTab),
            theme: send(d, Action::SetTheme),
            pick: send(d, Action::PickTable),
            query: send(d, Action::OfferQuery),
            move_table: send(d, |(table, corner)| Action::MoveTable(table, corner)),
            relayout: send(d, |()| Action::Relayout),
            reset: send(d, |()| Action::Reset),
            guide: send(d, |()| Action::RunGuideStep),
            replay: send(d, |()| Action::Replay),
            clear_console: send(d, |()| Action::ClearConsole),
            clear_log: send(d, |()| Action::ClearLog),
        }
    }
}
