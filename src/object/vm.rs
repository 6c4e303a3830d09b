//! What native objects may ask of the interpreter that runs them.

use super::native::Args;
use super::value::Value;
use super::PyResult;
use crate::diag::{Source, Span};
use crate::python::ast::{BinOp, CmpOp};
use std::rc::Rc;

/// The interpreter's services, as seen from Rust-implemented objects (the ORM calls user
/// `__repr__` methods, default callables and key functions through this).
pub trait Vm {
    /// `f(*args)` for any callable value.
    fn call(&mut self, f: &Value, args: Args) -> PyResult<Value>;
    /// `getattr(v, name)` with Python's full lookup (descriptors, methods, `__getattr__`).
    fn getattr(&mut self, v: &Value, name: &str) -> PyResult<Value>;
    /// `setattr(v, name, value)`.
    fn setattr(&mut self, v: &Value, name: &str, value: Value) -> PyResult<()>;
    fn repr(&mut self, v: &Value) -> PyResult<String>;
    fn str(&mut self, v: &Value) -> PyResult<String>;
    /// `a == b` as a Python truth value.
    fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool>;
    fn truthy(&mut self, v: &Value) -> PyResult<bool>;
    /// All items of an iterable (bounded by the interpreter's limits).
    fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>>;
    /// `a op b` with Python's operator rules.
    fn binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value>;
    /// `a op b` for a comparison operator.
    fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value>;
    /// `hash(v)`.
    fn hash(&mut self, v: &Value) -> PyResult<Value>;
    /// `v[key]`.
    fn getitem(&mut self, v: &Value, key: &Value) -> PyResult<Value>;
    /// `item in v`.
    fn contains(&mut self, v: &Value, item: &Value) -> PyResult<bool>;
    /// `iter(v)`.
    fn iter_value(&mut self, v: &Value) -> PyResult<Value>;
    /// Counts one step of work against the run's budget (long loops in native code call it).
    fn tick(&mut self) -> PyResult<()>;
    /// The span of the call currently being evaluated (for diagnostics raised by natives).
    fn span(&self) -> Option<Span>;
    /// The text being run (models pane or a console input), so that declarations remember
    /// where they were written and configuration errors raised later can point there.
    fn source(&self) -> Option<Source> {
        None
    }
    /// `__name__` of the module being run (`models`).
    fn module_name(&self) -> Rc<str>;
    /// Writes to standard output (`print`).
    fn write(&mut self, text: &str);
    /// Evaluates a Python expression given as text with exactly these names in scope (how
    /// SQLAlchemy resolves `order_by='Song.title'` and `primaryjoin='and_(...)'`).
    fn eval_expr(&mut self, code: &str, names: &[(String, Value)]) -> PyResult<Value>;
    /// The concrete interpreter (builtins implemented beside it downcast to it).
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any;
}
