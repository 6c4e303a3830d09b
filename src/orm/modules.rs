//! The importable modules: `sqlalchemy` (and `.orm`, `.exc`), `flask`, `flask_sqlalchemy`,
//! `werkzeug.exceptions` — the names lessons use, all working against the current database.

use super::ctx::current;
use super::{decl, entity, exprobj, ext, query, types};
use crate::object::{Builtin, Exc, Module, Object, PyResult, TypingSpecial, Value, Vm};
use std::rc::Rc;

/// Every name `db.X`, `sa.X` and `so.X` provide besides the types.
pub const SQLALCHEMY_NAMES: &[&str] = &[
    "Column",
    "mapped_column",
    "ForeignKey",
    "relationship",
    "backref",
    "Table",
    "UniqueConstraint",
    "PrimaryKeyConstraint",
    "ForeignKeyConstraint",
    "CheckConstraint",
    "Index",
    "select",
    "func",
    "and_",
    "or_",
    "not_",
    "desc",
    "asc",
    "text",
    "distinct",
    "case",
    "literal",
    "literal_column",
    "null",
    "true",
    "false",
    "aliased",
    "Mapped",
    "WriteOnlyMapped",
    "DynamicMapped",
    "joinedload",
    "selectinload",
    "subqueryload",
    "lazyload",
    "noload",
    "raiseload",
    "contains_eager",
    "dynamic_loader",
    "validates",
    "exists",
    "insert",
    "update",
    "delete",
    "DeclarativeBase",
    "DeclarativeBaseNoMeta",
];

fn option_object(name: &'static str) -> Value {
    Builtin::value(name, move |_, _| Ok(Value::native(LoaderOption(name))))
}

/// `joinedload(...)` and friends: accepted by `options()`, which ignores them.
struct LoaderOption(&'static str);

impl Object for LoaderOption {
    fn type_name(&self) -> &str {
        "_AbstractLoad"
    }
    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<sqlalchemy.orm.strategy_options._{}>", self.0))
    }
}

/// `db.X` / `sqlalchemy.X` / `sqlalchemy.orm.X`.
pub fn sqlalchemy_name(name: &str) -> Option<Value> {
    if let Some(t) = types::type_by_name(name) {
        return Some(t);
    }
    if let Some(f) = exprobj::function(name) {
        return Some(f);
    }
    Some(match name {
        "Column" => Builtin::value("Column", |vm, a| decl::make_column(vm, a, false)),
        "mapped_column" => Builtin::value("mapped_column", |vm, a| decl::make_column(vm, a, true)),
        "ForeignKey" => Builtin::value("ForeignKey", decl::make_foreign_key),
        "relationship" | "dynamic_loader" => {
            let dynamic = name == "dynamic_loader";
            Builtin::value(name, move |vm, a| {
                let mut spec = decl::parse_relationship(vm, a, "relationship")?;
                if dynamic {
                    spec.lazy = super::mapper::Lazy::Dynamic;
                }
                Ok(Value::native(decl::RelDecl(spec)))
            })
        }
        "backref" => Builtin::value("backref", |_, mut a| {
            let name = match a.take(0, "name") {
                Some(Value::Str(s)) => s,
                _ => {
                    return Err(crate::object::PyErr::new(
                        Exc::TypeError,
                        "backref() missing 1 required positional argument: 'name'",
                    ))
                }
            };
            a.pos.clear();
            Ok(Value::native(decl::BackrefDecl { name, options: a }))
        }),
        "Table" => Builtin::value("Table", |vm, mut a| {
            let ctx = match a.pos.get(1).and_then(|m| m.downcast::<ext::MetadataObj>()) {
                Some(m) => m.ctx.upgrade().map(Ok).unwrap_or_else(current)?,
                None => current()?,
            };
            if a.pos
                .get(1)
                .is_some_and(|m| m.downcast::<ext::MetadataObj>().is_some())
            {
                a.pos.remove(1);
            }
            decl::make_table(vm, &std::rc::Rc::downgrade(&ctx), a)
        }),
        "UniqueConstraint"
        | "PrimaryKeyConstraint"
        | "ForeignKeyConstraint"
        | "CheckConstraint"
        | "Index" => {
            let kind = name.to_string();
            Builtin::value(name, move |vm, a| decl::make_constraint(vm, &kind, a))
        }
        "insert" | "update" | "delete" => {
            let kind = match name {
                "insert" => super::dml::DmlKind::Insert,
                "update" => super::dml::DmlKind::Update,
                _ => super::dml::DmlKind::Delete,
            };
            Builtin::value(name, move |vm, a| {
                let ctx = current()?;
                super::dml::make(vm, &ctx, kind, a)
            })
        }
        "DeclarativeBase" | "DeclarativeBaseNoMeta" => Value::Class(Rc::new(
            crate::object::Class::new(name, "sqlalchemy.orm", Vec::new(), Default::default()),
        )),
        "select" => Builtin::value("select", |vm, a| {
            let ctx = current()?;
            query::make_select(vm, &ctx, &a.pos)
        }),
        "func" => Value::native(exprobj::FuncNamespace),
        "aliased" => Builtin::value("aliased", |vm, a| {
            let ctx = current()?;
            entity::aliased(vm, &ctx, a)
        }),
        "Mapped" | "WriteOnlyMapped" | "DynamicMapped" => Value::native(TypingSpecial {
            name: match name {
                "Mapped" => "Mapped",
                "WriteOnlyMapped" => "WriteOnlyMapped",
                _ => "DynamicMapped",
            },
            module: "sqlalchemy.orm.base",
        }),
        "joinedload" => option_object("joinedload"),
        "selectinload" => option_object("selectinload"),
        "subqueryload" => option_object("subqueryload"),
        "lazyload" => option_object("lazyload"),
        "noload" => option_object("noload"),
        "raiseload" => option_object("raiseload"),
        "contains_eager" => option_object("contains_eager"),
        "validates" => Builtin::value("validates", |_, _| {
            Ok(Builtin::value("decorator", |_, a| {
                Ok(a.pos.first().cloned().unwrap_or(Value::None))
            }))
        }),
        _ => return None,
    })
}

fn exceptions(module: &str) -> Vec<(String, Value)> {
    Exc::all()
        .into_iter()
        .filter(|c| &*c.module == module)
        .map(|c| (c.name.to_string(), Value::Class(c)))
        .collect()
}

fn module(name: &str, attrs: Vec<(String, Value)>) -> Value {
    let m = Module::new(name, Vec::new());
    {
        let mut a = m.attrs.borrow_mut();
        for (k, v) in attrs {
            a.insert(k, v);
        }
    }
    Value::native(m)
}

fn sqlalchemy_attrs(orm_only: bool) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if !orm_only {
        for t in types::TYPE_NAMES {
            if let Some(v) = types::type_by_name(t) {
                out.push((t.to_string(), v));
            }
        }
    }
    for n in SQLALCHEMY_NAMES {
        let orm_name = matches!(
            *n,
            "mapped_column"
                | "relationship"
                | "backref"
                | "aliased"
                | "Mapped"
                | "WriteOnlyMapped"
                | "DynamicMapped"
                | "joinedload"
                | "selectinload"
                | "subqueryload"
                | "lazyload"
                | "noload"
                | "raiseload"
                | "contains_eager"
                | "dynamic_loader"
                | "validates"
                | "DeclarativeBase"
                | "DeclarativeBaseNoMeta"
        );
        if orm_only && !orm_name {
            continue;
        }
        if let Some(v) = sqlalchemy_name(n) {
            out.push((n.to_string(), v));
        }
    }
    out
}

/// The module named `name`, if the playground provides it.
pub fn module_named(name: &str) -> Option<Value> {
    Some(match name {
        "sqlalchemy" => {
            let mut attrs = sqlalchemy_attrs(false);
            attrs.push(("orm".into(), module_named("sqlalchemy.orm")?));
            attrs.push(("exc".into(), module_named("sqlalchemy.exc")?));
            module("sqlalchemy", attrs)
        }
        "sqlalchemy.orm" => {
            let mut attrs = sqlalchemy_attrs(true);
            attrs.push(("exc".into(), module_named("sqlalchemy.orm.exc")?));
            module("sqlalchemy.orm", attrs)
        }
        "sqlalchemy.exc" => module("sqlalchemy.exc", exceptions("sqlalchemy.exc")),
        "sqlalchemy.orm.exc" => {
            let mut attrs = exceptions("sqlalchemy.orm.exc");
            attrs.extend(
                exceptions("sqlalchemy.exc").into_iter().filter(|(n, _)| {
                    matches!(n.as_str(), "NoResultFound" | "MultipleResultsFound")
                }),
            );
            module("sqlalchemy.orm.exc", attrs)
        }
        "sqlalchemy.types" | "sqlalchemy.sql.sqltypes" => module(
            name,
            types::TYPE_NAMES
                .iter()
                .filter_map(|t| types::type_by_name(t).map(|v| (t.to_string(), v)))
                .collect(),
        ),
        "sqlalchemy.sql" | "sqlalchemy.sql.expression" | "sqlalchemy.sql.functions" => module(
            name,
            [
                "select", "func", "and_", "or_", "not_", "desc", "asc", "text", "distinct", "case",
                "literal", "null", "true", "false",
            ]
            .iter()
            .filter_map(|n| sqlalchemy_name(n).map(|v| (n.to_string(), v)))
            .collect(),
        ),
        "flask_sqlalchemy" => module(
            "flask_sqlalchemy",
            vec![(
                "SQLAlchemy".into(),
                Builtin::value("SQLAlchemy", ext::make_sqlalchemy),
            )],
        ),
        "flask" => module(
            "flask",
            vec![
                ("Flask".into(), Builtin::value("Flask", ext::make_flask)),
                (
                    "abort".into(),
                    Builtin::value("abort", |_, a| match a.pos.first() {
                        Some(Value::Int(404)) => Err(super::pagination::not_found()),
                        Some(Value::Int(code)) => Err(crate::object::PyErr::new(
                            Exc::HTTPException,
                            format!("{code}: the playground has no HTTP server"),
                        )),
                        _ => Err(crate::object::PyErr::new(
                            Exc::TypeError,
                            "abort() needs a status code",
                        )),
                    }),
                ),
            ],
        ),
        "werkzeug.exceptions" => module("werkzeug.exceptions", exceptions("werkzeug.exceptions")),
        "werkzeug" => module(
            "werkzeug",
            vec![("exceptions".into(), module_named("werkzeug.exceptions")?)],
        ),
        _ => return None,
    })
}
