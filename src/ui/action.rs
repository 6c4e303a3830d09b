//! What the page's state is made of and what can change it: the tabs, the theme, the
//! console's entries, a picked table and the actions the reducer (`state.rs`) carries out.

use super::persist::Saved;
use crate::diagram::Point;

/// The tabs under the diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Console,
    SqlLog,
    Data,
    Sql,
}

/// The colour theme: the system's, or one the visitor chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

/// One entry of the console's transcript.
#[derive(Clone, Debug, PartialEq)]
pub enum ConsoleEntry {
    /// An input and exactly what the shell printed for it.
    Run {
        input: String,
        output: String,
        failed: bool,
        /// Where in `input` the error happened (byte range), for the echoed input's underline.
        error_span: Option<(usize, usize)>,
    },
    /// The models ran into a fresh database (what they printed, if anything).
    Reloaded { tables: usize, printed: String },
}

/// A table the visitor clicked in the diagram: the Data tab shows it, and the console input
/// offers `query` (not run).
#[derive(Clone, Debug, PartialEq)]
pub struct Picked {
    pub table: String,
    /// The statement listing its rows (`Role.query.all()`).
    pub query: Option<String>,
    /// Counts picks, so picking the same table again shows it again.
    pub seq: u32,
    /// The visitor asked for the query: it replaces whatever the console input holds
    /// (otherwise it only replaces an empty input or an earlier offer).
    pub insist: bool,
}

/// What the visitor (or a timer) asks the page to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The models text changed (compiled later, by `Compile`).
    EditModels(String),
    /// Compile the models text if it changed since the last attempt.
    Compile,
    /// Run one console input.
    Run(String),
    /// Run the guide's current step.
    RunGuideStep,
    /// Run the previous session's inputs again on the new models.
    Replay,
    ClearConsole,
    ClearLog,
    RunSql(String),
    SelectTab(Tab),
    LoadExample(usize),
    /// Back to the current example as it ships.
    Reset,
    /// Open saved or shared state (models, then the session replayed).
    Restore(Saved),
    /// Replace the models text from outside the editor (a docs widget's `setModels`) and
    /// compile it into a fresh database.
    SetModels(String),
    SetTheme(Theme),
    /// A table was clicked in the diagram.
    PickTable(String),
    /// The picked table's query, asked for: into the console input, console shown.
    OfferQuery(String),
    /// A table's box was dragged in the diagram: it stays pinned with its top-left corner
    /// here (across recompiles, reloads and Share links).
    MoveTable(String, Point),
    /// "Re-layout": every dragged box goes back where the layout places it.
    Relayout,
}
