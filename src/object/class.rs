//! Classes, instances, user-defined functions and the scopes functions close over.

use super::dict::Dict;
use super::native::Args;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;
use crate::diag::{Source, Span};
use crate::python::ast;
use std::any::Any;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// A class's own attributes, in definition order (the ORM reads columns in this order).
pub use super::attrs::AttrMap;

/// The metaclass behaviour shared by a family of classes (Flask-SQLAlchemy's declarative
/// `db.Model`): what happens when a subclass is defined and when it is called.
pub trait ClassHooks {
    /// Runs after `class X(Base): ...` has built the class object.
    fn init_subclass(&self, vm: &mut dyn Vm, class: &Rc<Class>) -> PyResult<()>;
    /// `X(...)`: creates and initialises an instance.
    fn instantiate(&self, vm: &mut dyn Vm, class: &Rc<Class>, args: Args) -> PyResult<Value>;
    /// `X.name` when neither the class nor its bases define `name`.
    fn class_getattr(
        &self,
        _vm: &mut dyn Vm,
        _class: &Rc<Class>,
        _name: &str,
    ) -> Option<PyResult<Value>> {
        None
    }
    /// The metaclass `type(X)` names, as `(module, name)`; `None` for the ORM's declarative
    /// metaclass.
    fn metaclass_name(&self) -> Option<(&'static str, &'static str)> {
        None
    }
    /// `repr(X)` (`<enum 'Color'>`); `None` gives `<class 'module.X'>`.
    fn class_repr(&self, _class: &Rc<Class>) -> Option<String> {
        None
    }
    /// `iter(X)` (iterating an Enum class gives its members).
    fn class_iter(&self, _vm: &mut dyn Vm, _class: &Rc<Class>) -> Option<PyResult<Vec<Value>>> {
        None
    }
    /// `len(X)`.
    fn class_len(&self, _class: &Rc<Class>) -> Option<usize> {
        None
    }
    /// `X[key]` (`Color['RED']`); `None` makes a generic alias as for any class.
    fn class_getitem(
        &self,
        _vm: &mut dyn Vm,
        _class: &Rc<Class>,
        _key: &Value,
    ) -> Option<PyResult<Value>> {
        None
    }
    /// `item in X`.
    fn class_contains(
        &self,
        _vm: &mut dyn Vm,
        _class: &Rc<Class>,
        _item: &Value,
    ) -> Option<PyResult<bool>> {
        None
    }
    /// `X.name = value`; `None` stores it in the class dict as Python does.
    fn class_setattr(
        &self,
        _vm: &mut dyn Vm,
        _class: &Rc<Class>,
        _name: &str,
        _value: &Value,
    ) -> Option<PyResult<()>> {
        None
    }
}

/// Which built-in type a class object stands for (`int`, `str`, ...), so that calling it
/// converts and `isinstance` works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinType {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Function,
    Date,
    DateTime,
    Time,
    TimeDelta,
    Decimal,
    /// Exception classes (their instances carry `args`).
    Exception,
}

pub struct Class {
    pub name: Rc<str>,
    /// `models` for classes defined in the models pane or console, `builtins`, `sqlalchemy.exc`...
    pub module: Rc<str>,
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order after the class itself.
    pub mro: Vec<Rc<Class>>,
    pub dict: RefCell<AttrMap>,
    pub hooks: Option<Rc<dyn ClassHooks>>,
    pub builtin: Option<BuiltinType>,
    /// Where a user class was defined.
    pub span: Option<Span>,
    /// Data a metaclass attaches (the ORM's mapper).
    pub ext: OnceCell<Rc<dyn Any>>,
}

impl Class {
    /// A class with the given bases; the MRO is computed by C3 linearisation (falling back to
    /// depth-first order for inconsistent hierarchies, which Python would reject).
    pub fn new(name: &str, module: &str, bases: Vec<Rc<Class>>, dict: AttrMap) -> Class {
        let mro = linearize(&bases);
        let hooks = bases.iter().find_map(|b| b.hooks.clone());
        let builtin = bases.iter().find_map(|b| match b.builtin {
            Some(BuiltinType::Exception) => Some(BuiltinType::Exception),
            _ => None,
        });
        Class {
            name: name.into(),
            module: module.into(),
            bases,
            mro,
            dict: RefCell::new(dict),
            hooks,
            builtin,
            span: None,
            ext: OnceCell::new(),
        }
    }

    /// Looks a name up in the class and then along its MRO.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get(name) {
            return Some(v.clone());
        }
        self.mro
            .iter()
            .find_map(|c| c.dict.borrow().get(name).cloned())
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass(self: &Rc<Class>, other: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, other) || self.mro.iter().any(|c| Rc::ptr_eq(c, other))
    }

    /// The name Python prints in a traceback's last line: qualified unless a builtin.
    pub fn qualified_name(&self) -> String {
        if &*self.module == "builtins" {
            self.name.to_string()
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }
}

fn linearize(bases: &[Rc<Class>]) -> Vec<Rc<Class>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|b| {
            let mut s = vec![b.clone()];
            s.extend(b.mro.iter().cloned());
            s
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return out;
        }
        let candidate = seqs
            .iter()
            .map(|s| s[0].clone())
            .find(|c| !seqs.iter().any(|s| s[1..].iter().any(|x| Rc::ptr_eq(x, c))));
        let Some(next) = candidate else {
            // Inconsistent: fall back to depth-first without duplicates.
            for s in seqs {
                for c in s {
                    if !out.iter().any(|x| Rc::ptr_eq(x, &c)) {
                        out.push(c);
                    }
                }
            }
            return out;
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

/// An object of a user-defined (or model) class.
pub struct Instance {
    pub class: Rc<Class>,
    pub dict: RefCell<AttrMap>,
    /// Data a metaclass attaches (the ORM's instance state).
    pub ext: OnceCell<Rc<dyn Any>>,
}

impl Instance {
    pub fn new(class: Rc<Class>) -> Instance {
        Instance {
            class,
            dict: RefCell::new(AttrMap::new()),
            ext: OnceCell::new(),
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let attrs = std::mem::take(self.dict.get_mut());
        super::trash::dispose(attrs.into_values().collect());
    }
}

impl Drop for Class {
    fn drop(&mut self) {
        let mut items: Vec<Value> = std::mem::take(self.dict.get_mut()).into_values().collect();
        items.extend(
            std::mem::take(&mut self.bases)
                .into_iter()
                .map(Value::Class),
        );
        items.extend(std::mem::take(&mut self.mro).into_iter().map(Value::Class));
        super::trash::dispose(items);
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        let mut items = std::mem::take(&mut self.defaults);
        items.extend(std::mem::take(&mut self.kw_defaults).into_iter().flatten());
        items.push(Value::native(ScopeHolder(self.env.clone())));
        super::trash::dispose(items);
    }
}

impl Drop for BoundMethod {
    fn drop(&mut self) {
        let func = std::mem::replace(&mut self.func, Value::None);
        let this = std::mem::replace(&mut self.this, Value::None);
        super::trash::dispose(vec![func, this]);
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let mut items: Vec<Value> = std::mem::take(self.vars.get_mut()).into_values().collect();
        if let Some(p) = self.parent.take() {
            items.push(Value::native(ScopeHolder(p)));
        }
        super::trash::dispose(items);
    }
}

/// Keeps a scope alive inside the trashcan's queue (a scope's parent chain can be long).
struct ScopeHolder(#[allow(dead_code)] Rc<Scope>);

impl super::native::Object for ScopeHolder {
    fn type_name(&self) -> &str {
        "scope"
    }
    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<scope>".into())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
}

/// Variables of a module, a function call or a class body, with the enclosing scope that
/// free names resolve in.
pub struct Scope {
    pub kind: ScopeKind,
    pub vars: RefCell<HashMap<Rc<str>, Value>>,
    pub parent: Option<Rc<Scope>>,
    /// Names declared `global` / `nonlocal` in this scope.
    pub redirects: RefCell<HashMap<Rc<str>, ScopeKind>>,
    /// For function and comprehension scopes: every name the body binds (Python decides at
    /// compile time that these are local, so reading one before it is bound is an
    /// UnboundLocalError rather than a lookup in an enclosing scope).
    pub locals: Option<Rc<LocalNames>>,
}

/// The names a function body binds (its local variables).
pub type LocalNames = std::collections::HashSet<Rc<str>>;

impl Scope {
    pub fn new(kind: ScopeKind, parent: Option<Rc<Scope>>) -> Rc<Scope> {
        Scope::with_locals(kind, parent, None)
    }

    /// A scope whose local names are known (function calls, comprehensions).
    pub fn with_locals(
        kind: ScopeKind,
        parent: Option<Rc<Scope>>,
        locals: Option<Rc<LocalNames>>,
    ) -> Rc<Scope> {
        Rc::new(Scope {
            kind,
            vars: RefCell::new(HashMap::new()),
            parent,
            redirects: RefCell::new(HashMap::new()),
            locals,
        })
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.vars.borrow().get(name).cloned()
    }

    pub fn set(&self, name: Rc<str>, value: Value) {
        self.vars.borrow_mut().insert(name, value);
    }
}

/// A `def` or `lambda` evaluated into a function object.
pub struct Function {
    pub def: Rc<ast::FunctionDef>,
    pub name: Rc<str>,
    /// `Role.__repr__`, `default_due`, `<lambda>`.
    pub qualname: Rc<str>,
    pub module: Rc<str>,
    /// Defaults of the trailing positional parameters, in order.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters (aligned with `def.params.kwonly`).
    pub kw_defaults: Vec<Option<Value>>,
    /// The scope free names resolve in (the defining function's scope or the module).
    pub env: Rc<Scope>,
    /// Which text the body was written in (for tracebacks and error marks).
    pub source: Source,
    /// `__dict__` of the function (decorators sometimes set attributes).
    pub attrs: RefCell<Dict>,
    /// The names its body binds.
    pub locals: Rc<LocalNames>,
    /// Its locals that nested functions may read (CPython's cell variables): the only ones
    /// a call's scope keeps once the call returns, so closures do not keep whole frames
    /// (and the cycles through them) alive.
    pub cells: Rc<LocalNames>,
    /// The class its code is written in (for `__name` mangling), by name.
    pub private: Option<Rc<str>>,
    /// The class whose body defined it (zero-argument `super()`); weak, as the class
    /// holds the function.
    pub owner: RefCell<std::rc::Weak<Class>>,
}

/// A user-defined function bound to the instance (or class) it was looked up on.
pub struct BoundMethod {
    pub func: Value,
    pub this: Value,
}
