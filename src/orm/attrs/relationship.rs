//! `Model.relationship`: a descriptor that loads and sets related objects, and the
//! comparisons a relationship offers on the class (`==`, `any`, `has`, `contains`, `of_type`).

use crate::object::{Args, Class, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::orm::ctx::{mapped_instance, OrmCtx};
use crate::orm::exprobj::{self, and_all, as_expr, coerce, negate, value};
use crate::orm::mapper::{Mapper, RelProp};
use crate::orm::sql::{Alias, Entity, SelectItem, SelectStmt, SqlExpr};
use crate::orm::{events, load};
use crate::python::ast::CmpOp;
use crate::schema::Direction;
use std::rc::{Rc, Weak};

/// `Model.relationship` (an `InstrumentedAttribute` for a relationship).
pub struct RelAttr {
    pub ctx: Weak<OrmCtx>,
    pub prop: Rc<RelProp>,
    pub alias: Option<Rc<Alias>>,
    /// `Post.author.of_type(Author)`: the target seen through an alias.
    pub target_alias: Option<Rc<Alias>>,
}

impl RelAttr {
    fn ctx(&self) -> PyResult<Rc<OrmCtx>> {
        self.ctx
            .upgrade()
            .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the database of this model is gone"))
    }

    /// The configured relationship (configuring mappers first if needed).
    fn resolved(&self, vm: &mut dyn Vm) -> PyResult<Rc<crate::orm::mapper::Resolved>> {
        let ctx = self.ctx()?;
        crate::orm::configure::configure(vm, &ctx)?;
        self.prop.resolved().ok_or_else(|| {
            PyErr::new(
                Exc::InvalidRequestError,
                format!("relationship {} is not configured", self.prop.qualified()),
            )
        })
    }

    /// `Post.author == u` / `Message.recipient == None`.
    pub(crate) fn compare_to(
        &self,
        vm: &mut dyn Vm,
        other: &Value,
        negated: bool,
    ) -> PyResult<SqlExpr> {
        let r = self.resolved(vm)?;
        if r.uselist {
            return Err(PyErr::new(
                Exc::InvalidRequestError,
                "Can't compare a collection to an object or collection; use contains() to test for membership.",
            ));
        }
        let e = match other {
            Value::None => {
                if r.direction == Direction::ManyToOne {
                    and_all(
                        r.pairs
                            .iter()
                            .map(|(local, _)| {
                                SqlExpr::IsNull(
                                    Box::new(SqlExpr::col(local.clone(), self.alias.clone())),
                                    false,
                                )
                            })
                            .collect(),
                    )
                } else {
                    negate(self.exists_clause(vm, &r, None, Args::none())?)
                }
            }
            v => {
                let (inst, _) = mapped_instance(v)?;
                if r.direction == Direction::ManyToOne {
                    and_all(
                        r.pairs
                            .iter()
                            .map(|(local, remote)| {
                                SqlExpr::binary(
                                    SqlExpr::col(local.clone(), self.alias.clone()),
                                    crate::orm::sql::SqlOp::Eq,
                                    SqlExpr::InstanceParam(inst.clone(), remote.clone()),
                                )
                            })
                            .collect(),
                    )
                } else {
                    and_all(
                        r.pairs
                            .iter()
                            .map(|(local, remote)| {
                                SqlExpr::binary(
                                    SqlExpr::col(local.clone(), self.alias.clone()),
                                    crate::orm::sql::SqlOp::Eq,
                                    SqlExpr::InstanceParam(inst.clone(), remote.clone()),
                                )
                            })
                            .collect(),
                    )
                }
            }
        };
        Ok(if negated { negate(e) } else { e })
    }

    /// `EXISTS (SELECT 1 FROM target WHERE <join> AND <criterion>)` for `any()` / `has()`.
    fn exists_clause(
        &self,
        vm: &mut dyn Vm,
        r: &crate::orm::mapper::Resolved,
        criterion: Option<&Value>,
        kwargs: Args,
    ) -> PyResult<SqlExpr> {
        let target_alias =
            if Rc::ptr_eq(&r.target.table, &self.parent_mapper()?.table) && self.alias.is_none() {
                Some(Alias::new(
                    r.target.table.clone(),
                    Some(r.target.clone()),
                    None,
                ))
            } else {
                self.target_alias.clone()
            };
        let mut where_ = Vec::new();
        match &r.secondary {
            None => {
                for (local, remote) in &r.pairs {
                    let remote_expr = SqlExpr::col(remote.clone(), target_alias.clone());
                    where_.push(SqlExpr::binary(
                        SqlExpr::col(local.clone(), self.alias.clone()),
                        crate::orm::sql::SqlOp::Eq,
                        remote_expr,
                    ));
                }
            }
            Some(_) => {
                for (local, assoc) in &r.pairs {
                    where_.push(SqlExpr::binary(
                        SqlExpr::col(local.clone(), self.alias.clone()),
                        crate::orm::sql::SqlOp::Eq,
                        SqlExpr::col(assoc.clone(), None),
                    ));
                }
                for (target_col, assoc) in &r.secondary_pairs {
                    where_.push(SqlExpr::binary(
                        SqlExpr::col(target_col.clone(), target_alias.clone()),
                        crate::orm::sql::SqlOp::Eq,
                        SqlExpr::col(assoc.clone(), None),
                    ));
                }
            }
        }
        where_.extend(r.extra.iter().cloned());
        if let Some(c) = criterion {
            match as_expr(c) {
                Some(e) => where_.push(e),
                None => {
                    let r = vm.repr(c)?;
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        format!("SQL expression element expected, got {r}"),
                    ));
                }
            }
        }
        for (k, v) in kwargs.kw {
            let col = r.target.column_attr(&k).ok_or_else(|| {
                PyErr::new(
                    Exc::InvalidRequestError,
                    format!(
                        "Entity namespace for \"{}\" has no property \"{k}\"",
                        r.target.table.name
                    ),
                )
            })?;
            let left = SqlExpr::col(col, target_alias.clone());
            let right = coerce(vm, &v, &left)?;
            where_.push(match right {
                SqlExpr::Null => SqlExpr::IsNull(Box::new(left), false),
                other => SqlExpr::binary(left, crate::orm::sql::SqlOp::Eq, other),
            });
        }
        let mut from = Vec::new();
        if let Some(sec) = &r.secondary {
            from.push(crate::orm::sql::FromItem::Table(sec.clone(), None));
        }
        from.push(crate::orm::sql::FromItem::Table(
            r.target.table.clone(),
            target_alias.clone(),
        ));
        let stmt = SelectStmt {
            items: vec![SelectItem::Expr(SqlExpr::Text("1".into()))],
            from,
            where_,
            ..SelectStmt::default()
        };
        Ok(SqlExpr::Exists(Rc::new(stmt)))
    }

    fn parent_mapper(&self) -> PyResult<Rc<Mapper>> {
        self.prop
            .parent()
            .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the mapper of this relationship is gone"))
    }

    /// The entity a join along this relationship reaches (with `of_type` alias).
    pub fn target_entity(&self, vm: &mut dyn Vm) -> PyResult<Entity> {
        let r = self.resolved(vm)?;
        Ok(Entity {
            mapper: r.target.clone(),
            alias: self.target_alias.clone(),
        })
    }
}

impl Object for RelAttr {
    fn type_name(&self) -> &str {
        "InstrumentedAttribute"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<sqlalchemy.orm.attributes.InstrumentedAttribute object>".into())
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(self.prop.qualified())
    }

    fn getattr(&self, vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "key" => Value::Str(self.prop.key.clone()),
            "property" | "comparator" => this.clone(),
            "mapper" | "entity" => {
                let r = self.resolved(vm)?;
                r.target.class().map(Value::Class).unwrap_or(Value::None)
            }
            "any" | "has" | "contains" | "of_type" | "and_" => {
                let attr = RelAttr {
                    ctx: self.ctx.clone(),
                    prop: self.prop.clone(),
                    alias: self.alias.clone(),
                    target_alias: self.target_alias.clone(),
                };
                let method = name.to_string();
                let attr = Rc::new(attr);
                rel_method(this, name, attr, method)
            }
            _ => return Ok(None),
        }))
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
                "any" | "has" => {
                    let res = self.resolved(vm)?;
                    if name == "any" && !res.uselist {
                        return Err(PyErr::new(
                            Exc::InvalidRequestError,
                            "'any()' not implemented for scalar attributes. Use has().",
                        ));
                    }
                    if name == "has" && res.uselist {
                        return Err(PyErr::new(
                            Exc::InvalidRequestError,
                            "'has()' not implemented for collections. Use any().",
                        ));
                    }
                    let criterion = args.pos.first().cloned();
                    let kw = Args {
                        pos: Vec::new(),
                        kw: std::mem::take(&mut args.kw),
                    };
                    Ok(value(self.exists_clause(
                        vm,
                        &res,
                        criterion.as_ref(),
                        kw,
                    )?))
                }
                "contains" => {
                    let res = self.resolved(vm)?;
                    if !res.uselist {
                        return Err(PyErr::new(
                            Exc::InvalidRequestError,
                            "'contains' not implemented for scalar attributes.  Use ==",
                        ));
                    }
                    let other = args.pos.first().cloned().unwrap_or(Value::None);
                    let (inst, _) = mapped_instance(&other)?;
                    let mapper = res.target.clone();
                    let mut criteria = Vec::new();
                    for pk in mapper.primary_key() {
                        criteria.push(SqlExpr::binary(
                            SqlExpr::col(pk.clone(), None),
                            crate::orm::sql::SqlOp::Eq,
                            SqlExpr::InstanceParam(inst.clone(), pk.clone()),
                        ));
                    }
                    let crit = value(and_all(criteria));
                    Ok(value(self.exists_clause(
                        vm,
                        &res,
                        Some(&crit),
                        Args::none(),
                    )?))
                }
                "of_type" => {
                    let target = args.pos.first().cloned().unwrap_or(Value::None);
                    let alias = target
                        .downcast::<crate::orm::entity::AliasedClass>()
                        .map(|a| a.alias.clone());
                    Ok(Value::native(RelAttr {
                        ctx: self.ctx.clone(),
                        prop: self.prop.clone(),
                        alias: self.alias.clone(),
                        target_alias: alias,
                    }))
                }
                "and_" => Err(PyErr::new(
                    Exc::NotImplementedError,
                    "relationship.and_() is not supported in the playground",
                )),
                _ => Err(PyErr::new(Exc::AttributeError, name.to_string())),
            }
        })();
        if matches!(name, "any" | "has" | "contains" | "of_type" | "and_") {
            Some(r)
        } else {
            None
        }
    }

    fn compare(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        match op {
            CmpOp::Eq => Ok(Some(value(self.compare_to(vm, other, false)?))),
            CmpOp::NotEq => Ok(Some(value(self.compare_to(vm, other, true)?))),
            _ => Ok(None),
        }
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
                .and_then(|ctx| load::get_relationship(vm, &ctx, inst, &self.prop)),
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
                .and_then(|ctx| events::set_relationship(vm, &ctx, inst, &self.prop, value)),
            _ => Err(PyErr::new(Exc::AttributeError, "can't set attribute")),
        })
    }
}

/// A bound method of a relationship attribute (`Post.tags.any` without calling it).
pub(super) fn rel_method(this: &Value, name: &str, attr: Rc<RelAttr>, method: String) -> Value {
    crate::object::Builtin::bound(name, this.clone(), move |vm, mut args| {
        let self_value = Value::Native(attr.clone());
        match attr.call_method(vm, &self_value, &method, &mut args) {
            Some(r) => r,
            None => Err(PyErr::new(Exc::AttributeError, method.clone())),
        }
    })
}
