//! A playground embedded in a docs page (`<orm-playground>` from www/orm-playground.js, or
//! its `mount(element, options)`): the panes it shows, read-only models, its session (the
//! guided steps, or run at once), a fixed theme, and a link opening the same state in the
//! full playground. The JS handle (`crate::embed`) reaches the widget's reducer through the
//! `Widget` the app was given, so `run(line)` shows in the console and returns its output.

use super::examples::GuideStep;
use super::persist::{self, Saved};
use super::state::{Action, ConsoleEntry, Page, Tab, Theme};
use crate::playground::transcript::{format_transcript, parse_transcript};
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Which parts of the playground a widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub models: bool,
    pub diagram: bool,
    pub console: bool,
    /// The SQL log (what each input ran).
    pub sql: bool,
    pub data: bool,
    /// The raw SQL tab.
    pub query: bool,
}

impl Panes {
    /// The full page: everything.
    pub const PAGE: Panes = Panes {
        models: true,
        diagram: true,
        console: true,
        sql: true,
        data: true,
        query: true,
    };
    /// A widget without a `panes` attribute: everything but the raw SQL tab.
    pub const WIDGET: Panes = Panes {
        query: false,
        ..Panes::PAGE
    };

    /// Panes named in an attribute (`models diagram console sql data query`); unknown names
    /// are ignored, and none known gives the widget's default.
    pub fn named<S: AsRef<str>>(names: &[S]) -> Panes {
        let mut panes = Panes {
            models: false,
            diagram: false,
            console: false,
            sql: false,
            data: false,
            query: false,
        };
        let mut any = false;
        for name in names {
            let slot = match name.as_ref().trim().to_ascii_lowercase().as_str() {
                "models" | "editor" => &mut panes.models,
                "diagram" => &mut panes.diagram,
                "console" => &mut panes.console,
                "sql" | "log" => &mut panes.sql,
                "data" => &mut panes.data,
                "query" => &mut panes.query,
                _ => continue,
            };
            *slot = true;
            any = true;
        }
        if any {
            panes
        } else {
            Panes::WIDGET
        }
    }

    /// Whether the tab of the session pane is shown.
    pub fn shows_tab(&self, tab: Tab) -> bool {
        match tab {
            Tab::Console => self.console,
            Tab::SqlLog => self.sql,
            Tab::Data => self.data,
            Tab::Sql => self.query,
        }
    }

    /// Whether the session pane (console and the other tabs) is shown at all.
    pub fn session(&self) -> bool {
        self.console || self.sql || self.data || self.query
    }
}

/// The options `mount(element, options)` takes (the custom element builds them from its
/// attributes and `<script type="text/x-…">` children). Missing fields take their defaults.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WidgetOptions {
    /// models.py.
    pub models: String,
    /// A doctest transcript (`>>> ` lines): its inputs are the guided steps.
    pub session: String,
    pub panes: Vec<String>,
    pub readonly: bool,
    /// Size to the content instead of filling the element's height.
    pub fit: bool,
    /// `light`, `dark`, or anything else for the system's.
    pub theme: String,
    /// Run the session's inputs as soon as the widget mounts.
    pub autorun: bool,
    /// The full playground's address (http or https): shows the "open" link.
    pub playground: Option<String>,
}

/// One mounted widget: what it shows, and the way in to its reducer for the JS handle.
pub struct Widget {
    pub panes: Panes,
    pub readonly: bool,
    pub fit: bool,
    theme: Theme,
    autorun: bool,
    models: String,
    guide: Vec<GuideStep>,
    playground: Option<String>,
    page: RefCell<Option<UseReducerHandle<Page>>>,
    on_ready: RefCell<Option<js_sys::Function>>,
}

impl PartialEq for Widget {
    fn eq(&self, other: &Widget) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The widget's state as a visitor would see it in the full playground: models and the
/// inputs run so far (the guided session there is the lesson's, so it starts finished).
fn link_state(saved: &Saved) -> Saved {
    Saved {
        history: Vec::new(),
        guide_at: usize::MAX,
        ..saved.clone()
    }
}

impl Widget {
    /// A widget from its options; `on_ready` is called once the app first rendered.
    pub fn new(options: WidgetOptions, on_ready: Option<js_sys::Function>) -> Widget {
        let guide = parse_transcript(&options.session)
            .into_iter()
            .map(|ex| GuideStep {
                input: ex.source,
                note: None,
            })
            .collect();
        let playground = options
            .playground
            .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
            .map(|url| url.split('#').next().unwrap_or_default().to_string());
        Widget {
            panes: Panes::named(&options.panes),
            readonly: options.readonly,
            fit: options.fit,
            theme: match options.theme.as_str() {
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                _ => Theme::System,
            },
            autorun: options.autorun,
            models: options.models,
            guide,
            playground,
            page: RefCell::new(None),
            on_ready: RefCell::new(on_ready),
        }
    }

    /// The widget's first state: its models compiled into a fresh database, the session
    /// run (autorun) or waiting as guided steps.
    pub fn initial_page(&self) -> Page {
        let inputs: Vec<String> = self.guide.iter().map(|s| s.input.clone()).collect();
        let mut page = Page::new(Some(Saved {
            example: 0,
            models: self.models.clone(),
            session: if self.autorun { inputs } else { Vec::new() },
            history: Vec::new(),
            guide_at: 0,
            theme: self.theme,
            pins: Default::default(),
        }));
        page.guide = Rc::new(self.guide.clone());
        page.guide_at = if self.autorun { self.guide.len() } else { 0 };
        page
    }

    /// Called by the app on every render: keeps its reducer for the handle, and says once
    /// that the widget is ready.
    pub fn attach(&self, page: &UseReducerHandle<Page>) {
        if self.page.borrow().is_some() {
            return;
        }
        *self.page.borrow_mut() = Some(page.clone());
        if let Some(ready) = self.on_ready.borrow_mut().take() {
            let _ = ready.call0(&wasm_bindgen::JsValue::NULL);
        }
    }

    /// Forgets the reducer (the app is going away).
    pub fn detach(&self) {
        self.page.borrow_mut().take();
        self.on_ready.borrow_mut().take();
    }

    /// A fresh handle on the reducer (a clone per call, so its snapshots do not pile up).
    fn reducer(&self) -> Option<UseReducerHandle<Page>> {
        self.page.borrow().clone()
    }

    /// Runs one input in the console as if typed; what it printed, or `None` before the
    /// widget is ready.
    pub fn run(&self, input: &str) -> Option<String> {
        let page = self.reducer()?;
        page.dispatch(Action::Run(input.to_string()));
        let output = match page.console.last() {
            Some(ConsoleEntry::Run { output, .. }) => output.clone(),
            _ => String::new(),
        };
        Some(output)
    }

    /// Replaces the models text (a fresh database); false before the widget is ready.
    pub fn set_models(&self, text: &str) -> bool {
        let Some(page) = self.reducer() else {
            return false;
        };
        page.dispatch(Action::SetModels(text.to_string()));
        true
    }

    /// The console's inputs and outputs as a doctest transcript.
    pub fn transcript(&self) -> String {
        let Some(page) = self.reducer() else {
            return String::new();
        };
        let console = page.console.clone();
        format_transcript(console.iter().filter_map(|entry| match entry {
            ConsoleEntry::Run { input, output, .. } => Some((input.as_str(), output.as_str())),
            ConsoleEntry::Reloaded { .. } => None,
        }))
    }

    /// The root element's classes: the widget's layout follows its panes.
    pub fn classes(&self) -> Classes {
        let p = self.panes;
        let side = p.diagram || p.session();
        classes!(
            "widget",
            self.fit.then_some("fit"),
            (!(p.models && side)).then_some("one-column"),
            (!(p.diagram && p.session())).then_some("one-row"),
        )
    }
}

#[derive(Properties, PartialEq)]
pub struct WidgetBarProps {
    pub widget: Rc<Widget>,
    pub saved: Saved,
    /// Guided steps not run yet.
    pub remaining: usize,
    pub dispatch: Callback<Action>,
}

/// The widget's header: its name, "Run all" while guided steps remain, and the link to
/// the full playground carrying the models and the inputs run so far.
#[component]
pub fn WidgetBar(props: &WidgetBarProps) -> Html {
    let href = use_state(|| props.widget.playground.clone());
    let latest = use_mut_ref(|| 0u32);
    {
        let href = href.clone();
        let base = props.widget.playground.clone();
        use_effect_with(props.saved.clone(), move |saved| {
            if let Some(base) = base {
                let state = link_state(saved);
                let generation = {
                    let mut n = latest.borrow_mut();
                    *n = n.wrapping_add(1);
                    *n
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let url = persist::share_link(&base, &state).await;
                    // A slower, older link must not replace a newer one.
                    if let (Some(url), true) = (url, *latest.borrow() == generation) {
                        href.set(Some(url));
                    }
                });
            }
        });
    }
    let run_all = (props.remaining > 0).then(|| {
        let dispatch = props.dispatch.clone();
        let n = props.remaining;
        let onclick = Callback::from(move |_: MouseEvent| {
            for _ in 0..n {
                dispatch.emit(Action::RunGuideStep);
            }
        });
        html! {
            <button type="button" class="ghost small run-all" {onclick}
                title="Run every remaining step of the session">
                {format!("Run all ({n})")}
            </button>
        }
    });
    let open = (*href).clone().map(|href| {
        html! {
            <a class="open-full" {href} target="_blank" rel="noopener noreferrer"
                title="Open these models and this session in the full playground">
                {"Open in full playground ↗"}
            </a>
        }
    });
    html! {
        <div class="widget-bar">
            <span class="logo" aria-hidden="true">{"⛁"}</span>
            <span class="widget-name">{"ORM Playground"}</span>
            <span class="widget-actions">{run_all}{open}</span>
        </div>
    }
}
