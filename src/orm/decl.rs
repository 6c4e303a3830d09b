//! The declaration calls of a models file: `db.Column`, `mapped_column` and
//! `db.ForeignKey` here; `db.relationship`/`db.backref` in `reldecl`, `db.Table` and
//! constraints in `tableobj` — each evaluates to an object the declarative mapping (and the
//! DDL) reads.

use super::exprobj;
use super::table::{Column, FkTarget, ForeignKeyRef, ServerDefault};
use super::types::as_sql_type;
use crate::object::{Args, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use std::rc::Rc;

pub use super::reldecl::{parse_relationship, BackrefDecl, RelDecl};
pub use super::tableobj::{make_constraint, make_table, ColumnCollection, ConstraintObj, TableObj};

/// A column object: `db.Column(...)`, `mapped_column(...)`, `table.c.name`.
pub struct ColumnObj(pub Rc<Column>);

pub(crate) fn bool_arg(vm: &mut dyn Vm, args: &mut Args, name: &str) -> PyResult<Option<bool>> {
    match args.take_kw(name) {
        None => Ok(None),
        Some(v) => Ok(Some(vm.truthy(&v)?)),
    }
}

/// `db.Column(name?, type?, *ForeignKey, **options)` and `mapped_column(...)`.
pub fn make_column(vm: &mut dyn Vm, mut args: Args, mapped: bool) -> PyResult<Value> {
    let mut col = Column::new(vm.span(), mapped);
    col.source = vm.source();
    let mut pos = std::mem::take(&mut args.pos).into_iter().peekable();
    if let Some(Value::Str(name)) = pos.peek() {
        *col.name.borrow_mut() = Some(name.clone());
        pos.next();
    }
    for v in pos {
        if let Some(t) = as_sql_type(&v) {
            *col.sql_type.borrow_mut() = Some(t);
        } else if let Some(fk) = v.downcast::<ForeignKeyObj>() {
            col.foreign_keys.borrow_mut().push(fk.0.clone());
        } else if v.downcast::<ConstraintObj>().is_some() {
            // Column-level constraints (CheckConstraint) are accepted and not enforced.
        } else {
            let r = vm.repr(&v)?;
            return Err(PyErr::new(
                Exc::ArgumentError,
                format!(
                    "'SchemaItem' object, such as a 'Column' or a 'Constraint' expected, got {r}"
                ),
            ));
        }
    }
    if let Some(t) = args.take_kw("type_") {
        *col.sql_type.borrow_mut() = as_sql_type(&t);
    }
    if let Some(Value::Str(n)) = args.take_kw("name") {
        *col.name.borrow_mut() = Some(n);
    }
    if let Some(v) = bool_arg(vm, &mut args, "primary_key")? {
        col.primary_key.set(v);
    }
    if let Some(v) = args.take_kw("nullable") {
        col.nullable.set(Some(vm.truthy(&v)?));
    }
    if let Some(v) = bool_arg(vm, &mut args, "unique")? {
        col.unique.set(Some(v));
    }
    if let Some(v) = bool_arg(vm, &mut args, "index")? {
        col.index.set(Some(v));
    }
    match args.take_kw("autoincrement") {
        Some(Value::Str(_)) => {}
        Some(v) => col.autoincrement.set(Some(vm.truthy(&v)?)),
        None => {}
    }
    if let Some(d) = args.take_kw("default") {
        *col.default.borrow_mut() = Some(d);
    }
    if let Some(d) = args.take_kw("insert_default") {
        *col.default.borrow_mut() = Some(d);
    }
    if let Some(d) = args.take_kw("onupdate") {
        *col.onupdate.borrow_mut() = Some(d);
    }
    if let Some(d) = args.take_kw("server_default") {
        let sd = match &d {
            Value::Str(s) => ServerDefault::Literal(s.to_string()),
            other => match other.downcast::<exprobj::ExprObj>() {
                Some(e) => match &e.0 {
                    super::sql::SqlExpr::Text(t) => ServerDefault::Sql(t.to_string()),
                    super::sql::SqlExpr::Func(name, _) => {
                        ServerDefault::Sql(format!("{}()", name.to_uppercase()))
                    }
                    _ => ServerDefault::Sql(vm.str(other)?),
                },
                None => ServerDefault::Sql(vm.str(other)?),
            },
        };
        *col.server_default.borrow_mut() = Some(sd);
    }
    if let Some(Value::Str(k)) = args.take_kw("key") {
        *col.key.borrow_mut() = Some(k);
    }
    for ignored in [
        "doc",
        "comment",
        "info",
        "quote",
        "system",
        "server_onupdate",
        "sort_order",
        "deferred",
        "init",
        "repr",
        "compare",
        "kw_only",
        "use_existing_column",
        "active_history",
    ] {
        args.take_kw(ignored);
    }
    // Dialect-specific options (`sqlite_autoincrement`, `postgresql_using`) are accepted.
    let dialect_option = |k: &str| {
        k.split_once('_').is_some_and(|(d, rest)| {
            !rest.is_empty()
                && matches!(
                    d,
                    "sqlite" | "postgresql" | "mysql" | "mariadb" | "oracle" | "mssql"
                )
        })
    };
    if let Some((k, _)) = args.kw.iter().find(|(k, _)| !dialect_option(k)) {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("Additional arguments should be named <dialectname>_<argument>, got '{k}'"),
        ));
    }
    Ok(Value::native(ColumnObj(Rc::new(col))))
}

impl Object for ColumnObj {
    fn type_name(&self) -> &str {
        if self.0.from_mapped_column {
            "MappedColumn"
        } else {
            "Column"
        }
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        column_repr(vm, &self.0)
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(match self.0.table() {
            Some(_) => self.0.qualified(),
            None => self.0.name().map(|n| n.to_string()).unwrap_or_default(),
        })
    }

    fn getattr(&self, vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let c = &self.0;
        Ok(Some(match name {
            "name" => c.name().map(Value::Str).unwrap_or(Value::None),
            "key" => Value::Str(c.key()),
            "nullable" => Value::Bool(c.is_nullable()),
            "primary_key" => Value::Bool(c.primary_key.get()),
            "unique" => c.unique.get().map(Value::Bool).unwrap_or(Value::None),
            "index" => c.index.get().map(Value::Bool).unwrap_or(Value::None),
            "type" => match c.sql_type() {
                Some(t) => Value::native(super::types::TypeObj {
                    sql_type: t,
                    called: true,
                }),
                None => Value::None,
            },
            "table" => match c.table_ref() {
                Some(t) => Value::native(TableObj(t)),
                None => Value::None,
            },
            "default" => c.default.borrow().clone().unwrap_or(Value::None),
            "foreign_keys" => {
                let mut items = Vec::new();
                for fk in c.foreign_keys.borrow().iter() {
                    items.push(Value::native(ForeignKeyObj(fk.clone())));
                }
                vm.iterate(&Value::list(items)).map(Value::list)?
            }
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

    fn hash_key(&self) -> Option<crate::object::HashKey> {
        None
    }
}

/// `Column('name', String(length=64), ForeignKey('roles.id'), table=<users>,
/// nullable=False)`, as SQLAlchemy prints a column.
pub fn column_repr(vm: &mut dyn Vm, c: &Column) -> PyResult<String> {
    let quote = |s: &str| crate::interp::python_str_repr(s);
    let mut parts = vec![c.name().map(|n| quote(&n)).unwrap_or_else(|| "None".into())];
    parts.push(match c.sql_type() {
        Some(t) => super::types::type_repr(&t),
        None => "NullType()".into(),
    });
    for fk in c.foreign_keys.borrow().iter() {
        parts.push(ForeignKeyObj(fk.clone()).repr(vm)?);
    }
    parts.push(match c.table() {
        Some(t) => format!("table=<{t}>"),
        None => "table=None".into(),
    });
    let (key, name) = (c.key(), c.name());
    if name.as_deref() != Some(&*key) {
        parts.push(format!("key={}", quote(&key)));
    }
    if c.primary_key.get() {
        parts.push("primary_key=True".into());
    }
    if !c.is_nullable() {
        parts.push("nullable=False".into());
    }
    if let Some(d) = c.default.borrow().as_ref() {
        parts.push(match d {
            Value::Function(_) | Value::Builtin(_) => {
                format!("default=CallableColumnDefault({})", vm.repr(d)?)
            }
            other => format!("default=ScalarElementColumnDefault({})", vm.repr(other)?),
        });
    }
    if let Some(sd) = c.server_default.borrow().as_ref() {
        let shown = match sd {
            ServerDefault::Literal(text) => quote(text),
            ServerDefault::Sql(_) => "<sqlalchemy.sql.elements.TextClause object>".into(),
        };
        parts.push(format!(
            "server_default=DefaultClause({shown}, for_update=False)"
        ));
    }
    Ok(format!("Column({})", parts.join(", ")))
}

impl ColumnObj {
    pub fn expr(&self) -> super::sql::SqlExpr {
        super::sql::SqlExpr::col(self.0.clone(), None)
    }
}

/// `db.ForeignKey('roles.id', ondelete=...)`.
pub struct ForeignKeyObj(pub ForeignKeyRef);

pub fn make_foreign_key(vm: &mut dyn Vm, mut args: Args) -> PyResult<Value> {
    let target = match args.take(0, "column") {
        Some(Value::Str(s)) => FkTarget::Text(s),
        Some(v) => match column_of(&v) {
            Some(c) => FkTarget::Column(c),
            None => {
                let r = vm.repr(&v)?;
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    format!("String column name or Column object for DDL foreign key constraint expected, got {r}"),
                ));
            }
        },
        None => {
            return Err(PyErr::new(
                Exc::TypeError,
                "ForeignKey.__init__() missing 1 required positional argument: 'column'",
            ))
        }
    };
    let text = |v: Option<Value>| match v {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let ondelete = text(args.take_kw("ondelete"));
    let onupdate = text(args.take_kw("onupdate"));
    for ignored in [
        "name",
        "use_alter",
        "deferrable",
        "initially",
        "link_to_name",
        "match",
        "info",
        "comment",
    ] {
        args.take_kw(ignored);
    }
    args.no_kwargs("ForeignKey")?;
    Ok(Value::native(ForeignKeyObj(ForeignKeyRef {
        target,
        ondelete,
        onupdate,
    })))
}

impl Object for ForeignKeyObj {
    fn type_name(&self) -> &str {
        "ForeignKey"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        let target = match self.0.target_names() {
            Some((t, c)) => format!("{t}.{c}"),
            None => match &self.0.target {
                FkTarget::Text(t) => t.to_string(),
                FkTarget::Column(c) => c.key().to_string(),
            },
        };
        Ok(format!("ForeignKey('{target}')"))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "target_fullname" => self
                .0
                .target_names()
                .map(|(t, c)| Value::str(&format!("{t}.{c}"))),
            "ondelete" => Some(
                self.0
                    .ondelete
                    .clone()
                    .map(|s| Value::str(&s))
                    .unwrap_or(Value::None),
            ),
            _ => None,
        })
    }
}

/// The column behind a column-like value (`db.Column`, `Model.attr`, `table.c.x`).
pub fn column_of(v: &Value) -> Option<Rc<Column>> {
    if let Some(c) = v.downcast::<ColumnObj>() {
        return Some(c.0.clone());
    }
    if let Some(a) = v.downcast::<super::attrs::ColumnAttr>() {
        return Some(a.column.clone());
    }
    if let Some(e) = v.downcast::<exprobj::ExprObj>() {
        if let super::sql::SqlExpr::Col(c) = &e.0 {
            return Some(c.column.clone());
        }
    }
    None
}
