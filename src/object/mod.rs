//! The Python object model shared by the ORM and the interpreter: values, classes and
//! instances, native objects, exceptions. Knows nothing of syntax or SQL.
//!
//! The ORM's objects (queries, column expressions, sessions, model classes) are ordinary
//! Python values here: natives answering the `Object` protocol, and classes whose metaclass
//! behaviour is a `ClassHooks`.

pub mod class;
pub mod datetime;
pub mod dict;
pub mod exc;
pub mod native;
pub mod types;
pub mod value;
pub mod vm;

pub use class::{
    BoundMethod, BuiltinType, Class, ClassHooks, Function, Instance, Scope, ScopeKind,
};
pub use datetime::{PyDate, PyDateTime, PyTime, PyTimeDelta};
pub use dict::{Dict, HashKey};
pub use exc::{Exc, PyErr};
pub use native::{Args, Builtin, Object};
pub use types::{GenericAlias, Module, Slice, TypingSpecial};
pub use value::Value;
pub use vm::Vm;

/// The result of anything that may raise.
pub type PyResult<T> = Result<T, PyErr>;
