//! The state of one mounted playground and the one reducer that changes it.
//!
//! Only the reducer touches the `Playground`; everything a component draws is copied out of
//! it into plain values (`Rc`s, so an unchanged part costs nothing to keep). Models compile
//! into a fresh playground: if they fail, the last good playground (schema, data, diagram,
//! console) stays and only the editor's mark changes.

pub use super::action::{Action, ConsoleEntry, Picked, Tab, Theme};
use super::examples::{example, GuideStep};
use super::persist::Saved;
use super::views::{EditorMark, Grid, SqlOutcome, TableData};
use crate::db::EchoEntry;
use crate::diag::Source;
use crate::diagram::pins::{self, Pins};
use crate::diagram::Point;
use crate::playground::Playground;
use crate::schema::Schema;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

/// How many console entries, log entries and history inputs the page keeps.
const CONSOLE_KEEP: usize = 400;
const LOG_KEEP: usize = 1000;
const HISTORY_KEEP: usize = 200;

/// Everything one mounted playground shows.
#[derive(Clone)]
pub struct Page {
    playground: Rc<RefCell<Playground>>,
    pub example: usize,
    /// The editor's text.
    pub models: Rc<str>,
    /// Bumped whenever the text is replaced from outside the editor (example, reset, share).
    pub revision: u32,
    /// The text last compiled (successfully or not).
    attempted: Rc<str>,
    /// The models' error (or the relationship configuration error), if any.
    pub mark: Option<Rc<EditorMark>>,
    /// The error's message even when it has no place in the text.
    pub problem: Option<Rc<str>>,
    pub schema: Option<Rc<Schema>>,
    pub console: Rc<Vec<ConsoleEntry>>,
    /// Inputs run since the models last compiled (what a reload or a share replays).
    pub session: Rc<Vec<String>>,
    /// The session before the models last compiled (what Replay runs).
    previous_session: Rc<Vec<String>>,
    /// Every input, oldest first (up/down in the console).
    pub history: Rc<Vec<String>>,
    pub log: Rc<Vec<EchoEntry>>,
    log_next: u64,
    pub tables: Rc<Vec<TableData>>,
    pub sql: Rc<Vec<SqlOutcome>>,
    /// Global names and their types (console completion).
    pub globals: Rc<Vec<(String, String)>>,
    pub tab: Tab,
    pub guide: Rc<Vec<GuideStep>>,
    /// Index of the guide's next step.
    pub guide_at: usize,
    pub theme: Theme,
    /// The table last clicked in the diagram.
    pub picked: Option<Rc<Picked>>,
    /// Boxes dragged in the diagram (only of tables the schema has). Saved with the rest;
    /// other models (an example, Reset, `SetModels`) start without any.
    pub pins: Rc<Pins>,
}

impl Page {
    /// A page showing `saved` (or the first example), compiled and replayed.
    pub fn new(saved: Option<Saved>) -> Page {
        let first = example(0);
        let mut page = Page {
            playground: Rc::new(RefCell::new(Playground::new())),
            example: 0,
            models: first.models.into(),
            revision: 0,
            attempted: "".into(),
            mark: None,
            problem: None,
            schema: None,
            console: Rc::default(),
            session: Rc::default(),
            previous_session: Rc::default(),
            history: Rc::default(),
            log: Rc::default(),
            log_next: 0,
            tables: Rc::default(),
            sql: Rc::default(),
            globals: Rc::default(),
            tab: Tab::Console,
            guide: Rc::new(first.guide()),
            guide_at: 0,
            theme: Theme::System,
            picked: None,
            pins: Rc::default(),
        };
        match saved {
            Some(saved) => page.restore(saved),
            None => {
                page.compile();
            }
        }
        page
    }

    /// What autosave and Share keep.
    pub fn saved(&self) -> Saved {
        Saved {
            example: self.example,
            models: self.models.to_string(),
            session: self.session.to_vec(),
            history: self.history.to_vec(),
            guide_at: self.guide_at,
            theme: self.theme,
            pins: (*self.pins).clone(),
        }
    }

    /// Whether the models text compiled as it is now.
    pub fn models_ok(&self) -> bool {
        self.problem.is_none() && *self.attempted == *self.models
    }

    /// How many inputs Replay would run.
    pub fn replayable(&self) -> usize {
        self.previous_session.len()
    }

    /// Compiles the models text if it changed; true when a fresh playground replaced the
    /// old one (false when the text is unchanged or broken).
    fn compile(&mut self) -> bool {
        if *self.attempted == *self.models {
            return false;
        }
        self.attempted = self.models.clone();
        let mut fresh = Playground::new();
        let report = fresh.load_models(&self.models);
        if let Some(error) = report.error {
            self.mark = EditorMark::of(&error, &self.models).map(Rc::new);
            self.problem = Some(error.headline().into());
            return false;
        }
        let config = report.configuration_error;
        self.mark = config
            .as_ref()
            .and_then(|d| EditorMark::of(d, &self.models))
            .map(Rc::new);
        self.problem = config.map(|d| d.headline().into());
        self.playground = Rc::new(RefCell::new(fresh));
        if !self.session.is_empty() {
            self.previous_session = std::mem::take(&mut self.session);
        }
        self.log = Rc::default();
        self.log_next = 0;
        self.refresh();
        let entry = ConsoleEntry::Reloaded {
            tables: self.schema.as_ref().map_or(0, |s| s.tables.len()),
            printed: report.output,
        };
        // While the visitor types, one notice stands for the latest compile.
        let console = Rc::make_mut(&mut self.console);
        if matches!(console.last(), Some(ConsoleEntry::Reloaded { .. })) {
            console.pop();
        }
        self.push_console(entry);
        true
    }

    fn run(&mut self, input: String) {
        let input = input.trim_end().to_string();
        if input.trim().is_empty() {
            self.push_console(ConsoleEntry::Run {
                input,
                output: String::new(),
                failed: false,
                error_span: None,
            });
            return;
        }
        let out = self.playground.borrow_mut().run(&input);
        let error_span = out.error.as_ref().and_then(|d| match (&d.source, d.span) {
            (Some(Source::Console(_)), Some(span)) => {
                Some((span.start as usize, span.end as usize))
            }
            _ => None,
        });
        if self
            .guide
            .get(self.guide_at)
            .is_some_and(|step| step.input.trim() == input.trim())
        {
            self.guide_at += 1;
        }
        let history = Rc::make_mut(&mut self.history);
        if history.last() != Some(&input) {
            history.push(input.clone());
        }
        trim_front(history, HISTORY_KEEP);
        Rc::make_mut(&mut self.session).push(input.clone());
        self.push_console(ConsoleEntry::Run {
            input,
            output: out.text,
            failed: out.error.is_some(),
            error_span,
        });
        self.refresh();
    }

    fn push_console(&mut self, entry: ConsoleEntry) {
        let console = Rc::make_mut(&mut self.console);
        console.push(entry);
        trim_front(console, CONSOLE_KEEP);
    }

    /// Copies the schema, new log entries, table rows and globals out of the playground.
    fn refresh(&mut self) {
        let pg = self.playground.borrow();
        let schema = pg.schema().cloned();
        if schema.as_ref() != self.schema.as_deref() {
            self.schema = schema.map(Rc::new);
        }
        drop_stale_pins(&mut self.pins, self.schema.as_deref());
        self.globals = Rc::new(pg.globals());
        let Some(db) = pg.database() else {
            self.tables = Rc::default();
            return;
        };
        let log = db.echo_log();
        let fresh: Vec<EchoEntry> = log.since(self.log_next).cloned().collect();
        self.log_next = log.next_seq();
        if !fresh.is_empty() {
            let kept = Rc::make_mut(&mut self.log);
            kept.extend(fresh);
            trim_front(kept, LOG_KEEP);
        }
        let mut names: Vec<String> = self
            .schema
            .iter()
            .flat_map(|s| s.tables.iter().map(|t| t.name.clone()))
            .collect();
        for name in db.table_names() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let tables: Vec<TableData> = names
            .into_iter()
            .filter_map(|name| {
                let rows = db.table_rows(&name).ok()?;
                Some(TableData {
                    grid: Grid::of(&rows),
                    name,
                })
            })
            .collect();
        if *self.tables != tables {
            self.tables = Rc::new(tables);
        }
    }

    /// Pins the box of `table` at `corner` as it is saved (on the canvas, whole pixels: a
    /// reload draws exactly this); false when nothing changed.
    fn move_table(&mut self, table: String, corner: Point) -> bool {
        let Some(corner) = pins::saved_corner(corner) else {
            return false;
        };
        if self.pins.get(&table) == Some(&corner) {
            return false;
        }
        Rc::make_mut(&mut self.pins).insert(table, corner);
        true
    }

    fn load_example(&mut self, index: usize) {
        let chosen = example(index);
        self.example = index;
        self.set_models(chosen.models);
        self.guide = Rc::new(chosen.guide());
        self.guide_at = 0;
        self.console = Rc::default();
        self.session = Rc::default();
        self.previous_session = Rc::default();
        self.sql = Rc::default();
        self.tab = Tab::Console;
        self.compile();
    }

    fn set_models(&mut self, text: &str) {
        self.models = text.into();
        self.revision += 1;
        // Other models: the diagram starts afresh (`restore` then brings saved pins back).
        self.pins = Rc::default();
        // Recompile even if the text is what was last attempted: the database restarts.
        self.attempted = "".into();
    }

    fn restore(&mut self, saved: Saved) {
        self.example = saved.example;
        self.guide = Rc::new(example(saved.example).guide());
        self.set_models(&saved.models);
        self.console = Rc::default();
        self.session = Rc::default();
        self.previous_session = Rc::default();
        // Before compiling: a compile that succeeds drops those of tables that do not exist.
        self.pins = Rc::new(saved.pins);
        if self.compile() {
            for input in saved.session {
                self.run(input);
            }
        } else {
            // Broken models: the session waits for them to compile, then Replay offers it.
            self.previous_session = Rc::new(saved.session);
        }
        self.guide_at = saved.guide_at.min(self.guide.len());
        self.history = Rc::new(saved.history);
        self.theme = saved.theme;
    }

    /// A table picked in the diagram: shown in the Data tab, or (`insist`) its query put
    /// in the console input with the console shown.
    fn pick(&mut self, table: String, insist: bool) {
        let query = self.playground.borrow().rows_query(&table);
        let seq = self.picked.as_ref().map_or(1, |p| p.seq.wrapping_add(1));
        self.picked = Some(Rc::new(Picked {
            table,
            query,
            seq,
            insist,
        }));
        self.tab = if insist { Tab::Console } else { Tab::Data };
    }

    fn replay(&mut self) {
        let inputs = std::mem::take(&mut self.previous_session);
        for input in inputs.iter() {
            self.run(input.clone());
        }
    }
}

/// Forgets the pins of tables `schema` does not have (kept while there is no schema).
fn drop_stale_pins(pins: &mut Rc<Pins>, schema: Option<&Schema>) {
    let Some(schema) = schema else {
        return;
    };
    let exists = |name: &str| schema.tables.iter().any(|t| t.name == name);
    if !pins.keys().all(|name| exists(name)) {
        Rc::make_mut(pins).retain(|name, _| exists(name));
    }
}

fn trim_front<T>(items: &mut Vec<T>, keep: usize) {
    if items.len() > keep {
        items.drain(..items.len() - keep);
    }
}

impl Reducible for Page {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut page = (*self).clone();
        match action {
            Action::EditModels(text) => {
                if *page.models == *text {
                    return self;
                }
                page.mark = page
                    .mark
                    .as_ref()
                    .and_then(|m| m.follow_edit(&page.models, &text))
                    .map(Rc::new);
                page.models = text.into();
            }
            Action::Compile => {
                if *page.attempted == *page.models {
                    return self;
                }
                page.compile();
            }
            Action::Run(input) => {
                page.compile();
                page.run(input);
            }
            Action::RunGuideStep => {
                let Some(step) = page.guide.get(page.guide_at).cloned() else {
                    return self;
                };
                page.compile();
                page.tab = Tab::Console;
                page.run(step.input);
            }
            Action::Replay => page.replay(),
            Action::ClearConsole => page.console = Rc::default(),
            Action::ClearLog => page.log = Rc::default(),
            Action::RunSql(text) => {
                let outcomes = page.playground.borrow_mut().run_sql(&text);
                page.sql = Rc::new(outcomes.iter().map(SqlOutcome::of).collect());
                page.refresh();
            }
            Action::SelectTab(tab) => page.tab = tab,
            Action::LoadExample(index) => page.load_example(index),
            Action::Reset => page.load_example(page.example),
            Action::Restore(saved) => page.restore(saved),
            Action::SetModels(text) => {
                page.set_models(&text);
                page.compile();
            }
            Action::SetTheme(theme) => page.theme = theme,
            Action::PickTable(table) => page.pick(table, false),
            Action::OfferQuery(table) => page.pick(table, true),
            Action::MoveTable(table, corner) => {
                if !page.move_table(table, corner) {
                    return self;
                }
            }
            Action::Relayout => {
                if page.pins.is_empty() {
                    return self;
                }
                page.pins = Rc::default();
            }
        }
        Rc::new(page)
    }
}
