//! Mapped attributes on model classes: `Role.name` (a column attribute) and `Role.users`
//! (a relationship attribute). On the class they are SQL expressions and comparators; on
//! an instance they are descriptors that load and set values through the ORM.

mod relationship;
pub use relationship::*;

use super::ctx::OrmCtx;
use super::exprobj::{self};
use super::sql::{Alias, SqlExpr};
use super::table::Column;
use super::{events, load};
use crate::object::{Args, Class, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use std::rc::{Rc, Weak};

/// `Model.column` (an `InstrumentedAttribute` for a column).
pub struct ColumnAttr {
    pub ctx: Weak<OrmCtx>,
    pub class_name: Rc<str>,
    pub key: Rc<str>,
    pub column: Rc<Column>,
    pub alias: Option<Rc<Alias>>,
}

impl ColumnAttr {
    pub fn expr(&self) -> SqlExpr {
        SqlExpr::col(self.column.clone(), self.alias.clone())
    }

    fn ctx(&self) -> PyResult<Rc<OrmCtx>> {
        self.ctx
            .upgrade()
            .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the database of this model is gone"))
    }
}

impl Object for ColumnAttr {
    fn type_name(&self) -> &str {
        "InstrumentedAttribute"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<sqlalchemy.orm.attributes.InstrumentedAttribute object>".into())
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("{}.{}", self.class_name, self.key))
    }

    fn getattr(&self, vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "key" | "name" => Value::Str(self.key.clone()),
            "nullable" => Value::Bool(self.column.is_nullable()),
            "primary_key" => Value::Bool(self.column.primary_key.get()),
            "property" | "comparator" => this.clone(),
            "class_" => match self
                .ctx
                .upgrade()
                .and_then(|c| c.registry.borrow().by_class_name(&self.class_name))
            {
                Some(m) => m.class().map(Value::Class).unwrap_or(Value::None),
                None => Value::None,
            },
            _ => return exprobj::expr_attribute(vm, this, &self.expr(), name),
        }))
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        exprobj::expr_method(vm, this, &self.expr(), name, args)
    }

    fn binop(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        exprobj::expr_binop(vm, &self.expr(), op, other, reflected)
    }

    fn unary(&self, _vm: &mut dyn Vm, _this: &Value, op: UnaryOp) -> PyResult<Option<Value>> {
        exprobj::expr_unary(&self.expr(), op)
    }

    fn compare(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        exprobj::expr_compare(vm, &self.expr(), op, other)
    }

    fn truthy(&self, _vm: &mut dyn Vm) -> PyResult<bool> {
        Err(exprobj::no_bool())
    }

    fn is_data_descriptor(&self) -> bool {
        true
    }

    fn descr_get(
        &self,
        vm: &mut dyn Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        Some(match instance {
            None => Ok(this.clone()),
            Some(Value::Instance(inst)) => self
                .ctx()
                .and_then(|ctx| load::get_column(vm, &ctx, inst, &self.key)),
            Some(_) => Ok(this.clone()),
        })
    }

    fn descr_set(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        Some(match instance {
            Value::Instance(inst) => self
                .ctx()
                .and_then(|ctx| events::set_column(vm, &ctx, inst, &self.key, value)),
            _ => Err(PyErr::new(Exc::AttributeError, "can't set attribute")),
        })
    }

    fn descr_delete(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        instance: &Value,
    ) -> Option<PyResult<()>> {
        if let Value::Instance(inst) = instance {
            if let Some(st) = crate::orm::ctx::state_of(inst) {
                st.before_change(inst);
            }
            inst.dict.borrow_mut().insert(self.key.clone(), Value::None);
        }
        Some(Ok(()))
    }
}
