//! Eager loading (`lazy='joined'`, `'subquery'`, `'selectin'`): the related objects of all
//! the parents a query just loaded come in one more SELECT (`... WHERE fk IN (...)`), not
//! one per parent — so the SQL log shows no N+1 pattern for eager relationships.

use super::ctx::{state_of, OrmCtx};
use super::load::{get_relationship, run_select_no_flush, store_loaded};
use super::mapper::{RelProp, Resolved};
use super::sql::{Entity, FromItem, SelectItem, SelectStmt, SqlExpr, SqlOp};
use crate::object::{HashKey, Instance, PyResult, Value, Vm};
use crate::schema::Direction;
use std::rc::Rc;

/// Parents per batch (one `IN (...)` list).
const BATCH: usize = 500;

/// Loads every eager relationship of freshly loaded objects, one SELECT per relationship.
pub fn eager_load(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, loaded: &[Rc<Instance>]) -> PyResult<()> {
    let mut done: Vec<usize> = Vec::new();
    for inst in loaded {
        let Some(st) = state_of(inst) else { continue };
        let mapper = st.mapper.clone();
        let id = Rc::as_ptr(&mapper) as usize;
        if done.contains(&id) {
            continue;
        }
        done.push(id);
        if !mapper
            .relationships
            .borrow()
            .iter()
            .any(|p| p.spec.lazy.is_eager())
        {
            continue;
        }
        let parents: Vec<Rc<Instance>> = unique(
            loaded
                .iter()
                .filter(|i| state_of(i).is_some_and(|s| Rc::ptr_eq(&s.mapper, &mapper)))
                .cloned(),
        );
        let props: Vec<Rc<RelProp>> = mapper.relationships.borrow().clone();
        for prop in props {
            if !prop.spec.lazy.is_eager() {
                continue;
            }
            let todo: Vec<Rc<Instance>> = parents
                .iter()
                .filter(|p| !p.dict.borrow().contains_key(&prop.key))
                .cloned()
                .collect();
            if todo.is_empty() {
                continue;
            }
            let Some(r) = prop.resolved() else { continue };
            if r.pairs.len() != 1 || !r.extra.is_empty() {
                for p in &todo {
                    get_relationship(vm, ctx, p, &prop)?;
                }
                continue;
            }
            for chunk in todo.chunks(BATCH) {
                load_batch(vm, ctx, chunk, &prop, &r)?;
            }
        }
    }
    Ok(())
}

fn unique(items: impl Iterator<Item = Rc<Instance>>) -> Vec<Rc<Instance>> {
    let mut seen = std::collections::HashSet::new();
    items
        .filter(|i| seen.insert(Rc::as_ptr(i) as usize))
        .collect()
}

/// One SELECT for `prop` over a batch of parents, then each parent gets its share.
fn load_batch(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    parents: &[Rc<Instance>],
    prop: &Rc<RelProp>,
    r: &Resolved,
) -> PyResult<()> {
    let (local, remote) = &r.pairs[0];
    let mut keys: Vec<(Rc<Instance>, Value)> = Vec::new();
    for p in parents {
        let Some(st) = state_of(p) else { continue };
        let v = match st.mapper.key_of(local) {
            Some(k) => super::load::get_column(vm, ctx, p, &k)?,
            None => Value::None,
        };
        keys.push((p.clone(), v));
    }
    let mut distinct: Vec<Value> = Vec::new();
    for (_, v) in &keys {
        if !v.is_none() && !distinct.iter().any(|d| HashKey::of(d) == HashKey::of(v)) {
            distinct.push(v.clone());
        }
    }
    let mut items = vec![SelectItem::Entity(Entity {
        mapper: r.target.clone(),
        alias: None,
    })];
    let mut from = Vec::new();
    let mut where_ = Vec::new();
    if let Some(sec) = &r.secondary {
        // The association column says which parent a row belongs to.
        items.push(SelectItem::Expr(SqlExpr::col(remote.clone(), None)));
        from.push(FromItem::Table(r.target.table.clone(), None));
        from.push(FromItem::Table(sec.clone(), None));
        for (target, assoc) in &r.secondary_pairs {
            where_.push(SqlExpr::binary(
                SqlExpr::col(target.clone(), None),
                SqlOp::Eq,
                SqlExpr::col(assoc.clone(), None),
            ));
        }
    }
    let params = distinct
        .iter()
        .map(|v| SqlExpr::Param(v.clone(), remote.sql_type()))
        .collect();
    where_.insert(
        0,
        SqlExpr::In(Box::new(SqlExpr::col(remote.clone(), None)), params, false),
    );
    let stmt = SelectStmt {
        items,
        from,
        where_,
        order_by: r.order_by.clone(),
        ..SelectStmt::default()
    };
    let tag = format!("{} load", prop.spec.lazy.name());
    let rows = if distinct.is_empty() {
        Vec::new()
    } else {
        run_select_no_flush(vm, ctx, &stmt, Some(&tag))?
    };
    // Which parent key each loaded object belongs to.
    let mut owned: Vec<(Option<HashKey>, Value)> = Vec::new();
    for mut row in rows {
        let (target, key) = if r.secondary.is_some() {
            let key = row.pop().unwrap_or(Value::None);
            (row.pop().unwrap_or(Value::None), key)
        } else {
            let target = row.pop().unwrap_or(Value::None);
            let key = match (&target, r.direction) {
                (Value::Instance(t), _) => {
                    match state_of(t).and_then(|s| s.mapper.key_of(remote)) {
                        Some(k) => t.dict.borrow().get(&k).cloned().unwrap_or(Value::None),
                        None => Value::None,
                    }
                }
                _ => Value::None,
            };
            (target, key)
        };
        if !target.is_none() {
            owned.push((HashKey::of(&key), target));
        }
    }
    for (parent, key) in keys {
        let Some(st) = state_of(&parent) else {
            continue;
        };
        if parent.dict.borrow().contains_key(&prop.key) {
            continue;
        }
        let hk = HashKey::of(&key);
        let mine: Vec<Value> = if key.is_none() {
            Vec::new()
        } else {
            owned
                .iter()
                .filter(|(k, _)| *k == hk)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let mine = if r.direction == Direction::ManyToOne {
            mine.into_iter().take(1).collect()
        } else {
            mine
        };
        store_loaded(ctx, &parent, &st, prop, r, mine);
    }
    Ok(())
}
