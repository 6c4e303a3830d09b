//! `Model.query` / `db.session.query(...)` (the legacy `Query`, also behind dynamic
//! relationships) and 2.0 `select()`: generative builders over one `SelectStmt`.

use super::builder;
use super::ctx::{mapper_of, state_of, OrmCtx};
use super::exprobj;
use super::load::{self, select_rows};
use super::mapper::RelProp;
use super::result::{self, RowObj};
use super::sql::{Alias, FromItem, SelectItem, SelectStmt, SqlExpr};
use super::state::{identity_for, Status};
use crate::object::{Args, Exc, Instance, Object, PyErr, PyResult, Slice, Value, Vm};
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

fn kw_or_pos(args: &mut Args, i: usize, name: &str) -> Option<Value> {
    args.take(i, name)
}

impl Object for QueryObj {
    fn type_name(&self) -> &str {
        if self.appender.is_some() {
            "AppenderQuery"
        } else {
            "Query"
        }
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(if self.appender.is_some() {
            "<sqlalchemy.orm.dynamic.AppenderQuery object>".into()
        } else {
            "<flask_sqlalchemy.query.Query object>".into()
        })
    }

    fn str(&self, vm: &mut dyn Vm) -> PyResult<String> {
        Ok(super::compile::select_text(&self.statement(vm)?))
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        let ctx = match ctx_of(&self.ctx) {
            Ok(c) => c,
            Err(e) => return Some(Err(e)),
        };
        let r = (|| -> PyResult<Value> {
            match name {
                "all" => Ok(Value::list(self.all(vm)?)),
                "first" => self.first(vm),
                "one" => self.one(vm, false),
                "one_or_none" => self.one(vm, true),
                "scalar" => {
                    let v = self.one(vm, true)?;
                    Ok(match v.downcast::<RowObj>() {
                        Some(row) => row.values.first().cloned().unwrap_or(Value::None),
                        None => v,
                    })
                }
                "count" => Ok(Value::Int(self.count(vm)?)),
                "get" => {
                    args.expect_count("get", 1, 1)?;
                    self.get(vm, &args.pos[0])
                }
                "filter" | "where" => {
                    let c = builder::criteria(vm, &args.pos)?;
                    self.derive(|s| {
                        s.where_.extend(c);
                        Ok(())
                    })
                }
                "filter_by" => {
                    let stmt = self.statement(vm)?;
                    let c = builder::filter_by(vm, &ctx, &stmt, std::mem::take(args))?;
                    self.derive(|s| {
                        s.where_.extend(c);
                        Ok(())
                    })
                }
                "order_by" => {
                    let mut s = self.stmt.clone();
                    builder::order_by(vm, &mut s, &args.pos)?;
                    let mut q = self.clone();
                    q.stmt = s;
                    Ok(Value::native(q))
                }
                "group_by" => {
                    let mut s = self.stmt.clone();
                    builder::group_by(vm, &mut s, &args.pos)?;
                    let mut q = self.clone();
                    q.stmt = s;
                    Ok(Value::native(q))
                }
                "having" => {
                    let c = builder::criteria(vm, &args.pos)?;
                    self.derive(|s| {
                        s.having.extend(c);
                        Ok(())
                    })
                }
                "limit" => {
                    let n = builder::count_arg(args.pos.first().unwrap_or(&Value::None), "limit")?;
                    self.derive(|s| {
                        s.limit = n;
                        Ok(())
                    })
                }
                "offset" => {
                    let n = builder::count_arg(args.pos.first().unwrap_or(&Value::None), "offset")?;
                    self.derive(|s| {
                        s.offset = n;
                        Ok(())
                    })
                }
                "distinct" => self.derive(|s| {
                    s.distinct = true;
                    Ok(())
                }),
                "join" | "outerjoin" => {
                    let target = args.pos.first().cloned().unwrap_or(Value::None);
                    let on = args.pos.get(1).cloned();
                    let outer = name == "outerjoin"
                        || match args.take_kw("isouter") {
                            Some(v) => vm.truthy(&v)?,
                            None => false,
                        };
                    let mut s = self.stmt.clone();
                    builder::join(vm, &ctx, &mut s, &target, on.as_ref(), outer)?;
                    let mut q = self.clone();
                    q.stmt = s;
                    Ok(Value::native(q))
                }
                "select_from" => {
                    let mut froms = Vec::new();
                    for a in &args.pos {
                        froms.push(from_item(vm, a)?);
                    }
                    self.derive(|s| {
                        s.from = froms;
                        Ok(())
                    })
                }
                "with_entities" | "add_columns" | "add_entity" => {
                    let items = builder::select_items(vm, &ctx, &args.pos)?;
                    let mut q = self.clone();
                    q.stmt = self.statement(vm)?;
                    q.appender = None;
                    if name == "with_entities" {
                        q.stmt.items = items;
                    } else {
                        q.stmt.items.extend(items);
                    }
                    Ok(Value::native(q))
                }
                "options" | "execution_options" | "enable_eagerloads" | "populate_existing"
                | "autoflush" => Ok(Value::native(self.clone())),
                "exists" => Ok(exprobj::value(SqlExpr::Exists(Rc::new(
                    self.statement(vm)?,
                )))),
                "subquery" => Ok(Value::native(SubqueryObj {
                    stmt: self.statement(vm)?,
                    alias: Alias::new(Rc::new(super::table::Table::new("anon", None)), None, None),
                })),
                "statement" => Ok(Value::native(SelectObj::new(&ctx, self.statement(vm)?))),
                "update" => {
                    let v = args.pos.first().cloned().unwrap_or(Value::None);
                    self.bulk(vm, Some(&v))
                }
                "delete" => self.bulk(vm, None),
                "append" | "remove" | "extend" => {
                    let Some((owner, prop)) = &self.appender else {
                        return Err(PyErr::new(
                            Exc::AttributeError,
                            format!("'Query' object has no attribute '{name}'"),
                        ));
                    };
                    let items = if name == "extend" {
                        vm.iterate(args.pos.first().unwrap_or(&Value::None))?
                    } else {
                        args.expect_count(name, 1, 1)?;
                        vec![args.pos[0].clone()]
                    };
                    for item in items {
                        super::collection::record_change(
                            vm,
                            &ctx,
                            owner,
                            prop,
                            &item,
                            name != "remove",
                        )?;
                    }
                    Ok(Value::None)
                }
                "paginate" => super::pagination::paginate_query(vm, self, std::mem::take(args)),
                "first_or_404" => {
                    let v = self.first(vm)?;
                    if v.is_none() {
                        return Err(super::pagination::not_found());
                    }
                    Ok(v)
                }
                "one_or_404" => self.one(vm, false).map_err(|e| {
                    if e.is(Exc::NoResultFound) || e.is(Exc::MultipleResultsFound) {
                        super::pagination::not_found()
                    } else {
                        e
                    }
                }),
                "get_or_404" => {
                    let id = kw_or_pos(args, 0, "ident").unwrap_or(Value::None);
                    let v = self.get(vm, &id)?;
                    if v.is_none() {
                        return Err(super::pagination::not_found());
                    }
                    Ok(v)
                }
                _ => Err(PyErr::new(
                    Exc::AttributeError,
                    format!("'{}' object has no attribute '{name}'", self.type_name()),
                )),
            }
        })();
        if QUERY_METHODS.contains(&name) {
            Some(r)
        } else {
            None
        }
    }

    fn getattr(&self, _vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        if !QUERY_METHODS.contains(&name) {
            return Ok(None);
        }
        let this = this.clone();
        let method = name.to_string();
        Ok(Some(crate::object::Builtin::bound(
            name,
            this.clone(),
            move |vm, mut args| {
                let Some(q) = this.downcast::<QueryObj>() else {
                    return Err(PyErr::new(Exc::TypeError, "not a query"));
                };
                q.call_method(vm, &this, &method, &mut args)
                    .unwrap_or_else(|| Err(PyErr::new(Exc::AttributeError, method.clone())))
            },
        )))
    }

    fn iter(&self, vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(self.all(vm).map(exprobj::list_iterator))
    }

    fn getitem(&self, vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        Some(self.index(vm, key))
    }

    fn truthy(&self, _vm: &mut dyn Vm) -> PyResult<bool> {
        Ok(true)
    }

    fn dir(&self) -> Vec<String> {
        QUERY_METHODS.iter().map(|s| s.to_string()).collect()
    }
}

const QUERY_METHODS: &[&str] = &[
    "all",
    "first",
    "one",
    "one_or_none",
    "scalar",
    "count",
    "get",
    "filter",
    "where",
    "filter_by",
    "order_by",
    "group_by",
    "having",
    "limit",
    "offset",
    "distinct",
    "join",
    "outerjoin",
    "select_from",
    "with_entities",
    "add_columns",
    "add_entity",
    "options",
    "execution_options",
    "enable_eagerloads",
    "populate_existing",
    "autoflush",
    "exists",
    "subquery",
    "statement",
    "update",
    "delete",
    "append",
    "remove",
    "extend",
    "paginate",
    "first_or_404",
    "one_or_404",
    "get_or_404",
];

/// A FROM item given to `select_from`.
pub fn from_item(vm: &mut dyn Vm, v: &Value) -> PyResult<FromItem> {
    if let Value::Class(c) = v {
        if let Some(m) = mapper_of(c) {
            return Ok(FromItem::Table(m.table.clone(), None));
        }
    }
    if let Some(a) = v.downcast::<super::entity::AliasedClass>() {
        return Ok(FromItem::Table(
            a.mapper.table.clone(),
            Some(a.alias.clone()),
        ));
    }
    if let Some(t) = v.downcast::<super::decl::TableObj>() {
        return Ok(FromItem::Table(t.0.clone(), None));
    }
    if let Some(sq) = v.downcast::<SubqueryObj>() {
        return Ok(FromItem::Subquery(
            Rc::new(sq.stmt.clone()),
            sq.alias.clone(),
        ));
    }
    if let Some(stmt) = statement_of(v) {
        return Ok(FromItem::Subquery(
            Rc::new(stmt),
            Alias::new(Rc::new(super::table::Table::new("anon", None)), None, None),
        ));
    }
    let r = vm.repr(v)?;
    Err(PyErr::new(
        Exc::ArgumentError,
        format!("FROM expression, such as a Table or alias() object expected, got {r}."),
    ))
}

/// `stmt.subquery()`: a SELECT used as a FROM item.
pub struct SubqueryObj {
    pub stmt: SelectStmt,
    pub alias: Rc<Alias>,
}

impl Object for SubqueryObj {
    fn type_name(&self) -> &str {
        "Subquery"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<sqlalchemy.sql.selectable.Subquery object>".into())
    }
}

/// A 2.0 `select(...)` statement (run it with `db.session.execute/scalars/scalar`).
#[derive(Clone)]
pub struct SelectObj {
    pub ctx: Weak<OrmCtx>,
    pub stmt: SelectStmt,
}

impl SelectObj {
    pub fn new(ctx: &Rc<OrmCtx>, stmt: SelectStmt) -> SelectObj {
        SelectObj {
            ctx: Rc::downgrade(ctx),
            stmt,
        }
    }

    fn derive(&self, f: impl FnOnce(&mut SelectStmt) -> PyResult<()>) -> PyResult<Value> {
        let mut s = self.clone();
        f(&mut s.stmt)?;
        Ok(Value::native(s))
    }
}

/// `select(...)`, building its items (mapped classes, columns, expressions).
pub fn make_select(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, args: &[Value]) -> PyResult<Value> {
    let mut flat = Vec::new();
    for a in args {
        match a {
            Value::List(l) => flat.extend(l.borrow().iter().cloned()),
            other => flat.push(other.clone()),
        }
    }
    let items = builder::select_items(vm, ctx, &flat)?;
    Ok(Value::native(SelectObj::new(
        ctx,
        SelectStmt {
            items,
            ..SelectStmt::default()
        },
    )))
}

const SELECT_METHODS: &[&str] = &[
    "where",
    "filter",
    "filter_by",
    "order_by",
    "group_by",
    "having",
    "limit",
    "offset",
    "distinct",
    "join",
    "outerjoin",
    "join_from",
    "select_from",
    "subquery",
    "scalar_subquery",
    "exists",
    "options",
    "execution_options",
    "with_only_columns",
    "add_columns",
    "label",
];

impl Object for SelectObj {
    fn type_name(&self) -> &str {
        "Select"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<sqlalchemy.sql.selectable.Select object>".into())
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(super::compile::select_text(&self.stmt))
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        let ctx = match ctx_of(&self.ctx) {
            Ok(c) => c,
            Err(e) => return Some(Err(e)),
        };
        let r = (|| -> PyResult<Value> {
            match name {
                "where" | "filter" => {
                    let c = builder::criteria(vm, &args.pos)?;
                    self.derive(|s| {
                        s.where_.extend(c);
                        Ok(())
                    })
                }
                "filter_by" => {
                    let c = builder::filter_by(vm, &ctx, &self.stmt, std::mem::take(args))?;
                    self.derive(|s| {
                        s.where_.extend(c);
                        Ok(())
                    })
                }
                "order_by" => {
                    let mut s = self.clone();
                    builder::order_by(vm, &mut s.stmt, &args.pos)?;
                    Ok(Value::native(s))
                }
                "group_by" => {
                    let mut s = self.clone();
                    builder::group_by(vm, &mut s.stmt, &args.pos)?;
                    Ok(Value::native(s))
                }
                "having" => {
                    let c = builder::criteria(vm, &args.pos)?;
                    self.derive(|s| {
                        s.having.extend(c);
                        Ok(())
                    })
                }
                "limit" | "offset" => {
                    let n = builder::count_arg(args.pos.first().unwrap_or(&Value::None), name)?;
                    self.derive(|s| {
                        if name == "limit" {
                            s.limit = n;
                        } else {
                            s.offset = n;
                        }
                        Ok(())
                    })
                }
                "distinct" => self.derive(|s| {
                    s.distinct = true;
                    Ok(())
                }),
                "join" | "outerjoin" | "join_from" => {
                    let (target, on) = if name == "join_from" {
                        (
                            args.pos.get(1).cloned().unwrap_or(Value::None),
                            args.pos.get(2).cloned(),
                        )
                    } else {
                        (
                            args.pos.first().cloned().unwrap_or(Value::None),
                            args.pos.get(1).cloned(),
                        )
                    };
                    let outer = name == "outerjoin"
                        || match args.take_kw("isouter") {
                            Some(v) => vm.truthy(&v)?,
                            None => false,
                        };
                    let mut s = self.clone();
                    builder::join(vm, &ctx, &mut s.stmt, &target, on.as_ref(), outer)?;
                    Ok(Value::native(s))
                }
                "select_from" => {
                    let mut froms = Vec::new();
                    for a in &args.pos {
                        froms.push(from_item(vm, a)?);
                    }
                    self.derive(|s| {
                        s.from = froms;
                        Ok(())
                    })
                }
                "subquery" => Ok(Value::native(SubqueryObj {
                    stmt: self.stmt.clone(),
                    alias: Alias::new(Rc::new(super::table::Table::new("anon", None)), None, None),
                })),
                "scalar_subquery" | "label" => {
                    let e = SqlExpr::ScalarSubquery(Rc::new(self.stmt.clone()));
                    Ok(exprobj::value(match args.pos.first() {
                        Some(Value::Str(n)) if name == "label" => {
                            SqlExpr::Label(n.clone(), Box::new(e))
                        }
                        _ => e,
                    }))
                }
                "exists" => Ok(exprobj::value(SqlExpr::Exists(Rc::new(self.stmt.clone())))),
                "options" | "execution_options" => Ok(Value::native(self.clone())),
                "with_only_columns" | "add_columns" => {
                    let items = builder::select_items(vm, &ctx, &args.pos)?;
                    self.derive(|s| {
                        if name == "with_only_columns" {
                            s.items = items;
                        } else {
                            s.items.extend(items);
                        }
                        Ok(())
                    })
                }
                _ => Err(PyErr::new(Exc::AttributeError, name.to_string())),
            }
        })();
        if SELECT_METHODS.contains(&name) {
            Some(r)
        } else {
            None
        }
    }

    fn getattr(&self, _vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        if !SELECT_METHODS.contains(&name) {
            return Ok(None);
        }
        let this = this.clone();
        let method = name.to_string();
        Ok(Some(crate::object::Builtin::bound(
            name,
            this.clone(),
            move |vm, mut args| {
                let Some(s) = this.downcast::<SelectObj>() else {
                    return Err(PyErr::new(Exc::TypeError, "not a select"));
                };
                s.call_method(vm, &this, &method, &mut args)
                    .unwrap_or_else(|| Err(PyErr::new(Exc::AttributeError, method.clone())))
            },
        )))
    }

    fn dir(&self) -> Vec<String> {
        SELECT_METHODS.iter().map(|s| s.to_string()).collect()
    }
}

/// Runs a 2.0 statement: `session.execute(stmt)`.
pub fn execute_select(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    stmt: &SelectStmt,
) -> PyResult<result::ResultObj> {
    let rows = select_rows(vm, ctx, stmt, None)?;
    Ok(result::ResultObj::new(rows.names, rows.rows))
}
