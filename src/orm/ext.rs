//! The `db` object (`flask_sqlalchemy.SQLAlchemy`), `db.metadata`, and the minimal Flask
//! application a models file creates (`Flask(__name__)`, `app.config`, `app.app_context()`).

use super::ctx::{current, set_current, OrmCtx};
use super::sessionobj::SessionObj;
use crate::object::{Args, Builtin, Dict, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::{Rc, Weak};

/// `db`: a Flask-SQLAlchemy extension with its own metadata, models and session.
pub struct SqlaExt {
    pub ctx: Rc<OrmCtx>,
}

impl SqlaExt {
    /// A new extension (and database), made current.
    pub fn create() -> SqlaExt {
        let ctx = OrmCtx::new();
        let _ = ctx.model.set(super::declarative::make_model_base(&ctx));
        set_current(&ctx);
        SqlaExt { ctx }
    }
}

const DB_METHODS: &[&str] = &[
    "create_all",
    "drop_all",
    "paginate",
    "get_or_404",
    "first_or_404",
    "one_or_404",
    "init_app",
];

impl SqlaExt {
    fn run(&self, vm: &mut dyn Vm, name: &str, mut args: Args) -> PyResult<Value> {
        let ctx = &self.ctx;
        match name {
            "create_all" => {
                create_all(vm, ctx)?;
            }
            "drop_all" => {
                let schema = super::export::schema_of(vm, ctx);
                ctx.engine.borrow_mut().commit()?;
                ctx.engine
                    .borrow_mut()
                    .db
                    .drop_all(&schema)
                    .map_err(super::engine::db_error)?;
            }
            "init_app" => {}
            "paginate" => {
                let sel = args.pos.first().cloned().unwrap_or(Value::None);
                args.pos.clear();
                let Some(s) = sel.downcast::<super::query::SelectObj>() else {
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        "paginate() expects a select() statement",
                    ));
                };
                return super::pagination::paginate_select(vm, s, args);
            }
            "get_or_404" => {
                let session = Value::native(SessionObj {
                    ctx: Rc::downgrade(ctx),
                });
                let get = vm.getattr(&session, "get")?;
                let v = vm.call(&get, Args::new(args.pos.clone()))?;
                if v.is_none() {
                    return Err(super::pagination::not_found());
                }
                return Ok(v);
            }
            "first_or_404" | "one_or_404" => {
                let session = Value::native(SessionObj {
                    ctx: Rc::downgrade(ctx),
                });
                let execute = vm.getattr(&session, "execute")?;
                let result = vm.call(&execute, Args::new(args.pos.clone()))?;
                let scalars_fn = vm.getattr(&result, "scalars")?;
                let scalars = vm.call(&scalars_fn, Args::none())?;
                let method = if name == "first_or_404" {
                    "first"
                } else {
                    "one"
                };
                let f = vm.getattr(&scalars, method)?;
                let v = vm.call(&f, Args::none());
                return match v {
                    Ok(Value::None) => Err(super::pagination::not_found()),
                    Ok(v) => Ok(v),
                    Err(e) if e.is(Exc::NoResultFound) || e.is(Exc::MultipleResultsFound) => {
                        Err(super::pagination::not_found())
                    }
                    Err(e) => Err(e),
                };
            }
            _ => {
                return Err(PyErr::new(
                    Exc::AttributeError,
                    format!("'SQLAlchemy' object has no attribute '{name}'"),
                ))
            }
        }
        Ok(Value::None)
    }
}

/// `db.create_all()`: creates the tables that do not exist yet (as `checkfirst` does).
pub fn create_all(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> PyResult<Vec<String>> {
    super::export::check_references(ctx)?;
    let mut schema = super::export::schema_of(vm, ctx);
    let existing = ctx.engine.borrow().db.table_names();
    schema.tables.retain(|t| !existing.contains(&t.name));
    if schema.tables.is_empty() {
        return Ok(Vec::new());
    }
    ctx.engine.borrow_mut().commit()?;
    ctx.engine
        .borrow_mut()
        .db
        .create_all(&schema)
        .map_err(super::engine::db_error)
}

impl Object for SqlaExt {
    fn type_name(&self) -> &str {
        "SQLAlchemy"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<SQLAlchemy sqlite://>".into())
    }

    fn getattr(&self, _vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let ctx = &self.ctx;
        Ok(Some(match name {
            "Model" => match ctx.model.get() {
                Some(c) => Value::Class(c.clone()),
                None => return Ok(None),
            },
            "session" => Value::native(SessionObj {
                ctx: Rc::downgrade(ctx),
            }),
            "metadata" => Value::native(MetadataObj {
                ctx: Rc::downgrade(ctx),
            }),
            "engine" => Value::native(EngineObj),
            n if DB_METHODS.contains(&n) => {
                let this = this.clone();
                let method = n.to_string();
                Builtin::bound(n, this.clone(), move |vm, args| {
                    let Some(db) = this.downcast::<SqlaExt>() else {
                        return Err(PyErr::new(Exc::TypeError, "not a SQLAlchemy object"));
                    };
                    set_current(&db.ctx);
                    db.run(vm, &method, args)
                })
            }
            other => match super::modules::sqlalchemy_name(other) {
                Some(v) => v,
                None => return Ok(None),
            },
        }))
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        if DB_METHODS.contains(&name) {
            set_current(&self.ctx);
            return Some(self.run(vm, name, std::mem::take(args)));
        }
        None
    }

    fn dir(&self) -> Vec<String> {
        let mut names: Vec<String> = ["Model", "session", "metadata", "engine"]
            .iter()
            .chain(DB_METHODS)
            .map(|s| s.to_string())
            .collect();
        names.extend(
            super::modules::SQLALCHEMY_NAMES
                .iter()
                .map(|s| s.to_string()),
        );
        names
    }
}

/// `db.engine` (only its repr is needed).
struct EngineObj;

impl Object for EngineObj {
    fn type_name(&self) -> &str {
        "Engine"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("Engine(sqlite://)".into())
    }
}

/// `db.metadata`: `.tables` (a mapping by name), `.sorted_tables`, `create_all`.
pub struct MetadataObj {
    pub ctx: Weak<OrmCtx>,
}

impl Object for MetadataObj {
    fn type_name(&self) -> &str {
        "MetaData"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("MetaData()".into())
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        let Some(ctx) = self.ctx.upgrade() else {
            return Ok(None);
        };
        let tables = ctx.metadata.borrow().tables.clone();
        Ok(Some(match name {
            "tables" => {
                let mut d = Dict::new();
                for t in tables {
                    d.set_str(&t.name, Value::native(super::decl::TableObj(t.clone())));
                }
                Value::native(FacadeDict(d))
            }
            "sorted_tables" => Value::list(
                tables
                    .into_iter()
                    .map(|t| Value::native(super::decl::TableObj(t)))
                    .collect(),
            ),
            _ => return Ok(None),
        }))
    }
}

/// A read-only mapping (`FacadeDict`, what `metadata.tables` is).
struct FacadeDict(Dict);

impl Object for FacadeDict {
    fn type_name(&self) -> &str {
        "FacadeDict"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!(
            "FacadeDict({})",
            vm.repr(&Value::dict(self.0.clone()))?
        ))
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.0.len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(super::exprobj::list_iterator(
            self.0.keys().cloned().collect(),
        )))
    }

    fn getitem(&self, vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        Some(match key.hash_key().and_then(|k| self.0.get(&k).cloned()) {
            Some(v) => Ok(v),
            None => vm.repr(key).and_then(|r| Err(PyErr::new(Exc::KeyError, r))),
        })
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        Some(Ok(item.hash_key().is_some_and(|k| self.0.contains(&k))))
    }

    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "keys" => Value::list(self.0.keys().cloned().collect()),
            "values" => Value::list(self.0.values().cloned().collect()),
            "items" => Value::list(
                self.0
                    .items()
                    .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                    .collect(),
            ),
            "get" => {
                let k = args.pos.first().cloned().unwrap_or(Value::None);
                k.hash_key()
                    .and_then(|h| self.0.get(&h).cloned())
                    .unwrap_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None))
            }
            _ => return None,
        }))
    }
}

/// `flask.Flask(import_name)`.
pub struct FlaskApp {
    pub name: String,
    pub config: Value,
}

pub fn make_flask(_vm: &mut dyn Vm, mut args: Args) -> PyResult<Value> {
    let name = match args.take(0, "import_name") {
        Some(Value::Str(s)) => s.to_string(),
        _ => {
            return Err(PyErr::new(
                Exc::TypeError,
                "Flask.__init__() missing 1 required positional argument: 'import_name'",
            ))
        }
    };
    let mut config = Dict::new();
    config.set_str("SQLALCHEMY_DATABASE_URI", Value::str("sqlite://"));
    config.set_str("DEBUG", Value::Bool(false));
    config.set_str("TESTING", Value::Bool(false));
    Ok(Value::native(FlaskApp {
        name,
        config: Value::native(FlaskConfig(Rc::new(std::cell::RefCell::new(config)))),
    }))
}

/// `app.config`: a dict with Flask's loaders (`from_object`, `from_mapping`).
pub struct FlaskConfig(Rc<std::cell::RefCell<Dict>>);

impl FlaskConfig {
    fn set(&self, key: Value, value: Value) -> PyResult<()> {
        let hk = key.hash_key().ok_or_else(|| {
            PyErr::new(
                Exc::TypeError,
                format!("unhashable type: '{}'", key.type_name()),
            )
        })?;
        self.0.borrow_mut().insert(hk, key, value);
        Ok(())
    }

    fn as_dict(&self) -> Value {
        Value::Dict(self.0.clone())
    }
}

impl Object for FlaskConfig {
    fn type_name(&self) -> &str {
        "Config"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<Config {}>", vm.repr(&self.as_dict())?))
    }

    fn method_names(&self) -> &'static [&'static str] {
        &[
            "get",
            "from_object",
            "from_mapping",
            "update",
            "setdefault",
            "keys",
            "values",
            "items",
            "pop",
        ]
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        Some(match name {
            "from_object" => (|| {
                let source = args.pos.first().cloned().unwrap_or(Value::None);
                let names: Vec<String> = match &source {
                    Value::Class(c) => {
                        let mut n: Vec<String> =
                            c.dict.borrow().keys().map(|k| k.to_string()).collect();
                        for b in &c.mro {
                            n.extend(b.dict.borrow().keys().map(|k| k.to_string()));
                        }
                        n
                    }
                    Value::Instance(i) => {
                        let mut n: Vec<String> =
                            i.dict.borrow().keys().map(|k| k.to_string()).collect();
                        n.extend(i.class.dict.borrow().keys().map(|k| k.to_string()));
                        n
                    }
                    Value::Native(n) => n.dir(),
                    _ => Vec::new(),
                };
                for n in names {
                    if n.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                        && n.chars().all(|c| !c.is_ascii_lowercase())
                    {
                        let v = vm.getattr(&source, &n)?;
                        self.set(Value::str(&n), v)?;
                    }
                }
                Ok(Value::None)
            })(),
            "from_mapping" | "update" => (|| {
                if let Some(Value::Dict(d)) = args.pos.first() {
                    {
                        let items: Vec<(Value, Value)> = d
                            .borrow()
                            .items()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        for (k, v) in items {
                            let upper = matches!(&k, Value::Str(s) if s.chars().all(|c| !c.is_ascii_lowercase()));
                            if name == "update" || upper {
                                self.set(k, v)?;
                            }
                        }
                    }
                }
                for (k, v) in std::mem::take(&mut args.kw) {
                    self.set(Value::Str(k), v)?;
                }
                Ok(if name == "from_mapping" {
                    Value::Bool(true)
                } else {
                    Value::None
                })
            })(),
            other => {
                let d = self.as_dict();
                vm.getattr(&d, other)
                    .and_then(|m| vm.call(&m, std::mem::take(args)))
            }
        })
    }

    fn getitem(&self, vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        let found = key
            .hash_key()
            .and_then(|hk| self.0.borrow().get(&hk).cloned());
        Some(match found {
            Some(v) => Ok(v),
            None => vm.repr(key).and_then(|r| Err(PyErr::new(Exc::KeyError, r))),
        })
    }

    fn setitem(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        key: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        Some(self.set(key.clone(), value))
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        Some(Ok(item
            .hash_key()
            .is_some_and(|k| self.0.borrow().contains(&k))))
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.0.borrow().len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(super::exprobj::list_iterator(
            self.0.borrow().keys().cloned().collect(),
        )))
    }
}

impl Object for FlaskApp {
    fn type_name(&self) -> &str {
        "Flask"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<Flask '{}'>", self.name))
    }

    fn getattr(&self, _vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "config" => self.config.clone(),
            "name" | "import_name" => Value::str(&self.name),
            "extensions" => Value::dict(Dict::new()),
            "app_context" | "test_request_context" => {
                let this = this.clone();
                Builtin::bound(name, this.clone(), move |_, _| {
                    Ok(Value::native(AppContext { app: this.clone() }))
                })
            }
            "run" => Builtin::bound("run", this.clone(), |_, _| Ok(Value::None)),
            "route"
            | "get"
            | "post"
            | "errorhandler"
            | "before_request"
            | "cli"
            | "shell_context_processor" => Builtin::bound(name, this.clone(), |_, _| {
                Ok(Builtin::value("decorator", |_, a| {
                    Ok(a.pos.first().cloned().unwrap_or(Value::None))
                }))
            }),
            _ => return Ok(None),
        }))
    }
}

/// `app.app_context()`: a context manager (the playground's context is always pushed).
struct AppContext {
    app: Value,
}

impl Object for AppContext {
    fn type_name(&self) -> &str {
        "AppContext"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<flask.ctx.AppContext object>".into())
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "app" => Some(self.app.clone()),
            _ => None,
        })
    }

    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        this: &Value,
        name: &str,
        _args: &mut Args,
    ) -> Option<PyResult<Value>> {
        match name {
            "__enter__" | "push" => Some(Ok(this.clone())),
            "__exit__" => Some(Ok(Value::Bool(false))),
            "pop" => Some(Ok(Value::None)),
            _ => None,
        }
    }
}

/// `SQLAlchemy(app=None, ...)`.
pub fn make_sqlalchemy(_vm: &mut dyn Vm, mut args: Args) -> PyResult<Value> {
    args.take(0, "app");
    for ignored in [
        "metadata",
        "session_options",
        "query_class",
        "model_class",
        "engine_options",
        "add_models_to_shell",
        "disable_autonaming",
    ] {
        args.take_kw(ignored);
    }
    args.no_kwargs("SQLAlchemy")?;
    Ok(Value::native(SqlaExt::create()))
}

/// The current extension (for module-level functions).
pub fn current_ctx() -> PyResult<Rc<OrmCtx>> {
    current()
}
