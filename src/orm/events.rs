//! Attribute events: setting columns marks objects dirty; setting relationships and
//! changing collections keeps the other side of a backref in step in memory (before any
//! flush, as case 008 shows) and cascades new objects into the session.

use super::ctx::{mapped_instance, state_of, OrmCtx};
use super::mapper::RelProp;
use super::state::Status;
use crate::object::{Exc, Instance, PyErr, PyResult, Value, Vm};
use crate::schema::Direction;
use std::rc::Rc;

/// `obj.column = value`.
pub fn set_column(
    _vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    key: &str,
    value: Value,
) -> PyResult<()> {
    if let Some(st) = state_of(inst) {
        st.before_change(inst);
    }
    inst.dict.borrow_mut().set(key, value);
    mark_dirty(ctx, inst);
    Ok(())
}

/// Persistent objects with changes are flushed as UPDATEs.
pub fn mark_dirty(ctx: &Rc<OrmCtx>, inst: &Rc<Instance>) {
    if state_of(inst).is_some_and(|s| s.status() == Status::Persistent) {
        ctx.session.borrow_mut().mark_dirty(inst);
    }
}

fn check_target(prop: &RelProp, v: &Value) -> PyResult<()> {
    match v {
        Value::None => Ok(()),
        Value::Instance(i) if state_of(i).is_some() => {
            let Some(r) = prop.resolved() else {
                return Ok(());
            };
            let target = state_of(i).map(|s| s.mapper.clone());
            match target {
                Some(m) if Rc::ptr_eq(&m, &r.target) => Ok(()),
                Some(m) => Err(PyErr::new(
                    Exc::AssertionError,
                    format!(
                        "Attribute '{}' on class '{}' doesn't handle objects of type '{}'",
                        prop.key,
                        prop.parent()
                            .map(|p| p.class_name.to_string())
                            .unwrap_or_default(),
                        m.class_name
                    ),
                )),
                None => Ok(()),
            }
        }
        other => Err(PyErr::new(
            Exc::AttributeError,
            format!(
                "'{}' object has no attribute '_sa_instance_state'",
                other.type_name()
            ),
        )),
    }
}

/// `obj.relationship = value` (an object, `None`, or an iterable for collections).
pub fn set_relationship(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    prop: &Rc<RelProp>,
    value: Value,
) -> PyResult<()> {
    super::configure::configure(vm, ctx)?;
    let Some(r) = prop.resolved() else {
        return Err(PyErr::new(
            Exc::InvalidRequestError,
            format!("relationship {} is not configured", prop.qualified()),
        ));
    };
    let Some(st) = state_of(inst) else {
        return Ok(());
    };
    if matches!(
        prop.spec.lazy,
        super::mapper::Lazy::Dynamic | super::mapper::Lazy::WriteOnly
    ) {
        let items = vm.iterate(&value)?;
        for item in items {
            check_target(prop, &item)?;
            st.push_op(&prop.key, item.clone(), true);
            append_event(vm, ctx, inst, prop, &item)?;
        }
        return Ok(());
    }
    if r.uselist {
        let new_items = vm.iterate(&value)?;
        for item in &new_items {
            check_target(prop, item)?;
        }
        let old_items = match inst.dict.borrow().get(&prop.key).cloned() {
            Some(v) => super::collection::items_of(&v),
            None => Vec::new(),
        };
        let old_items = if old_items.is_empty()
            && st.status() == Status::Persistent
            && !inst.dict.borrow().contains_key(&prop.key)
        {
            super::collection::items_of(&super::load::get_relationship(vm, ctx, inst, prop)?)
        } else {
            old_items
        };
        let list = super::collection::instrumented_list(ctx, inst, prop, new_items.clone());
        inst.dict.borrow_mut().insert(prop.key.clone(), list);
        for old in &old_items {
            if !new_items.iter().any(|n| n.is(old)) {
                remove_event(vm, ctx, inst, prop, old)?;
            }
        }
        for new in &new_items {
            if !old_items.iter().any(|o| o.is(new)) {
                append_event(vm, ctx, inst, prop, new)?;
            }
        }
        mark_dirty(ctx, inst);
        return Ok(());
    }
    check_target(prop, &value)?;
    let loaded = inst.dict.borrow().get(&prop.key).cloned();
    let old = match loaded {
        Some(v) => Some(v),
        None if st.status() == Status::Persistent && r.direction == Direction::OneToMany => {
            Some(super::load::get_relationship(vm, ctx, inst, prop)?)
        }
        // The old parent of a many-to-one, if the identity map has it (no SQL), so the
        // backref can take the object out of its collection.
        None if st.status() == Status::Persistent => {
            super::load::peek_many_to_one(ctx, inst, &st, &r)
        }
        None => None,
    };
    inst.dict
        .borrow_mut()
        .insert(prop.key.clone(), value.clone());
    if let Some(old @ Value::Instance(_)) = &old {
        if !old.is(&value) {
            reverse_remove(ctx, inst, prop, old);
            if r.direction == Direction::OneToMany && prop.spec.cascade.delete_orphan {
                super::session::delete(vm, ctx, old.as_instance().unwrap_or(inst))?;
            }
        }
    }
    if !matches!(&old, Some(o) if o.is(&value)) {
        if let Value::Instance(_) = &value {
            reverse_append(vm, ctx, inst, prop, &value)?;
        }
    }
    cascade(vm, ctx, inst, prop, &value)?;
    mark_dirty(ctx, inst);
    Ok(())
}

/// An object joined `owner.prop` (append, assignment, or a backref from the other side).
pub fn append_event(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    owner: &Rc<Instance>,
    prop: &Rc<RelProp>,
    item: &Value,
) -> PyResult<()> {
    check_target(prop, item)?;
    reverse_append(vm, ctx, owner, prop, item)?;
    cascade(vm, ctx, owner, prop, item)?;
    mark_dirty(ctx, owner);
    Ok(())
}

/// An object left `owner.prop`.
pub fn remove_event(
    _vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    owner: &Rc<Instance>,
    prop: &Rc<RelProp>,
    item: &Value,
) -> PyResult<()> {
    reverse_remove(ctx, owner, prop, item);
    mark_dirty(ctx, owner);
    Ok(())
}

/// Save-update cascade: an object in the session brings related objects in.
fn cascade(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    owner: &Rc<Instance>,
    prop: &RelProp,
    item: &Value,
) -> PyResult<()> {
    if !prop.spec.cascade.save_update || prop.spec.viewonly {
        return Ok(());
    }
    let owner_in = state_of(owner).is_some_and(|s| s.is_in_session());
    if let (true, Value::Instance(child)) = (owner_in, item) {
        if state_of(child).is_some_and(|s| matches!(s.status(), Status::Transient)) {
            super::session::add(vm, ctx, child)?;
        }
    }
    Ok(())
}

/// The other side of a backref learns about a new link.
fn reverse_append(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    owner: &Rc<Instance>,
    prop: &Rc<RelProp>,
    item: &Value,
) -> PyResult<()> {
    let Some(reverse) = prop.reverse() else {
        return Ok(());
    };
    let Value::Instance(child) = item else {
        return Ok(());
    };
    let (_, cst) = mapped_instance(item)?;
    let Some(rr) = reverse.resolved() else {
        return Ok(());
    };
    let owner_value = Value::Instance(owner.clone());
    if matches!(
        reverse.spec.lazy,
        super::mapper::Lazy::Dynamic | super::mapper::Lazy::WriteOnly
    ) {
        // The other side is a query: the link waits as a pending append on it.
        if !cst
            .pending_ops(&reverse.key)
            .iter()
            .any(|(v, added)| *added && v.is(&owner_value))
        {
            cst.push_op(&reverse.key, owner_value, true);
        }
        mark_dirty(ctx, child);
        return Ok(());
    }
    if rr.uselist {
        let current = child.dict.borrow().get(&reverse.key).cloned();
        match current {
            Some(list) => super::collection::append_quietly(&list, &owner_value),
            None if matches!(cst.status(), Status::Transient | Status::Pending) => {
                let list =
                    super::collection::instrumented_list(ctx, child, &reverse, vec![owner_value]);
                child.dict.borrow_mut().insert(reverse.key.clone(), list);
            }
            None => {}
        }
    } else {
        let previous = child.dict.borrow().get(&reverse.key).cloned();
        child
            .dict
            .borrow_mut()
            .insert(reverse.key.clone(), owner_value.clone());
        if let Some(Value::Instance(p)) = &previous {
            let prev = Value::Instance(p.clone());
            if !prev.is(&owner_value) {
                let loaded = p.dict.borrow().get(&prop.key).cloned();
                if let Some(list) = loaded {
                    super::collection::remove_quietly(&list, item);
                }
                mark_dirty(ctx, p);
            }
        }
    }
    let _ = vm;
    mark_dirty(ctx, child);
    Ok(())
}

/// The other side of a backref forgets a link.
fn reverse_remove(ctx: &Rc<OrmCtx>, owner: &Rc<Instance>, prop: &Rc<RelProp>, item: &Value) {
    let Some(reverse) = prop.reverse() else {
        return;
    };
    let Value::Instance(child) = item else { return };
    let Some(rr) = reverse.resolved() else { return };
    let owner_value = Value::Instance(owner.clone());
    if rr.uselist {
        if let Some(list) = child.dict.borrow().get(&reverse.key).cloned() {
            super::collection::remove_quietly(&list, &owner_value);
        }
    } else {
        let current = child.dict.borrow().get(&reverse.key).cloned();
        match current {
            Some(v) if !v.is(&owner_value) => return,
            _ => {
                child
                    .dict
                    .borrow_mut()
                    .insert(reverse.key.clone(), Value::None);
            }
        }
    }
    mark_dirty(ctx, child);
}
