//! The façade every front end uses (page, widget, CLI, tests): compile models, run a line,
//! run a transcript, read the schema, data and SQL log.
//!
//! One `Playground` is one namespace shared by the models pane and the console, as in the
//! conformance harness: models run top to bottom, the app context is pushed, `create_all()`
//! runs, then console inputs run in the same namespace.

pub mod queries;
pub mod transcript;

use crate::diag::{Diagnostic, LineIndex, Source};
use crate::interp::{Interp, Limits};
use crate::object::{PyErr, Value};
use crate::orm::{OrmCtx, SqlaExt};
use crate::python::{self, ast, Interactive};
use crate::schema::Schema;
use std::rc::Rc;

/// What compiling the models pane produced.
#[derive(Clone, Debug, Default)]
pub struct ModelsReport {
    /// The error that stopped the models from running (with its span in the models text).
    pub error: Option<Diagnostic>,
    /// A relationship configuration error, found early for the editor (the console raises it
    /// at first use, as SQLAlchemy does).
    pub configuration_error: Option<Diagnostic>,
    /// Anything the models printed.
    pub output: String,
    /// The DDL `create_all()` executed.
    pub ddl: Vec<String>,
}

/// What running one console input produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunOutput {
    /// Exactly what Python's shell prints (echoed reprs, print output, the traceback).
    pub text: String,
    pub error: Option<Diagnostic>,
}

/// Whether console text is ready to run.
#[derive(Clone, Debug, PartialEq)]
pub enum InputState {
    Complete,
    Incomplete,
    Invalid(Diagnostic),
}

pub struct Playground {
    interp: Interp,
    limits: Limits,
    ctx: Option<Rc<OrmCtx>>,
    models: String,
    console_inputs: u32,
    schema: Option<Schema>,
}

impl Default for Playground {
    fn default() -> Self {
        Playground::new()
    }
}

/// True when a models file binds `db` itself (then it is a real file and imports what it
/// uses; otherwise the namespace is pre-seeded).
fn defines_db(module: &ast::Module) -> bool {
    fn binds_db(e: &ast::Expr) -> bool {
        match &e.kind {
            ast::ExprKind::Name(n) => &**n == "db",
            ast::ExprKind::Tuple(items) | ast::ExprKind::List(items) => items.iter().any(binds_db),
            ast::ExprKind::Starred(inner) => binds_db(inner),
            _ => false,
        }
    }
    module.body.iter().any(|s| match &s.kind {
        ast::StmtKind::Assign { targets, .. } => targets.iter().any(binds_db),
        ast::StmtKind::AnnAssign { target, .. } | ast::StmtKind::AugAssign { target, .. } => {
            binds_db(target)
        }
        ast::StmtKind::Import(names) | ast::StmtKind::ImportFrom { names, .. } => {
            names.iter().any(|a| {
                let bound = a
                    .asname
                    .as_ref()
                    .map(|i| i.name.to_string())
                    .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                bound == "db"
            })
        }
        _ => false,
    })
}

impl Playground {
    pub fn new() -> Playground {
        Playground {
            interp: fresh_interp(),
            limits: Limits::default(),
            ctx: None,
            models: String::new(),
            console_inputs: 0,
            schema: None,
        }
    }

    /// Sets the run limits (time, steps, depth, sizes) of later inputs.
    pub fn set_limits(&mut self, limits: Limits) {
        self.interp.set_limits(limits.clone());
        self.limits = limits;
    }

    /// Runs a models file in a fresh namespace and database, then `create_all()`.
    pub fn load_models(&mut self, source: &str) -> ModelsReport {
        self.interp = fresh_interp();
        self.interp.set_limits(self.limits.clone());
        self.models = source.to_string();
        self.console_inputs = 0;
        self.ctx = None;
        self.schema = None;
        let mut report = ModelsReport::default();
        let module = match python::parse_module(source) {
            Ok(m) => m,
            Err(d) => {
                report.error = Some(d.in_source(Source::Models));
                return report;
            }
        };
        if !defines_db(&module) {
            self.seed_namespace();
        }
        let result = self.interp.run_module(&module, Source::Models);
        report.output = self.interp.take_output();
        if let Err(e) = result {
            report.error = Some(diagnostic(&e, Source::Models));
        }
        self.ctx = self.find_db();
        if let Some(ctx) = self.ctx.clone() {
            crate::orm::ctx::set_current(&ctx);
            if let Err((_, e)) = crate::orm::configure::resolve_all(&mut self.interp, &ctx) {
                report.configuration_error = Some(diagnostic(&e, Source::Models));
            }
            match crate::orm::ext::create_all(&mut self.interp, &ctx) {
                Ok(ddl) => report.ddl = ddl,
                Err(e) => {
                    if report.error.is_none() {
                        report.error = Some(diagnostic(&e, Source::Models));
                    }
                }
            }
            self.schema = Some(crate::orm::export::schema_of(&mut self.interp, &ctx));
        }
        report
    }

    fn seed_namespace(&mut self) {
        let db = SqlaExt::create();
        let app = crate::orm::ext::make_flask(
            &mut self.interp,
            crate::object::Args::new(vec![Value::str("app")]),
        )
        .unwrap_or(Value::None);
        self.interp.set_global("app", app);
        self.interp.set_global("db", Value::native(db));
        for (name, module, attr) in [
            ("datetime", "datetime", "datetime"),
            ("date", "datetime", "date"),
            ("Mapped", "sqlalchemy.orm", "Mapped"),
            ("mapped_column", "sqlalchemy.orm", "mapped_column"),
            ("relationship", "sqlalchemy.orm", "relationship"),
        ] {
            if let Ok(v) = self.interp.import_attr(module, attr) {
                self.interp.set_global(name, v);
            }
        }
        for (name, module) in [("sa", "sqlalchemy"), ("so", "sqlalchemy.orm")] {
            if let Ok(v) = self.interp.import(module) {
                self.interp.set_global(name, v);
            }
        }
    }

    fn find_db(&self) -> Option<Rc<OrmCtx>> {
        let db = self.interp.global("db")?;
        db.downcast::<SqlaExt>().map(|e| e.ctx.clone())
    }

    /// Whether console text is a whole statement, needs more lines, or cannot parse.
    pub fn input_state(&self, text: &str) -> InputState {
        match python::parse_interactive(text) {
            Ok(Interactive::Complete(_)) => InputState::Complete,
            Ok(Interactive::Incomplete) => InputState::Incomplete,
            Err(d) => InputState::Invalid(d),
        }
    }

    /// Runs one console input (one statement or block) as the interactive shell does.
    pub fn run(&mut self, input: &str) -> RunOutput {
        self.console_inputs += 1;
        let source = Source::Console(self.console_inputs);
        if let Some(ctx) = &self.ctx {
            crate::orm::ctx::set_current(ctx);
            *ctx.cause.borrow_mut() = input.to_string();
            ctx.engine.borrow_mut().db.set_cause(input);
        }
        let module = match python::parse_module(input) {
            Ok(m) => m,
            Err(d) => {
                let d = d.in_source(source.clone());
                return RunOutput {
                    text: traceback_text(&d, &[], input, &self.models),
                    error: Some(d),
                };
            }
        };
        let result = self.interp.run_interactive(&module, source.clone());
        let mut text = self.interp.take_output();
        let error = match result {
            Ok(()) => None,
            Err(e) => {
                let d = diagnostic(&e, source);
                text.push_str(&traceback_text(
                    &d,
                    &e.inner().traceback,
                    input,
                    &self.models,
                ));
                Some(d)
            }
        };
        // Models defined later in the console (a new `db`, a class) are picked up.
        if self.ctx.is_none() {
            self.ctx = self.find_db();
        }
        if let Some(ctx) = &self.ctx {
            self.schema = Some(crate::orm::export::schema_of(&mut self.interp, ctx));
        }
        RunOutput { text, error }
    }

    /// The namespace's names with each value's type name (`('admin_role', 'Role')`), in
    /// name order: what the console completes and resolves attribute completion against.
    pub fn globals(&self) -> Vec<(String, String)> {
        let vars = self.interp.globals.vars.borrow();
        let mut names: Vec<(String, String)> = vars
            .iter()
            .filter(|(name, _)| !name.starts_with("__"))
            .map(|(name, value)| (name.to_string(), value.type_name().to_string()))
            .collect();
        names.sort();
        names
    }

    pub fn schema(&self) -> Option<&Schema> {
        self.schema.as_ref()
    }

    /// The console statement that lists `table`'s rows (`Role.query.all()`): what the page
    /// offers when the visitor clicks a table in the diagram.
    pub fn rows_query(&self, table: &str) -> Option<String> {
        queries::rows_query(self.schema.as_ref()?, &self.globals(), table)
    }

    /// The ER diagram of the current schema, laid out. Pass the diagram shown before and the
    /// boxes the visitor dragged in `options` so a recompile moves little.
    pub fn diagram(
        &self,
        options: &crate::diagram::LayoutOptions,
    ) -> Option<crate::diagram::Diagram> {
        self.schema
            .as_ref()
            .map(|s| crate::diagram::layout(s, options))
    }

    /// The database of the models (once `db` exists).
    pub fn database(&self) -> Option<std::cell::Ref<'_, crate::db::Database>> {
        let ctx = self.ctx.as_ref()?;
        Some(std::cell::Ref::map(ctx.engine.borrow(), |e| &e.db))
    }

    /// Runs raw SQL typed in the SQL tab against the same database.
    pub fn run_sql(&mut self, text: &str) -> Vec<crate::db::RawOutcome> {
        match &self.ctx {
            Some(ctx) => ctx.engine.borrow_mut().db.run_raw_sql(text),
            None => Vec::new(),
        }
    }
}

fn fresh_interp() -> Interp {
    let mut interp = Interp::new("models");
    interp.set_module_provider(Rc::new(crate::orm::modules::module_named));
    interp
}

fn diagnostic(e: &PyErr, source: Source) -> Diagnostic {
    let mut d = e.to_diagnostic();
    if d.source.is_none() {
        d.source = Some(source);
    }
    d
}

/// A Python traceback for a diagnostic: the frames, then `Class: message`.
pub fn traceback_text(
    d: &Diagnostic,
    frames: &[crate::object::exc::Frame],
    input: &str,
    models: &str,
) -> String {
    let mut out = String::new();
    if d.exception == "SyntaxError" || d.exception == "IndentationError" {
        if let (Some(span), Some(Source::Console(_))) = (d.span, &d.source) {
            let idx = LineIndex::new(input);
            let lc = idx.line_col(span.start);
            out.push_str(&format!("  File \"<stdin>\", line {}\n", lc.line));
            let line = idx.line_text(lc.line);
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            out.push_str(&format!("    {trimmed}\n"));
            out.push_str(&format!(
                "    {}^\n",
                " ".repeat((lc.column as usize).saturating_sub(1 + indent))
            ));
        }
        out.push_str(&d.headline());
        out.push('\n');
        return out;
    }
    out.push_str("Traceback (most recent call last):\n");
    let location = |source: &Source, span: crate::diag::Span| -> String {
        let (file, text) = match source {
            Source::Models => ("models.py", models),
            Source::Console(_) => ("<stdin>", input),
        };
        let idx = LineIndex::new(text);
        let lc = idx.line_col(span.start);
        format!("  File \"{file}\", line {}", lc.line)
    };
    for f in frames {
        out.push_str(&format!(
            "{}, in {}\n",
            location(&f.source, f.span),
            f.function
        ));
    }
    if let (Some(span), Some(source)) = (d.span, &d.source) {
        out.push_str(&location(source, span));
        out.push('\n');
    }
    out.push_str(&d.headline());
    out.push('\n');
    out
}
