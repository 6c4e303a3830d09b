//! `db.session` as a Python object: add, delete, commit, rollback, flush, get, execute,
//! scalars, query, expire, `in`, and friends.

use super::ctx::{mapped_instance, mapper_of, state_of, OrmCtx};
use super::query::{execute_select, get_by_identity, statement_of, QueryObj};
use super::result::ResultObj;
use super::session;
use super::state::Status;
use crate::object::{Args, Builtin, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::{Rc, Weak};

pub struct SessionObj {
    pub ctx: Weak<OrmCtx>,
}

const METHODS: &[&str] = &[
    "add",
    "add_all",
    "delete",
    "commit",
    "rollback",
    "flush",
    "get",
    "execute",
    "scalars",
    "scalar",
    "query",
    "expire",
    "expire_all",
    "refresh",
    "expunge",
    "expunge_all",
    "close",
    "remove",
    "merge",
    "is_modified",
    "begin",
    "get_one",
];

fn instances(vm: &mut dyn Vm, v: &Value) -> PyResult<Vec<Value>> {
    vm.iterate(v)
}

impl SessionObj {
    fn ctx(&self) -> PyResult<Rc<OrmCtx>> {
        self.ctx
            .upgrade()
            .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the database is gone"))
    }

    fn run(&self, vm: &mut dyn Vm, name: &str, mut args: Args) -> PyResult<Value> {
        let ctx = self.ctx()?;
        match name {
            "add" => {
                args.expect_count("add", 1, 1)?;
                let (inst, _) = mapped_instance(&args.pos[0])?;
                super::configure::configure(vm, &ctx)?;
                session::add(vm, &ctx, &inst)?;
            }
            "add_all" => {
                super::configure::configure(vm, &ctx)?;
                for v in instances(vm, args.pos.first().unwrap_or(&Value::None))? {
                    let (inst, _) = mapped_instance(&v)?;
                    session::add(vm, &ctx, &inst)?;
                }
            }
            "delete" => {
                args.expect_count("delete", 1, 1)?;
                let (inst, _) = mapped_instance(&args.pos[0])?;
                super::configure::configure(vm, &ctx)?;
                session::delete(vm, &ctx, &inst)?;
            }
            "commit" => session::commit(vm, &ctx)?,
            "rollback" => session::rollback(&ctx)?,
            "flush" => super::flush::flush(vm, &ctx)?,
            "close" | "remove" => {
                session::rollback(&ctx)?;
                let all = ctx.session.borrow().persistent();
                let mut s = ctx.session.borrow_mut();
                for inst in all {
                    if let Some(st) = state_of(&inst) {
                        s.expunge(&inst, &st);
                    }
                }
            }
            "expire_all" => {
                let all = ctx.session.borrow().persistent();
                for inst in all {
                    if let Some(st) = state_of(&inst) {
                        session::expire(&inst, &st, None);
                    }
                }
            }
            "expire" => {
                let (inst, st) = mapped_instance(args.pos.first().unwrap_or(&Value::None))?;
                let only = match args.take(1, "attribute_names") {
                    Some(v) if !v.is_none() => Some(
                        vm.iterate(&v)?
                            .into_iter()
                            .filter_map(|n| match n {
                                Value::Str(s) => Some(s.to_string()),
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                };
                if st.status() == Status::Persistent {
                    session::expire(&inst, &st, only.as_deref());
                }
            }
            "refresh" => {
                let (inst, st) = mapped_instance(args.pos.first().unwrap_or(&Value::None))?;
                if st.status() != Status::Persistent {
                    return Err(PyErr::new(
                        Exc::InvalidRequestError,
                        format!(
                            "Could not refresh instance '<{} at 0x{:x}>'",
                            st.mapper.class_name,
                            Rc::as_ptr(&inst) as usize
                        ),
                    ));
                }
                session::expire(&inst, &st, None);
                super::load::refresh(vm, &ctx, &inst, &st)?;
            }
            "expunge" => {
                let (inst, st) = mapped_instance(args.pos.first().unwrap_or(&Value::None))?;
                ctx.session.borrow_mut().expunge(&inst, &st);
            }
            "expunge_all" => {
                let mut all = ctx.session.borrow().persistent();
                all.extend(ctx.session.borrow().new.iter().cloned());
                let mut s = ctx.session.borrow_mut();
                for inst in all {
                    if let Some(st) = state_of(&inst) {
                        s.expunge(&inst, &st);
                    }
                }
            }
            "merge" => {
                let v = args.pos.first().cloned().unwrap_or(Value::None);
                let (inst, _) = mapped_instance(&v)?;
                session::add(vm, &ctx, &inst)?;
                return Ok(v);
            }
            "is_modified" => {
                let (inst, _) = mapped_instance(args.pos.first().unwrap_or(&Value::None))?;
                return Ok(Value::Bool(
                    ctx.session
                        .borrow()
                        .dirty
                        .iter()
                        .any(|x| Rc::ptr_eq(x, &inst)),
                ));
            }
            "begin" => {
                return Ok(Value::native(SessionObj {
                    ctx: self.ctx.clone(),
                }))
            }
            "get" | "get_one" => {
                let model = args.pos.first().cloned().unwrap_or(Value::None);
                let ident = args.take(1, "ident").unwrap_or(Value::None);
                let mapper = match &model {
                    Value::Class(c) => mapper_of(c),
                    _ => None,
                }
                .ok_or_else(|| PyErr::new(Exc::ArgumentError, "get() expects a mapped class"))?;
                let v = get_by_identity(vm, &ctx, &mapper, &ident)?;
                if v.is_none() && name == "get_one" {
                    return Err(PyErr::new(
                        Exc::NoResultFound,
                        "No row was found when one was required",
                    ));
                }
                return Ok(v);
            }
            "execute" | "scalars" | "scalar" => {
                let stmt_value = args.pos.first().cloned().unwrap_or(Value::None);
                if let Some(e) = stmt_value.downcast::<super::exprobj::ExprObj>() {
                    if let super::sql::SqlExpr::Text(sql) = &e.0 {
                        return self.raw(vm, &ctx, name, sql, args.pos.get(1));
                    }
                }
                if let Some(d) = stmt_value.downcast::<super::dml::DmlObj>() {
                    return d.execute(vm, &ctx, args.pos.get(1).cloned());
                }
                let Some(stmt) = statement_of(&stmt_value) else {
                    let r = vm.repr(&stmt_value)?;
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        format!("Executable SQL or text() construct expected, got {r}."),
                    ));
                };
                let result = execute_select(vm, &ctx, &stmt)?;
                let rv = Value::native(result);
                return match name {
                    "execute" => Ok(rv),
                    other => {
                        let f = vm.getattr(&rv, other)?;
                        vm.call(&f, Args::none())
                    }
                };
            }
            "query" => {
                let items = super::builder::select_items(vm, &ctx, &args.pos)?;
                return Ok(Value::native(QueryObj::new(
                    &ctx,
                    super::sql::SelectStmt {
                        items,
                        ..Default::default()
                    },
                )));
            }
            _ => {
                return Err(PyErr::new(
                    Exc::AttributeError,
                    format!("'scoped_session' object has no attribute '{name}'"),
                ))
            }
        }
        Ok(Value::None)
    }

    /// `session.execute(text("..."))`: raw SQL on the same database.
    fn raw(
        &self,
        vm: &mut dyn Vm,
        ctx: &Rc<OrmCtx>,
        name: &str,
        sql: &str,
        params: Option<&Value>,
    ) -> PyResult<Value> {
        ctx.check_not_failed()?;
        super::session::autoflush(vm, ctx)?;
        let (sql, names) = bind_named(sql);
        let mut values = Vec::new();
        for n in &names {
            let v = match params {
                Some(Value::Dict(d)) => d.borrow().get_str(n).cloned(),
                _ => None,
            };
            let Some(v) = v else {
                return Err(PyErr::new(
                    Exc::StatementError,
                    format!("(sqlalchemy.exc.InvalidRequestError) A value is required for bind parameter '{n}'"),
                ));
            };
            values.push(super::types::to_sql(&v, None, values.len() + 1)?);
        }
        let compiled = super::compile::Compiled {
            sql,
            params: values,
            slots: Vec::new(),
        };
        let r = ctx.engine.borrow_mut().run(&compiled, None)?;
        let names = std::rc::Rc::new(
            r.labels
                .iter()
                .map(|l| Some(Rc::from(l.as_str())))
                .collect::<Vec<_>>(),
        );
        let rows: Vec<Vec<Value>> = r
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| super::types::from_sql(v, None))
                    .collect()
            })
            .collect();
        let result = Value::native(ResultObj::new(names, rows));
        match name {
            "execute" => Ok(result),
            other => {
                let f = vm.getattr(&result, other)?;
                vm.call(&f, Args::none())
            }
        }
    }
}

impl Object for SessionObj {
    fn type_name(&self) -> &str {
        "scoped_session"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<sqlalchemy.orm.scoping.scoped_session object>".into())
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        if !METHODS.contains(&name) {
            return None;
        }
        Some(self.run(vm, name, std::mem::take(args)))
    }

    fn getattr(&self, _vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let ctx = self.ctx()?;
        let ids = |list: &[Rc<crate::object::Instance>]| {
            Value::native(IdentitySet(
                list.iter().map(|i| Value::Instance(i.clone())).collect(),
            ))
        };
        Ok(Some(match name {
            "new" => ids(&ctx.session.borrow().new),
            "dirty" => ids(&ctx.session.borrow().dirty),
            "deleted" => ids(&ctx.session.borrow().deleted),
            "autoflush" => Value::Bool(true),
            "no_autoflush" => Value::native(NoAutoflush {
                ctx: self.ctx.clone(),
            }),
            "identity_map" => {
                let all = ctx.session.borrow().persistent();
                Value::list(all.into_iter().map(Value::Instance).collect())
            }
            n if METHODS.contains(&n) => {
                let this = this.clone();
                let method = n.to_string();
                Builtin::bound(n, this.clone(), move |vm, args| {
                    let Some(s) = this.downcast::<SessionObj>() else {
                        return Err(PyErr::new(Exc::TypeError, "not a session"));
                    };
                    s.run(vm, &method, args)
                })
            }
            _ => return Ok(None),
        }))
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        let ctx = match self.ctx() {
            Ok(c) => c,
            Err(e) => return Some(Err(e)),
        };
        Some(match item {
            Value::Instance(inst) if state_of(inst).is_some() => {
                Ok(ctx.session.borrow().contains(inst))
            }
            other => Err(PyErr::new(
                Exc::UnmappedInstanceError,
                format!("Class '{}' is not mapped", other.type_name()),
            )),
        })
    }

    fn dir(&self) -> Vec<String> {
        METHODS.iter().map(|s| s.to_string()).collect()
    }
}

/// `db.session.new` / `.dirty` / `.deleted`.
struct IdentitySet(Vec<Value>);

impl Object for IdentitySet {
    fn type_name(&self) -> &str {
        "IdentitySet"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!(
            "IdentitySet({})",
            vm.repr(&Value::list(self.0.clone()))?
        ))
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.0.len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(super::exprobj::list_iterator(self.0.clone())))
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        Some(Ok(self.0.iter().any(|x| x.is(item))))
    }
}

/// `with db.session.no_autoflush:`.
struct NoAutoflush {
    ctx: Weak<OrmCtx>,
}

impl Object for NoAutoflush {
    fn type_name(&self) -> &str {
        "_GeneratorContextManager"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<contextlib._GeneratorContextManager object>".into())
    }

    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        _args: &mut Args,
    ) -> Option<PyResult<Value>> {
        let ctx = self.ctx.upgrade()?;
        match name {
            "__enter__" => {
                ctx.session.borrow_mut().no_autoflush += 1;
                Some(Ok(Value::None))
            }
            "__exit__" => {
                let mut s = ctx.session.borrow_mut();
                s.no_autoflush = s.no_autoflush.saturating_sub(1);
                Some(Ok(Value::Bool(false)))
            }
            _ => None,
        }
    }
}

/// `text()` SQL with `:name` parameters as GlueSQL's `$n`, and the names in order.
fn bind_named(sql: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut names: Vec<String> = Vec::new();
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), c) => out.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (None, ':') if chars.peek().is_some_and(|n| n.is_alphabetic() || *n == '_') => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let index = match names.iter().position(|x| *x == name) {
                    Some(i) => i + 1,
                    None => {
                        names.push(name);
                        names.len()
                    }
                };
                out.push_str(&format!("${index}"));
            }
            (None, c) => out.push(c),
        }
    }
    (out, names)
}

#[cfg(test)]
mod tests {
    #[test]
    fn named_parameters_become_numbered() {
        let (sql, names) =
            super::bind_named("SELECT * FROM t WHERE a = :a AND b = ':x' AND c = :a OR d = :d_2");
        assert_eq!(
            sql,
            "SELECT * FROM t WHERE a = $1 AND b = ':x' AND c = $1 OR d = $2"
        );
        assert_eq!(names, vec!["a", "d_2"]);
    }
}
