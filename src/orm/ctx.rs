//! One Flask-SQLAlchemy extension's world: its metadata, mappers, session and database.

use super::engine::Engine;
use super::mapper::Mapper;
use super::session::Session;
use super::state::InstanceState;
use super::table::Metadata;
use crate::object::{Class, Exc, Instance, PyErr, PyResult, Value};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

/// Mappers and whether they have been configured.
#[derive(Default)]
pub struct Registry {
    pub mappers: Vec<Rc<Mapper>>,
    pub configured: bool,
    /// After a failed configuration: the mapper that triggered it and the original error,
    /// re-raised as `InvalidRequestError` by every later use (as SQLAlchemy does).
    pub failure: Option<(String, PyErr)>,
    /// A failure found by the façade's early resolution (for the editor), raised as such by
    /// the first use that configures, as SQLAlchemy would raise it then.
    pub early_failure: Option<(String, PyErr)>,
}

impl Registry {
    pub fn by_class_name(&self, name: &str) -> Option<Rc<Mapper>> {
        self.mappers
            .iter()
            .rev()
            .find(|m| &*m.class_name == name)
            .cloned()
    }
}

/// Shared by the `db` object, its model base class, the session and every query.
pub struct OrmCtx {
    pub metadata: RefCell<Metadata>,
    pub registry: RefCell<Registry>,
    pub session: RefCell<Session>,
    pub engine: RefCell<Engine>,
    /// `db.Model`.
    pub model: OnceCell<Rc<Class>>,
    /// The console line being run (the SQL log attributes statements to it).
    pub cause: RefCell<String>,
}

impl OrmCtx {
    pub fn new() -> Rc<OrmCtx> {
        Rc::new(OrmCtx {
            metadata: RefCell::new(Metadata::default()),
            registry: RefCell::new(Registry::default()),
            session: RefCell::new(Session::default()),
            engine: RefCell::new(Engine::new()),
            model: OnceCell::new(),
            cause: RefCell::new(String::new()),
        })
    }

    /// The error every session operation raises after a failed flush, until `rollback()`.
    pub fn check_not_failed(&self) -> PyResult<()> {
        match &self.session.borrow().failed {
            Some(original) => Err(PyErr::new(
                Exc::PendingRollbackError,
                format!(
                    "This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback(). Original exception was: {original}"
                ),
            )),
            None => Ok(()),
        }
    }
}

/// The mapper of a mapped class.
pub fn mapper_of(class: &Class) -> Option<Rc<Mapper>> {
    let any = class.ext.get()?.clone();
    any.downcast::<Mapper>().ok()
}

/// The ORM state of a mapped instance.
pub fn state_of(inst: &Instance) -> Option<Rc<InstanceState>> {
    let any = inst.ext.get()?.clone();
    any.downcast::<InstanceState>().ok()
}

/// The instance behind a value, with its state, or the error SQLAlchemy gives for an
/// unmapped object.
pub fn mapped_instance(v: &Value) -> PyResult<(Rc<Instance>, Rc<InstanceState>)> {
    if let Value::Instance(inst) = v {
        if let Some(st) = state_of(inst) {
            return Ok((inst.clone(), st));
        }
    }
    Err(PyErr::new(
        Exc::UnmappedInstanceError,
        format!(
            "Class '{}' is not mapped",
            match v {
                Value::Instance(i) => format!("{}.{}", i.class.module, i.class.name),
                other => format!("builtins.{}", other.type_name()),
            }
        ),
    ))
}

thread_local! {
    /// The extension whose models and session module-level functions (`sa.select`,
    /// `sa.Table` without metadata) act on: the one being run.
    static CURRENT: RefCell<std::rc::Weak<OrmCtx>> = const { RefCell::new(std::rc::Weak::new()) };
}

/// Makes `ctx` the one `sqlalchemy`'s module-level functions act on.
pub fn set_current(ctx: &Rc<OrmCtx>) {
    CURRENT.with(|c| *c.borrow_mut() = Rc::downgrade(ctx));
}

pub fn current() -> PyResult<Rc<OrmCtx>> {
    CURRENT
        .with(|c| c.borrow().upgrade())
        .ok_or_else(|| PyErr::new(Exc::RuntimeError, "Working outside of application context."))
}
