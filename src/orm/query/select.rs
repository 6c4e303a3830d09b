//! 2.0 `select()` statements, subqueries, and running them with `session.execute`.

use crate::object::{Args, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::orm::builder;
use crate::orm::ctx::{mapper_of, OrmCtx};
use crate::orm::exprobj;
use crate::orm::load::select_rows;
use crate::orm::result::{self};
use crate::orm::sql::{Alias, FromItem, SelectStmt, SqlExpr};
use std::rc::{Rc, Weak};

use super::*;

/// A FROM item given to `select_from`.
pub fn from_item(vm: &mut dyn Vm, v: &Value) -> PyResult<FromItem> {
    if let Value::Class(c) = v {
        if let Some(m) = mapper_of(c) {
            return Ok(FromItem::Table(m.table.clone(), None));
        }
    }
    if let Some(a) = v.downcast::<crate::orm::entity::AliasedClass>() {
        return Ok(FromItem::Table(
            a.mapper.table.clone(),
            Some(a.alias.clone()),
        ));
    }
    if let Some(t) = v.downcast::<crate::orm::decl::TableObj>() {
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
            Alias::new(
                Rc::new(crate::orm::table::Table::new("anon", None)),
                None,
                None,
            ),
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
        Ok(crate::orm::compile::select_text(&self.stmt))
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
                    alias: Alias::new(
                        Rc::new(crate::orm::table::Table::new("anon", None)),
                        None,
                        None,
                    ),
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
