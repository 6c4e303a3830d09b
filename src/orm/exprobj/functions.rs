//! Functions that build expressions: `func.count(...)`, `and_`, `or_`, `not_`, `desc`,
//! `text`, `distinct`, `exists`, `case`, literals.

use crate::object::{Args, Builtin, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::orm::sql::SqlExpr;
use std::rc::Rc;

use super::*;

/// `func`: `func.count(...)`, `func.max(...)`, any SQL function by name.
pub struct FuncNamespace;

impl Object for FuncNamespace {
    fn type_name(&self) -> &str {
        "_FunctionGenerator"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<sqlalchemy.sql.functions._FunctionGenerator object>".into())
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        if name.starts_with("__") {
            return Ok(None);
        }
        let fname: Rc<str> = name.into();
        Ok(Some(Builtin::value(name, move |vm, args| {
            let mut parts = Vec::new();
            for a in &args.pos {
                let e = match as_expr(a) {
                    Some(e) => e,
                    None => coerce(vm, a, &SqlExpr::Null)?,
                };
                parts.push(e);
            }
            Ok(value(SqlExpr::Func(fname.clone(), parts)))
        })))
    }
}

pub(super) fn expr_args(vm: &mut dyn Vm, args: &Args) -> PyResult<Vec<SqlExpr>> {
    let mut out = Vec::new();
    for a in &args.pos {
        out.push(match as_expr(a) {
            Some(e) => e,
            None => match a {
                Value::Bool(b) => SqlExpr::Bool(*b),
                other => coerce(vm, other, &SqlExpr::Null)?,
            },
        });
    }
    Ok(out)
}

/// The expression-building functions of `sqlalchemy` by name (`and_`, `desc`, `text`, ...).
pub fn function(name: &str) -> Option<Value> {
    let f: fn(&mut dyn Vm, Args) -> PyResult<Value> = match name {
        "and_" => |vm, a| Ok(value(and_all(expr_args(vm, &a)?))),
        "or_" => |vm, a| Ok(value(or_all(expr_args(vm, &a)?))),
        "not_" => |vm, a| {
            let e = expr_args(vm, &a)?
                .into_iter()
                .next()
                .unwrap_or(SqlExpr::Bool(true));
            Ok(value(negate(e)))
        },
        "desc" | "asc" => {
            if name == "desc" {
                |vm, a| Ok(value(SqlExpr::Desc(Box::new(order_target(vm, &a)?))))
            } else {
                |vm, a| Ok(value(SqlExpr::Asc(Box::new(order_target(vm, &a)?))))
            }
        }
        "distinct" => |vm, a| {
            let e = expr_args(vm, &a)?
                .into_iter()
                .next()
                .unwrap_or(SqlExpr::Star);
            Ok(value(SqlExpr::Distinct(Box::new(e))))
        },
        "text" => |_, a| match a.pos.first() {
            Some(Value::Str(s)) => Ok(value(SqlExpr::Text(s.clone()))),
            _ => Err(PyErr::new(Exc::ArgumentError, "text() expects a string")),
        },
        "literal" => |_, a| {
            Ok(value(SqlExpr::Param(
                a.pos.first().cloned().unwrap_or(Value::None),
                None,
            )))
        },
        "null" => |_, _| Ok(value(SqlExpr::Null)),
        "true" => |_, _| Ok(value(SqlExpr::Bool(true))),
        "false" => |_, _| Ok(value(SqlExpr::Bool(false))),
        "literal_column" => |_, a| match a.pos.first() {
            Some(Value::Str(s)) => Ok(value(SqlExpr::Text(s.clone()))),
            _ => Err(PyErr::new(
                Exc::ArgumentError,
                "literal_column() expects a string",
            )),
        },
        "exists" => |vm, a| {
            // exists(select(...)) or exists().where(...)
            let stmt = match a.pos.first() {
                Some(v) => match crate::orm::query::statement_of(v) {
                    Some(s) => s,
                    None => {
                        let r = vm.repr(v)?;
                        return Err(PyErr::new(
                            Exc::ArgumentError,
                            format!("exists() expects a select(), got {r}"),
                        ));
                    }
                },
                None => crate::orm::sql::SelectStmt {
                    items: vec![crate::orm::sql::SelectItem::Expr(SqlExpr::Star)],
                    ..Default::default()
                },
            };
            Ok(value(SqlExpr::Exists(Rc::new(stmt))))
        },
        "case" => |vm, a| {
            let mut whens = Vec::new();
            for w in &a.pos {
                let pair = vm.iterate(w)?;
                if pair.len() != 2 {
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        "case() expects (condition, value) pairs",
                    ));
                }
                let cond = as_expr(&pair[0]).ok_or_else(|| {
                    PyErr::new(Exc::ArgumentError, "case() condition must be an expression")
                })?;
                let then = coerce(vm, &pair[1], &SqlExpr::Null)?;
                whens.push((cond, then));
            }
            let mut a = a;
            let otherwise = match a.take_kw("else_") {
                Some(v) => Some(Box::new(coerce(vm, &v, &SqlExpr::Null)?)),
                None => None,
            };
            Ok(value(SqlExpr::Case(whens, otherwise)))
        },
        _ => return None,
    };
    Some(Builtin::value(name, f))
}

/// `desc('total')` refers to a label by name; `desc(User.id)` to an expression.
pub(super) fn order_target(vm: &mut dyn Vm, a: &Args) -> PyResult<SqlExpr> {
    match a.pos.first() {
        Some(Value::Str(s)) => Ok(SqlExpr::LabelRef(s.clone())),
        Some(v) => match as_expr(v) {
            Some(e) => Ok(e),
            None => coerce(vm, v, &SqlExpr::Null),
        },
        None => Err(PyErr::new(
            Exc::TypeError,
            "desc() missing 1 required positional argument: 'column'",
        )),
    }
}
