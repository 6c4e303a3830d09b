//! The arguments of `relationship()` that may be strings or callables (`'Role'`,
//! `order_by='Song.title'`, `primaryjoin='and_(...)'`, `secondary='tags'`, `foreign_keys=
//! '[Message.sender_id]'`), resolved at configuration time against the mapped classes, the
//! tables and SQLAlchemy's names — with SQLAlchemy's errors when a name is missing.

use super::ctx::OrmCtx;
use super::decl::{column_of, TableObj};
use super::exprobj::as_expr;
use super::mapper::Mapper;
use super::sql::{SqlExpr, SqlOp};
use super::table::{Column, Table};
use crate::object::{Args, Class, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::schema::joins::{Binary, ColumnRef, Condition};
use std::rc::Rc;

/// How a string argument is looked up (SQLAlchemy's `_class_resolver`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The target class: a dotted name (`'Role'`, `'models.Role'`).
    Name,
    /// `secondary=`: a table name first, then a class.
    Table,
    /// Everything else: a Python expression.
    Expression,
}

/// A mapped class inside a string expression: `Song.title` works, `Song.nope` is
/// SQLAlchemy's "does not have a mapped column" error.
struct ClassProxy(Rc<Class>);

impl Object for ClassProxy {
    fn type_name(&self) -> &str {
        "_GetColumns"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<class '{}.{}'>", self.0.module, self.0.name))
    }

    fn getattr(&self, vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        let mapped = super::ctx::mapper_of(&self.0)
            .is_some_and(|m| m.column_attr(name).is_some() || m.relationship(name).is_some());
        if !mapped {
            return Err(PyErr::new(
                Exc::AttributeError,
                format!(
                    "Class <class '{}.{}'> does not have a mapped column named '{name}'",
                    self.0.module, self.0.name
                ),
            ));
        }
        vm.getattr(&Value::Class(self.0.clone()), name).map(Some)
    }
}

fn unproxy(v: Value) -> Value {
    match v.downcast::<ClassProxy>() {
        Some(p) => Value::Class(p.0.clone()),
        None => v,
    }
}

/// The names a string expression sees: mapped classes, then tables, then `sqlalchemy`.
fn namespace(ctx: &OrmCtx) -> Vec<(String, Value)> {
    let mut names: Vec<(String, Value)> = Vec::new();
    for m in ctx.registry.borrow().mappers.iter() {
        if let Some(c) = m.class() {
            names.push((m.class_name.to_string(), Value::native(ClassProxy(c))));
        }
    }
    for t in ctx.metadata.borrow().tables.iter() {
        if !names.iter().any(|(n, _)| **n == *t.name) {
            names.push((t.name.to_string(), Value::native(TableObj(t.clone()))));
        }
    }
    for n in ["foreign", "remote"] {
        names.push((n.to_string(), annotation_function(n)));
    }
    let sqlalchemy = super::modules::SQLALCHEMY_NAMES
        .iter()
        .chain(super::types::TYPE_NAMES);
    for n in sqlalchemy {
        if names.iter().any(|(k, _)| k == n) {
            continue;
        }
        if let Some(v) = super::modules::sqlalchemy_name(n) {
            names.push((n.to_string(), v));
        }
    }
    names
}

fn name_error(mapper: &Mapper, code: &str, name: &str) -> PyErr {
    let (module, class) = match mapper.class() {
        Some(c) => (c.module.to_string(), c.name.to_string()),
        None => (String::new(), mapper.class_name.to_string()),
    };
    PyErr::new(
        Exc::InvalidRequestError,
        format!(
            "When initializing mapper {}, expression {} failed to locate a name ({}). If this is a class name, consider adding this relationship() to the <class '{module}.{class}'> class after both dependent classes have been defined.",
            mapper.describe(),
            crate::interp::python_str_repr(code),
            crate::interp::python_str_repr(name),
        ),
    )
}

/// Resolves one string argument of `mapper`'s relationship.
pub fn resolve_string(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    code: &str,
    lookup: Lookup,
) -> PyResult<Value> {
    let names = namespace(ctx);
    let find = |n: &str| names.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    match lookup {
        Lookup::Table => {
            let table = ctx.metadata.borrow().table(code);
            match table {
                Some(t) => Ok(Value::native(TableObj(t))),
                None => find(code)
                    .map(unproxy)
                    .ok_or_else(|| name_error(mapper, code, code)),
            }
        }
        Lookup::Name => {
            let module = vm.module_name();
            let mut tokens = code.split('.').peekable();
            if tokens.peek() == Some(&&*module) && code.contains('.') {
                tokens.next();
            }
            let first = tokens.next().unwrap_or_default();
            let mut value = find(first).ok_or_else(|| name_error(mapper, code, code))?;
            for token in tokens {
                value = vm.getattr(&value, token)?;
            }
            Ok(unproxy(value))
        }
        Lookup::Expression => match vm.eval_expr(code, &names) {
            Ok(v) => Ok(unproxy(v)),
            Err(e) if e.is(Exc::NameError) => Err(name_error(mapper, code, e.message())),
            Err(e) => Err(e),
        },
    }
}

/// A string resolved, a callable called (`lambda: Role`), anything else as given.
pub fn resolve_value(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    v: &Value,
    lookup: Lookup,
) -> PyResult<Value> {
    match v {
        Value::Str(s) => resolve_string(vm, ctx, mapper, s, lookup),
        Value::Function(_) => vm.call(v, Args::none()),
        other => Ok(other.clone()),
    }
}

/// The items of a list-like argument (one item otherwise).
fn items(vm: &mut dyn Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Set(_) => vm.iterate(v),
        other => Ok(vec![other.clone()]),
    }
}

/// Columns named by `foreign_keys=` / `remote_side=` (a column, a list, or a string).
pub fn column_list(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    v: &Option<Value>,
) -> PyResult<Option<Vec<Rc<Column>>>> {
    let Some(v) = v else { return Ok(None) };
    let v = resolve_value(vm, ctx, mapper, v, Lookup::Expression)?;
    let mut out = Vec::new();
    for item in items(vm, &v)? {
        let item = resolve_value(vm, ctx, mapper, &item, Lookup::Expression)?;
        match column_of(&item) {
            Some(c) => out.push(c),
            None => {
                let r = vm.repr(&item)?;
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    format!("Column expression expected for argument 'foreign_keys'; got {r}."),
                ));
            }
        }
    }
    Ok(Some(out))
}

/// `order_by=`: one expression or a list of them.
pub fn order_by_list(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    v: &Option<Value>,
) -> PyResult<Vec<SqlExpr>> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let v = resolve_value(vm, ctx, mapper, v, Lookup::Expression)?;
    let mut out = Vec::new();
    for item in items(vm, &v)? {
        let item = resolve_value(vm, ctx, mapper, &item, Lookup::Expression)?;
        match as_expr(&item) {
            Some(e) => out.push(e),
            None => {
                let r = vm.repr(&item)?;
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    format!("Column expression expected for argument 'order_by'; got {r}."),
                ));
            }
        }
    }
    Ok(out)
}

/// `secondary=`: a `Table` (or its name).
pub fn secondary_table(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    v: &Option<Value>,
    relationship: &str,
) -> PyResult<Option<Rc<Table>>> {
    let Some(v) = v else { return Ok(None) };
    let v = resolve_value(vm, ctx, mapper, v, Lookup::Table)?;
    if let Some(t) = v.downcast::<TableObj>() {
        return Ok(Some(t.0.clone()));
    }
    let r = vm.repr(&v)?;
    Err(PyErr::new(
        Exc::ArgumentError,
        format!("secondary argument {r} passed to to relationship() {relationship} must be a Table object or other FROM clause; can't send a mapped class directly as rows in 'secondary' are persisted independently of a class that is mapped to that same table."),
    ))
}

/// The reference the join rules use for a live column.
pub fn column_ref(c: &Column) -> Option<ColumnRef> {
    Some(ColumnRef::new(&c.table()?, &c.name()?))
}

/// A join condition (`primaryjoin=` / `secondaryjoin=`): its column comparisons for the
/// join rules, and the rest (`Song.hidden == False`) that the loader adds as criteria.
pub fn condition(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    v: &Value,
    argname: &str,
) -> PyResult<(Condition, Vec<SqlExpr>)> {
    let resolved = resolve_value(vm, ctx, mapper, v, Lookup::Expression)?;
    let Some(expr) = as_expr(&resolved) else {
        let r = vm.repr(&resolved)?;
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!("Column expression expected for argument '{argname}'; got {r}."),
        ));
    };
    let mut binaries = Vec::new();
    let mut extra = Vec::new();
    split(&expr, &mut binaries, &mut extra);
    let text = super::compile::expr_text(&literal_params(&unmarked(&expr)));
    Ok((Condition { binaries, text }, extra))
}

/// The SQL text of a condition found from foreign keys, quoted as statements quote names.
pub fn condition_text(ctx: &OrmCtx, c: &Condition) -> String {
    let meta = ctx.metadata.borrow();
    let col = |r: &ColumnRef| {
        meta.resolve(&r.table, &r.column)
            .map(|c| SqlExpr::col(c, None))
    };
    let parts: Option<Vec<SqlExpr>> = c
        .binaries
        .iter()
        .map(|b| Some(SqlExpr::binary(col(&b.left)?, SqlOp::Eq, col(&b.right)?)))
        .collect();
    match parts {
        Some(parts) if !parts.is_empty() => super::compile::expr_text(&SqlExpr::and(parts)),
        _ => c.text.clone(),
    }
}

/// A condition with its bound values written out (`song.hidden = false`), for showing.
fn literal_params(e: &SqlExpr) -> SqlExpr {
    match e {
        SqlExpr::Param(v, _) => SqlExpr::Text(
            match v {
                Value::Str(s) => format!("'{}'", s.replace('\'', "''")),
                Value::Bool(b) => b.to_string(),
                Value::Int(i) => i.to_string(),
                Value::Float(f) => crate::interp::format_float_repr(*f),
                Value::None => "NULL".into(),
                _ => "?".into(),
            }
            .into(),
        ),
        SqlExpr::Binary(a, op, b) => SqlExpr::binary(literal_params(a), *op, literal_params(b)),
        SqlExpr::And(parts) => SqlExpr::And(parts.iter().map(literal_params).collect()),
        SqlExpr::Or(parts) => SqlExpr::Or(parts.iter().map(literal_params).collect()),
        SqlExpr::Not(x) => SqlExpr::Not(Box::new(literal_params(x))),
        other => other.clone(),
    }
}

/// A side of a comparison: a column, possibly wrapped in `foreign()` / `remote()`.
fn side(e: &SqlExpr) -> Option<(SqlExpr, bool, bool)> {
    match e {
        SqlExpr::Col(_) => Some((e.clone(), false, false)),
        SqlExpr::Func(name, args) if matches!(&**name, "foreign" | "remote") => {
            let (inner, foreign, remote) = side(args.first()?)?;
            Some((
                inner,
                foreign || &**name == "foreign",
                remote || &**name == "remote",
            ))
        }
        _ => None,
    }
}

/// The condition without `foreign()` / `remote()` marks (what the loader runs).
fn unmarked(e: &SqlExpr) -> SqlExpr {
    match e {
        SqlExpr::Func(name, args) if matches!(&**name, "foreign" | "remote") => {
            args.first().map(unmarked).unwrap_or(SqlExpr::Null)
        }
        SqlExpr::Binary(a, op, b) => SqlExpr::binary(unmarked(a), *op, unmarked(b)),
        SqlExpr::And(parts) => SqlExpr::And(parts.iter().map(unmarked).collect()),
        other => other.clone(),
    }
}

fn split(e: &SqlExpr, binaries: &mut Vec<Binary>, extra: &mut Vec<SqlExpr>) {
    match e {
        SqlExpr::And(parts) => parts.iter().for_each(|p| split(p, binaries, extra)),
        SqlExpr::Binary(a, op, b) => match (side(a), side(b)) {
            (Some((SqlExpr::Col(x), fa, ra)), Some((SqlExpr::Col(y), fb, rb))) => {
                if let (Some(left), Some(right)) = (column_ref(&x.column), column_ref(&y.column)) {
                    binaries.push(Binary {
                        left,
                        right,
                        equality: *op == SqlOp::Eq,
                        marked_foreign: [fa, fb],
                        marked_remote: [ra, rb],
                    });
                }
                if *op != SqlOp::Eq {
                    extra.push(unmarked(e));
                }
            }
            _ => extra.push(unmarked(e)),
        },
        other => extra.push(unmarked(other)),
    }
}

/// `foreign(col)` / `remote(col)`: SQLAlchemy's annotations of a join condition's sides.
pub fn annotation_function(name: &'static str) -> Value {
    crate::object::Builtin::value(name, move |vm, args| {
        let arg = args.pos.first().cloned().unwrap_or(Value::None);
        match as_expr(&arg) {
            Some(e) => Ok(super::exprobj::value(SqlExpr::Func(name.into(), vec![e]))),
            None => {
                let r = vm.repr(&arg)?;
                Err(PyErr::new(
                    Exc::ArgumentError,
                    format!("SQL expression element expected, got {r}"),
                ))
            }
        }
    })
}
