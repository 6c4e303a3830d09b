//! The declaration calls of a models file: `db.Column`, `mapped_column`, `db.ForeignKey`,
//! `db.relationship`, `db.backref`, `db.Table`, constraints — each evaluates to an object the
//! declarative mapping (and the DDL) reads.

use super::ctx::OrmCtx;
use super::exprobj;
use super::mapper::{Cascade, Lazy, RelSpec};
use super::table::{Column, Constraint, FkTarget, ForeignKeyRef, ServerDefault, Table};
use super::types::as_sql_type;
use crate::object::{Args, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use std::rc::{Rc, Weak};

/// A column object: `db.Column(...)`, `mapped_column(...)`, `table.c.name`.
pub struct ColumnObj(pub Rc<Column>);

fn bool_arg(vm: &mut dyn Vm, args: &mut Args, name: &str) -> PyResult<Option<bool>> {
    match args.take_kw(name) {
        None => Ok(None),
        Some(v) => Ok(Some(vm.truthy(&v)?)),
    }
}

/// `db.Column(name?, type?, *ForeignKey, **options)` and `mapped_column(...)`.
pub fn make_column(vm: &mut dyn Vm, mut args: Args, mapped: bool) -> PyResult<Value> {
    let col = Column::new(vm.span(), mapped);
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
        col.unique.set(v);
    }
    if let Some(v) = bool_arg(vm, &mut args, "index")? {
        col.index.set(v);
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
    let func = if mapped { "mapped_column" } else { "Column" };
    if let Some((k, _)) = args.kw.first() {
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!("Unknown arguments passed to {func}: ['{k}']"),
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
        let c = &self.0;
        let name = c
            .name()
            .map(|n| crate::interp::python_str_repr(&n))
            .unwrap_or_else(|| "None".into());
        let t = match c.sql_type() {
            Some(t) => format!("{}()", t.kind_name()),
            None => "NullType()".into(),
        };
        let _ = vm;
        let table = match c.table() {
            Some(t) => format!("table=<{t}>"),
            None => "table=None".into(),
        };
        let mut extra = String::new();
        if c.primary_key.get() {
            extra.push_str(", primary_key=True");
        }
        if !c.is_nullable() && !c.primary_key.get() {
            extra.push_str(", nullable=False");
        }
        Ok(format!("Column({name}, {t}, {table}{extra})"))
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
            "unique" => Value::Bool(c.unique.get()),
            "index" => Value::Bool(c.index.get()),
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

/// `db.relationship(...)` (and `db.backref(...)`'s options) before mapping.
pub struct RelDecl(pub RelSpec);

/// `db.backref('name', **options)`.
pub struct BackrefDecl {
    pub name: Rc<str>,
    pub options: Args,
}

const RELATIONSHIP_OPTIONS: &[&str] = &[
    "argument",
    "secondary",
    "backref",
    "back_populates",
    "lazy",
    "uselist",
    "order_by",
    "primaryjoin",
    "secondaryjoin",
    "foreign_keys",
    "remote_side",
    "cascade",
    "viewonly",
    "passive_deletes",
    "single_parent",
    "post_update",
    "innerjoin",
    "overlaps",
    "collection_class",
    "enable_typechecks",
    "info",
    "doc",
    "sync_backref",
    "active_history",
    "join_depth",
    "query_class",
    "omit_join",
    "distinct_target_key",
    "comparator_factory",
    "passive_updates",
    "lazy_load",
    "default",
    "init",
    "repr",
    "compare",
    "kw_only",
    "default_factory",
    "cascade_backrefs",
];

/// `lazy=`: the strategy, or the repr of a value that names none (SQLAlchemy complains
/// about that when the mapper configures).
fn lazy_option(vm: &mut dyn Vm, v: Option<Value>) -> PyResult<(Lazy, Option<String>)> {
    let lazy = match &v {
        None | Some(Value::Bool(true)) => Some(Lazy::Select),
        Some(Value::Bool(false)) => Some(Lazy::Joined),
        Some(Value::None) => Some(Lazy::NoLoad),
        Some(Value::Str(s)) => Lazy::parse(s),
        Some(_) => None,
    };
    match (lazy, v) {
        (Some(l), _) => Ok((l, None)),
        (None, Some(other)) => Ok((Lazy::Select, Some(vm.repr(&other)?))),
        (None, None) => Ok((Lazy::Select, None)),
    }
}

/// Parses `relationship(...)` arguments into a spec.
pub fn parse_relationship(vm: &mut dyn Vm, mut args: Args, func: &str) -> PyResult<RelSpec> {
    let _ = func;
    if let Some((k, _)) = args
        .kw
        .iter()
        .find(|(k, _)| !RELATIONSHIP_OPTIONS.contains(&&**k))
    {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("RelationshipProperty.__init__() got an unexpected keyword argument '{k}'"),
        ));
    }
    if let Some(v) = args.take_kw("cascade_backrefs") {
        if vm.truthy(&v)? {
            return Err(PyErr::new(
                Exc::ArgumentError,
                "The 'cascade_backrefs' parameter passed to relationship() may only be set to False.",
            ));
        }
    }
    let argument = args.take(0, "argument");
    let secondary = args.take(1, "secondary");
    if args.pos.len() > 2 {
        return Err(PyErr::new(
            Exc::TypeError,
            format!(
                "relationship() takes from 0 to 2 positional arguments but {} were given",
                args.pos.len()
            ),
        ));
    }
    let (lazy, bad_lazy) = lazy_option(vm, args.take_kw("lazy"))?;
    let cascade = match args.take_kw("cascade") {
        None => Cascade::DEFAULT,
        Some(Value::Str(s)) => Cascade::parse(&s).map_err(|m| PyErr::new(Exc::ArgumentError, m))?,
        Some(_) => Cascade::DEFAULT,
    };
    let uselist = match args.take_kw("uselist") {
        None | Some(Value::None) => None,
        Some(v) => Some(vm.truthy(&v)?),
    };
    let back_populates = match args.take_kw("back_populates") {
        Some(Value::Str(s)) => Some(s),
        _ => None,
    };
    let backref = args.take_kw("backref").filter(|v| !v.is_none());
    if backref.is_some() && back_populates.is_some() {
        return Err(PyErr::new(
            Exc::ArgumentError,
            "backref and back_populates keyword arguments are mutually exclusive",
        ));
    }
    let viewonly = bool_arg(vm, &mut args, "viewonly")?.unwrap_or(false);
    let passive_deletes = match args.take_kw("passive_deletes") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let single_parent = bool_arg(vm, &mut args, "single_parent")?.unwrap_or(false);
    Ok(RelSpec {
        argument,
        secondary,
        primaryjoin: args.take_kw("primaryjoin"),
        secondaryjoin: args.take_kw("secondaryjoin"),
        foreign_keys: args.take_kw("foreign_keys"),
        remote_side: args.take_kw("remote_side"),
        backref,
        back_populates,
        lazy,
        uselist,
        order_by: args
            .take_kw("order_by")
            .filter(|v| !matches!(v, Value::Bool(false) | Value::None)),
        cascade,
        viewonly,
        passive_deletes,
        single_parent,
        bad_lazy,
        inherited: None,
        span: vm.span(),
        source: vm.source(),
    })
}

impl Object for RelDecl {
    fn type_name(&self) -> &str {
        "_RelationshipDeclared"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<RelationshipProperty at 0x0; no key>".into())
    }
}

impl Object for BackrefDecl {
    fn type_name(&self) -> &str {
        "tuple"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let mut parts = Vec::new();
        for (k, v) in &self.options.kw {
            parts.push(format!("'{k}': {}", vm.repr(v)?));
        }
        Ok(format!("('{}', {{{}}})", self.name, parts.join(", ")))
    }
}

/// A table-level constraint or index object from `__table_args__` / `db.Table(...)`.
pub struct ConstraintObj(pub Constraint);

fn column_names(vm: &mut dyn Vm, items: &[Value]) -> PyResult<Vec<String>> {
    let mut out = Vec::new();
    for v in items {
        match v {
            Value::Str(s) => out.push(s.to_string()),
            other => match column_of(other) {
                Some(c) => out.push(
                    c.name()
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| c.key().to_string()),
                ),
                None => {
                    let r = vm.repr(other)?;
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        format!("Can't create constraint on {r}"),
                    ));
                }
            },
        }
    }
    Ok(out)
}

/// `UniqueConstraint(...)`, `PrimaryKeyConstraint(...)`, `ForeignKeyConstraint(...)`,
/// `Index(...)`, `CheckConstraint(...)`.
pub fn make_constraint(vm: &mut dyn Vm, kind: &str, mut args: Args) -> PyResult<Value> {
    let name = match args.take_kw("name") {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let c = match kind {
        "UniqueConstraint" => Constraint::Unique {
            name,
            columns: column_names(vm, &args.pos)?,
        },
        "PrimaryKeyConstraint" => Constraint::PrimaryKey(column_names(vm, &args.pos)?),
        "ForeignKeyConstraint" => {
            let cols = args.take(0, "columns").unwrap_or(Value::None);
            let refs = args.take(1, "refcolumns").unwrap_or(Value::None);
            let cols = vm.iterate(&cols)?;
            let refs = vm.iterate(&refs)?;
            let mut refcolumns = Vec::new();
            for r in refs {
                match r {
                    Value::Str(s) => refcolumns.push(s.to_string()),
                    other => match column_of(&other) {
                        Some(c) => refcolumns.push(c.qualified()),
                        None => {
                            return Err(PyErr::new(
                                Exc::ArgumentError,
                                "ForeignKeyConstraint expects column names",
                            ))
                        }
                    },
                }
            }
            let text = |v: Option<Value>| match v {
                Some(Value::Str(s)) => Some(s.to_string()),
                _ => None,
            };
            Constraint::ForeignKey {
                columns: column_names(vm, &cols)?,
                refcolumns,
                ondelete: text(args.take_kw("ondelete")),
                onupdate: text(args.take_kw("onupdate")),
            }
        }
        "Index" => {
            let mut pos = args.pos.clone().into_iter();
            let index_name = match pos.next() {
                Some(Value::Str(s)) => s.to_string(),
                Some(Value::None) | None => String::new(),
                Some(other) => {
                    let r = vm.repr(&other)?;
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        format!("Index name expected, got {r}"),
                    ));
                }
            };
            let rest: Vec<Value> = pos.collect();
            let unique = match args.take_kw("unique") {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            Constraint::Index {
                name: index_name,
                columns: column_names(vm, &rest)?,
                unique,
            }
        }
        _ => Constraint::Check(match args.pos.first() {
            Some(v) => vm.str(v)?,
            None => String::new(),
        }),
    };
    Ok(Value::native(ConstraintObj(c)))
}

impl Object for ConstraintObj {
    fn type_name(&self) -> &str {
        match &self.0 {
            Constraint::Unique { .. } => "UniqueConstraint",
            Constraint::PrimaryKey(_) => "PrimaryKeyConstraint",
            Constraint::ForeignKey { .. } => "ForeignKeyConstraint",
            Constraint::Index { .. } => "Index",
            Constraint::Check(_) => "CheckConstraint",
        }
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("{}(...)", self.type_name()))
    }
}

/// `db.Table(name, [metadata,] *columns_and_constraints)`: registered at once.
pub fn make_table(vm: &mut dyn Vm, ctx: &Weak<OrmCtx>, args: Args) -> PyResult<Value> {
    let Some(ctx) = ctx.upgrade() else {
        return Err(PyErr::new(Exc::RuntimeError, "the database is gone"));
    };
    let mut pos = args.pos.into_iter();
    let name = match pos.next() {
        Some(Value::Str(s)) => s,
        _ => {
            return Err(PyErr::new(
                Exc::TypeError,
                "Table() missing 1 required positional argument: 'name'",
            ))
        }
    };
    if ctx.metadata.borrow().table(&name).is_some() {
        return Err(PyErr::new(
            Exc::InvalidRequestError,
            format!("Table '{name}' is already defined for this MetaData instance.  Specify 'extend_existing=True' to redefine options and columns on an existing Table object."),
        ));
    }
    let table = Rc::new(Table::new(&name, vm.span()));
    for item in pos {
        if &*item.type_name() == "MetaData" {
            continue;
        }
        if let Some(c) = item.downcast::<ColumnObj>() {
            if c.0.table().is_some() {
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    format!(
                        "Column object '{}' already assigned to Table '{}'",
                        c.0.key(),
                        c.0.table().unwrap_or_default()
                    ),
                ));
            }
            if c.0.name().is_none() {
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    "Column must be constructed with a non-blank name or assign a non-blank .name before adding to a Table.",
                ));
            }
            table.add_column(c.0.clone());
        } else if let Some(k) = item.downcast::<ConstraintObj>() {
            table.constraints.borrow_mut().push(k.0.clone());
        } else {
            let r = vm.repr(&item)?;
            return Err(PyErr::new(
                Exc::ArgumentError,
                format!(
                    "'SchemaItem' object, such as a 'Column' or a 'Constraint' expected, got {r}"
                ),
            ));
        }
    }
    ctx.metadata.borrow_mut().tables.push(table.clone());
    Ok(Value::native(TableObj(table)))
}

/// A `Table` as a Python value: `.name`, `.c.column`, `.columns`.
pub struct TableObj(pub Rc<Table>);

impl Object for TableObj {
    fn type_name(&self) -> &str {
        "Table"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("Table('{}', MetaData(), ...)", self.0.name))
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(self.0.name.to_string())
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "name" | "fullname" => Value::Str(self.0.name.clone()),
            "c" | "columns" => Value::native(ColumnCollection(self.0.clone())),
            "primary_key" => Value::list(
                self.0
                    .primary_key()
                    .into_iter()
                    .map(|c| Value::native(ColumnObj(c)))
                    .collect(),
            ),
            _ => return Ok(None),
        }))
    }
}

/// `table.c`: columns by key, iterable in table order.
pub struct ColumnCollection(pub Rc<Table>);

impl Object for ColumnCollection {
    fn type_name(&self) -> &str {
        "ReadOnlyColumnCollection"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let mut parts = Vec::new();
        for c in self.0.columns.borrow().iter() {
            parts.push(format!("'{}'", c.qualified()));
            let _ = &vm;
        }
        Ok(format!("ReadOnlyColumnCollection({})", parts.join(", ")))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(self
            .0
            .column_by_key(name)
            .map(|c| Value::native(ColumnObj(c))))
    }

    fn getattr_error(&self, name: &str) -> Option<String> {
        Some(name.to_string())
    }

    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        _args: &mut Args,
    ) -> Option<PyResult<Value>> {
        let cols = self.0.columns.borrow();
        match name {
            "keys" => Some(Ok(Value::list(
                cols.iter().map(|c| Value::Str(c.key())).collect(),
            ))),
            "values" => Some(Ok(Value::list(
                cols.iter()
                    .map(|c| Value::native(ColumnObj(c.clone())))
                    .collect(),
            ))),
            "items" => Some(Ok(Value::list(
                cols.iter()
                    .map(|c| {
                        Value::tuple(vec![
                            Value::Str(c.key()),
                            Value::native(ColumnObj(c.clone())),
                        ])
                    })
                    .collect(),
            ))),
            _ => None,
        }
    }

    fn getitem(&self, _vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        let found = match key {
            Value::Str(s) => self.0.column_by_key(s),
            Value::Int(i) => {
                let cols = self.0.columns.borrow();
                let n = cols.len() as i64;
                let i = if *i < 0 { i + n } else { *i };
                cols.get(i as usize).cloned()
            }
            _ => None,
        };
        Some(match found {
            Some(c) => Ok(Value::native(ColumnObj(c))),
            None => Err(PyErr::new(Exc::KeyError, format!("{key:?}"))),
        })
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.0.columns.borrow().len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        let items: Vec<Value> = self
            .0
            .columns
            .borrow()
            .iter()
            .map(|c| Value::native(ColumnObj(c.clone())))
            .collect();
        Some(Ok(exprobj::list_iterator(items)))
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        Some(Ok(match item {
            Value::Str(s) => self.0.column_by_key(s).is_some(),
            other => column_of(other)
                .is_some_and(|c| self.0.columns.borrow().iter().any(|x| Rc::ptr_eq(x, &c))),
        }))
    }

    fn dir(&self) -> Vec<String> {
        self.0
            .columns
            .borrow()
            .iter()
            .map(|c| c.key().to_string())
            .collect()
    }
}
