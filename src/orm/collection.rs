//! Relationship collections: `InstrumentedList` (a list whose changes fire backref and
//! cascade events), the `AppenderQuery` of `lazy='dynamic'`, and `WriteOnlyCollection`.

use super::ctx::{state_of, OrmCtx};
use super::events;
use super::mapper::RelProp;
use super::query::{QueryObj, SelectObj};
use super::state::Status;
use crate::object::{Args, Exc, Instance, Object, PyErr, PyResult, Slice, Value, Vm};
use crate::python::ast::{BinOp, CmpOp};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// The value of a one-to-many or many-to-many attribute.
pub struct InstrumentedList {
    pub items: RefCell<Vec<Value>>,
    pub owner: Weak<Instance>,
    pub prop: Rc<RelProp>,
    pub ctx: Weak<OrmCtx>,
}

pub fn instrumented_list(
    ctx: &Rc<OrmCtx>,
    owner: &Rc<Instance>,
    prop: &Rc<RelProp>,
    items: Vec<Value>,
) -> Value {
    Value::native(InstrumentedList {
        items: RefCell::new(items),
        owner: Rc::downgrade(owner),
        prop: prop.clone(),
        ctx: Rc::downgrade(ctx),
    })
}

/// The related objects a relationship value holds (a collection's items, a scalar's object).
pub fn items_of(v: &Value) -> Vec<Value> {
    if let Some(l) = v.downcast::<InstrumentedList>() {
        return l.items.borrow().clone();
    }
    match v {
        Value::None => Vec::new(),
        Value::List(l) => l.borrow().clone(),
        Value::Instance(_) => vec![v.clone()],
        _ => Vec::new(),
    }
}

/// Appends without events (the other side of a backref).
pub fn append_quietly(list: &Value, item: &Value) {
    if let Some(l) = list.downcast::<InstrumentedList>() {
        let mut items = l.items.borrow_mut();
        if !items.iter().any(|x| x.is(item)) {
            items.push(item.clone());
        }
    }
}

/// Removes without events; false if `list` is not a collection.
pub fn remove_quietly(list: &Value, item: &Value) -> bool {
    match list.downcast::<InstrumentedList>() {
        Some(l) => {
            l.items.borrow_mut().retain(|x| !x.is(item));
            true
        }
        None => false,
    }
}

impl InstrumentedList {
    fn parts(&self) -> PyResult<(Rc<OrmCtx>, Rc<Instance>)> {
        match (self.ctx.upgrade(), self.owner.upgrade()) {
            (Some(c), Some(o)) => Ok((c, o)),
            _ => Err(PyErr::new(
                Exc::RuntimeError,
                "the owner of this collection is gone",
            )),
        }
    }

    fn append(&self, vm: &mut dyn Vm, item: Value) -> PyResult<()> {
        let (ctx, owner) = self.parts()?;
        if self.items.borrow().iter().any(|x| x.is(&item)) {
            return Ok(());
        }
        self.items.borrow_mut().push(item.clone());
        events::append_event(vm, &ctx, &owner, &self.prop, &item)
    }

    fn remove(&self, vm: &mut dyn Vm, item: &Value) -> PyResult<()> {
        let (ctx, owner) = self.parts()?;
        let pos = self.items.borrow().iter().position(|x| x.is(item));
        match pos {
            Some(i) => {
                self.items.borrow_mut().remove(i);
                events::remove_event(vm, &ctx, &owner, &self.prop, item)
            }
            None => Err(PyErr::new(Exc::ValueError, "list.remove(x): x not in list")),
        }
    }
}

impl Object for InstrumentedList {
    fn type_name(&self) -> &str {
        "InstrumentedList"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        vm.repr(&Value::list(self.items.borrow().clone()))
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        let r = (|| -> PyResult<Value> {
            match name {
                "append" => {
                    args.expect_count("append", 1, 1)?;
                    self.append(vm, args.pos[0].clone())?;
                }
                "extend" => {
                    for item in vm.iterate(args.pos.first().unwrap_or(&Value::None))? {
                        self.append(vm, item)?;
                    }
                }
                "remove" => {
                    args.expect_count("remove", 1, 1)?;
                    self.remove(vm, &args.pos[0])?;
                }
                "insert" => {
                    args.expect_count("insert", 2, 2)?;
                    let (ctx, owner) = self.parts()?;
                    let len = self.items.borrow().len() as i64;
                    let at = match &args.pos[0] {
                        Value::Int(i) if *i < 0 => (i + len).max(0),
                        Value::Int(i) => (*i).min(len),
                        _ => len,
                    } as usize;
                    let item = args.pos[1].clone();
                    self.items.borrow_mut().insert(at, item.clone());
                    events::append_event(vm, &ctx, &owner, &self.prop, &item)?;
                }
                "pop" => {
                    let len = self.items.borrow().len();
                    if len == 0 {
                        return Err(PyErr::new(Exc::IndexError, "pop from empty list"));
                    }
                    let at = match args.pos.first() {
                        Some(Value::Int(i)) if *i < 0 => (*i + len as i64).max(0) as usize,
                        Some(Value::Int(i)) => *i as usize,
                        _ => len - 1,
                    };
                    if at >= len {
                        return Err(PyErr::new(Exc::IndexError, "pop index out of range"));
                    }
                    let (ctx, owner) = self.parts()?;
                    let item = self.items.borrow_mut().remove(at);
                    events::remove_event(vm, &ctx, &owner, &self.prop, &item)?;
                    return Ok(item);
                }
                "clear" => {
                    let (ctx, owner) = self.parts()?;
                    let items = std::mem::take(&mut *self.items.borrow_mut());
                    for item in items {
                        events::remove_event(vm, &ctx, &owner, &self.prop, &item)?;
                    }
                }
                "index" | "count" => {
                    let items = Value::list(self.items.borrow().clone());
                    return vm
                        .getattr(&items, name)
                        .and_then(|m| vm.call(&m, std::mem::take(args)));
                }
                "sort" | "reverse" => {
                    let items = Value::list(self.items.borrow().clone());
                    let m = vm.getattr(&items, name)?;
                    vm.call(&m, std::mem::take(args))?;
                    if let Value::List(l) = items {
                        *self.items.borrow_mut() = l.borrow().clone();
                    }
                }
                "copy" => return Ok(Value::list(self.items.borrow().clone())),
                _ => return Err(PyErr::new(Exc::AttributeError, name.to_string())),
            }
            Ok(Value::None)
        })();
        match name {
            "append" | "extend" | "remove" | "insert" | "pop" | "clear" | "index" | "count"
            | "sort" | "reverse" | "copy" => Some(r),
            _ => None,
        }
    }

    fn getattr(&self, _vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        if matches!(
            name,
            "append"
                | "extend"
                | "remove"
                | "insert"
                | "pop"
                | "clear"
                | "index"
                | "count"
                | "sort"
                | "reverse"
                | "copy"
        ) {
            let this = this.clone();
            let method = name.to_string();
            return Ok(Some(crate::object::Builtin::bound(
                name,
                this.clone(),
                move |vm, mut args| {
                    let Some(list) = this.downcast::<InstrumentedList>() else {
                        return Err(PyErr::new(Exc::TypeError, "not a collection"));
                    };
                    list.call_method(vm, &this, &method, &mut args)
                        .unwrap_or_else(|| Err(PyErr::new(Exc::AttributeError, method.clone())))
                },
            )));
        }
        Ok(None)
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.items.borrow().len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(super::exprobj::list_iterator(
            self.items.borrow().clone(),
        )))
    }

    fn getitem(&self, vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        let list = Value::list(self.items.borrow().clone());
        Some(match (key, key.downcast::<Slice>()) {
            (_, Some(_)) | (Value::Int(_) | Value::Bool(_), _) => list_index(vm, &list, key),
            _ => Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "list indices must be integers or slices, not {}",
                    key.type_name()
                ),
            )),
        })
    }

    fn setitem(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        key: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        Some((|| {
            let Value::Int(i) = key else {
                return Err(PyErr::new(Exc::TypeError, "list indices must be integers"));
            };
            let len = self.items.borrow().len() as i64;
            let at = if *i < 0 { i + len } else { *i };
            if at < 0 || at >= len {
                return Err(PyErr::new(
                    Exc::IndexError,
                    "list assignment index out of range",
                ));
            }
            let (ctx, owner) = self.parts()?;
            let old = std::mem::replace(&mut self.items.borrow_mut()[at as usize], value.clone());
            events::remove_event(vm, &ctx, &owner, &self.prop, &old)?;
            events::append_event(vm, &ctx, &owner, &self.prop, &value)
        })())
    }

    fn delitem(&self, vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<()>> {
        Some((|| {
            let Value::Int(i) = key else {
                return Err(PyErr::new(Exc::TypeError, "list indices must be integers"));
            };
            let len = self.items.borrow().len() as i64;
            let at = if *i < 0 { i + len } else { *i };
            if at < 0 || at >= len {
                return Err(PyErr::new(
                    Exc::IndexError,
                    "list assignment index out of range",
                ));
            }
            let (ctx, owner) = self.parts()?;
            let old = self.items.borrow_mut().remove(at as usize);
            events::remove_event(vm, &ctx, &owner, &self.prop, &old)
        })())
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        Some(Ok(self.items.borrow().iter().any(|x| x.is(item))))
    }

    fn compare(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        let mine = Value::list(self.items.borrow().clone());
        let theirs = match other.downcast::<InstrumentedList>() {
            Some(o) => Value::list(o.items.borrow().clone()),
            None => match other {
                Value::List(_) => other.clone(),
                _ => return Ok(None),
            },
        };
        match op {
            CmpOp::Eq => Ok(Some(Value::Bool(vm.eq(&mine, &theirs)?))),
            CmpOp::NotEq => Ok(Some(Value::Bool(!vm.eq(&mine, &theirs)?))),
            _ => Ok(None),
        }
    }

    fn binop(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        if op != BinOp::Add {
            return Ok(None);
        }
        let mut mine = self.items.borrow().clone();
        let theirs = items_of(other);
        if reflected {
            let mut out = theirs;
            out.extend(mine);
            return Ok(Some(Value::list(out)));
        }
        mine.extend(theirs);
        Ok(Some(Value::list(mine)))
    }

    fn hashable(&self) -> bool {
        false
    }
}

fn list_index(vm: &mut dyn Vm, list: &Value, key: &Value) -> PyResult<Value> {
    let getitem = vm.getattr(list, "__getitem__");
    match getitem {
        Ok(f) => vm.call(&f, Args::new(vec![key.clone()])),
        Err(_) => {
            let Value::List(l) = list else {
                return Err(PyErr::new(Exc::TypeError, "not a list"));
            };
            let items = l.borrow();
            if let Some(s) = key.downcast::<Slice>() {
                let positions = s
                    .positions(items.len())
                    .map_err(|m| PyErr::new(Exc::ValueError, m))?;
                return Ok(Value::list(
                    positions
                        .into_iter()
                        .filter_map(|i| items.get(i).cloned())
                        .collect(),
                ));
            }
            let Value::Int(i) = key else {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "list indices must be integers or slices",
                ));
            };
            let n = items.len() as i64;
            let at = if *i < 0 { i + n } else { *i };
            items
                .get(at as usize)
                .filter(|_| at >= 0)
                .cloned()
                .ok_or_else(|| PyErr::new(Exc::IndexError, "list index out of range"))
        }
    }
}

/// `owner.relationship` for `lazy='dynamic'`: a query with `append`/`remove`.
pub fn appender_query(ctx: &Rc<OrmCtx>, owner: &Rc<Instance>, prop: &Rc<RelProp>) -> Value {
    Value::native(QueryObj::appender(ctx, owner, prop))
}

/// `owner.relationship` for `WriteOnlyMapped` / `lazy='write_only'`.
pub fn write_only(ctx: &Rc<OrmCtx>, owner: &Rc<Instance>, prop: &Rc<RelProp>) -> Value {
    Value::native(WriteOnlyCollection {
        ctx: Rc::downgrade(ctx),
        owner: owner.clone(),
        prop: prop.clone(),
    })
}

/// Records an append/remove made through a dynamic or write-only collection.
pub fn record_change(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    owner: &Rc<Instance>,
    prop: &Rc<RelProp>,
    item: &Value,
    added: bool,
) -> PyResult<()> {
    let Some(st) = state_of(owner) else {
        return Ok(());
    };
    super::ctx::mapped_instance(item)?;
    st.push_op(&prop.key, item.clone(), added);
    if added {
        events::append_event(vm, ctx, owner, prop, item)?;
    } else {
        events::remove_event(vm, ctx, owner, prop, item)?;
    }
    if st.status() == Status::Persistent {
        ctx.session.borrow_mut().mark_dirty(owner);
    }
    Ok(())
}

/// A write-only collection: only `add`, `add_all`, `remove` and `select()`.
pub struct WriteOnlyCollection {
    pub ctx: Weak<OrmCtx>,
    pub owner: Rc<Instance>,
    pub prop: Rc<RelProp>,
}

impl Object for WriteOnlyCollection {
    fn type_name(&self) -> &str {
        "WriteOnlyCollection"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<sqlalchemy.orm.writeonly.WriteOnlyCollection object>".into())
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        let Some(ctx) = self.ctx.upgrade() else {
            return Some(Err(PyErr::new(Exc::RuntimeError, "the database is gone")));
        };
        let r = (|| -> PyResult<Value> {
            match name {
                "add" | "append" => {
                    args.expect_count(name, 1, 1)?;
                    record_change(vm, &ctx, &self.owner, &self.prop, &args.pos[0], true)?;
                }
                "add_all" | "extend" => {
                    for item in vm.iterate(args.pos.first().unwrap_or(&Value::None))? {
                        record_change(vm, &ctx, &self.owner, &self.prop, &item, true)?;
                    }
                }
                "remove" => {
                    args.expect_count(name, 1, 1)?;
                    record_change(vm, &ctx, &self.owner, &self.prop, &args.pos[0], false)?;
                }
                "select" => {
                    let q = QueryObj::appender(&ctx, &self.owner, &self.prop);
                    let stmt = q.statement(vm)?;
                    return Ok(Value::native(SelectObj::new(&ctx, stmt)));
                }
                _ => return Err(PyErr::new(Exc::AttributeError, name.to_string())),
            }
            Ok(Value::None)
        })();
        match name {
            "add" | "append" | "add_all" | "extend" | "remove" | "select" => Some(r),
            _ => None,
        }
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Err(PyErr::new(
            Exc::TypeError,
            "WriteOnly collections don't support iteration in-place; to iterate the contents of a WriteOnly collection, use the .select() method to produce a SELECT statement and execute it with Session.scalars().",
        )))
    }
}
