//! Render-ready values made from the façade's results: the editor's error mark, a table's
//! rows as text, an SQL-tab outcome. Components only read these; they compute nothing.

use crate::db::{QueryResult, RawOutcome, StatementKind};
use crate::diag::{Diagnostic, LineIndex, Source};
use gluesql::core::data::Value;

/// How many rows one grid shows (the rest are counted, not drawn).
pub const GRID_ROWS: usize = 200;

/// An error to underline in the models editor.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorMark {
    /// Byte range in the models text; never empty (a point error covers one character, or
    /// the end of its line).
    pub start: usize,
    pub end: usize,
    /// 1-based line and column of `start`.
    pub line: u32,
    pub column: u32,
    /// UTF-16 offset of `start`, to put the textarea's cursor there.
    pub utf16_start: u32,
    /// The traceback's last line: `NameError: name 'Strin' is not defined`.
    pub message: String,
}

impl EditorMark {
    /// The mark for a diagnostic in the models text (`None` for one elsewhere or without
    /// a span: the status line still shows its message).
    pub fn of(d: &Diagnostic, models: &str) -> Option<EditorMark> {
        if !matches!(d.source, None | Some(Source::Models)) {
            return None;
        }
        let span = d.span?;
        let len = models.len();
        let mut start = (span.start as usize).min(len);
        while !models.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (span.end as usize).clamp(start, len);
        while !models.is_char_boundary(end) {
            end += 1;
        }
        if end == start {
            end = models[start..]
                .chars()
                .next()
                .filter(|c| *c != '\n')
                .map_or(start, |c| start + c.len_utf8());
        }
        let index = LineIndex::new(models);
        let at = index.line_col(start as u32);
        Some(EditorMark {
            start,
            end,
            line: at.line,
            column: at.column,
            utf16_start: index.utf16_offset(start as u32),
            message: d.headline(),
        })
    }
}

impl EditorMark {
    /// The mark moved along an edit from `old` to `new` text: kept when the edit is after
    /// it, shifted when before it, dropped when the edit touches it (the next compile
    /// says whether the error is still there).
    pub fn follow_edit(&self, old: &str, new: &str) -> Option<EditorMark> {
        let prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take_while(|(a, b)| a == b)
            .count()
            .min(old.len() - prefix)
            .min(new.len() - prefix);
        let old_edit_end = old.len() - suffix;
        if prefix >= self.end {
            return Some(self.clone());
        }
        if old_edit_end > self.start {
            return None;
        }
        let start = (self.start + new.len()).checked_sub(old.len())?;
        let end = (self.end + new.len()).checked_sub(old.len())?;
        if !new.is_char_boundary(start) || !new.is_char_boundary(end) {
            return None;
        }
        let index = LineIndex::new(new);
        let at = index.line_col(start as u32);
        Some(EditorMark {
            start,
            end,
            line: at.line,
            column: at.column,
            utf16_start: index.utf16_offset(start as u32),
            message: self.message.clone(),
        })
    }
}

/// One table's current rows, as the Data tab and the SQL tab draw them.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub labels: Vec<String>,
    /// Cells as text; `None` is SQL NULL.
    pub rows: Vec<Vec<Option<String>>>,
    /// All rows, including those not drawn.
    pub total: usize,
}

impl Grid {
    pub fn of(result: &QueryResult) -> Grid {
        Grid {
            labels: result.labels.clone(),
            rows: result
                .rows
                .iter()
                .take(GRID_ROWS)
                .map(|row| row.iter().map(cell_text).collect())
                .collect(),
            total: result.rows.len(),
        }
    }
}

/// A cell as text: strings as they are, NULL as `None`, the rest as GlueSQL prints them.
fn cell_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Str(s) => Some(s.clone()),
        Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
        other => Some(String::from(other)),
    }
}

/// A table of the Data tab.
#[derive(Clone, Debug, PartialEq)]
pub struct TableData {
    pub name: String,
    pub grid: Grid,
}

/// What one statement typed in the SQL tab gave.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlResult {
    Rows(Grid),
    /// A statement without rows: what it did (`INSERT`, `CREATE TABLE`) and rows changed.
    Done {
        what: &'static str,
        affected: usize,
    },
    /// The error as sqlite3 words it.
    Failed(String),
}

/// One statement of the SQL tab and its result.
#[derive(Clone, Debug, PartialEq)]
pub struct SqlOutcome {
    pub sql: String,
    pub result: SqlResult,
}

impl SqlOutcome {
    pub fn of(outcome: &RawOutcome) -> SqlOutcome {
        let result = match &outcome.result {
            Ok(r) if r.kind == StatementKind::Select => SqlResult::Rows(Grid::of(r)),
            Ok(r) => SqlResult::Done {
                what: statement_name(r.kind),
                affected: r.affected,
            },
            Err(e) => SqlResult::Failed(e.to_string()),
        };
        SqlOutcome {
            sql: outcome.sql.clone(),
            result,
        }
    }
}

fn statement_name(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Select => "SELECT",
        StatementKind::Insert => "INSERT",
        StatementKind::Update => "UPDATE",
        StatementKind::Delete => "DELETE",
        StatementKind::CreateTable => "CREATE TABLE",
        StatementKind::DropTable => "DROP TABLE",
        StatementKind::AlterTable => "ALTER TABLE",
        StatementKind::CreateIndex => "CREATE INDEX",
        StatementKind::DropIndex => "DROP INDEX",
        StatementKind::Begin => "BEGIN",
        StatementKind::Commit => "COMMIT",
        StatementKind::Rollback => "ROLLBACK",
        StatementKind::Other => "Statement",
    }
}
