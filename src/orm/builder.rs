//! Building SELECT statements from Python arguments: entities, `filter`, `filter_by`,
//! `order_by`, `join` (along relationships or foreign keys), `group_by`, `limit`...
//! Shared by the legacy `Query` and 2.0 `select()`.

use super::attrs::RelAttr;
use super::ctx::{mapper_of, OrmCtx};
use super::entity::AliasedClass;
use super::exprobj::{as_expr, coerce};
use super::mapper::Mapper;
use super::sql::{Entity, FromItem, Join, SelectItem, SelectStmt, SqlExpr, SqlOp};
use super::table::Table;
use crate::object::{Args, Exc, PyErr, PyResult, Value, Vm};
use std::rc::Rc;

/// What one argument of `query(...)` / `select(...)` selects.
pub fn select_item(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, v: &Value) -> PyResult<Vec<SelectItem>> {
    if let Value::Class(c) = v {
        if let Some(m) = mapper_of(c) {
            super::configure::configure(vm, ctx)?;
            return Ok(vec![SelectItem::Entity(Entity {
                mapper: m,
                alias: None,
            })]);
        }
    }
    if let Some(a) = v.downcast::<AliasedClass>() {
        return Ok(vec![SelectItem::Entity(Entity {
            mapper: a.mapper.clone(),
            alias: Some(a.alias.clone()),
        })]);
    }
    if let Some(t) = v.downcast::<super::decl::TableObj>() {
        return Ok(t
            .0
            .columns
            .borrow()
            .iter()
            .map(|c| SelectItem::Expr(SqlExpr::col(c.clone(), None)))
            .collect());
    }
    if let Some(e) = as_expr(v) {
        return Ok(vec![SelectItem::Expr(e)]);
    }
    let r = vm.repr(v)?;
    Err(PyErr::new(
        Exc::ArgumentError,
        format!(
            "Column expression, FROM clause, or other columns clause element expected, got {r}."
        ),
    ))
}

pub fn select_items(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    args: &[Value],
) -> PyResult<Vec<SelectItem>> {
    let mut items = Vec::new();
    for a in args {
        items.extend(select_item(vm, ctx, a)?);
    }
    Ok(items)
}

/// Criteria given to `filter`/`where` (each must be a SQL expression).
pub fn criteria(vm: &mut dyn Vm, args: &[Value]) -> PyResult<Vec<SqlExpr>> {
    let mut out = Vec::new();
    for a in args {
        match as_expr(a) {
            Some(e) => out.push(e),
            None => match a {
                Value::Bool(b) => out.push(SqlExpr::Bool(*b)),
                other => {
                    let r = vm.repr(other)?;
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        format!("SQL expression element or literal value expected, got {r}."),
                    ));
                }
            },
        }
    }
    Ok(out)
}

/// The mapper of a table, if a model maps it.
fn mapper_for_table(ctx: &OrmCtx, t: &Rc<Table>) -> Option<Rc<Mapper>> {
    ctx.registry
        .borrow()
        .mappers
        .iter()
        .find(|m| Rc::ptr_eq(&m.table, t))
        .cloned()
}

/// The entity `filter_by` keywords refer to: the last joined entity, else the first one.
fn joinpoint(ctx: &OrmCtx, stmt: &SelectStmt) -> Option<Entity> {
    for j in stmt.joins.iter().rev() {
        if let FromItem::Table(t, alias) = &j.target {
            if let Some(mapper) = mapper_for_table(ctx, t) {
                return Some(Entity {
                    mapper,
                    alias: alias.clone(),
                });
            }
        }
    }
    stmt.items.iter().find_map(|i| match i {
        SelectItem::Entity(e) => Some(e.clone()),
        SelectItem::Expr(SqlExpr::Col(c)) => {
            let t = c.column.table_ref()?;
            mapper_for_table(ctx, &t).map(|mapper| Entity {
                mapper,
                alias: c.alias.clone(),
            })
        }
        _ => None,
    })
}

/// `filter_by(name=value, relationship=obj)`.
pub fn filter_by(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    stmt: &SelectStmt,
    args: Args,
) -> PyResult<Vec<SqlExpr>> {
    let Some(entity) = joinpoint(ctx, stmt) else {
        return Err(PyErr::new(
            Exc::InvalidRequestError,
            "Can't use filter_by() without a mapped entity to filter on",
        ));
    };
    let mut out = Vec::new();
    for (key, v) in args.kw {
        if let Some(col) = entity.mapper.column_attr(&key) {
            let left = SqlExpr::col(col, entity.alias.clone());
            let right = coerce(vm, &v, &left)?;
            out.push(match right {
                SqlExpr::Null => SqlExpr::IsNull(Box::new(left), false),
                r => SqlExpr::binary(left, SqlOp::Eq, r),
            });
        } else if let Some(prop) = entity.mapper.relationship(&key) {
            let attr = RelAttr {
                ctx: Rc::downgrade(ctx),
                prop,
                alias: entity.alias.clone(),
                target_alias: None,
            };
            out.push(attr.compare_to(vm, &v, false)?);
        } else {
            return Err(PyErr::new(
                Exc::InvalidRequestError,
                format!(
                    "Entity namespace for \"{}\" has no property \"{key}\"",
                    entity.mapper.table.name
                ),
            ));
        }
    }
    Ok(out)
}

/// `order_by(...)`; `order_by(None)` clears the ordering.
pub fn order_by(vm: &mut dyn Vm, stmt: &mut SelectStmt, args: &[Value]) -> PyResult<()> {
    if args.len() == 1 && args[0].is_none() {
        stmt.order_by.clear();
        return Ok(());
    }
    for a in args {
        match a {
            Value::Str(s) => stmt.order_by.push(SqlExpr::LabelRef(s.clone())),
            Value::Class(c) => {
                if let Some(m) = mapper_of(c) {
                    for pk in m.primary_key() {
                        stmt.order_by.push(SqlExpr::col(pk, None));
                    }
                }
            }
            other => stmt
                .order_by
                .extend(criteria(vm, std::slice::from_ref(other))?),
        }
    }
    Ok(())
}

/// `group_by(...)` (a whole entity groups by all its columns).
pub fn group_by(vm: &mut dyn Vm, stmt: &mut SelectStmt, args: &[Value]) -> PyResult<()> {
    for a in args {
        match a {
            Value::Class(c) if mapper_of(c).is_some() => {
                if let Some(m) = mapper_of(c) {
                    stmt.group_by.push(SqlExpr::Entity(Entity {
                        mapper: m,
                        alias: None,
                    }));
                }
            }
            other => {
                if let Some(al) = other.downcast::<AliasedClass>() {
                    stmt.group_by.push(SqlExpr::Entity(Entity {
                        mapper: al.mapper.clone(),
                        alias: Some(al.alias.clone()),
                    }));
                } else {
                    stmt.group_by
                        .extend(criteria(vm, std::slice::from_ref(other))?);
                }
            }
        }
    }
    Ok(())
}

/// Every entity/table already in the statement (left sides for a join).
fn present(stmt: &SelectStmt) -> Vec<(Rc<Table>, Option<Rc<super::sql::Alias>>)> {
    let mut out = Vec::new();
    for f in &stmt.from {
        if let FromItem::Table(t, a) = f {
            out.push((t.clone(), a.clone()));
        }
    }
    for i in &stmt.items {
        match i {
            SelectItem::Entity(e) => out.push((e.mapper.table.clone(), e.alias.clone())),
            SelectItem::Expr(e) => super::compile::collect_tables(e, &mut |f| {
                if let FromItem::Table(t, a) = f {
                    out.push((t, a));
                }
            }),
        }
    }
    for j in &stmt.joins {
        if let FromItem::Table(t, a) = &j.target {
            out.push((t.clone(), a.clone()));
        }
    }
    out
}

/// The ON clause joining `right` to whichever present table has exactly one foreign-key
/// relationship with it.
fn fk_onclause(
    stmt: &SelectStmt,
    right: &Rc<Table>,
    right_alias: &Option<Rc<super::sql::Alias>>,
    describe: &str,
) -> PyResult<SqlExpr> {
    let mut candidates = Vec::new();
    for (left, left_alias) in present(stmt).into_iter().rev() {
        let mut pairs = Vec::new();
        for c in right.columns.borrow().iter() {
            for fk in c.foreign_keys.borrow().iter() {
                if let Some((t, col)) = fk.target_names() {
                    if t == left.name {
                        if let Some(target) = left.column(&col) {
                            pairs.push(SqlExpr::binary(
                                SqlExpr::col(target, left_alias.clone()),
                                SqlOp::Eq,
                                SqlExpr::col(c.clone(), right_alias.clone()),
                            ));
                        }
                    }
                }
            }
        }
        for c in left.columns.borrow().iter() {
            for fk in c.foreign_keys.borrow().iter() {
                if let Some((t, col)) = fk.target_names() {
                    if t == right.name && !Rc::ptr_eq(&left, right) {
                        if let Some(target) = right.column(&col) {
                            pairs.push(SqlExpr::binary(
                                SqlExpr::col(c.clone(), left_alias.clone()),
                                SqlOp::Eq,
                                SqlExpr::col(target, right_alias.clone()),
                            ));
                        }
                    }
                }
            }
        }
        if !pairs.is_empty() {
            candidates.push((left.clone(), pairs));
        }
    }
    match candidates.first() {
        None => {
            let left = present(stmt).into_iter().next().map(|(t, _)| t.name.to_string());
            Err(match left {
                Some(l) => PyErr::new(
                    Exc::NoForeignKeysError,
                    format!("Can't find any foreign key relationships between '{l}' and '{}'.", right.name),
                ),
                None => PyErr::new(
                    Exc::InvalidRequestError,
                    format!("Don't know how to join to {describe}. Please use the .select_from() method to establish an explicit left side, as well as providing an explicit ON clause if not present already to help resolve the ambiguity."),
                ),
            })
        }
        Some((left, pairs)) if pairs.len() > 1 => Err(PyErr::new(
            Exc::AmbiguousForeignKeysError,
            format!("Can't determine join between '{}' and '{}'; tables have more than one foreign key constraint relationship between them. Please specify the 'onclause' of this join explicitly.", left.name, right.name),
        )),
        Some((_, pairs)) => Ok(pairs[0].clone()),
    }
}

/// `join(target[, onclause], isouter=...)`.
pub fn join(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    stmt: &mut SelectStmt,
    target: &Value,
    onclause: Option<&Value>,
    outer: bool,
) -> PyResult<()> {
    super::configure::configure(vm, ctx)?;
    // Along a relationship attribute.
    if let Some(attr) = target.downcast::<RelAttr>() {
        let r = attr
            .prop
            .resolved()
            .ok_or_else(|| PyErr::new(Exc::InvalidRequestError, "relationship not configured"))?;
        let parent_alias = attr.alias.clone();
        let target_alias = attr.target_alias.clone();
        if let Some(sec) = &r.secondary {
            let on1 = SqlExpr::and(
                r.pairs
                    .iter()
                    .map(|(local, assoc)| {
                        SqlExpr::binary(
                            SqlExpr::col(local.clone(), parent_alias.clone()),
                            SqlOp::Eq,
                            SqlExpr::col(assoc.clone(), None),
                        )
                    })
                    .collect(),
            );
            stmt.joins.push(Join {
                target: FromItem::Table(sec.clone(), None),
                on: Some(on1),
                outer,
                error: None,
            });
            let on2 = SqlExpr::and(
                r.secondary_pairs
                    .iter()
                    .map(|(t, assoc)| {
                        SqlExpr::binary(
                            SqlExpr::col(t.clone(), target_alias.clone()),
                            SqlOp::Eq,
                            SqlExpr::col(assoc.clone(), None),
                        )
                    })
                    .collect(),
            );
            stmt.joins.push(Join {
                target: FromItem::Table(r.target.table.clone(), target_alias),
                on: Some(on2),
                outer,
                error: None,
            });
        } else {
            let mut on: Vec<SqlExpr> = r
                .pairs
                .iter()
                .map(|(local, remote)| {
                    SqlExpr::binary(
                        SqlExpr::col(local.clone(), parent_alias.clone()),
                        SqlOp::Eq,
                        SqlExpr::col(remote.clone(), target_alias.clone()),
                    )
                })
                .collect();
            on.extend(r.extra.iter().cloned());
            stmt.joins.push(Join {
                target: FromItem::Table(r.target.table.clone(), target_alias),
                on: Some(SqlExpr::and(on)),
                outer,
                error: None,
            });
        }
        stmt.joined_rels.push(attr.prop.clone());
        return Ok(());
    }
    let (table, alias, describe) = if let Value::Class(c) = target {
        let m = mapper_of(c).ok_or_else(|| {
            PyErr::new(
                Exc::ArgumentError,
                format!("Join target {} is not mapped", c.name),
            )
        })?;
        (m.table.clone(), None, m.describe())
    } else if let Some(a) = target.downcast::<AliasedClass>() {
        (
            a.mapper.table.clone(),
            Some(a.alias.clone()),
            a.mapper.describe(),
        )
    } else if let Some(t) = target.downcast::<super::decl::TableObj>() {
        (t.0.clone(), None, format!("Table('{}')", t.0.name))
    } else if let Some(sq) = target.downcast::<super::query::SubqueryObj>() {
        let on = match onclause.and_then(as_expr) {
            Some(e) => e,
            None => {
                return Err(PyErr::new(
                    Exc::InvalidRequestError,
                    "joining to a subquery needs an explicit ON clause",
                ))
            }
        };
        stmt.joins.push(Join {
            target: FromItem::Subquery(Rc::new(sq.stmt.clone()), sq.alias.clone()),
            on: Some(on),
            outer,
            error: None,
        });
        return Ok(());
    } else {
        let r = vm.repr(target)?;
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!("Join target {r} is not a mapped entity or table"),
        ));
    };
    let on = match onclause {
        Some(v) if v.downcast::<RelAttr>().is_some() => {
            return join(vm, ctx, stmt, v, None, outer);
        }
        Some(v) => match as_expr(v) {
            Some(e) => e,
            None => {
                let r = vm.repr(v)?;
                return Err(PyErr::new(Exc::ArgumentError, format!("ON clause, typically a SQL expression or ORM relationship attribute expected, got {r}.")));
            }
        },
        None => match fk_onclause(stmt, &table, &alias, &describe) {
            Ok(on) => on,
            Err(e) => {
                stmt.joins.push(Join {
                    target: FromItem::Table(table, alias),
                    on: None,
                    outer,
                    error: Some(e),
                });
                return Ok(());
            }
        },
    };
    stmt.joins.push(Join {
        target: FromItem::Table(table, alias),
        on: Some(on),
        outer,
        error: None,
    });
    Ok(())
}

/// A LIMIT/OFFSET argument, coerced with `int()` as SQLAlchemy does.
pub fn count_arg(v: &Value, _what: &str) -> PyResult<Option<SqlExpr>> {
    let n = match v {
        Value::None => return Ok(None),
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        Value::Float(f) => f.trunc() as i64,
        Value::Str(s) => s.trim().parse::<i64>().map_err(|_| {
            PyErr::new(
                Exc::ValueError,
                format!(
                    "invalid literal for int() with base 10: {}",
                    crate::interp::python_str_repr(s)
                ),
            )
        })?,
        other => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ),
            ))
        }
    };
    Ok(Some(SqlExpr::Param(Value::Int(n), None)))
}
