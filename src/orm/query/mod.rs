//! `Model.query` / `db.session.query(...)` (the legacy `Query`, also behind dynamic
//! relationships) and 2.0 `select()`: generative builders over one `SelectStmt`.

mod api;
mod select;
pub use select::*;

use super::ctx::{state_of, OrmCtx};
use super::exprobj;
use super::load::{self, select_rows};
use super::mapper::RelProp;
use super::result::RowObj;
use super::sql::{Alias, FromItem, SelectItem, SelectStmt, SqlExpr};
use super::state::{identity_for, Status};
use crate::object::{Exc, Instance, PyErr, PyResult, Slice, Value, Vm};
use std::rc::{Rc, Weak};

/// A legacy `Query`; with `appender`, the `AppenderQuery` of a dynamic relationship.
#[derive(Clone)]
pub struct QueryObj {
    pub ctx: Weak<OrmCtx>,
    pub stmt: SelectStmt,
    pub appender: Option<(Rc<Instance>, Rc<RelProp>)>,
}

/// The statement behind a query-like value (`Query`, `select()`, a subquery).
pub fn statement_of(v: &Value) -> Option<SelectStmt> {
    if let Some(q) = v.downcast::<QueryObj>() {
        if q.appender.is_none() {
            return Some(q.stmt.clone());
        }
    }
    if let Some(s) = v.downcast::<SelectObj>() {
        return Some(s.stmt.clone());
    }
    if let Some(s) = v.downcast::<SubqueryObj>() {
        return Some(s.stmt.clone());
    }
    None
}

fn ctx_of(ctx: &Weak<OrmCtx>) -> PyResult<Rc<OrmCtx>> {
    ctx.upgrade()
        .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the database is gone"))
}

pub fn no_result() -> PyErr {
    PyErr::new(Exc::NoResultFound, "No row was found when one was required")
}

pub fn multiple_results(one_or_none: bool) -> PyErr {
    PyErr::new(
        Exc::MultipleResultsFound,
        if one_or_none {
            "Multiple rows were found when one or none was required"
        } else {
            "Multiple rows were found when exactly one was required"
        },
    )
}

impl QueryObj {
    pub fn new(ctx: &Rc<OrmCtx>, stmt: SelectStmt) -> QueryObj {
        QueryObj {
            ctx: Rc::downgrade(ctx),
            stmt,
            appender: None,
        }
    }

    pub fn appender(ctx: &Rc<OrmCtx>, owner: &Rc<Instance>, prop: &Rc<RelProp>) -> QueryObj {
        QueryObj {
            ctx: Rc::downgrade(ctx),
            stmt: SelectStmt::default(),
            appender: Some((owner.clone(), prop.clone())),
        }
    }

    fn derive(&self, f: impl FnOnce(&mut SelectStmt) -> PyResult<()>) -> PyResult<Value> {
        let mut q = self.clone();
        f(&mut q.stmt)?;
        Ok(Value::native(q))
    }

    /// The full statement (a dynamic relationship's criteria joined with the user's).
    pub fn statement(&self, vm: &mut dyn Vm) -> PyResult<SelectStmt> {
        let Some((owner, prop)) = &self.appender else {
            return Ok(self.stmt.clone());
        };
        let ctx = ctx_of(&self.ctx)?;
        super::configure::configure(vm, &ctx)?;
        let st = state_of(owner).ok_or_else(|| PyErr::new(Exc::RuntimeError, "unmapped owner"))?;
        // A pending owner gets its row (and key) from the autoflush the query runs first.
        if st.status() == Status::Pending {
            super::session::autoflush(vm, &ctx)?;
        }
        let r = prop
            .resolved()
            .ok_or_else(|| PyErr::new(Exc::InvalidRequestError, "relationship not configured"))?;
        let mut base = load::related_statement(vm, &ctx, owner, &st, &r)?;
        if !self.stmt.items.is_empty() {
            base.items = self.stmt.items.clone();
        }
        base.where_.extend(self.stmt.where_.iter().cloned());
        base.joins.extend(self.stmt.joins.iter().cloned());
        base.order_by.extend(self.stmt.order_by.iter().cloned());
        base.group_by = self.stmt.group_by.clone();
        base.having = self.stmt.having.clone();
        base.limit = self.stmt.limit.clone();
        base.offset = self.stmt.offset.clone();
        base.distinct = self.stmt.distinct;
        Ok(base)
    }

    /// Items of a dynamic collection whose owner has no row yet (kept in memory).
    fn pending_items(&self) -> Option<Vec<Value>> {
        let (owner, prop) = self.appender.as_ref()?;
        let st = state_of(owner)?;
        // Once the owner is in the session its collection is a query (the autoflush before
        // it inserts a pending owner); only a transient owner's appends live in memory.
        if st.status() != Status::Transient {
            return None;
        }
        Some(
            st.pending_ops(&prop.key)
                .into_iter()
                .filter(|(_, added)| *added)
                .map(|(v, _)| v)
                .collect(),
        )
    }

    /// `all()`: objects (unique, for a single-entity query) or rows.
    pub fn all(&self, vm: &mut dyn Vm) -> PyResult<Vec<Value>> {
        if let Some(items) = self.pending_items() {
            return Ok(items);
        }
        let ctx = ctx_of(&self.ctx)?;
        let stmt = self.statement(vm)?;
        let rows = select_rows(vm, &ctx, &stmt, None)?;
        if stmt.is_single_entity() {
            // Legacy Query returns each object once.
            let mut seen = std::collections::HashSet::new();
            let mut out: Vec<Value> = Vec::with_capacity(rows.rows.len());
            for mut r in rows.rows {
                let v = r.pop().unwrap_or(Value::None);
                if v.is_none() || seen.insert(v.identity().unwrap_or(0)) {
                    out.push(v);
                }
            }
            return Ok(out);
        }
        Ok(rows
            .rows
            .into_iter()
            .map(|r| Value::native(RowObj::new(r, rows.names.clone())))
            .collect())
    }

    fn first(&self, vm: &mut dyn Vm) -> PyResult<Value> {
        let mut q = self.clone();
        if q.stmt.limit.is_none() {
            q.stmt.limit = Some(SqlExpr::Param(Value::Int(1), None));
        }
        Ok(q.all(vm)?.into_iter().next().unwrap_or(Value::None))
    }

    fn one(&self, vm: &mut dyn Vm, or_none: bool) -> PyResult<Value> {
        let items = self.all(vm)?;
        match items.len() {
            0 if or_none => Ok(Value::None),
            0 => Err(no_result()),
            1 => Ok(items.into_iter().next().unwrap_or(Value::None)),
            _ => Err(multiple_results(or_none)),
        }
    }

    pub fn count(&self, vm: &mut dyn Vm) -> PyResult<i64> {
        if let Some(items) = self.pending_items() {
            return Ok(items.len() as i64);
        }
        let ctx = ctx_of(&self.ctx)?;
        let mut inner = self.statement(vm)?;
        inner.order_by.clear();
        let simple = inner.limit.is_none()
            && inner.offset.is_none()
            && !inner.distinct
            && inner.group_by.is_empty();
        let stmt = if simple {
            let mut s = inner;
            let froms = if s.from.is_empty() {
                match s.items.first() {
                    Some(SelectItem::Entity(e)) => {
                        vec![FromItem::Table(e.mapper.table.clone(), e.alias.clone())]
                    }
                    _ => Vec::new(),
                }
            } else {
                s.from.clone()
            };
            s.from = froms;
            s.items = vec![SelectItem::Expr(SqlExpr::Func(
                "count".into(),
                vec![SqlExpr::Star],
            ))];
            s
        } else {
            let alias = Alias::new(Rc::new(super::table::Table::new("anon", None)), None, None);
            SelectStmt {
                items: vec![SelectItem::Expr(SqlExpr::Func(
                    "count".into(),
                    vec![SqlExpr::Star],
                ))],
                from: vec![FromItem::Subquery(Rc::new(inner), alias)],
                ..SelectStmt::default()
            }
        };
        let rows = load::run_select(vm, &ctx, &stmt, None)?;
        Ok(match rows.first().and_then(|r| r.first()) {
            Some(Value::Int(n)) => *n,
            _ => 0,
        })
    }

    /// `get(pk)`: the identity map first, then a SELECT by primary key.
    pub fn get(&self, vm: &mut dyn Vm, ident: &Value) -> PyResult<Value> {
        let ctx = ctx_of(&self.ctx)?;
        let entity = self.stmt.first_entity().cloned().ok_or_else(|| {
            PyErr::new(
                Exc::InvalidRequestError,
                "get() needs a query of one mapped entity",
            )
        })?;
        get_by_identity(vm, &ctx, &entity.mapper, ident)
    }

    /// `query[i]` / `query[a:b]`.
    fn index(&self, vm: &mut dyn Vm, key: &Value) -> PyResult<Value> {
        if let Some(s) = key.downcast::<Slice>() {
            let start = match &s.start {
                Value::Int(i) if *i >= 0 => Some(*i),
                Value::None => None,
                _ => return Ok(Value::list(super::query::slice_all(self.all(vm)?, key)?)),
            };
            let stop = match &s.stop {
                Value::Int(i) if *i >= 0 => Some(*i),
                Value::None => None,
                _ => return Ok(Value::list(super::query::slice_all(self.all(vm)?, key)?)),
            };
            if !s.step.is_none() {
                return Ok(Value::list(super::query::slice_all(self.all(vm)?, key)?));
            }
            let mut q = self.clone();
            if let Some(a) = start.filter(|a| *a > 0) {
                q.stmt.offset = Some(SqlExpr::Param(Value::Int(a), None));
            }
            if let Some(b) = stop {
                q.stmt.limit = Some(SqlExpr::Param(
                    Value::Int((b - start.unwrap_or(0)).max(0)),
                    None,
                ));
            }
            return Ok(Value::list(q.all(vm)?));
        }
        match key {
            Value::Int(i) if *i >= 0 => {
                let mut q = self.clone();
                q.stmt.offset = (*i > 0).then(|| SqlExpr::Param(Value::Int(*i), None));
                q.stmt.limit = Some(SqlExpr::Param(Value::Int(1), None));
                q.all(vm)?
                    .into_iter()
                    .next()
                    .ok_or_else(|| PyErr::new(Exc::IndexError, "list index out of range"))
            }
            Value::Int(i) => {
                let items = self.all(vm)?;
                let n = items.len() as i64;
                items
                    .get((i + n) as usize)
                    .filter(|_| i + n >= 0)
                    .cloned()
                    .ok_or_else(|| PyErr::new(Exc::IndexError, "list index out of range"))
            }
            other => Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "query indices must be integers or slices, not {}",
                    other.type_name()
                ),
            )),
        }
    }

    /// `update({...})` / `delete()` in bulk, updating matching objects in memory.
    pub(crate) fn bulk(&self, vm: &mut dyn Vm, values: Option<&Value>) -> PyResult<Value> {
        let ctx = ctx_of(&self.ctx)?;
        let stmt = self.statement(vm)?;
        let entity = stmt.first_entity().cloned().ok_or_else(|| {
            PyErr::new(
                Exc::InvalidRequestError,
                "bulk update/delete needs a query of one entity",
            )
        })?;
        let matching = {
            let mut pk_stmt = stmt.clone();
            pk_stmt.order_by.clear();
            load::run_select(vm, &ctx, &pk_stmt, Some("synchronize session"))?
        };
        let mut set = Vec::new();
        let mut py_values = Vec::new();
        if let Some(v) = values {
            let Value::Dict(d) = v else {
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    "update() expects a dictionary of values",
                ));
            };
            let items: Vec<(Value, Value)> = d
                .borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, val) in items {
                let col = match &k {
                    Value::Str(name) => entity.mapper.column_attr(name),
                    other => super::decl::column_of(other),
                };
                let Some(col) = col else {
                    let r = vm.repr(&k)?;
                    return Err(PyErr::new(
                        Exc::InvalidRequestError,
                        format!(
                            "Entity namespace for \"{}\" has no property {r}",
                            entity.mapper.table.name
                        ),
                    ));
                };
                let left = SqlExpr::col(col.clone(), None);
                let e = exprobj::coerce(vm, &val, &left)?;
                py_values.push((entity.mapper.key_of(&col), val.clone(), e.clone()));
                set.push((col, e));
            }
        }
        let compiled = {
            let mut read = |inst: &Rc<Instance>, col: &Rc<super::table::Column>| {
                load::read_column(vm, &ctx, inst, col)
            };
            super::compile::bulk(
                &entity.mapper.table,
                values.map(|_| set.as_slice()),
                &stmt.where_,
                &mut read,
            )?
        };
        let result = ctx.engine.borrow_mut().run(&compiled, None)?;
        for row in matching {
            let Some(Value::Instance(inst)) = row.into_iter().next() else {
                continue;
            };
            let Some(st) = state_of(&inst) else { continue };
            if values.is_some() {
                for (key, val, e) in &py_values {
                    if let (Some(key), SqlExpr::Param(..) | SqlExpr::Null) = (key, e) {
                        inst.dict.borrow_mut().insert(key.clone(), val.clone());
                        st.committed.borrow_mut().set(&st.mapper, key, val.clone());
                    } else if let Some(key) = key {
                        inst.dict.borrow_mut().shift_remove(key);
                    }
                }
            } else {
                let mut session = ctx.session.borrow_mut();
                if let Some(key) = st.identity() {
                    session.identity.remove(&key);
                }
                st.status.set(Status::Deleted);
                session.removed.push(inst.clone());
            }
        }
        Ok(Value::Int(result.affected as i64))
    }
}

/// `get` for an entity: identity map, else SELECT by primary key (None if absent).
pub fn get_by_identity(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    mapper: &Rc<super::mapper::Mapper>,
    ident: &Value,
) -> PyResult<Value> {
    super::configure::configure(vm, ctx)?;
    ctx.check_not_failed()?;
    let pk = mapper.primary_key();
    let values: Vec<Value> = match ident {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow().clone(),
        Value::Dict(d) => pk
            .iter()
            .map(|c| d.borrow().get_str(&c.key()).cloned().unwrap_or(Value::None))
            .collect(),
        other => vec![other.clone()],
    };
    if values.len() != pk.len() {
        return Err(PyErr::new(
            Exc::InvalidRequestError,
            format!(
                "Incorrect number of values in identifier formed from argument 'ident'; primary key is {}",
                pk.iter().map(|c| format!("'{}'", c.name().unwrap_or_default())).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    if let Some(key) = identity_for(mapper, &values) {
        if let Some(found) = ctx.session.borrow().lookup(&key) {
            if state_of(&found).is_some_and(|s| !s.marked_deleted.get()) {
                return Ok(Value::Instance(found));
            }
        }
    }
    let stmt = SelectStmt {
        items: vec![SelectItem::Entity(super::sql::Entity {
            mapper: mapper.clone(),
            alias: None,
        })],
        where_: pk
            .iter()
            .zip(values)
            .map(|(c, v)| {
                SqlExpr::binary(
                    SqlExpr::col(c.clone(), None),
                    super::sql::SqlOp::Eq,
                    SqlExpr::Param(v, c.sql_type()),
                )
            })
            .collect(),
        ..SelectStmt::default()
    };
    let rows = load::run_select(vm, ctx, &stmt, None)?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|mut r| r.pop())
        .unwrap_or(Value::None))
}

/// Python slicing of an already loaded list (negative bounds, steps).
pub fn slice_all(items: Vec<Value>, key: &Value) -> PyResult<Vec<Value>> {
    let s = key
        .downcast::<Slice>()
        .ok_or_else(|| PyErr::new(Exc::TypeError, "expected a slice"))?;
    let positions = s
        .positions(items.len())
        .map_err(|m| PyErr::new(Exc::ValueError, m))?;
    Ok(positions
        .into_iter()
        .filter_map(|i| items.get(i).cloned())
        .collect())
}
