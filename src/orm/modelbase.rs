//! `db.Model`, the base class of every model: Flask-SQLAlchemy's keyword constructor and
//! `__repr__` (`<Task 1>`), and the `Model.query` property.

use super::ctx::{mapper_of, state_of, OrmCtx};
use super::declarative::ModelHooks;
use super::state::Status;
use crate::object::class::AttrMap;
use crate::object::{Args, Builtin, Class, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::{Rc, Weak};

/// `db.Model`: the base class with the declarative constructor, Flask-SQLAlchemy's repr and
/// the `query` property.
pub fn make_model_base(ctx: &Rc<OrmCtx>) -> Rc<Class> {
    let mut dict = AttrMap::new();
    dict.insert(
        "__init__".into(),
        Builtin::value("__init__", declarative_constructor),
    );
    dict.insert("__repr__".into(), Builtin::value("__repr__", model_repr));
    dict.insert(
        "query".into(),
        Value::native(QueryProperty {
            ctx: Rc::downgrade(ctx),
        }),
    );
    dict.insert(
        "metadata".into(),
        Value::native(super::ext::MetadataObj {
            ctx: Rc::downgrade(ctx),
        }),
    );
    let mut class = Class::new("Model", "flask_sqlalchemy.model", Vec::new(), dict);
    class.hooks = Some(Rc::new(ModelHooks {
        ctx: Rc::downgrade(ctx),
    }));
    Rc::new(class)
}

/// `Model(**kwargs)`: every keyword must name an attribute of the class.
fn declarative_constructor(vm: &mut dyn Vm, args: Args) -> PyResult<Value> {
    let mut pos = args.pos.into_iter();
    let this = pos.next().unwrap_or(Value::None);
    let extra = pos.count();
    if extra > 0 {
        return Err(PyErr::new(
            Exc::TypeError,
            format!(
                "__init__() takes 1 positional argument but {} were given",
                extra + 1
            ),
        ));
    }
    let class = match &this {
        Value::Instance(i) => i.class.clone(),
        _ => return Ok(Value::None),
    };
    for (k, v) in args.kw {
        let has = class.lookup(&k).is_some();
        if !has {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("'{k}' is an invalid keyword argument for {}", class.name),
            ));
        }
        vm.setattr(&this, &k, v)?;
    }
    Ok(Value::None)
}

/// Flask-SQLAlchemy's `Model.__repr__`: `<Task 1>`, `<Task (transient 4375)>`.
fn model_repr(vm: &mut dyn Vm, args: Args) -> PyResult<Value> {
    let this = args.pos.first().cloned().unwrap_or(Value::None);
    let Value::Instance(inst) = &this else {
        return Ok(Value::str("<Model>"));
    };
    let name = &inst.class.name;
    let id = Rc::as_ptr(inst) as usize;
    let text = match state_of(inst) {
        None => format!("<{name} (transient {id})>"),
        Some(st) => match st.status() {
            Status::Transient => format!("<{name} (transient {id})>"),
            Status::Pending => format!("<{name} (pending {id})>"),
            _ => {
                let key = st.key.borrow().clone().unwrap_or_default();
                let mut parts = Vec::new();
                for v in &key {
                    parts.push(vm.str(v)?);
                }
                format!("<{name} {}>", parts.join(", "))
            }
        },
    };
    Ok(Value::str(&text))
}

/// `Model.query`: a new `Query` over the class each time.
pub struct QueryProperty {
    pub ctx: Weak<OrmCtx>,
}

impl Object for QueryProperty {
    fn type_name(&self) -> &str {
        "_QueryProperty"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<flask_sqlalchemy.model._QueryProperty object>".into())
    }

    fn descr_get(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        let _ = instance;
        Some((|| {
            let ctx = self
                .ctx
                .upgrade()
                .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the database is gone"))?;
            let Some(mapper) = mapper_of(owner) else {
                return Err(PyErr::new(
                    Exc::UnmappedClassError,
                    format!("Class '{}.{}' is not mapped", owner.module, owner.name),
                ));
            };
            super::configure::configure(vm, &ctx)?;
            Ok(Value::native(super::query::QueryObj::new(
                &ctx,
                super::sql::SelectStmt {
                    items: vec![super::sql::SelectItem::Entity(super::sql::Entity {
                        mapper,
                        alias: None,
                    })],
                    ..Default::default()
                },
            )))
        })())
    }
}
