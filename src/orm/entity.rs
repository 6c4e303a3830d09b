//! `aliased(Model)`: the same mapped class under another name in one statement.

use super::attrs::{ColumnAttr, RelAttr};
use super::ctx::{mapper_of, OrmCtx};
use super::mapper::Mapper;
use super::sql::Alias;
use crate::object::{Args, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::{Rc, Weak};

pub struct AliasedClass {
    pub ctx: Weak<OrmCtx>,
    pub mapper: Rc<Mapper>,
    pub alias: Rc<Alias>,
}

/// `aliased(Model, name=None)`.
pub fn aliased(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, mut args: Args) -> PyResult<Value> {
    let target = args.take(0, "element").unwrap_or(Value::None);
    let name = match args.take(1, "alias").or_else(|| args.take_kw("name")) {
        Some(Value::Str(s)) => Some(s),
        _ => None,
    };
    let mapper = match &target {
        Value::Class(c) => mapper_of(c),
        other => other.downcast::<AliasedClass>().map(|a| a.mapper.clone()),
    };
    let Some(mapper) = mapper else {
        let r = vm.repr(&target)?;
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!("aliased() expects a mapped class, got {r}"),
        ));
    };
    Ok(Value::native(AliasedClass {
        ctx: Rc::downgrade(ctx),
        alias: Alias::new(mapper.table.clone(), Some(mapper.clone()), name),
        mapper,
    }))
}

impl Object for AliasedClass {
    fn type_name(&self) -> &str {
        "AliasedClass"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!(
            "<AliasedClass at 0x{:x}; {}>",
            Rc::as_ptr(&self.alias) as usize,
            self.mapper.class_name
        ))
    }

    fn getattr(&self, vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        if let Some(col) = self.mapper.column_attr(name) {
            return Ok(Some(Value::native(ColumnAttr {
                ctx: self.ctx.clone(),
                class_name: self.mapper.class_name.clone(),
                key: name.into(),
                column: col,
                alias: Some(self.alias.clone()),
            })));
        }
        if let Some(ctx) = self.ctx.upgrade() {
            super::configure::configure(vm, &ctx)?;
        }
        if let Some(prop) = self.mapper.relationship(name) {
            return Ok(Some(Value::native(RelAttr {
                ctx: self.ctx.clone(),
                prop,
                alias: Some(self.alias.clone()),
                target_alias: None,
            })));
        }
        Ok(None)
    }

    fn getattr_error(&self, name: &str) -> Option<String> {
        Some(format!(
            "type object '{}' has no attribute '{name}'",
            self.mapper.class_name
        ))
    }
}
