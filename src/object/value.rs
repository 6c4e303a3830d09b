//! `Value`: one Python object, cheap to clone (reference types share, as in Python).

use super::bigint::BigInt;
use super::class::{BoundMethod, Class, Function, Instance};
use super::containers::{PyList, PyTuple};
use super::datetime::{PyDate, PyDateTime, PyTime, PyTimeDelta};
use super::dict::{Dict, HashKey};
use super::native::{Builtin, Object};
use super::set::PySet;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An int outside the `i64` range (values that fit are always `Int`).
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    List(Rc<PyList>),
    Tuple(Rc<PyTuple>),
    Dict(Rc<RefCell<Dict>>),
    Set(Rc<RefCell<PySet>>),
    FrozenSet(Rc<PySet>),
    /// A user-defined function or lambda.
    Function(Rc<Function>),
    /// A function implemented in Rust (builtins, methods of native objects).
    Builtin(Rc<Builtin>),
    /// A user-defined function bound to an instance (`obj.method`).
    Method(Rc<BoundMethod>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Date(PyDate),
    /// Shared rather than inline (as `TimeDelta`): these two are the only payloads wider
    /// than a pointer or an `i64`, and inline they made every `Value` 32 bytes instead of
    /// 16 on wasm32 (24 natively).
    DateTime(Rc<PyDateTime>),
    Time(PyTime),
    TimeDelta(Rc<PyTimeDelta>),
    /// Anything else implemented in Rust: modules, ranges, iterators, ORM objects.
    Native(Rc<dyn Object>),
}

// Every list item, dict entry and loaded column pays this size: keep wide payloads behind
// an `Rc` (16 bytes on wasm32, 24 natively; a 24-byte payload inline made it 32 on both).
const _: () = assert!(
    std::mem::size_of::<Value>()
        == if cfg!(target_pointer_width = "64") {
            24
        } else {
            16
        }
);

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(s.into())
    }

    pub fn datetime(d: PyDateTime) -> Value {
        Value::DateTime(Rc::new(d))
    }

    pub fn timedelta(d: PyTimeDelta) -> Value {
        Value::TimeDelta(Rc::new(d))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(PyList::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(PyTuple::new(items)))
    }

    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    pub fn set(s: PySet) -> Value {
        Value::Set(Rc::new(RefCell::new(s)))
    }

    /// An int value: `Int` when it fits in 64 bits, else `BigInt`.
    pub fn from_bigint(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    pub fn native<T: Object>(obj: T) -> Value {
        Value::Native(Rc::new(obj))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The type's `__name__`, as Python's error messages print it (`'int'`, `'Role'`).
    pub fn type_name(&self) -> Rc<str> {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) | Value::BigInt(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Str(_) => "str".into(),
            Value::Bytes(_) => "bytes".into(),
            Value::List(_) => "list".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Dict(_) => "dict".into(),
            Value::Set(_) => "set".into(),
            Value::FrozenSet(_) => "frozenset".into(),
            Value::Function(_) => "function".into(),
            Value::Builtin(b) => {
                if b.bound.is_some() {
                    "method".into()
                } else {
                    "builtin_function_or_method".into()
                }
            }
            Value::Method(_) => "method".into(),
            Value::Class(_) => "type".into(),
            Value::Instance(i) => i.class.name.clone(),
            Value::Date(_) => "date".into(),
            Value::DateTime(_) => "datetime".into(),
            Value::Time(_) => "time".into(),
            Value::TimeDelta(_) => "timedelta".into(),
            Value::Native(n) => n.type_name().into(),
        }
    }

    /// Identity (`is`): same object for reference types, same value for immutable scalars
    /// (CPython caches small ints, `None`, `True`/`False`; what a learner compares with `is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::Float(_), Value::Float(_)) => false,
            (Value::Tuple(a), Value::Tuple(b)) if a.is_empty() && b.is_empty() => true,
            _ => match (self.identity(), other.identity()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The identity shortcut of containment and sequence equality (`x in [x]` holds even
    /// for a NaN): `is`, with floats of the same bits counted as the same object.
    pub fn same_object(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            _ => self.is(other),
        }
    }

    /// The address of a reference object (`id()`), `None` for immediate values.
    pub fn identity(&self) -> Option<usize> {
        Some(match self {
            Value::Str(s) => Rc::as_ptr(s) as *const u8 as usize,
            Value::Bytes(b) => Rc::as_ptr(b) as *const u8 as usize,
            Value::List(l) => Rc::as_ptr(l) as usize,
            Value::Tuple(t) => Rc::as_ptr(t) as usize,
            Value::Dict(d) => Rc::as_ptr(d) as usize,
            Value::Set(s) => Rc::as_ptr(s) as usize,
            Value::FrozenSet(s) => Rc::as_ptr(s) as usize,
            Value::BigInt(b) => Rc::as_ptr(b) as usize,
            Value::Function(f) => Rc::as_ptr(f) as usize,
            Value::Builtin(b) => Rc::as_ptr(b) as usize,
            Value::Method(m) => Rc::as_ptr(m) as usize,
            Value::Class(c) => Rc::as_ptr(c) as usize,
            Value::Instance(i) => Rc::as_ptr(i) as usize,
            Value::Native(n) => Rc::as_ptr(n) as *const u8 as usize,
            _ => return None,
        })
    }

    /// The dict key of a hashable value (`None` if unhashable: lists, dicts, sets).
    pub fn hash_key(&self) -> Option<HashKey> {
        HashKey::of(self)
    }

    pub fn as_instance(&self) -> Option<&Rc<Instance>> {
        match self {
            Value::Instance(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_class(&self) -> Option<&Rc<Class>> {
        match self {
            Value::Class(c) => Some(c),
            _ => None,
        }
    }

    /// The native object of type `T`, if this is one.
    pub fn downcast<T: Object>(&self) -> Option<&T> {
        match self {
            Value::Native(n) => (&**n as &dyn std::any::Any).downcast_ref::<T>(),
            _ => None,
        }
    }

    /// The native object of type `T` as a shared pointer.
    pub fn downcast_rc<T: Object>(&self) -> Option<Rc<T>> {
        match self {
            Value::Native(n) => {
                let any: Rc<dyn std::any::Any> = n.clone();
                any.downcast::<T>().ok()
            }
            _ => None,
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::List(l) => write!(f, "{:?}", l.borrow()),
            Value::Tuple(t) => write!(f, "tuple{:?}", &t[..]),
            other => write!(f, "<{}>", other.type_name()),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s.into())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map(Into::into).unwrap_or(Value::None)
    }
}
