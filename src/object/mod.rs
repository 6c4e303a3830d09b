//! The Python object model shared by the ORM and the interpreter: values, classes and
//! instances, native objects, exceptions. Knows nothing of syntax or SQL.
//!
//! The ORM's objects (queries, column expressions, sessions, model classes) are ordinary
//! Python values here: natives answering the `Object` protocol, and classes whose metaclass
//! behaviour is a `ClassHooks`.

pub mod attrs;
pub mod bigint;
pub mod class;
pub mod containers;
pub mod datetime;
pub mod decimal;
pub mod dict;
pub mod enumtype;
pub mod exc;
pub mod hash;
pub mod native;
pub mod set;
pub mod trash;
pub mod types;
pub mod value;
pub mod vm;

pub use bigint::BigInt;
pub use class::{
    BoundMethod, BuiltinType, Class, ClassHooks, Function, Instance, Scope, ScopeKind,
};
pub use containers::{PyList, PyTuple};
pub use datetime::{PyDate, PyDateTime, PyTime, PyTimeDelta};
pub use decimal::PyDecimal;
pub use dict::{Dict, FrozenKey, HashKey};
pub use exc::{Exc, PyErr};
pub use native::{Args, Builtin, NativeMethod, Object};
pub use set::PySet;
pub use types::{GenericAlias, Module, Slice, TypingSpecial};
pub use value::Value;
pub use vm::Vm;

/// The result of anything that may raise.
pub type PyResult<T> = Result<T, PyErr>;

#[cfg(test)]
mod tests;
