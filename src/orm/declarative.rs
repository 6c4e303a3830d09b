//! Declarative mapping: what happens when `class Role(db.Model): ...` is defined (a table
//! and a mapper are made from its columns, annotations and relationships) and when a model
//! is instantiated (mappers configure; the keyword constructor sets attributes).

use super::attrs::{ColumnAttr, RelAttr};
use super::ctx::{mapper_of, state_of, OrmCtx};
use super::decl::{ColumnObj, ConstraintObj, RelDecl, TableObj};
use super::mapper::{Lazy, Mapper, RelProp};
use super::state::{InstanceState, Status};
use super::table::{Column, Table};
use super::types::type_from_python_class;
use crate::object::class::AttrMap;
use crate::object::{
    Args, Builtin, Class, ClassHooks, Exc, GenericAlias, Instance, Object, PyErr, PyResult, Value,
    Vm,
};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// Flask-SQLAlchemy 3's default table name: `BlogPost` → `blog_post`,
/// `HTTPRequestLog` → `http_request_log`, `OAuth2Token` → `o_auth2_token`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower_or_digit =
                i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev_lower_or_digit || (i != 0 && next_lower) {
                out.push('_');
            }
        }
        out.push(c);
    }
    out.to_lowercase().trim_start_matches('_').to_string()
}

/// The metaclass of `db.Model` subclasses.
pub struct ModelHooks {
    pub ctx: Weak<OrmCtx>,
}

impl ModelHooks {
    fn ctx(&self) -> PyResult<Rc<OrmCtx>> {
        self.ctx
            .upgrade()
            .ok_or_else(|| PyErr::new(Exc::RuntimeError, "the database of this model is gone"))
    }
}

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

/// What a `Mapped[...]` annotation says about an attribute.
struct AnnotationInfo {
    /// A Python type → a column type.
    column_type: Option<crate::schema::SqlType>,
    optional: bool,
    /// A relationship target (class or string) and whether it is a collection.
    target: Option<Value>,
    collection: bool,
    lazy: Option<Lazy>,
    mapped: bool,
}

fn read_annotation(ann: &Value) -> AnnotationInfo {
    let mut info = AnnotationInfo {
        column_type: None,
        optional: false,
        target: None,
        collection: false,
        lazy: None,
        mapped: false,
    };
    let Some(g) = ann.downcast::<GenericAlias>() else {
        return info;
    };
    match g.origin.as_str() {
        "Mapped" => info.mapped = true,
        "WriteOnlyMapped" => {
            info.mapped = true;
            info.collection = true;
            info.lazy = Some(Lazy::WriteOnly);
        }
        "DynamicMapped" => {
            info.mapped = true;
            info.collection = true;
            info.lazy = Some(Lazy::Dynamic);
        }
        _ => return info,
    }
    let mut inner = g.args.first().cloned().unwrap_or(Value::None);
    // Optional[X], X | None, Union[X, None]
    loop {
        let next = match inner.downcast::<GenericAlias>() {
            Some(u) if u.origin == "Union" => {
                let rest: Vec<Value> = u
                    .args
                    .iter()
                    .filter(|a| !a.is_none() && !is_none_type(a))
                    .cloned()
                    .collect();
                if rest.len() < u.args.len() {
                    info.optional = true;
                }
                rest.into_iter().next().unwrap_or(Value::None)
            }
            Some(l) if matches!(l.origin.as_str(), "list" | "List" | "set" | "Set") => {
                info.collection = true;
                l.args.first().cloned().unwrap_or(Value::None)
            }
            _ => break,
        };
        inner = next;
    }
    match &inner {
        Value::Class(c) => match type_from_python_class(&c.name, &c.module) {
            Some(t) => info.column_type = Some(t),
            None => info.target = Some(inner.clone()),
        },
        Value::Str(_) => info.target = Some(inner.clone()),
        _ => {}
    }
    info
}

fn is_none_type(v: &Value) -> bool {
    matches!(v, Value::Class(c) if &*c.name == "NoneType")
}

impl ClassHooks for ModelHooks {
    fn init_subclass(&self, vm: &mut dyn Vm, class: &Rc<Class>) -> PyResult<()> {
        let ctx = self.ctx()?;
        let own = |name: &str| class.dict.borrow().get(name).cloned();
        if let Some(v) = own("__abstract__") {
            if vm.truthy(&v)? {
                return Ok(());
            }
        }
        if let Some(base) = class.mro.iter().find(|b| mapper_of(b).is_some()) {
            return Err(PyErr::new(
                Exc::NotImplementedError,
                format!(
                    "model inheritance ({} → {}) is not supported in the playground",
                    base.name, class.name
                ),
            ));
        }
        let tablename = match own("__tablename__") {
            Some(Value::Str(s)) => s.to_string(),
            Some(other) => vm.str(&other)?,
            None => snake_case(&class.name),
        };
        if ctx.metadata.borrow().table(&tablename).is_some() {
            return Err(PyErr::new(
                Exc::InvalidRequestError,
                format!("Table '{tablename}' is already defined for this MetaData instance.  Specify 'extend_existing=True' to redefine options and columns on an existing Table object."),
            ));
        }
        let annotations: Vec<(Rc<str>, Value)> = match own("__annotations__") {
            Some(Value::Dict(d)) => d
                .borrow()
                .items()
                .filter_map(|(k, v)| match k {
                    Value::Str(s) => Some((s.clone(), v.clone())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let members = ordered_members(class, &annotations);
        let table = Rc::new(Table::new(&tablename, class.span));
        let mut columns: Vec<(Rc<str>, Rc<Column>)> = Vec::new();
        let mut rels: Vec<(Rc<str>, super::mapper::RelSpec)> = Vec::new();
        for (name, value) in members {
            let ann = annotations
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, a)| read_annotation(a));
            match value {
                Some(v) if v.downcast::<ColumnObj>().is_some() => {
                    let Some(c) = v.downcast::<ColumnObj>() else {
                        continue;
                    };
                    let col = if c.0.table().is_some() {
                        Rc::new(c.0.copy())
                    } else {
                        c.0.clone()
                    };
                    apply_annotation(&col, ann.as_ref());
                    *col.key.borrow_mut() = Some(name.clone());
                    if col.name().is_none() {
                        *col.name.borrow_mut() = Some(name.clone());
                    }
                    columns.push((name, col));
                }
                Some(v) if v.downcast::<RelDecl>().is_some() => {
                    let Some(d) = v.downcast::<RelDecl>() else {
                        continue;
                    };
                    let mut spec = d.0.clone();
                    if let Some(a) = &ann {
                        if spec.argument.is_none() {
                            spec.argument = a.target.clone();
                        }
                        if spec.uselist.is_none() && a.mapped && a.target.is_some() {
                            spec.uselist = Some(a.collection);
                        }
                        if let Some(l) = a.lazy {
                            spec.lazy = l;
                        }
                    }
                    rels.push((name, spec));
                }
                None => {
                    let Some(a) = ann.filter(|a| a.mapped) else {
                        continue;
                    };
                    if a.column_type.is_none() {
                        return Err(PyErr::new(
                            Exc::ArgumentError,
                            format!("Could not locate SQLAlchemy Core type for Python type {} inside the '{name}' attribute Mapped annotation", annotation_text(vm, &annotations, &name)),
                        ));
                    }
                    let col = Rc::new(Column::new(class.span, true));
                    apply_annotation(&col, Some(&a));
                    *col.key.borrow_mut() = Some(name.clone());
                    *col.name.borrow_mut() = Some(name.clone());
                    columns.push((name, col));
                }
                Some(_) => {}
            }
        }
        for (_, col) in &columns {
            table.add_column(col.clone());
        }
        table_args(vm, class, &table)?;
        *table.model.borrow_mut() = Some(class.name.clone());
        if table.primary_key().is_empty() {
            return Err(PyErr::new(
                Exc::ArgumentError,
                format!(
                    "Mapper Mapper[{}({tablename})] could not assemble any primary key columns for mapped table '{tablename}'",
                    class.name
                ),
            ));
        }
        let mapper = Rc::new(Mapper {
            class: Rc::downgrade(class),
            class_name: class.name.clone(),
            table: table.clone(),
            columns: columns.clone(),
            relationships: RefCell::new(Vec::new()),
        });
        for (name, spec) in rels {
            mapper.relationships.borrow_mut().push(Rc::new(RelProp {
                key: name,
                parent: Rc::downgrade(&mapper),
                spec,
                is_backref: false,
                resolved: RefCell::new(None),
            }));
        }
        let _ = class.ext.set(mapper.clone());
        {
            let mut dict = class.dict.borrow_mut();
            for (key, col) in &columns {
                dict.insert(
                    key.clone(),
                    Value::native(ColumnAttr {
                        ctx: self.ctx.clone(),
                        class_name: class.name.clone(),
                        key: key.clone(),
                        column: col.clone(),
                        alias: None,
                    }),
                );
            }
            for prop in mapper.relationships.borrow().iter() {
                dict.insert(
                    prop.key.clone(),
                    Value::native(RelAttr {
                        ctx: self.ctx.clone(),
                        prop: prop.clone(),
                        alias: None,
                        target_alias: None,
                    }),
                );
            }
            dict.insert("__tablename__".into(), Value::str(&tablename));
            dict.insert("__table__".into(), Value::native(TableObj(table.clone())));
        }
        ctx.metadata.borrow_mut().tables.push(table);
        let mut reg = ctx.registry.borrow_mut();
        reg.mappers.push(mapper);
        reg.configured = false;
        Ok(())
    }

    fn instantiate(&self, vm: &mut dyn Vm, class: &Rc<Class>, args: Args) -> PyResult<Value> {
        let ctx = self.ctx()?;
        let Some(mapper) = mapper_of(class) else {
            return Err(PyErr::new(
                Exc::UnmappedClassError,
                format!("Class '{}.{}' is not mapped", class.module, class.name),
            ));
        };
        super::configure::configure(vm, &ctx)?;
        let inst = Rc::new(Instance::new(class.clone()));
        let _ = inst.ext.set(Rc::new(InstanceState::new(mapper)));
        let this = Value::Instance(inst);
        let init = class.lookup("__init__").unwrap_or(Value::None);
        let mut a = args;
        a.pos.insert(0, this.clone());
        let r = vm.call(&init, a)?;
        if !r.is_none() {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("__init__() should return None, not '{}'", r.type_name()),
            ));
        }
        Ok(this)
    }
}

fn annotation_text(vm: &mut dyn Vm, annotations: &[(Rc<str>, Value)], name: &str) -> String {
    annotations
        .iter()
        .find(|(k, _)| &**k == name)
        .and_then(|(_, v)| {
            match v
                .downcast::<GenericAlias>()
                .and_then(|g| g.args.first().cloned())
            {
                Some(inner) => vm.repr(&inner).ok(),
                None => vm.repr(v).ok(),
            }
        })
        .unwrap_or_default()
}

/// Column type and nullability from `Mapped[...]` for `mapped_column` (and bare annotations).
fn apply_annotation(col: &Column, ann: Option<&AnnotationInfo>) {
    let Some(a) = ann else { return };
    if !a.mapped {
        return;
    }
    if col.sql_type().is_none() {
        if let Some(t) = &a.column_type {
            *col.sql_type.borrow_mut() = Some(t.clone());
        }
    }
    if col.from_mapped_column && col.nullable.get().is_none() && !col.primary_key.get() {
        col.nullable.set(Some(a.optional));
    }
}

/// Class members in source order, including bare annotations, then columns inherited from
/// mixins (copied per model, as declarative does).
fn ordered_members(
    class: &Rc<Class>,
    annotations: &[(Rc<str>, Value)],
) -> Vec<(Rc<str>, Option<Value>)> {
    let dict = class.dict.borrow();
    let mut out: Vec<(Rc<str>, Option<Value>)> = Vec::new();
    let mut ann_iter = annotations.iter().peekable();
    for (k, v) in dict.iter() {
        // Bare annotations written before this name in the class body.
        while let Some((a, _)) = ann_iter.peek() {
            if dict.contains_key(a) {
                if a == k {
                    ann_iter.next();
                }
                break;
            }
            out.push((a.clone(), None));
            ann_iter.next();
        }
        out.push((k.clone(), Some(v.clone())));
    }
    for (a, _) in ann_iter {
        if !dict.contains_key(a) {
            out.push((a.clone(), None));
        }
    }
    for base in class.mro.iter() {
        if base.hooks.is_some() && base.bases.is_empty() {
            continue;
        }
        for (k, v) in base.dict.borrow().iter() {
            if out.iter().any(|(n, _)| n == k) {
                continue;
            }
            if let Some(c) = v.downcast::<ColumnObj>() {
                out.push((
                    k.clone(),
                    Some(Value::native(ColumnObj(Rc::new(c.0.copy())))),
                ));
            }
        }
    }
    out
}

/// `__table_args__`: constraints and indexes (a tuple, optionally ending with a dict).
fn table_args(vm: &mut dyn Vm, class: &Rc<Class>, table: &Rc<Table>) -> PyResult<()> {
    let Some(args) = class.lookup("__table_args__") else {
        return Ok(());
    };
    let items = match &args {
        Value::Dict(_) => return Ok(()),
        other => vm.iterate(other)?,
    };
    for item in items {
        if let Some(c) = item.downcast::<ConstraintObj>() {
            table.constraints.borrow_mut().push(c.0.clone());
        } else if !matches!(item, Value::Dict(_)) {
            let r = vm.repr(&item)?;
            return Err(PyErr::new(
                Exc::ArgumentError,
                format!("__table_args__ value must be a tuple, dict, or None; got {r}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn table_names_follow_flask_sqlalchemy() {
        for (class, table) in [
            ("BlogPost", "blog_post"),
            ("HTTPRequestLog", "http_request_log"),
            ("OAuth2Token", "o_auth2_token"),
            ("APIKey", "api_key"),
            ("user", "user"),
            ("Role", "role"),
            ("UserV2", "user_v2"),
        ] {
            assert_eq!(snake_case(class), table, "{class}");
        }
    }
}
