//! 2.0-style data-changing statements: `insert(Model)`, `update(Model)`, `delete(Model)`,
//! run with `db.session.execute(...)`. ORM-enabled UPDATE/DELETE keep objects in the
//! session in step (SQLAlchemy's `synchronize_session='auto'`).

use super::builder;
use super::compile::{self, Compiled};
use super::ctx::{mapper_of, OrmCtx};
use super::mapper::Mapper;
use super::query::QueryObj;
use super::result::ResultObj;
use super::sql::{Entity, SelectItem, SelectStmt, SqlExpr};
use super::table::Column;
use super::types::to_sql;
use crate::object::{Args, Dict, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::{Rc, Weak};

#[derive(Clone, Copy, PartialEq)]
pub enum DmlKind {
    Insert,
    Update,
    Delete,
}

/// An INSERT, UPDATE or DELETE statement being built.
#[derive(Clone)]
pub struct DmlObj {
    pub ctx: Weak<OrmCtx>,
    pub kind: DmlKind,
    pub mapper: Rc<Mapper>,
    pub where_: Vec<SqlExpr>,
    /// `values(name=...)` in the order given.
    pub values: Vec<(Rc<str>, Value)>,
}

/// `insert(Model)` / `update(Model)` / `delete(Model)`.
pub fn make(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, kind: DmlKind, args: Args) -> PyResult<Value> {
    let target = args.pos.first().cloned().unwrap_or(Value::None);
    let mapper = match &target {
        Value::Class(c) => mapper_of(c),
        _ => None,
    };
    let Some(mapper) = mapper else {
        let r = vm.repr(&target)?;
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!("The playground supports insert/update/delete of mapped classes, got {r}"),
        ));
    };
    Ok(Value::native(DmlObj {
        ctx: Rc::downgrade(ctx),
        kind,
        mapper,
        where_: Vec::new(),
        values: Vec::new(),
    }))
}

fn values_of(vm: &mut dyn Vm, args: &Args) -> PyResult<Vec<(Rc<str>, Value)>> {
    let mut out: Vec<(Rc<str>, Value)> = Vec::new();
    if let Some(Value::Dict(d)) = args.pos.first() {
        for (k, v) in d.borrow().items() {
            match k {
                Value::Str(s) => out.push((s.clone(), v.clone())),
                other => {
                    let col = super::decl::column_of(other).ok_or_else(|| {
                        PyErr::new(Exc::ArgumentError, "values() keys must be column names")
                    })?;
                    out.push((col.key(), v.clone()));
                }
            }
        }
    } else if let Some(first) = args.pos.first() {
        let r = vm.repr(first)?;
        return Err(PyErr::new(
            Exc::ArgumentError,
            format!("values() expects keyword arguments or a dictionary, got {r}"),
        ));
    }
    out.extend(args.kw.iter().cloned());
    Ok(out)
}

impl DmlObj {
    fn column(&self, key: &str) -> PyResult<Rc<Column>> {
        self.mapper
            .column_attr(key)
            .ok_or_else(|| PyErr::new(Exc::CompileError, format!("Unconsumed column names: {key}")))
    }

    /// Runs the statement; `rows` are the parameter sets of an executemany INSERT.
    pub fn execute(
        &self,
        vm: &mut dyn Vm,
        ctx: &Rc<OrmCtx>,
        rows: Option<Value>,
    ) -> PyResult<Value> {
        ctx.check_not_failed()?;
        super::configure::configure(vm, ctx)?;
        let affected = match self.kind {
            DmlKind::Insert => self.insert(vm, ctx, rows.clone())?,
            DmlKind::Update | DmlKind::Delete => {
                let q = QueryObj::new(
                    ctx,
                    SelectStmt {
                        items: vec![SelectItem::Entity(Entity {
                            mapper: self.mapper.clone(),
                            alias: None,
                        })],
                        where_: self.where_.clone(),
                        ..SelectStmt::default()
                    },
                );
                let values = if self.kind == DmlKind::Update {
                    let mut d = Dict::new();
                    for (k, v) in &self.values {
                        d.set_str(k, v.clone());
                    }
                    Some(Value::dict(d))
                } else {
                    None
                };
                match q.bulk(vm, values.as_ref())? {
                    Value::Int(n) => n as usize,
                    _ => 0,
                }
            }
        };
        let executemany = self.kind == DmlKind::Insert && rows.is_some();
        let mut result = ResultObj::new(Rc::new(Vec::new()), Vec::new());
        // An ORM bulk INSERT of several parameter sets gives an IteratorResult (no rowcount).
        result.rowcount = (!executemany).then_some(affected);
        Ok(Value::native(result))
    }

    fn insert(&self, vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, rows: Option<Value>) -> PyResult<usize> {
        super::session::autoflush(vm, ctx)?;
        let sets: Vec<Vec<(Rc<str>, Value)>> = match rows {
            Some(list) => {
                let mut out = Vec::new();
                for item in vm.iterate(&list)? {
                    let Value::Dict(d) = &item else {
                        return Err(PyErr::new(
                            Exc::ArgumentError,
                            "insert() parameters must be dictionaries",
                        ));
                    };
                    let mut row: Vec<(Rc<str>, Value)> = self.values.clone();
                    for (k, v) in d.borrow().items() {
                        if let Value::Str(s) = k {
                            row.retain(|(n, _)| n != s);
                            row.push((s.clone(), v.clone()));
                        }
                    }
                    out.push(row);
                }
                out
            }
            None => vec![self.values.clone()],
        };
        let mut total = 0;
        for row in sets {
            let mut cols = Vec::new();
            let mut vals = Vec::new();
            for (key, col) in &self.mapper.columns {
                let given = row.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
                let v = match given {
                    Some(v) => v,
                    None => match col.default.borrow().clone() {
                        Some(d @ (Value::Function(_) | Value::Builtin(_))) => {
                            vm.call(&d, Args::none())?
                        }
                        Some(d) => d,
                        None => continue,
                    },
                };
                cols.push(col.clone());
                vals.push(to_sql(&v, col.sql_type().as_ref(), vals.len() + 1)?);
            }
            for (k, _) in &row {
                self.column(k)?;
            }
            let c: Compiled = compile::insert(&self.mapper.table, &cols, vec![vals]);
            total += ctx.engine.borrow_mut().run(&c, None)?.affected;
        }
        Ok(total)
    }

    fn derive(&self, f: impl FnOnce(&mut DmlObj) -> PyResult<()>) -> PyResult<Value> {
        let mut d = self.clone();
        f(&mut d)?;
        Ok(Value::native(d))
    }
}

impl Object for DmlObj {
    fn type_name(&self) -> &str {
        match self.kind {
            DmlKind::Insert => "Insert",
            DmlKind::Update => "Update",
            DmlKind::Delete => "Delete",
        }
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<sqlalchemy.sql.dml.{} object>", self.type_name()))
    }

    fn method_names(&self) -> &'static [&'static str] {
        &[
            "where",
            "filter",
            "filter_by",
            "values",
            "execution_options",
        ]
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        let ctx = self.ctx.upgrade()?;
        Some(match name {
            "where" | "filter" => builder::criteria(vm, &args.pos).and_then(|c| {
                self.derive(|d| {
                    d.where_.extend(c);
                    Ok(())
                })
            }),
            "filter_by" => {
                let stmt = SelectStmt {
                    items: vec![SelectItem::Entity(Entity {
                        mapper: self.mapper.clone(),
                        alias: None,
                    })],
                    ..SelectStmt::default()
                };
                builder::filter_by(vm, &ctx, &stmt, std::mem::take(args)).and_then(|c| {
                    self.derive(|d| {
                        d.where_.extend(c);
                        Ok(())
                    })
                })
            }
            "values" => values_of(vm, args).and_then(|v| {
                for (k, _) in &v {
                    self.column(k)?;
                }
                self.derive(|d| {
                    d.values.extend(v);
                    Ok(())
                })
            }),
            "execution_options" => Ok(Value::native(self.clone())),
            _ => return None,
        })
    }
}
