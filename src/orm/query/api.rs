//! The legacy `Query`'s Python methods (`all`, `filter_by`, `join`, `paginate`, ...).

use crate::object::{Args, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::orm::builder;
use crate::orm::exprobj;
use crate::orm::result::RowObj;
use crate::orm::sql::{Alias, SqlExpr};
use std::rc::Rc;

use super::*;

pub(super) fn kw_or_pos(args: &mut Args, i: usize, name: &str) -> Option<Value> {
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
        Ok(crate::orm::compile::select_text(&self.statement(vm)?))
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
                    alias: Alias::new(
                        Rc::new(crate::orm::table::Table::new("anon", None)),
                        None,
                        None,
                    ),
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
                        crate::orm::collection::record_change(
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
                "paginate" => {
                    crate::orm::pagination::paginate_query(vm, self, std::mem::take(args))
                }
                "first_or_404" => {
                    let v = self.first(vm)?;
                    if v.is_none() {
                        return Err(crate::orm::pagination::not_found());
                    }
                    Ok(v)
                }
                "one_or_404" => self.one(vm, false).map_err(|e| {
                    if e.is(Exc::NoResultFound) || e.is(Exc::MultipleResultsFound) {
                        crate::orm::pagination::not_found()
                    } else {
                        e
                    }
                }),
                "get_or_404" => {
                    let id = kw_or_pos(args, 0, "ident").unwrap_or(Value::None);
                    let v = self.get(vm, &id)?;
                    if v.is_none() {
                        return Err(crate::orm::pagination::not_found());
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
