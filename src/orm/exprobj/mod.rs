//! SQL expressions as Python values: operators (`==`, `<`, `&`, `|`, `~`, `+`), column
//! methods (`like`, `in_`, `desc`, `label`, ...), and the functions that build expressions
//! (`func.count`, `and_`, `or_`, `not_`, `text`, `desc`, `distinct`, `case`).

mod functions;
pub use functions::*;

use super::compile::expr_text;
use super::sql::{SqlExpr, SqlOp};
use crate::object::{Args, Builtin, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use std::cell::RefCell;
use std::rc::Rc;

/// Any SQL expression that is not a bare column or mapped attribute.
pub struct ExprObj(pub SqlExpr);

pub fn value(e: SqlExpr) -> Value {
    Value::native(ExprObj(e))
}

pub fn no_bool() -> PyErr {
    PyErr::new(
        Exc::TypeError,
        "Boolean value of this clause is not defined",
    )
}

/// An iterator over precomputed items.
pub fn list_iterator(items: Vec<Value>) -> Value {
    Value::native(ItemIter(RefCell::new(items.into_iter())))
}

struct ItemIter(RefCell<std::vec::IntoIter<Value>>);

impl Object for ItemIter {
    fn type_name(&self) -> &str {
        "iterator"
    }
    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<iterator object>".into())
    }
    fn iter(&self, _vm: &mut dyn Vm, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(this.clone()))
    }
    fn next(&self, _vm: &mut dyn Vm) -> Option<PyResult<Option<Value>>> {
        Some(Ok(self.0.borrow_mut().next()))
    }
}

/// The expression a value stands for in SQL, if it is expression-like (columns, mapped
/// attributes, expressions, subqueries).
pub fn as_expr(v: &Value) -> Option<SqlExpr> {
    if let Some(e) = v.downcast::<ExprObj>() {
        return Some(e.0.clone());
    }
    if let Some(c) = v.downcast::<super::decl::ColumnObj>() {
        return Some(c.expr());
    }
    if let Some(a) = v.downcast::<super::attrs::ColumnAttr>() {
        return Some(a.expr());
    }
    if let Some(stmt) = super::query::statement_of(v) {
        return Some(SqlExpr::ScalarSubquery(Rc::new(stmt)));
    }
    None
}

/// A value on the right of an operator: an expression, `None` (NULL), or a bound parameter
/// typed like the left side. As in SQLAlchemy, only mapped classes and their instances are
/// refused here; any other value is bound, and the driver rejects what it cannot store.
pub fn coerce(vm: &mut dyn Vm, v: &Value, like: &SqlExpr) -> PyResult<SqlExpr> {
    if let Some(e) = as_expr(v) {
        return Ok(e);
    }
    let mapped = match v {
        Value::Class(c) => super::ctx::mapper_of(c).is_some(),
        Value::Instance(i) => super::ctx::mapper_of(&i.class).is_some(),
        _ => false,
    };
    if mapped {
        let r = vm.repr(v)?;
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!("SQL expression element or literal value expected, got {r}."),
        ));
    }
    Ok(match v {
        Value::None => SqlExpr::Null,
        // A Decimal compares as Numeric whatever the column (SQLAlchemy's
        // `coerce_compared_value`), so it binds as a float.
        v if v.downcast::<crate::object::PyDecimal>().is_some() => SqlExpr::Param(v.clone(), None),
        other => SqlExpr::Param(other.clone(), like.sql_type()),
    })
}

fn sql_op(op: CmpOp) -> Option<SqlOp> {
    Some(match op {
        CmpOp::Eq => SqlOp::Eq,
        CmpOp::NotEq => SqlOp::Ne,
        CmpOp::Lt => SqlOp::Lt,
        CmpOp::LtE => SqlOp::Le,
        CmpOp::Gt => SqlOp::Gt,
        CmpOp::GtE => SqlOp::Ge,
        _ => return None,
    })
}

/// `left op other` for comparisons.
pub fn expr_compare(
    vm: &mut dyn Vm,
    left: &SqlExpr,
    op: CmpOp,
    other: &Value,
) -> PyResult<Option<Value>> {
    let Some(sop) = sql_op(op) else {
        return Ok(None);
    };
    let right = coerce(vm, other, left)?;
    Ok(Some(value(match (&right, sop) {
        (SqlExpr::Null, SqlOp::Eq) => SqlExpr::IsNull(Box::new(left.clone()), false),
        (SqlExpr::Null, SqlOp::Ne) => SqlExpr::IsNull(Box::new(left.clone()), true),
        _ => SqlExpr::binary(left.clone(), sop, right),
    })))
}

/// `left op other` for arithmetic and `&`/`|`.
pub fn expr_binop(
    vm: &mut dyn Vm,
    left: &SqlExpr,
    op: BinOp,
    other: &Value,
    reflected: bool,
) -> PyResult<Option<Value>> {
    let right = coerce(vm, other, left)?;
    let (a, b) = if reflected {
        (right, left.clone())
    } else {
        (left.clone(), right)
    };
    let e = match op {
        BinOp::BitAnd => and_all(vec![a, b]),
        BinOp::BitOr => or_all(vec![a, b]),
        BinOp::Add => {
            let is_text = matches!(
                left.sql_type(),
                Some(
                    crate::schema::SqlType::String { .. }
                        | crate::schema::SqlType::Text
                        | crate::schema::SqlType::Unicode { .. }
                        | crate::schema::SqlType::UnicodeText
                )
            );
            SqlExpr::binary(a, if is_text { SqlOp::Concat } else { SqlOp::Add }, b)
        }
        BinOp::Sub => SqlExpr::binary(a, SqlOp::Sub, b),
        BinOp::Mult => SqlExpr::binary(a, SqlOp::Mul, b),
        BinOp::Div | BinOp::FloorDiv => SqlExpr::binary(a, SqlOp::Div, b),
        BinOp::Mod => SqlExpr::binary(a, SqlOp::Mod, b),
        _ => return Ok(None),
    };
    Ok(Some(value(e)))
}

/// `-e`, `~e`.
pub fn expr_unary(e: &SqlExpr, op: UnaryOp) -> PyResult<Option<Value>> {
    Ok(match op {
        UnaryOp::Invert => Some(value(negate(e.clone()))),
        UnaryOp::USub => Some(value(SqlExpr::Neg(Box::new(e.clone())))),
        UnaryOp::UAdd => Some(value(e.clone())),
        UnaryOp::Not => None,
    })
}

/// SQL negation, simplified the way SQLAlchemy renders it (`IS NOT NULL`, `NOT IN`, `!=`).
pub fn negate(e: SqlExpr) -> SqlExpr {
    match e {
        SqlExpr::IsNull(x, n) => SqlExpr::IsNull(x, !n),
        SqlExpr::In(x, items, n) => SqlExpr::In(x, items, !n),
        SqlExpr::InSelect(x, s, n) => SqlExpr::InSelect(x, s, !n),
        SqlExpr::Like {
            expr,
            pattern,
            ilike,
            negated,
        } => SqlExpr::Like {
            expr,
            pattern,
            ilike,
            negated: !negated,
        },
        SqlExpr::Binary(a, SqlOp::Eq, b) => SqlExpr::Binary(a, SqlOp::Ne, b),
        SqlExpr::Binary(a, SqlOp::Ne, b) => SqlExpr::Binary(a, SqlOp::Eq, b),
        SqlExpr::Not(inner) => *inner,
        other => SqlExpr::Not(Box::new(other)),
    }
}

pub fn and_all(parts: Vec<SqlExpr>) -> SqlExpr {
    let mut out = Vec::new();
    for p in parts {
        match p {
            SqlExpr::And(inner) => out.extend(inner),
            other => out.push(other),
        }
    }
    SqlExpr::and(out)
}

pub fn or_all(parts: Vec<SqlExpr>) -> SqlExpr {
    let mut out = Vec::new();
    for p in parts {
        match p {
            SqlExpr::Or(inner) => out.extend(inner),
            other => out.push(other),
        }
    }
    if out.len() == 1 {
        out.remove(0)
    } else {
        SqlExpr::Or(out)
    }
}

const METHODS: &[&str] = &[
    "where",
    "like",
    "ilike",
    "notlike",
    "notilike",
    "not_like",
    "not_ilike",
    "in_",
    "not_in",
    "notin_",
    "is_",
    "is_not",
    "isnot",
    "between",
    "startswith",
    "endswith",
    "contains",
    "icontains",
    "istartswith",
    "iendswith",
    "desc",
    "asc",
    "label",
    "distinct",
    "nulls_first",
    "nulls_last",
    "nullsfirst",
    "nullslast",
    "concat",
    "op",
    "collate",
    "cast",
];

/// Attributes of an expression object: its methods as bound callables.
pub fn expr_attribute(
    _vm: &mut dyn Vm,
    this: &Value,
    e: &SqlExpr,
    name: &str,
) -> PyResult<Option<Value>> {
    if !METHODS.contains(&name) {
        return Ok(match name {
            "expression" => Some(value(e.clone())),
            "type" => e.sql_type().map(|t| {
                Value::native(super::types::TypeObj {
                    sql_type: t,
                    called: true,
                })
            }),
            _ => None,
        });
    }
    let expr = e.clone();
    let method = name.to_string();
    Ok(Some(Builtin::bound(
        name,
        this.clone(),
        move |vm, mut args| {
            let this = value(expr.clone());
            match expr_method(vm, &this, &expr, &method, &mut args) {
                Some(r) => r,
                None => Err(PyErr::new(Exc::AttributeError, method.clone())),
            }
        },
    )))
}

fn pattern(
    vm: &mut dyn Vm,
    args: &Args,
    like: &SqlExpr,
    wrap: impl Fn(&str) -> String,
) -> PyResult<SqlExpr> {
    match args.pos.first() {
        Some(Value::Str(s)) => Ok(SqlExpr::Param(Value::str(&wrap(s)), like.sql_type())),
        Some(other) => coerce(vm, other, like),
        None => Err(PyErr::new(
            Exc::TypeError,
            "missing 1 required positional argument: 'other'",
        )),
    }
}

/// `e.method(args)` for column-like expressions.
pub fn expr_method(
    vm: &mut dyn Vm,
    _this: &Value,
    e: &SqlExpr,
    name: &str,
    args: &mut Args,
) -> Option<PyResult<Value>> {
    let r = (|| -> PyResult<Value> {
        let like = |vm: &mut dyn Vm,
                    ilike: bool,
                    negated: bool,
                    wrap: &dyn Fn(&str) -> String|
         -> PyResult<Value> {
            let p = pattern(vm, args, e, wrap)?;
            Ok(value(SqlExpr::Like {
                expr: Box::new(e.clone()),
                pattern: Box::new(p),
                ilike,
                negated,
            }))
        };
        match name {
            "like" => like(vm, false, false, &|s| s.to_string()),
            "ilike" => like(vm, true, false, &|s| s.to_string()),
            "notlike" | "not_like" => like(vm, false, true, &|s| s.to_string()),
            "notilike" | "not_ilike" => like(vm, true, true, &|s| s.to_string()),
            "startswith" => like(vm, false, false, &|s| format!("{s}%")),
            "endswith" => like(vm, false, false, &|s| format!("%{s}")),
            "contains" => like(vm, false, false, &|s| format!("%{s}%")),
            "istartswith" => like(vm, true, false, &|s| format!("{s}%")),
            "iendswith" => like(vm, true, false, &|s| format!("%{s}")),
            "icontains" => like(vm, true, false, &|s| format!("%{s}%")),
            "in_" | "not_in" | "notin_" => {
                let negated = name != "in_";
                let arg = args.pos.first().cloned().unwrap_or(Value::None);
                if let Some(stmt) = super::query::statement_of(&arg) {
                    return Ok(value(SqlExpr::InSelect(
                        Box::new(e.clone()),
                        Rc::new(stmt),
                        negated,
                    )));
                }
                let items = vm.iterate(&arg)?;
                let mut exprs = Vec::new();
                for i in &items {
                    exprs.push(coerce(vm, i, e)?);
                }
                Ok(value(SqlExpr::In(Box::new(e.clone()), exprs, negated)))
            }
            "is_" | "is_not" | "isnot" => {
                let arg = args.pos.first().cloned().unwrap_or(Value::None);
                let negated = name != "is_";
                match coerce(vm, &arg, e)? {
                    SqlExpr::Null => Ok(value(SqlExpr::IsNull(Box::new(e.clone()), negated))),
                    other => Ok(value(SqlExpr::binary(
                        e.clone(),
                        if negated { SqlOp::Ne } else { SqlOp::Eq },
                        other,
                    ))),
                }
            }
            "between" => {
                let lo = coerce(vm, args.pos.first().unwrap_or(&Value::None), e)?;
                let hi = coerce(vm, args.pos.get(1).unwrap_or(&Value::None), e)?;
                Ok(value(SqlExpr::Between(
                    Box::new(e.clone()),
                    Box::new(lo),
                    Box::new(hi),
                )))
            }
            "desc" => Ok(value(SqlExpr::Desc(Box::new(e.clone())))),
            "asc" => Ok(value(SqlExpr::Asc(Box::new(e.clone())))),
            "nulls_first" | "nulls_last" | "nullsfirst" | "nullslast" | "collate" => {
                Ok(value(e.clone()))
            }
            "distinct" => Ok(value(SqlExpr::Distinct(Box::new(e.clone())))),
            "label" => match args.take(0, "name") {
                Some(Value::Str(n)) => Ok(value(SqlExpr::Label(n, Box::new(e.clone())))),
                _ => Ok(value(e.clone())),
            },
            "concat" => {
                let r = coerce(vm, args.pos.first().unwrap_or(&Value::None), e)?;
                Ok(value(SqlExpr::binary(e.clone(), SqlOp::Concat, r)))
            }
            "cast" => Ok(value(e.clone())),
            "where" => match e {
                SqlExpr::Exists(stmt) => {
                    let mut s = (**stmt).clone();
                    for a in &args.pos {
                        match as_expr(a) {
                            Some(c) => s.where_.push(c),
                            None => {
                                let r = vm.repr(a)?;
                                return Err(PyErr::new(
                                    Exc::ArgumentError,
                                    format!("SQL expression element expected, got {r}"),
                                ));
                            }
                        }
                    }
                    Ok(value(SqlExpr::Exists(Rc::new(s))))
                }
                _ => Err(PyErr::new(Exc::AttributeError, "where")),
            },
            _ => Err(PyErr::new(
                Exc::NotImplementedError,
                format!("{name}() is not supported in the playground"),
            )),
        }
    })();
    if METHODS.contains(&name) {
        Some(r)
    } else {
        None
    }
}

impl Object for ExprObj {
    fn type_name(&self) -> &str {
        match &self.0 {
            SqlExpr::Binary(_, op, _) if op.is_comparison() => "BinaryExpression",
            SqlExpr::Binary(..)
            | SqlExpr::IsNull(..)
            | SqlExpr::Like { .. }
            | SqlExpr::In(..)
            | SqlExpr::InSelect(..)
            | SqlExpr::Between(..) => "BinaryExpression",
            SqlExpr::And(_) | SqlExpr::Or(_) => "BooleanClauseList",
            SqlExpr::Func(..) => "Function",
            SqlExpr::Label(..) => "Label",
            SqlExpr::Desc(_)
            | SqlExpr::Asc(_)
            | SqlExpr::Distinct(_)
            | SqlExpr::Not(_)
            | SqlExpr::Neg(_) => "UnaryExpression",
            SqlExpr::Text(_) => "TextClause",
            SqlExpr::Exists(_) => "Exists",
            SqlExpr::ScalarSubquery(_) => "ScalarSelect",
            SqlExpr::Col(_) => "Column",
            SqlExpr::Case(..) => "Case",
            _ => "ColumnElement",
        }
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        let module = match &self.0 {
            SqlExpr::Func(..) => "sqlalchemy.sql.functions",
            SqlExpr::Col(_) => "sqlalchemy.sql.schema",
            _ => "sqlalchemy.sql.elements",
        };
        Ok(format!("<{module}.{} object>", self.type_name()))
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(expr_text(&self.0))
    }

    fn getattr(&self, vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "name" {
            if let Some(n) = self.0.result_name() {
                return Ok(Some(Value::Str(n)));
            }
        }
        expr_attribute(vm, this, &self.0, name)
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        expr_method(vm, this, &self.0, name, args)
    }

    fn binop(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        expr_binop(vm, &self.0, op, other, reflected)
    }

    fn unary(&self, _vm: &mut dyn Vm, _this: &Value, op: UnaryOp) -> PyResult<Option<Value>> {
        expr_unary(&self.0, op)
    }

    fn compare(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        expr_compare(vm, &self.0, op, other)
    }

    fn truthy(&self, _vm: &mut dyn Vm) -> PyResult<bool> {
        // SQLAlchemy: `a == b` / `a != b` are truthy by the identity of their operands.
        match &self.0 {
            SqlExpr::Binary(a, op @ (SqlOp::Eq | SqlOp::Ne), b) => {
                let same = match (a.as_ref(), b.as_ref()) {
                    (SqlExpr::Col(x), SqlExpr::Col(y)) => {
                        Rc::ptr_eq(&x.column, &y.column)
                            && match (&x.alias, &y.alias) {
                                (None, None) => true,
                                (Some(p), Some(q)) => Rc::ptr_eq(p, q),
                                _ => false,
                            }
                    }
                    _ => false,
                };
                Ok(same == (*op == SqlOp::Eq))
            }
            _ => Err(no_bool()),
        }
    }
}
