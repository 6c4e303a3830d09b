//! Loading: running SELECTs and turning rows into objects through the identity map,
//! refreshing expired attributes, and lazy/eager relationship loads.

use super::compile::{compile_select, Slot};
use super::ctx::{state_of, OrmCtx};
use super::mapper::{Lazy, Mapper, RelProp, Resolved};
use super::session::autoflush;
use super::sql::{Entity, FromItem, SelectItem, SelectStmt, SqlExpr, SqlOp};
use super::state::{identity_for, Committed, InstanceState, Status};
use super::table::Column;
use super::types::from_sql;
use crate::object::class::AttrMap;
use crate::object::{Exc, Instance, PyErr, PyResult, Value, Vm};
use crate::schema::Direction;
use gluesql::core::data::Value as SqlValue;
use std::rc::Rc;

/// Rows of a SELECT as Python values, with the name each column has on a `Row`.
pub struct Rows {
    pub names: Rc<Vec<Option<Rc<str>>>>,
    pub rows: Vec<Vec<Value>>,
}

/// Runs a SELECT (after an autoflush) and returns its rows as Python values: entities as
/// objects from the identity map, other columns converted by type.
pub fn run_select(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    stmt: &SelectStmt,
    tag: Option<&str>,
) -> PyResult<Vec<Vec<Value>>> {
    Ok(select_rows(vm, ctx, stmt, tag)?.rows)
}

/// `run_select` keeping the column names.
pub fn select_rows(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    stmt: &SelectStmt,
    tag: Option<&str>,
) -> PyResult<Rows> {
    ctx.check_not_failed()?;
    super::configure::configure(vm, ctx)?;
    autoflush(vm, ctx)?;
    select_rows_no_flush(vm, ctx, stmt, tag)
}

/// A SELECT without the autoflush (refreshing attributes, loads during a flush).
pub fn run_select_no_flush(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    stmt: &SelectStmt,
    tag: Option<&str>,
) -> PyResult<Vec<Vec<Value>>> {
    Ok(select_rows_no_flush(vm, ctx, stmt, tag)?.rows)
}

fn select_rows_no_flush(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    stmt: &SelectStmt,
    tag: Option<&str>,
) -> PyResult<Rows> {
    let compiled = {
        let mut read = |inst: &Rc<Instance>, col: &Rc<Column>| read_column(vm, ctx, inst, col);
        compile_select(stmt, &mut read)?
    };
    let result = ctx.engine.borrow_mut().run(&compiled, tag)?;
    let mut out = Vec::with_capacity(result.rows.len());
    let mut loaded: Vec<Rc<Instance>> = Vec::new();
    // Each database row is dropped once its objects exist: the whole result and all the
    // objects are never held at once (100,000 rows would double the peak).
    for row in result.rows {
        vm.tick()?;
        let mut values = Vec::with_capacity(compiled.slots.len());
        for slot in &compiled.slots {
            match slot {
                Slot::Entity { entity, start } => {
                    let n = entity.mapper.columns.len();
                    let cells = row.get(*start..*start + n).unwrap_or(&[]);
                    let v = hydrate(ctx, &entity.mapper, cells)?;
                    if let Value::Instance(i) = &v {
                        loaded.push(i.clone());
                    }
                    values.push(v);
                }
                Slot::Value {
                    index, sql_type, ..
                } => {
                    let cell = row.get(*index).unwrap_or(&SqlValue::Null);
                    values.push(from_sql(cell, sql_type.as_ref()));
                }
            }
        }
        out.push(values);
    }
    super::eager::eager_load(vm, ctx, &loaded)?;
    let names = compiled
        .slots
        .iter()
        .map(|s| match s {
            Slot::Entity { entity, .. } => Some(entity.mapper.class_name.clone()),
            Slot::Value { name, .. } => name.clone(),
        })
        .collect();
    Ok(Rows {
        names: Rc::new(names),
        rows: out,
    })
}

/// Reads a column of an object for a statement parameter (loading it if expired).
pub fn read_column(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    col: &Rc<Column>,
) -> PyResult<Value> {
    let Some(st) = state_of(inst) else {
        return Ok(Value::None);
    };
    match st.mapper.key_of(col) {
        Some(key) => get_column(vm, ctx, inst, &key),
        None => Ok(Value::None),
    }
}

/// The object for a row of `mapper`'s columns: the identity map's one (with expired
/// attributes filled in), or a new persistent object.
pub fn hydrate(ctx: &Rc<OrmCtx>, mapper: &Rc<Mapper>, cells: &[SqlValue]) -> PyResult<Value> {
    let values: Vec<Value> = mapper
        .columns
        .iter()
        .zip(cells)
        .map(|((_, c), v)| from_sql(v, c.sql_type().as_ref()))
        .collect();
    let pk_cols = mapper.primary_key();
    let pk: Vec<Value> = pk_cols
        .iter()
        .filter_map(|c| {
            let i = mapper.columns.iter().position(|(_, x)| Rc::ptr_eq(x, c))?;
            values.get(i).cloned()
        })
        .collect();
    if pk.is_empty() || pk.iter().any(Value::is_none) {
        return Ok(Value::None);
    }
    let key = identity_for(mapper, &pk);
    let existing = key.as_ref().and_then(|k| ctx.session.borrow().lookup(k));
    if let Some(inst) = existing {
        if let Some(st) = state_of(&inst) {
            let mut dict = inst.dict.borrow_mut();
            let mut committed = st.committed.borrow_mut();
            for (i, ((k, _), v)) in mapper.columns.iter().zip(values).enumerate() {
                if !dict.contains_key(k) {
                    dict.insert(k.clone(), v.clone());
                    committed.set_at(i, v);
                }
            }
        }
        return Ok(Value::Instance(inst));
    }
    let Some(class) = mapper.class() else {
        return Err(PyErr::new(Exc::RuntimeError, "the mapped class is gone"));
    };
    let inst = Rc::new(Instance::new(class));
    let st = InstanceState::new(mapper.clone());
    st.status.set(Status::Persistent);
    st.set_key(pk);
    {
        // Sized exactly, and clean (no copy of the values): a query may load 100,000.
        let mut dict = AttrMap::with_capacity(values.len());
        for ((k, _), v) in mapper.columns.iter().zip(values) {
            dict.insert(k.clone(), v);
        }
        *inst.dict.borrow_mut() = dict;
        *st.committed.borrow_mut() = Committed::clean();
    }
    let st = Rc::new(st);
    let _ = inst.ext.set(st.clone());
    let mut session = ctx.session.borrow_mut();
    session.seq += 1;
    st.seq.set(session.seq);
    if let Some(k) = key {
        session.remember(k, &inst);
    }
    Ok(Value::Instance(inst))
}

/// A column attribute of an object: loaded, or refreshed from the database if expired.
pub fn get_column(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    key: &str,
) -> PyResult<Value> {
    if let Some(v) = inst.dict.borrow().get(key) {
        return Ok(v.clone());
    }
    let Some(st) = state_of(inst) else {
        return Ok(Value::None);
    };
    match st.status() {
        Status::Transient | Status::Pending => Ok(Value::None),
        Status::Persistent | Status::Deleted => {
            refresh(vm, ctx, inst, &st)?;
            Ok(inst.dict.borrow().get(key).cloned().unwrap_or(Value::None))
        }
        Status::Detached => Err(detached(
            &st,
            inst,
            "attribute refresh operation cannot proceed",
        )),
    }
}

fn detached(st: &InstanceState, inst: &Rc<Instance>, what: &str) -> PyErr {
    PyErr::new(
        Exc::DetachedInstanceError,
        format!(
            "Instance <{} at 0x{:x}> is not bound to a Session; {what} (Background on this error at: https://sqlalche.me/e/20/bhk3)",
            st.mapper.class_name,
            Rc::as_ptr(inst) as usize
        ),
    )
}

/// Reloads the expired column attributes of a persistent object.
pub fn refresh(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    st: &InstanceState,
) -> PyResult<()> {
    ctx.check_not_failed()?;
    let key = st.key.borrow().clone().unwrap_or_default();
    let mapper = st.mapper.clone();
    let entity = Entity {
        mapper: mapper.clone(),
        alias: None,
    };
    let where_ = mapper
        .primary_key()
        .iter()
        .zip(key)
        .map(|(c, v)| {
            SqlExpr::binary(
                SqlExpr::col(c.clone(), None),
                SqlOp::Eq,
                SqlExpr::Param(v, c.sql_type()),
            )
        })
        .collect();
    let stmt = SelectStmt {
        items: vec![SelectItem::Entity(entity)],
        where_,
        ..SelectStmt::default()
    };
    let rows = run_select_no_flush(vm, ctx, &stmt, Some("refresh"))?;
    if rows.is_empty() {
        return Err(PyErr::new(
            Exc::ObjectDeletedError,
            format!(
                "Instance '<{} at 0x{:x}>' has been deleted, or its row is otherwise not present.",
                mapper.class_name,
                Rc::as_ptr(inst) as usize
            ),
        ));
    }
    Ok(())
}

/// A relationship attribute of an object, loading it on first access.
pub fn get_relationship(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    prop: &Rc<RelProp>,
) -> PyResult<Value> {
    super::configure::configure(vm, ctx)?;
    match prop.spec.lazy {
        Lazy::Dynamic => return Ok(super::collection::appender_query(ctx, inst, prop)),
        Lazy::WriteOnly => return Ok(super::collection::write_only(ctx, inst, prop)),
        _ => {}
    }
    if let Some(v) = inst.dict.borrow().get(&prop.key) {
        return Ok(v.clone());
    }
    let Some(st) = state_of(inst) else {
        return Ok(Value::None);
    };
    let Some(r) = prop.resolved() else {
        return Ok(Value::None);
    };
    let value = match st.status() {
        Status::Transient | Status::Pending => {
            if r.uselist {
                let list = super::collection::instrumented_list(ctx, inst, prop, Vec::new());
                inst.dict.borrow_mut().insert(prop.key.clone(), list.clone());
                return Ok(list);
            }
            return Ok(Value::None);
        }
        Status::Detached => {
            return Err(PyErr::new(
                Exc::DetachedInstanceError,
                format!(
                    "Parent instance <{} at 0x{:x}> is not bound to a Session; lazy load operation of attribute '{}' cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)",
                    st.mapper.class_name,
                    Rc::as_ptr(inst) as usize,
                    prop.key
                ),
            ))
        }
        Status::Persistent | Status::Deleted => match prop.spec.lazy {
            Lazy::NoLoad => Vec::new(),
            Lazy::Raise => {
                return Err(PyErr::new(
                    Exc::InvalidRequestError,
                    format!("'{}' is not available due to lazy='raise'", prop.qualified()),
                ))
            }
            Lazy::Select => load_related(vm, ctx, inst, &st, prop, &r, "lazy load")?,
            other => load_related(vm, ctx, inst, &st, prop, &r, &format!("{} load", other.name()))?,
        },
    };
    Ok(store_loaded(ctx, inst, &st, prop, &r, value))
}

/// Stores freshly loaded related objects as the attribute's value (and committed state).
pub(crate) fn store_loaded(
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    st: &InstanceState,
    prop: &Rc<RelProp>,
    r: &Resolved,
    items: Vec<Value>,
) -> Value {
    st.committed_rels
        .borrow_mut()
        .insert(prop.key.clone(), items.clone());
    let value = if r.uselist {
        super::collection::instrumented_list(ctx, inst, prop, items)
    } else {
        items.into_iter().next().unwrap_or(Value::None)
    };
    inst.dict
        .borrow_mut()
        .insert(prop.key.clone(), value.clone());
    value
}

/// The statement loading `prop`'s objects for one parent (also the base of dynamic queries).
pub fn related_statement(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    st: &InstanceState,
    r: &Resolved,
) -> PyResult<SelectStmt> {
    let mut where_ = Vec::new();
    for (local, remote) in &r.pairs {
        let key = st.mapper.key_of(local);
        let v = match key {
            Some(k) => get_column(vm, ctx, inst, &k)?,
            None => Value::None,
        };
        let remote_expr = SqlExpr::col(remote.clone(), None);
        where_.push(match v {
            Value::None => SqlExpr::IsNull(Box::new(remote_expr), false),
            v => SqlExpr::binary(remote_expr, SqlOp::Eq, SqlExpr::Param(v, remote.sql_type())),
        });
    }
    for (target, assoc) in &r.secondary_pairs {
        where_.push(SqlExpr::binary(
            SqlExpr::col(target.clone(), None),
            SqlOp::Eq,
            SqlExpr::col(assoc.clone(), None),
        ));
    }
    where_.extend(r.extra.iter().cloned());
    let mut from = Vec::new();
    if let Some(sec) = &r.secondary {
        from.push(FromItem::Table(r.target.table.clone(), None));
        from.push(FromItem::Table(sec.clone(), None));
    }
    Ok(SelectStmt {
        items: vec![SelectItem::Entity(Entity {
            mapper: r.target.clone(),
            alias: None,
        })],
        from,
        where_,
        order_by: r.order_by.clone(),
        ..SelectStmt::default()
    })
}

/// Loads the objects related to one parent.
fn load_related(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    st: &InstanceState,
    prop: &Rc<RelProp>,
    r: &Resolved,
    tag: &str,
) -> PyResult<Vec<Value>> {
    // A many-to-one whose target is already in the identity map needs no SQL.
    if r.direction == Direction::ManyToOne && r.secondary.is_none() && r.extra.is_empty() {
        let target_pk = r.target.primary_key();
        let mut values = Vec::new();
        for pkcol in &target_pk {
            let Some((local, _)) = r.pairs.iter().find(|(_, remote)| Rc::ptr_eq(remote, pkcol))
            else {
                values.clear();
                break;
            };
            let v = match st.mapper.key_of(local) {
                Some(k) => get_column(vm, ctx, inst, &k)?,
                None => Value::None,
            };
            values.push(v);
        }
        if values.iter().any(Value::is_none) {
            return Ok(Vec::new());
        }
        if values.len() == target_pk.len() {
            if let Some(key) = identity_for(&r.target, &values) {
                if let Some(found) = ctx.session.borrow().lookup(&key) {
                    if state_of(&found).is_some_and(|s| !s.marked_deleted.get()) {
                        return Ok(vec![Value::Instance(found)]);
                    }
                }
            }
        }
    }
    let _ = prop;
    let stmt = related_statement(vm, ctx, inst, st, r)?;
    let rows = run_select(vm, ctx, &stmt, Some(tag))?;
    Ok(rows
        .into_iter()
        .filter_map(|mut r| r.pop())
        .filter(|v| !v.is_none())
        .collect())
}

/// The current target of a many-to-one from the identity map alone (no SQL; `None` when
/// the foreign key is not loaded or the target is not in the map).
pub fn peek_many_to_one(
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    st: &InstanceState,
    r: &Resolved,
) -> Option<Value> {
    if r.direction != Direction::ManyToOne || r.secondary.is_some() {
        return None;
    }
    let mut values = Vec::new();
    for pkcol in r.target.primary_key() {
        let (local, _) = r
            .pairs
            .iter()
            .find(|(_, remote)| Rc::ptr_eq(remote, &pkcol))?;
        let key = st.mapper.key_of(local)?;
        values.push(inst.dict.borrow().get(&key)?.clone());
    }
    if values.iter().any(Value::is_none) {
        return Some(Value::None);
    }
    let key = identity_for(&r.target, &values)?;
    ctx.session.borrow().lookup(&key).map(Value::Instance)
}
