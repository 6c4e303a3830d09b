//! Foreign keys follow changed relationships; defaults fill what new objects leave unset.

use crate::object::{Args, HashKey, Instance, PyResult, Value, Vm};
use crate::orm::ctx::{state_of, OrmCtx};
use crate::orm::mapper::RelProp;
use crate::orm::state::{InstanceState, Status};
use crate::orm::table::Column;
use crate::schema::Direction;
use std::rc::Rc;

use super::*;

/// Copies primary keys into foreign keys along every loaded relationship of the objects
/// being flushed; children removed from collections lose their foreign key (or are deleted
/// with `delete-orphan`).
pub(super) fn sync_relationships(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    objects: &[Rc<Instance>],
    undo: &mut Undo,
    _seen: &mut Vec<Rc<Instance>>,
) -> PyResult<()> {
    for inst in objects {
        let Some(st) = state_of(inst) else { continue };
        let props: Vec<Rc<RelProp>> = st.mapper.relationships.borrow().clone();
        for prop in props {
            if prop.spec.viewonly {
                continue;
            }
            let Some(r) = prop.resolved() else { continue };
            if r.secondary.is_some() {
                continue;
            }
            let loaded = dict_get(inst, &prop.key);
            match r.direction {
                Direction::ManyToOne => {
                    let Some(target) = loaded else { continue };
                    let previously: Option<Vec<Value>> =
                        st.committed_rels.borrow().get(&prop.key).cloned();
                    // Unchanged since it was loaded: the foreign key is the user's to set.
                    let unchanged =
                        previously
                            .as_ref()
                            .is_some_and(|p| match (&target, p.as_slice()) {
                                (Value::None, []) => true,
                                (t, [one]) => t.is(one),
                                _ => false,
                            });
                    if unchanged {
                        continue;
                    }
                    match &target {
                        Value::Instance(t) => {
                            let Some(tst) = state_of(t) else { continue };
                            for (local, remote) in &r.pairs {
                                let v = current_value(vm, ctx, t, &tst.mapper, remote)?;
                                set_fk(ctx, inst, &st, local, v, undo)?;
                            }
                        }
                        Value::None => {
                            // Loaded as None: nothing changed; set to None: release the key.
                            let loaded_empty = previously.is_some_and(|p| p.is_empty());
                            if !loaded_empty {
                                for (local, _) in &r.pairs {
                                    set_fk(ctx, inst, &st, local, Value::None, undo)?;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Direction::OneToMany => {
                    let ops = st.pending_ops(&prop.key);
                    let mut current: Vec<Value> = match &loaded {
                        Some(v) => crate::orm::collection::items_of(v),
                        None => Vec::new(),
                    };
                    current.extend(
                        ops.iter()
                            .filter(|(_, added)| *added)
                            .map(|(v, _)| v.clone()),
                    );
                    for (child, added) in &ops {
                        let Value::Instance(c) = child else { continue };
                        let Some(cst) = state_of(c) else { continue };
                        if !*added {
                            if prop.spec.cascade.delete_orphan {
                                crate::orm::session::delete(vm, ctx, c)?;
                            } else {
                                for (_, remote) in &r.pairs {
                                    set_fk(ctx, c, &cst, remote, Value::None, undo)?;
                                }
                            }
                        }
                    }
                    let committed: Vec<Value> = st
                        .committed_rels
                        .borrow()
                        .get(&prop.key)
                        .cloned()
                        .unwrap_or_default();
                    for child in &current {
                        if committed.iter().any(|x| x.is(child)) {
                            continue;
                        }
                        let Value::Instance(c) = child else { continue };
                        let Some(cst) = state_of(c) else { continue };
                        for (local, remote) in &r.pairs {
                            let v = current_value(vm, ctx, inst, &st.mapper, local)?;
                            set_fk(ctx, c, &cst, remote, v, undo)?;
                        }
                    }
                    for old in committed {
                        let Value::Instance(c) = &old else { continue };
                        if current.iter().any(|x| x.is(&old)) {
                            continue;
                        }
                        let Some(cst) = state_of(c) else { continue };
                        if cst.marked_deleted.get() {
                            continue;
                        }
                        if prop.spec.cascade.delete_orphan {
                            // Moved to another parent: not an orphan.
                            let reparented = prop.reverse().is_some_and(|rev| {
                                matches!(c.dict.borrow().get(&rev.key), Some(Value::Instance(p)) if !Rc::ptr_eq(p, inst))
                            });
                            if !reparented {
                                crate::orm::session::delete(vm, ctx, c)?;
                            }
                            continue;
                        }
                        // Only release the child if it still points at this parent.
                        let still_ours = r.pairs.iter().all(|(local, remote)| {
                            let mine = column_value(inst, &st.mapper, local);
                            let theirs = column_value(c, &cst.mapper, remote);
                            match (mine, theirs) {
                                (Some(a), Some(b)) => HashKey::of(&a) == HashKey::of(&b),
                                _ => false,
                            }
                        });
                        if still_ours {
                            for (_, remote) in &r.pairs {
                                set_fk(ctx, c, &cst, remote, Value::None, undo)?;
                            }
                        }
                    }
                }
                Direction::ManyToMany => {}
            }
        }
    }
    Ok(())
}

/// Sets a foreign-key column on an object being flushed (marking persistent ones dirty).
pub(super) fn set_fk(
    ctx: &OrmCtx,
    inst: &Rc<Instance>,
    st: &InstanceState,
    col: &Rc<Column>,
    v: Value,
    undo: &mut Undo,
) -> PyResult<()> {
    let Some(key) = st.mapper.key_of(col) else {
        return Ok(());
    };
    let current = dict_get(inst, &key);
    if current
        .as_ref()
        .is_some_and(|c| HashKey::of(c) == HashKey::of(&v) && c.is_none() == v.is_none())
    {
        return Ok(());
    }
    undo.set(inst, &key, v);
    if st.status() == Status::Persistent {
        ctx.session.borrow_mut().mark_dirty(inst);
    }
    Ok(())
}

/// Python-side `default=` values for columns a new object leaves unset (or sets to None).
pub(super) fn apply_defaults(
    vm: &mut dyn Vm,
    new: &[Rc<Instance>],
    undo: &mut Undo,
) -> PyResult<()> {
    for inst in new {
        let Some(st) = state_of(inst) else { continue };
        for (key, col) in &st.mapper.columns {
            let unset = dict_get(inst, key).is_none_or(|v| v.is_none());
            if !unset {
                continue;
            }
            let default = col.default.borrow().clone();
            if let Some(d) = default {
                let v = evaluate_default(vm, &d)?;
                undo.set(inst, key, v);
            }
        }
    }
    Ok(())
}

pub(super) fn evaluate_default(vm: &mut dyn Vm, d: &Value) -> PyResult<Value> {
    match d {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => {
            vm.call(d, Args::none())
        }
        Value::Native(_) => match crate::orm::exprobj::as_expr(d) {
            Some(_) => Ok(Value::None),
            None => vm.call(d, Args::none()),
        },
        other => Ok(other.clone()),
    }
}
