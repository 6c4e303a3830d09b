//! `db.relationship(...)` and `db.backref(...)` as written in a class body: their arguments
//! checked and kept (as a `RelSpec`) until the mappers configure.

use super::decl::bool_arg;
use super::mapper::{Cascade, Lazy, RelSpec};
use crate::object::{Args, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::Rc;

/// `db.relationship(...)` (and `db.backref(...)`'s options) before mapping.
pub struct RelDecl(pub RelSpec);

/// `db.backref('name', **options)`.
pub struct BackrefDecl {
    pub name: Rc<str>,
    pub options: Args,
}

const RELATIONSHIP_OPTIONS: &[&str] = &[
    "argument",
    "secondary",
    "backref",
    "back_populates",
    "lazy",
    "uselist",
    "order_by",
    "primaryjoin",
    "secondaryjoin",
    "foreign_keys",
    "remote_side",
    "cascade",
    "viewonly",
    "passive_deletes",
    "single_parent",
    "post_update",
    "innerjoin",
    "overlaps",
    "collection_class",
    "enable_typechecks",
    "info",
    "doc",
    "sync_backref",
    "active_history",
    "join_depth",
    "query_class",
    "omit_join",
    "distinct_target_key",
    "comparator_factory",
    "passive_updates",
    "lazy_load",
    "default",
    "init",
    "repr",
    "compare",
    "kw_only",
    "default_factory",
    "cascade_backrefs",
];

/// `lazy=`: the strategy, or the repr of a value that names none (SQLAlchemy complains
/// about that when the mapper configures).
fn lazy_option(vm: &mut dyn Vm, v: Option<Value>) -> PyResult<(Lazy, Option<String>)> {
    let lazy = match &v {
        None | Some(Value::Bool(true)) => Some(Lazy::Select),
        Some(Value::Bool(false)) => Some(Lazy::Joined),
        Some(Value::None) => Some(Lazy::NoLoad),
        Some(Value::Str(s)) => Lazy::parse(s),
        Some(_) => None,
    };
    match (lazy, v) {
        (Some(l), _) => Ok((l, None)),
        (None, Some(other)) => Ok((Lazy::Select, Some(vm.repr(&other)?))),
        (None, None) => Ok((Lazy::Select, None)),
    }
}

/// Parses `relationship(...)` arguments into a spec.
pub fn parse_relationship(vm: &mut dyn Vm, mut args: Args, func: &str) -> PyResult<RelSpec> {
    let _ = func;
    if let Some((k, _)) = args
        .kw
        .iter()
        .find(|(k, _)| !RELATIONSHIP_OPTIONS.contains(&&**k))
    {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("RelationshipProperty.__init__() got an unexpected keyword argument '{k}'"),
        ));
    }
    if let Some(v) = args.take_kw("cascade_backrefs") {
        if vm.truthy(&v)? {
            return Err(PyErr::new(
                Exc::ArgumentError,
                "The 'cascade_backrefs' parameter passed to relationship() may only be set to False.",
            ));
        }
    }
    let argument = args.take(0, "argument");
    let secondary = args.take(1, "secondary");
    if args.pos.len() > 2 {
        return Err(PyErr::new(
            Exc::TypeError,
            format!(
                "relationship() takes from 0 to 2 positional arguments but {} were given",
                args.pos.len()
            ),
        ));
    }
    let (lazy, bad_lazy) = lazy_option(vm, args.take_kw("lazy"))?;
    let cascade = match args.take_kw("cascade") {
        None => Cascade::DEFAULT,
        Some(Value::Str(s)) => Cascade::parse(&s).map_err(|m| PyErr::new(Exc::ArgumentError, m))?,
        Some(_) => Cascade::DEFAULT,
    };
    let uselist = match args.take_kw("uselist") {
        None | Some(Value::None) => None,
        Some(v) => Some(vm.truthy(&v)?),
    };
    let back_populates = match args.take_kw("back_populates") {
        Some(Value::Str(s)) => Some(s),
        _ => None,
    };
    let backref = args.take_kw("backref").filter(|v| !v.is_none());
    if backref.is_some() && back_populates.is_some() {
        return Err(PyErr::new(
            Exc::ArgumentError,
            "backref and back_populates keyword arguments are mutually exclusive",
        ));
    }
    let viewonly = bool_arg(vm, &mut args, "viewonly")?.unwrap_or(false);
    let passive_deletes = match args.take_kw("passive_deletes") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let single_parent = bool_arg(vm, &mut args, "single_parent")?.unwrap_or(false);
    Ok(RelSpec {
        argument,
        secondary,
        primaryjoin: args.take_kw("primaryjoin"),
        secondaryjoin: args.take_kw("secondaryjoin"),
        foreign_keys: args.take_kw("foreign_keys"),
        remote_side: args.take_kw("remote_side"),
        backref,
        back_populates,
        lazy,
        uselist,
        order_by: args
            .take_kw("order_by")
            .filter(|v| !matches!(v, Value::Bool(false) | Value::None)),
        cascade,
        viewonly,
        passive_deletes,
        single_parent,
        bad_lazy,
        inherited: None,
        span: vm.span(),
        source: vm.source(),
    })
}

impl Object for RelDecl {
    fn type_name(&self) -> &str {
        "_RelationshipDeclared"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<RelationshipProperty at 0x0; no key>".into())
    }
}

impl Object for BackrefDecl {
    fn type_name(&self) -> &str {
        "tuple"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let mut parts = Vec::new();
        for (k, v) in &self.options.kw {
            parts.push(format!("'{k}': {}", vm.repr(v)?));
        }
        Ok(format!("('{}', {{{}}})", self.name, parts.join(", ")))
    }
}
