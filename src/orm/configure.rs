//! Mapper configuration, done on first use as SQLAlchemy does it: relationship targets are
//! located, join conditions worked out from foreign keys (or given `primaryjoin`s), backrefs
//! created, `back_populates` paired — raising SQLAlchemy's errors when that fails, and
//! `InvalidRequestError` on every later use after a failure.

use super::attrs::RelAttr;
use super::ctx::{mapper_of, OrmCtx};
use super::decl::{column_of, BackrefDecl, TableObj};
use super::exprobj::as_expr;
use super::mapper::{Mapper, RelProp, RelSpec, Resolved};
use super::sql::{SqlExpr, SqlOp};
use super::table::{Column, Table};
use crate::object::{Args, Exc, PyErr, PyResult, Value, Vm};
use crate::schema::Direction;
use std::cell::RefCell;
use std::rc::Rc;

/// Configures all mappers if needed (a no-op once configured; re-raises a past failure).
pub fn configure(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> PyResult<()> {
    {
        let reg = ctx.registry.borrow();
        if let Some((trigger, err)) = &reg.failure {
            return Err(PyErr::new(
                Exc::InvalidRequestError,
                format!(
                    "One or more mappers failed to initialize - can't proceed with initialization of other mappers. Triggering mapper: '{trigger}'. Original exception was: {}",
                    err.message()
                ),
            ));
        }
        if reg.configured {
            return Ok(());
        }
    }
    if let Err((trigger, e)) = resolve_all(vm, ctx) {
        ctx.registry.borrow_mut().failure = Some((trigger, e.clone()));
        return Err(e);
    }
    install_backrefs(ctx);
    ctx.registry.borrow_mut().configured = true;
    Ok(())
}

/// Resolves every relationship (targets, join conditions, backref ends) without making
/// backrefs visible as class attributes yet: the façade calls it early to draw the
/// diagram, while the console still sees SQLAlchemy's first-use behaviour. On failure,
/// returns the mapper being configured and the error.
pub fn resolve_all(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> Result<(), (String, PyErr)> {
    let mappers = ctx.registry.borrow().mappers.clone();
    for mapper in &mappers {
        let props: Vec<Rc<RelProp>> = mapper.relationships.borrow().clone();
        for prop in props {
            if prop.resolved().is_some() {
                continue;
            }
            configure_relationship(vm, ctx, mapper, &prop).map_err(|e| (mapper.describe(), e))?;
        }
    }
    for mapper in &mappers {
        let props: Vec<Rc<RelProp>> = mapper.relationships.borrow().clone();
        for prop in props {
            pair_back_populates(mapper, &prop).map_err(|e| (mapper.describe(), e))?;
        }
    }
    Ok(())
}

/// Backref ends become class attributes (`Role.users` exists from now on).
fn install_backrefs(ctx: &Rc<OrmCtx>) {
    let mappers = ctx.registry.borrow().mappers.clone();
    for mapper in mappers {
        let Some(class) = mapper.class() else {
            continue;
        };
        for prop in mapper
            .relationships
            .borrow()
            .iter()
            .filter(|p| p.is_backref)
        {
            let mut dict = class.dict.borrow_mut();
            if !dict.contains_key(&*prop.key) {
                dict.insert(
                    prop.key.clone(),
                    Value::native(RelAttr {
                        ctx: Rc::downgrade(ctx),
                        prop: prop.clone(),
                        alias: None,
                        target_alias: None,
                    }),
                );
            }
        }
    }
}

/// Names a string argument of `relationship()` may use: the mapped classes, the tables,
/// and SQLAlchemy's functions.
fn resolver_names(ctx: &OrmCtx) -> Vec<(String, Value)> {
    let mut names = Vec::new();
    for m in ctx.registry.borrow().mappers.iter() {
        if let Some(c) = m.class() {
            names.push((m.class_name.to_string(), Value::Class(c)));
        }
    }
    for t in ctx.metadata.borrow().tables.iter() {
        if !names.iter().any(|(n, _)| **n == *t.name) {
            names.push((t.name.to_string(), Value::native(TableObj(t.clone()))));
        }
    }
    for f in [
        "desc", "asc", "and_", "or_", "not_", "text", "distinct", "null", "true", "false",
    ] {
        if let Some(v) = super::exprobj::function(f) {
            names.push((f.to_string(), v));
        }
    }
    names.push(("func".into(), Value::native(super::exprobj::FuncNamespace)));
    names
}

/// Evaluates a string argument (`'Song.title'`, `'desc(Song.id)'`, `'and_(...)'`).
fn resolve_string(vm: &mut dyn Vm, ctx: &OrmCtx, mapper: &Mapper, code: &str) -> PyResult<Value> {
    let names = resolver_names(ctx);
    vm.eval_expr(code, &names).map_err(|e| {
        if e.is(Exc::NameError) || e.is(Exc::AttributeError) {
            let missing = e
                .message()
                .split('\'')
                .nth(1)
                .unwrap_or(code)
                .to_string();
            PyErr::new(
                Exc::InvalidRequestError,
                format!(
                    "When initializing mapper {}, expression '{code}' failed to locate a name ('{missing}'). If this is a class name, consider adding this relationship() to the <class '{}.{}'> class after both dependent classes have been defined.",
                    mapper.describe(),
                    mapper.class().map(|c| c.module.to_string()).unwrap_or_default(),
                    mapper.class_name
                ),
            )
        } else {
            e
        }
    })
}

fn resolve_value(vm: &mut dyn Vm, ctx: &OrmCtx, mapper: &Mapper, v: &Value) -> PyResult<Value> {
    match v {
        Value::Str(s) => resolve_string(vm, ctx, mapper, s),
        Value::Function(_) => vm.call(v, Args::none()),
        other => Ok(other.clone()),
    }
}

fn target_mapper(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    prop: &RelProp,
) -> PyResult<Rc<Mapper>> {
    let arg = prop.spec.argument.clone().ok_or_else(|| {
        PyErr::new(
            Exc::ArgumentError,
            format!(
                "relationship '{}' expects a class or a mapper argument (received: <class 'NoneType'>)",
                prop.key
            ),
        )
    })?;
    let v = resolve_value(vm, ctx, mapper, &arg)?;
    match &v {
        Value::Class(c) => mapper_of(c).ok_or_else(|| {
            PyErr::new(
                Exc::ArgumentError,
                format!("relationship '{}' expects a class or a mapper argument (received: <class '{}.{}'>)", prop.key, c.module, c.name),
            )
        }),
        other => {
            let r = vm.repr(other)?;
            Err(PyErr::new(
                Exc::ArgumentError,
                format!("relationship '{}' expects a class or a mapper argument (received: {r})", prop.key),
            ))
        }
    }
}

/// Columns named by `foreign_keys=` / `remote_side=` (a column, a list, or a string).
fn column_list(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    v: &Option<Value>,
) -> PyResult<Vec<Rc<Column>>> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let v = resolve_value(vm, ctx, mapper, v)?;
    let items = match &v {
        Value::List(_) | Value::Tuple(_) | Value::Set(_) => vm.iterate(&v)?,
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for i in items {
        let i = resolve_value(vm, ctx, mapper, &i)?;
        match column_of(&i) {
            Some(c) => out.push(c),
            None => {
                let r = vm.repr(&i)?;
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    format!("Column expression expected, got {r}"),
                ));
            }
        }
    }
    Ok(out)
}

/// The foreign keys of `from` that point at `to`: `(referenced column on to, fk column)`.
fn fk_pairs(from: &Table, to: &Table) -> Vec<(Rc<Column>, Rc<Column>)> {
    let mut out = Vec::new();
    for c in from.columns.borrow().iter() {
        for fk in c.foreign_keys.borrow().iter() {
            if let Some((t, col)) = fk.target_names() {
                if *t == *to.name {
                    if let Some(target) = to.column(&col) {
                        out.push((target, c.clone()));
                    }
                }
            }
        }
    }
    out
}

fn contains(list: &[Rc<Column>], c: &Rc<Column>) -> bool {
    list.iter().any(|x| Rc::ptr_eq(x, c))
}

fn ambiguous(prop: &RelProp, secondary: Option<&Table>) -> PyErr {
    PyErr::new(
        Exc::AmbiguousForeignKeysError,
        match secondary {
            None => format!(
                "Could not determine join condition between parent/child tables on relationship {} - there are multiple foreign key paths linking the tables.  Specify the 'foreign_keys' argument, providing a list of those columns which should be counted as containing a foreign key reference to the parent table.",
                prop.qualified()
            ),
            Some(s) => format!(
                "Could not determine join condition between parent/child tables on relationship {} - there are multiple foreign key paths linking the tables via secondary table '{}'.  Specify the 'foreign_keys' argument, providing a list of those columns which should be counted as containing a foreign key reference from the secondary table to each of the parent and child tables.",
                prop.qualified(),
                s.name
            ),
        },
    )
}

fn no_foreign_keys(prop: &RelProp, secondary: Option<&Table>) -> PyErr {
    PyErr::new(
        Exc::NoForeignKeysError,
        match secondary {
            None => format!(
                "Could not determine join condition between parent/child tables on relationship {} - there are no foreign keys linking these tables.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or specify a 'primaryjoin' expression.",
                prop.qualified()
            ),
            Some(s) => format!(
                "Could not determine join condition between parent/child tables on relationship {} - there are no foreign keys linking these tables via secondary table '{}'.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or specify 'primaryjoin' and 'secondaryjoin' expressions.",
                prop.qualified(),
                s.name
            ),
        },
    )
}

/// Splits a join condition into column-equality pairs and other criteria.
fn split_condition(
    e: &SqlExpr,
    pairs: &mut Vec<(Rc<Column>, Rc<Column>)>,
    extra: &mut Vec<SqlExpr>,
) {
    match e {
        SqlExpr::And(parts) => parts.iter().for_each(|p| split_condition(p, pairs, extra)),
        SqlExpr::Binary(a, SqlOp::Eq, b) => match (a.as_ref(), b.as_ref()) {
            (SqlExpr::Col(x), SqlExpr::Col(y)) => pairs.push((x.column.clone(), y.column.clone())),
            _ => extra.push(e.clone()),
        },
        other => extra.push(other.clone()),
    }
}

fn condition(vm: &mut dyn Vm, ctx: &OrmCtx, mapper: &Mapper, v: &Value) -> PyResult<SqlExpr> {
    let v = resolve_value(vm, ctx, mapper, v)?;
    as_expr(&v).ok_or_else(|| {
        PyErr::new(
            Exc::ArgumentError,
            "primaryjoin/secondaryjoin must be a SQL expression".to_string(),
        )
    })
}

fn in_table(c: &Column, t: &Table) -> bool {
    c.table().is_some_and(|n| n == t.name)
}

fn configure_relationship(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    mapper: &Rc<Mapper>,
    prop: &Rc<RelProp>,
) -> PyResult<()> {
    let target = target_mapper(vm, ctx, mapper, prop)?;
    let parent_t = mapper.table.clone();
    let target_t = target.table.clone();
    let secondary = match &prop.spec.secondary {
        None => None,
        Some(v) => {
            let v = resolve_value(vm, ctx, mapper, v)?;
            match v.downcast::<TableObj>() {
                Some(t) => Some(t.0.clone()),
                None => {
                    let r = vm.repr(&v)?;
                    return Err(PyErr::new(Exc::ArgumentError, format!("secondary argument {r} passed to to relationship() {} must be a Table object or other FROM clause; can't send a mapped class directly as rows in 'secondary' are persisted independently of a class that is mapped to that same table.", prop.qualified())));
                }
            }
        }
    };
    let foreign_keys = column_list(vm, ctx, mapper, &prop.spec.foreign_keys)?;
    let remote_side = column_list(vm, ctx, mapper, &prop.spec.remote_side)?;
    let mut extra = Vec::new();
    let (direction, pairs, secondary_pairs) = if let Some(sec) = &secondary {
        let (pj, sj) = match (&prop.spec.primaryjoin, &prop.spec.secondaryjoin) {
            (Some(p), Some(s)) => {
                let (mut pairs, mut spairs) = (Vec::new(), Vec::new());
                split_condition(&condition(vm, ctx, mapper, p)?, &mut pairs, &mut extra);
                split_condition(&condition(vm, ctx, mapper, s)?, &mut spairs, &mut extra);
                let orient = |pairs: Vec<(Rc<Column>, Rc<Column>)>,
                              side: &Table|
                 -> Vec<(Rc<Column>, Rc<Column>)> {
                    pairs
                        .into_iter()
                        .map(|(a, b)| {
                            if in_table(&a, sec) && in_table(&b, side) {
                                (b, a)
                            } else {
                                (a, b)
                            }
                        })
                        .collect()
                };
                (orient(pairs, &parent_t), orient(spairs, &target_t))
            }
            _ => {
                let to_parent: Vec<_> = fk_pairs(sec, &parent_t)
                    .into_iter()
                    .filter(|(_, fk)| foreign_keys.is_empty() || contains(&foreign_keys, fk))
                    .collect();
                let to_target: Vec<_> = fk_pairs(sec, &target_t)
                    .into_iter()
                    .filter(|(_, fk)| foreign_keys.is_empty() || contains(&foreign_keys, fk))
                    .collect();
                if Rc::ptr_eq(&parent_t, &target_t) && to_parent.len() > 1 {
                    return Err(ambiguous(prop, Some(sec)));
                }
                if to_parent.is_empty() || to_target.is_empty() {
                    return Err(no_foreign_keys(prop, Some(sec)));
                }
                (to_parent, to_target)
            }
        };
        (Direction::ManyToMany, pj, sj)
    } else if let Some(pj) = &prop.spec.primaryjoin {
        let mut raw = Vec::new();
        split_condition(&condition(vm, ctx, mapper, pj)?, &mut raw, &mut extra);
        let self_ref = Rc::ptr_eq(&parent_t, &target_t);
        let mut pairs = Vec::new();
        let mut direction = None;
        for (a, b) in raw {
            // Orient each pair as (parent-side column, target-side column).
            let (p, t) = if self_ref || (in_table(&a, &parent_t) && in_table(&b, &target_t)) {
                (a, b)
            } else {
                (b, a)
            };
            let t_is_fk = contains(&foreign_keys, &t)
                || (foreign_keys.is_empty()
                    && t.foreign_keys.borrow().iter().any(|fk| {
                        fk.target_names()
                            .is_some_and(|(tn, _)| *tn == *parent_t.name)
                    }));
            let p_is_fk = contains(&foreign_keys, &p)
                || (foreign_keys.is_empty()
                    && p.foreign_keys.borrow().iter().any(|fk| {
                        fk.target_names()
                            .is_some_and(|(tn, _)| *tn == *target_t.name)
                    }));
            let d = if self_ref {
                if contains(&remote_side, &p)
                    || (!remote_side.is_empty() && !contains(&remote_side, &t))
                    || (p_is_fk && !t_is_fk)
                {
                    Direction::ManyToOne
                } else {
                    Direction::OneToMany
                }
            } else if p_is_fk && !t_is_fk {
                Direction::ManyToOne
            } else {
                Direction::OneToMany
            };
            direction.get_or_insert(d);
            pairs.push((p, t));
        }
        if pairs.is_empty() {
            return Err(PyErr::new(
                Exc::ArgumentError,
                format!("Could not locate any relevant foreign key columns for primary join condition on relationship {}.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or are annotated in the join condition with the foreign() annotation.", prop.qualified()),
            ));
        }
        (direction.unwrap_or(Direction::OneToMany), pairs, Vec::new())
    } else {
        let filter = |v: Vec<(Rc<Column>, Rc<Column>)>| -> Vec<(Rc<Column>, Rc<Column>)> {
            v.into_iter()
                .filter(|(_, fk)| foreign_keys.is_empty() || contains(&foreign_keys, fk))
                .collect()
        };
        if Rc::ptr_eq(&parent_t, &target_t) {
            let fks = filter(fk_pairs(&parent_t, &parent_t));
            if fks.is_empty() {
                return Err(no_foreign_keys(prop, None));
            }
            if fks.len() > 1 {
                return Err(ambiguous(prop, None));
            }
            let (referenced, fk) = fks[0].clone();
            let many_to_one = contains(&remote_side, &referenced);
            if many_to_one {
                (Direction::ManyToOne, vec![(fk, referenced)], Vec::new())
            } else {
                (Direction::OneToMany, vec![(referenced, fk)], Vec::new())
            }
        } else {
            let one_to_many = filter(fk_pairs(&target_t, &parent_t));
            let many_to_one: Vec<(Rc<Column>, Rc<Column>)> = filter(fk_pairs(&parent_t, &target_t))
                .into_iter()
                .map(|(referenced, fk)| (fk, referenced))
                .collect();
            match (one_to_many.len(), many_to_one.len()) {
                (0, 0) => return Err(no_foreign_keys(prop, None)),
                (1, 0) => (Direction::OneToMany, one_to_many, Vec::new()),
                (0, 1) => (Direction::ManyToOne, many_to_one, Vec::new()),
                _ => return Err(ambiguous(prop, None)),
            }
        }
    };
    let uselist = prop
        .spec
        .uselist
        .unwrap_or(direction != Direction::ManyToOne);
    let order_by = order_by_list(vm, ctx, mapper, &prop.spec.order_by)?;
    *prop.resolved.borrow_mut() = Some(Rc::new(Resolved {
        target: target.clone(),
        direction,
        uselist,
        secondary: secondary.clone(),
        pairs,
        secondary_pairs,
        extra,
        order_by,
        reverse: RefCell::new(None),
    }));
    if let Some(b) = &prop.spec.backref {
        make_backref(vm, ctx, mapper, prop, &target, b)?;
    }
    Ok(())
}

fn order_by_list(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    v: &Option<Value>,
) -> PyResult<Vec<SqlExpr>> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let v = resolve_value(vm, ctx, mapper, v)?;
    let items = match &v {
        Value::List(_) | Value::Tuple(_) => vm.iterate(&v)?,
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for i in items {
        let i = resolve_value(vm, ctx, mapper, &i)?;
        match as_expr(&i) {
            Some(e) => out.push(e),
            None => {
                let r = vm.repr(&i)?;
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    format!("order_by expects SQL expressions, got {r}"),
                ));
            }
        }
    }
    Ok(out)
}

/// Creates the other end named by `backref=` on the target mapper.
fn make_backref(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    mapper: &Rc<Mapper>,
    prop: &Rc<RelProp>,
    target: &Rc<Mapper>,
    b: &Value,
) -> PyResult<()> {
    let (name, mut options) = match b {
        Value::Str(s) => (s.clone(), Args::none()),
        other => match other.downcast::<BackrefDecl>() {
            Some(d) => (d.name.clone(), d.options.clone()),
            None => {
                let items = vm.iterate(other)?;
                match items.as_slice() {
                    [Value::Str(n), Value::Dict(d)] => {
                        let kw = d
                            .borrow()
                            .items()
                            .filter_map(|(k, v)| match k {
                                Value::Str(s) => Some((s.clone(), v.clone())),
                                _ => None,
                            })
                            .collect();
                        (
                            n.clone(),
                            Args {
                                pos: Vec::new(),
                                kw,
                            },
                        )
                    }
                    _ => {
                        return Err(PyErr::new(
                            Exc::ArgumentError,
                            "backref must be a name or db.backref(name, ...)",
                        ))
                    }
                }
            }
        },
    };
    let exists = target.relationship(&name).is_some()
        || target.column_attr(&name).is_some()
        || target
            .class()
            .is_some_and(|c| c.dict.borrow().contains_key(&*name));
    if exists {
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!(
                "Error creating backref '{name}' on relationship '{}': property of that name exists on mapper '{}'",
                prop.qualified(),
                target.describe()
            ),
        ));
    }
    let Some(forward) = prop.resolved() else {
        return Ok(());
    };
    options.pos.insert(
        0,
        Value::Class(
            mapper
                .class()
                .ok_or_else(|| PyErr::new(Exc::RuntimeError, "class gone"))?,
        ),
    );
    let spec: RelSpec = super::decl::parse_relationship(vm, options, "backref")?;
    let direction = match forward.direction {
        Direction::OneToMany => Direction::ManyToOne,
        Direction::ManyToOne => Direction::OneToMany,
        Direction::ManyToMany => Direction::ManyToMany,
    };
    let (pairs, secondary_pairs) = match forward.direction {
        Direction::ManyToMany => (forward.secondary_pairs.clone(), forward.pairs.clone()),
        _ => (
            forward
                .pairs
                .iter()
                .map(|(a, b)| (b.clone(), a.clone()))
                .collect(),
            Vec::new(),
        ),
    };
    let uselist = spec.uselist.unwrap_or(direction != Direction::ManyToOne);
    let order_by = order_by_list(vm, ctx, target, &spec.order_by)?;
    let reverse = Rc::new(RelProp {
        key: name.clone(),
        parent: Rc::downgrade(target),
        spec: RelSpec {
            lazy: spec.lazy,
            ..spec
        },
        is_backref: true,
        resolved: RefCell::new(Some(Rc::new(Resolved {
            target: mapper.clone(),
            direction,
            uselist,
            secondary: forward.secondary.clone(),
            pairs,
            secondary_pairs,
            extra: forward.extra.clone(),
            order_by,
            reverse: RefCell::new(Some(Rc::downgrade(prop))),
        }))),
    });
    *forward.reverse.borrow_mut() = Some(Rc::downgrade(&reverse));
    target.relationships.borrow_mut().push(reverse);
    Ok(())
}

/// Links `back_populates` pairs (both ends must exist).
fn pair_back_populates(mapper: &Rc<Mapper>, prop: &Rc<RelProp>) -> PyResult<()> {
    let Some(other_name) = &prop.spec.back_populates else {
        return Ok(());
    };
    let Some(r) = prop.resolved() else {
        return Ok(());
    };
    let Some(other) = r.target.relationship(other_name) else {
        return Err(PyErr::new(
            Exc::InvalidRequestError,
            format!(
                "Mapper '{}' has no property '{other_name}'.  If this property was indicated from other mappers or configure events, ensure registry.configure() has been called.",
                r.target.describe()
            ),
        ));
    };
    if let Some(or) = other.resolved() {
        if !Rc::ptr_eq(&or.target, mapper) {
            return Err(PyErr::new(
                Exc::ArgumentError,
                format!(
                    "back_populates on relationship '{}' refers to attribute '{}' that is not a relationship to '{}'",
                    prop.qualified(),
                    other.qualified(),
                    mapper.class_name
                ),
            ));
        }
    }
    *r.reverse.borrow_mut() = Some(Rc::downgrade(&other));
    Ok(())
}
