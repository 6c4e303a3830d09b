//! Exceptions: the classes Python, SQLAlchemy, Flask-SQLAlchemy and Werkzeug raise, and the
//! error value (`PyErr`) that carries one through the interpreter.

use super::class::{AttrMap, BuiltinType, Class};
use super::value::Value;
use crate::diag::{Diagnostic, Source, Span};
use std::rc::Rc;

macro_rules! exceptions {
    ($($kind:ident: $module:literal, $parent:ident;)*) => {
        /// The exception classes the playground itself raises.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Exc { $($kind,)* }

        const TABLE: &[(Exc, &str, &str, Exc)] = &[$((Exc::$kind, stringify!($kind), $module, Exc::$parent),)*];
    };
}

exceptions! {
    BaseException: "builtins", BaseException;
    Exception: "builtins", BaseException;
    KeyboardInterrupt: "builtins", BaseException;
    SystemExit: "builtins", BaseException;
    StopIteration: "builtins", Exception;
    ArithmeticError: "builtins", Exception;
    ZeroDivisionError: "builtins", ArithmeticError;
    OverflowError: "builtins", ArithmeticError;
    AssertionError: "builtins", Exception;
    AttributeError: "builtins", Exception;
    LookupError: "builtins", Exception;
    IndexError: "builtins", LookupError;
    KeyError: "builtins", LookupError;
    NameError: "builtins", Exception;
    UnboundLocalError: "builtins", NameError;
    RuntimeError: "builtins", Exception;
    RecursionError: "builtins", RuntimeError;
    NotImplementedError: "builtins", RuntimeError;
    TypeError: "builtins", Exception;
    ValueError: "builtins", Exception;
    UnicodeError: "builtins", ValueError;
    ImportError: "builtins", Exception;
    ModuleNotFoundError: "builtins", ImportError;
    SyntaxError: "builtins", Exception;
    IndentationError: "builtins", SyntaxError;
    MemoryError: "builtins", Exception;
    OSError: "builtins", Exception;
    FileNotFoundError: "builtins", OSError;
    PermissionError: "builtins", OSError;
    TimeoutError: "builtins", OSError;
    EOFError: "builtins", Exception;
    FloatingPointError: "builtins", ArithmeticError;
    UnicodeDecodeError: "builtins", UnicodeError;
    UnicodeEncodeError: "builtins", UnicodeError;
    TabError: "builtins", IndentationError;
    GeneratorExit: "builtins", BaseException;
    Warning: "builtins", Exception;
    UserWarning: "builtins", Warning;
    DeprecationWarning: "builtins", Warning;
    RuntimeWarning: "builtins", Warning;
    DecimalException: "decimal", ArithmeticError;
    InvalidOperation: "decimal", DecimalException;
    DivisionByZero: "decimal", DecimalException;
    SQLAlchemyError: "sqlalchemy.exc", Exception;
    ArgumentError: "sqlalchemy.exc", SQLAlchemyError;
    NoForeignKeysError: "sqlalchemy.exc", ArgumentError;
    AmbiguousForeignKeysError: "sqlalchemy.exc", ArgumentError;
    CompileError: "sqlalchemy.exc", SQLAlchemyError;
    InvalidRequestError: "sqlalchemy.exc", SQLAlchemyError;
    NoReferenceError: "sqlalchemy.exc", InvalidRequestError;
    NoReferencedTableError: "sqlalchemy.exc", NoReferenceError;
    NoReferencedColumnError: "sqlalchemy.exc", NoReferenceError;
    ConstraintColumnNotFoundError: "sqlalchemy.exc", ArgumentError;
    DuplicateColumnError: "sqlalchemy.exc", ArgumentError;
    NoResultFound: "sqlalchemy.exc", InvalidRequestError;
    MultipleResultsFound: "sqlalchemy.exc", InvalidRequestError;
    PendingRollbackError: "sqlalchemy.exc", InvalidRequestError;
    NoInspectionAvailable: "sqlalchemy.exc", InvalidRequestError;
    NoSuchColumnError: "sqlalchemy.exc", InvalidRequestError;
    ResourceClosedError: "sqlalchemy.exc", InvalidRequestError;
    StatementError: "sqlalchemy.exc", SQLAlchemyError;
    DBAPIError: "sqlalchemy.exc", StatementError;
    InterfaceError: "sqlalchemy.exc", DBAPIError;
    DatabaseError: "sqlalchemy.exc", DBAPIError;
    IntegrityError: "sqlalchemy.exc", DatabaseError;
    OperationalError: "sqlalchemy.exc", DatabaseError;
    ProgrammingError: "sqlalchemy.exc", DatabaseError;
    DataError: "sqlalchemy.exc", DatabaseError;
    UnmappedError: "sqlalchemy.orm.exc", InvalidRequestError;
    MappedAnnotationError: "sqlalchemy.orm.exc", ArgumentError;
    LoaderStrategyException: "sqlalchemy.orm.exc", InvalidRequestError;
    UnmappedInstanceError: "sqlalchemy.orm.exc", UnmappedError;
    UnmappedClassError: "sqlalchemy.orm.exc", UnmappedError;
    ObjectDeletedError: "sqlalchemy.orm.exc", InvalidRequestError;
    DetachedInstanceError: "sqlalchemy.orm.exc", SQLAlchemyError;
    FlushError: "sqlalchemy.orm.exc", SQLAlchemyError;
    StaleDataError: "sqlalchemy.orm.exc", SQLAlchemyError;
    LegacyAPIWarning: "sqlalchemy.exc", Exception;
    HTTPException: "werkzeug.exceptions", Exception;
    NotFound: "werkzeug.exceptions", HTTPException;
}

thread_local! {
    static CLASSES: Vec<Rc<Class>> = build_classes();
}

fn build_classes() -> Vec<Rc<Class>> {
    let mut built: Vec<Rc<Class>> = Vec::with_capacity(TABLE.len());
    for (kind, name, module, parent) in TABLE {
        let bases = if kind == parent {
            Vec::new()
        } else {
            vec![built[*parent as usize].clone()]
        };
        let dict = if kind == parent {
            base_exception_dict()
        } else {
            AttrMap::new()
        };
        let mut class = Class::new(name, module, bases, dict);
        class.builtin = Some(BuiltinType::Exception);
        built.push(Rc::new(class));
    }
    built
}

/// What every exception inherits from `BaseException`: `__init__` (which stores `args`)
/// and the chaining attributes, `None` until a `raise` sets them.
fn base_exception_dict() -> AttrMap {
    let init = super::native::NativeMethod::value("__init__", |_, args| {
        if let Some(Value::Instance(inst)) = args.pos.first() {
            let rest = args.pos[1..].to_vec();
            inst.dict
                .borrow_mut()
                .insert("args".into(), Value::tuple(rest));
        }
        Ok(Value::None)
    });
    let mut d = AttrMap::new();
    d.insert("__init__".into(), init);
    for name in ["__cause__", "__context__", "__traceback__"] {
        d.insert(name.into(), Value::None);
    }
    d.insert("__suppress_context__".into(), Value::Bool(false));
    d
}

impl Exc {
    /// The class object (shared by every interpreter on this thread).
    pub fn class(self) -> Rc<Class> {
        CLASSES.with(|c| c[self as usize].clone())
    }

    /// Every exception class, for binding names (`ValueError`, `sqlalchemy.exc.IntegrityError`).
    pub fn all() -> Vec<Rc<Class>> {
        CLASSES.with(|c| c.clone())
    }
}

/// A frame of a traceback: where a call was, in which text, in which function.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub source: Source,
    pub span: Span,
    pub function: Rc<str>,
}

/// A raised exception on its way up the interpreter.
#[derive(Clone)]
pub struct PyErr(Box<ErrInner>);

#[derive(Clone)]
pub struct ErrInner {
    pub class: Rc<Class>,
    /// `str(exception)`.
    pub message: String,
    /// The exception instance, once one exists (`raise X(...)`, `except ... as e`).
    pub value: Option<Value>,
    /// The instance's `args` when they are not just the message (`KeyError(key)`).
    pub args: Option<Vec<Value>>,
    /// Where it was raised (the innermost expression or statement known).
    pub span: Option<Span>,
    pub source: Option<Source>,
    /// Calls it passed through, outermost first.
    pub traceback: Vec<Frame>,
    /// Set for the playground's own limits (time, memory): no `except` clause may catch it.
    pub uncatchable: bool,
}

impl PyErr {
    pub fn new(kind: Exc, message: impl Into<String>) -> PyErr {
        PyErr::of_class(kind.class(), message)
    }

    pub fn of_class(class: Rc<Class>, message: impl Into<String>) -> PyErr {
        PyErr(Box::new(ErrInner {
            class,
            message: message.into(),
            value: None,
            args: None,
            span: None,
            source: None,
            traceback: Vec::new(),
            uncatchable: false,
        }))
    }

    /// An error whose exception instance will have these `args` (`KeyError(key)` prints
    /// the repr of the key as its message).
    pub fn with_args(kind: Exc, args: Vec<Value>, message: impl Into<String>) -> PyErr {
        let mut e = PyErr::new(kind, message);
        e.0.args = Some(args);
        e
    }

    /// An error for the playground's own limits: prints as `kind: message`, never caught.
    pub fn limit(kind: Exc, message: impl Into<String>) -> PyErr {
        let mut e = PyErr::new(kind, message);
        e.0.uncatchable = true;
        e
    }

    pub fn inner(&self) -> &ErrInner {
        &self.0
    }

    pub fn inner_mut(&mut self) -> &mut ErrInner {
        &mut self.0
    }

    pub fn class(&self) -> &Rc<Class> {
        &self.0.class
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    pub fn is(&self, kind: Exc) -> bool {
        self.0.class.is_subclass(&kind.class())
    }

    /// Attaches a position unless a more precise one is already known.
    pub fn with_span(mut self, span: Span, source: &Source) -> PyErr {
        if self.0.span.is_none() {
            self.0.span = Some(span);
            self.0.source = Some(source.clone());
        }
        self
    }

    /// The diagnostic every front end renders.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            exception: self.0.class.qualified_name(),
            message: self.0.message.clone(),
            span: self.0.span,
            source: self.0.source.clone(),
        }
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.class.qualified_name(), self.0.message)
    }
}

impl From<Diagnostic> for PyErr {
    /// A diagnostic from a lower layer (parser, schema) raised as the exception it names.
    fn from(d: Diagnostic) -> PyErr {
        let class = TABLE
            .iter()
            .find(|(_, name, module, _)| {
                d.exception == *name || d.exception == format!("{module}.{name}")
            })
            .map(|(kind, ..)| kind.class())
            .unwrap_or_else(|| Exc::Exception.class());
        let mut e = PyErr::of_class(class, d.message);
        e.0.span = d.span;
        e.0.source = d.source;
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy_and_names() {
        let e = PyErr::new(Exc::IntegrityError, "UNIQUE constraint failed: roles.name");
        assert!(e.is(Exc::DatabaseError));
        assert!(e.is(Exc::SQLAlchemyError));
        assert!(e.is(Exc::Exception));
        assert!(!e.is(Exc::TypeError));
        assert_eq!(e.class().qualified_name(), "sqlalchemy.exc.IntegrityError");
        assert_eq!(Exc::KeyError.class().qualified_name(), "KeyError");
        assert!(PyErr::new(Exc::NotFound, "").is(Exc::HTTPException));
    }

    #[test]
    fn diagnostics_round_trip_by_name() {
        let d = Diagnostic::new(
            "sqlalchemy.exc.AmbiguousForeignKeysError",
            "Could not determine",
        );
        let e = PyErr::from(d.clone());
        assert!(e.is(Exc::ArgumentError));
        assert_eq!(e.to_diagnostic(), d);
    }
}
