//! The other end of a relationship: the attribute `backref=` creates on the target class
//! (configured like any relationship, from the join it inherits), and the pairing of
//! `back_populates` ends — with SQLAlchemy's errors for a name clash, a missing or wrong
//! property, and two ends of the same direction.

use super::configure::target_mapper;
use super::ctx::OrmCtx;
use super::decl::{parse_relationship, BackrefDecl, TableObj};
use super::mapper::{InheritedJoin, Mapper, RelProp};
use super::sql::SqlExpr;
use crate::object::{Args, Exc, PyErr, PyResult, Value, Vm};
use crate::schema::joins::{direction_repr, ColumnRef, Condition, ResolvedJoin};
use crate::schema::Direction;
use std::cell::RefCell;
use std::rc::Rc;

/// `backref='name'`, `backref=db.backref('name', **options)` or a `(name, {options})` tuple.
fn backref_args(vm: &mut dyn Vm, b: &Value) -> PyResult<(Rc<str>, Args)> {
    if let Value::Str(s) = b {
        return Ok((s.clone(), Args::none()));
    }
    if let Some(d) = b.downcast::<BackrefDecl>() {
        return Ok((d.name.clone(), d.options.clone()));
    }
    if let [Value::Str(name), Value::Dict(d)] = vm.iterate(b)?.as_slice() {
        let kw = d
            .borrow()
            .items()
            .filter_map(|(k, v)| match k {
                Value::Str(s) => Some((s.clone(), v.clone())),
                _ => None,
            })
            .collect();
        return Ok((
            name.clone(),
            Args {
                pos: Vec::new(),
                kw,
            },
        ));
    }
    Err(PyErr::new(
        Exc::ArgumentError,
        "backref must be a name or db.backref(name, ...)",
    ))
}

/// SQLAlchemy's `primaryjoin_reverse_remote`: where the model marked sides `remote()`,
/// the backref's remote side is the forward relationship's local side (its parent table's
/// unmarked columns).
fn reversed_remote(c: &Condition, parent_table: &str) -> Condition {
    if !c.binaries.iter().any(|b| b.marked_remote.contains(&true)) {
        return c.clone();
    }
    let mut c = c.clone();
    for b in c.binaries.iter_mut() {
        let local = |i: usize, side: &crate::schema::joins::ColumnRef| {
            !b.marked_remote[i] && side.table == parent_table
        };
        b.marked_remote = [local(0, &b.left), local(1, &b.right)];
    }
    c
}

/// Creates the backref end of `prop` (or pairs its `back_populates`), after its join is known.
#[allow(clippy::too_many_arguments)]
pub fn generate(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Rc<Mapper>,
    prop: &Rc<RelProp>,
    target: &Rc<Mapper>,
    join: &ResolvedJoin,
    extra: Vec<SqlExpr>,
    foreign_keys: Option<Vec<ColumnRef>>,
) -> PyResult<()> {
    let Some(b) = &prop.spec.backref else {
        return match &prop.spec.back_populates {
            Some(other) => add_reverse_property(vm, ctx, mapper, prop, other),
            None => Ok(()),
        };
    };
    let (name, mut options) = backref_args(vm, b)?;
    if target.relationship(&name).is_some() || target.column_attr(&name).is_some() {
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!(
                "Error creating backref '{name}' on relationship '{}': property of that name exists on mapper '{}'",
                prop.qualified(),
                target.describe()
            ),
        ));
    }
    let class = mapper
        .class()
        .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the mapped class is gone"))?;
    options.pos.insert(0, Value::Class(class));
    let inherit_viewonly = !options.kw.iter().any(|(k, _)| &**k == "viewonly");
    let mut spec = parse_relationship(vm, options, "backref")?;
    if inherit_viewonly {
        spec.viewonly = prop.spec.viewonly;
    }
    let resolved = prop.resolved();
    let secondary = resolved.as_ref().and_then(|r| r.secondary.clone());
    let (primaryjoin, secondaryjoin) = match (&join.secondaryjoin, join.direction) {
        (Some(sj), Direction::ManyToMany) => (sj.clone(), Some(join.primaryjoin.clone())),
        _ => (reversed_remote(&join.primaryjoin, &mapper.table.name), None),
    };
    spec.secondary = secondary.map(|t| Value::native(TableObj(t)));
    spec.back_populates = Some(prop.key.clone());
    spec.inherited = Some(Rc::new(InheritedJoin {
        primaryjoin,
        secondaryjoin,
        extra,
        foreign_keys,
    }));
    spec.span = prop.spec.span;
    spec.source = prop.spec.source.clone();
    target.relationships.borrow_mut().push(Rc::new(RelProp {
        key: name.clone(),
        parent: Rc::downgrade(target),
        spec,
        is_backref: true,
        resolved: RefCell::new(None),
    }));
    add_reverse_property(vm, ctx, mapper, prop, &name)
}

/// Pairs `prop` with the relationship `key` on its target, as SQLAlchemy's
/// `_add_reverse_property` checks it.
fn add_reverse_property(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Rc<Mapper>,
    prop: &Rc<RelProp>,
    key: &str,
) -> PyResult<()> {
    let Some(r) = prop.resolved() else {
        return Ok(());
    };
    let Some(other) = r.target.relationship(key) else {
        return Err(match r.target.column_attr(key) {
            Some(_) => PyErr::new(
                Exc::InvalidRequestError,
                format!(
                    "back_populates on relationship '{}' refers to attribute '{}.{key}' that is not a relationship.  The back_populates parameter should refer to the name of a relationship on the target class.",
                    prop.qualified(),
                    r.target.class_name
                ),
            ),
            None => PyErr::new(
                Exc::InvalidRequestError,
                format!(
                    "Mapper '{}' has no property '{key}'.  If this property was indicated from other mappers or configure events, ensure registry.configure() has been called.",
                    r.target.describe()
                ),
            ),
        });
    };
    let other_target = match other.resolved() {
        Some(or) => or.target.clone(),
        None => target_mapper(vm, ctx, &r.target, &other)?,
    };
    if !Rc::ptr_eq(&other_target, mapper) {
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!(
                "reverse_property '{key}' on relationship {} references relationship {}, which does not reference mapper {}",
                prop.qualified(),
                other.qualified(),
                mapper.describe()
            ),
        ));
    }
    if let Some(or) = other.resolved() {
        if r.direction == or.direction && r.direction != Direction::ManyToMany {
            return Err(PyErr::new(
                Exc::ArgumentError,
                format!(
                    "{} and back-reference {} are both of the same direction {}.  Did you mean to set remote_side on the many-to-one side ?",
                    other.qualified(),
                    prop.qualified(),
                    direction_repr(r.direction)
                ),
            ));
        }
        *or.reverse.borrow_mut() = Some(Rc::downgrade(prop));
    }
    *r.reverse.borrow_mut() = Some(Rc::downgrade(&other));
    Ok(())
}
