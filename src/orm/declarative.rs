//! Declarative mapping: what happens when `class Role(db.Model): ...` is defined (a table
//! and a mapper are made from its columns, annotations, mixins and relationships, with
//! SQLAlchemy's errors for what cannot be mapped) and when a model is instantiated
//! (mappers configure; the keyword constructor sets attributes).

use super::attrs::{ColumnAttr, RelAttr};
use super::ctx::{mapper_of, OrmCtx};
use super::decl::{ColumnObj, RelDecl, TableObj};
use super::mapper::{Mapper, RelProp, RelSpec};
use super::state::InstanceState;
use super::table::{Column, Table};
use super::typed::{apply_annotation, no_core_type, read_annotation, Annotation};
use crate::object::{Args, Class, ClassHooks, Exc, Instance, PyErr, PyResult, Value, Vm};
use crate::schema::naming::snake_case;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

pub use super::modelbase::make_model_base;

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

/// One attribute of a model class body (or inherited from a mixin / abstract base).
struct Member {
    name: Rc<str>,
    /// The assigned value (`None` for a bare annotation).
    value: Option<Value>,
    annotation: Option<Annotation>,
    /// Declared on a mixin or abstract base rather than the class itself.
    inherited: bool,
}

fn annotations_of(class: &Class) -> Vec<(Rc<str>, Value)> {
    match class.dict.borrow().get("__annotations__") {
        Some(Value::Dict(d)) => d
            .borrow()
            .items()
            .filter_map(|(k, v)| match k {
                Value::Str(s) => Some((s.clone(), v.clone())),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// One class body's attributes in source order, bare annotations included.
fn body_members(class: &Class, inherited: bool) -> Vec<Member> {
    let annotations = annotations_of(class);
    let dict = class.dict.borrow();
    let member = |name: &Rc<str>, value: Option<Value>| Member {
        name: name.clone(),
        value,
        annotation: annotations
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, a)| read_annotation(a)),
        inherited,
    };
    let mut out = Vec::new();
    let mut pending = annotations.iter().peekable();
    for (k, v) in dict.iter() {
        // Bare annotations written before this name in the class body.
        while let Some((a, _)) = pending.peek() {
            if dict.contains_key(a) {
                if a == k {
                    pending.next();
                }
                break;
            }
            out.push(member(a, None));
            pending.next();
        }
        out.push(member(k, Some(v.clone())));
    }
    for (a, _) in pending {
        if !dict.contains_key(a) {
            out.push(member(a, None));
        }
    }
    out
}

/// The class's own members, then those of its mixins and abstract bases (columns are
/// copied per model, as declarative does).
fn members(class: &Rc<Class>) -> Vec<Member> {
    let mut out = body_members(class, false);
    for base in class.mro.iter() {
        if base.hooks.is_some() && base.bases.is_empty() || base.builtin.is_some() {
            continue;
        }
        for m in body_members(base, true) {
            if out.iter().any(|o| o.name == m.name) {
                continue;
            }
            let value = match m.value.as_ref().and_then(|v| v.downcast::<ColumnObj>()) {
                Some(c) => Some(Value::native(ColumnObj(Rc::new(c.0.copy())))),
                None => m.value,
            };
            out.push(Member { value, ..m });
        }
    }
    out
}

/// SQLAlchemy's refusal of a plain `relationship()` on a mixin.
fn relationship_on_mixin(spec: &RelSpec) -> PyErr {
    let e = PyErr::new(
        Exc::InvalidRequestError,
        "Mapper properties (i.e. deferred,column_property(), relationship(), etc.) must be declared as @declared_attr callables on declarative mixin classes.  For dataclass field() objects, use a lambda:",
    );
    at_declaration(e, spec)
}

/// An error about a `relationship(...)` points at it.
fn at_declaration(e: PyErr, spec: &RelSpec) -> PyErr {
    match (spec.span, &spec.source) {
        (Some(span), Some(source)) => e.with_span(span, source),
        _ => e,
    }
}

/// The relationship spec of a declared `relationship(...)`, completed from its annotation.
fn relationship_spec(class: &Class, m: &Member, d: &RelDecl) -> PyResult<RelSpec> {
    let mut spec = d.0.clone();
    if let Some(a) = m.annotation.as_ref().filter(|a| a.mapped) {
        if spec.argument.is_none() {
            spec.argument = a.target.clone();
        }
        if spec.uselist.is_none() && a.target.is_some() && !a.collection {
            spec.uselist = Some(false);
        }
        if let Some(l) = a.lazy {
            spec.lazy = l;
        }
    }
    if spec.argument.is_none() {
        let e = PyErr::new(
            Exc::ArgumentError,
            format!(
                "Python typing annotation is required for attribute \"{}.{}\" when primary argument(s) for \"Relationship\" construct are None or not present",
                class.name, m.name
            ),
        );
        return Err(at_declaration(e, &spec));
    }
    Ok(spec)
}

/// The column of a class member: `db.Column`/`mapped_column` (named after the attribute
/// when unnamed), or a bare `Mapped[...]` annotation.
fn member_column(vm: &mut dyn Vm, class: &Class, m: &Member) -> PyResult<Option<Rc<Column>>> {
    let col = match m.value.as_ref().and_then(|v| v.downcast::<ColumnObj>()) {
        Some(c) if c.0.table().is_some() => Rc::new(c.0.copy()),
        Some(c) => c.0.clone(),
        None if m.value.is_none() => match m.annotation.as_ref().filter(|a| a.mapped) {
            Some(_) => Rc::new(Column::new(class.span, true)),
            None => return Ok(None),
        },
        None => return Ok(None),
    };
    if let Some(a) = m.annotation.as_ref().filter(|a| a.mapped) {
        let untyped = col.sql_type().is_none() && col.foreign_keys.borrow().is_empty();
        if untyped && a.column_type.is_none() {
            return Err(no_core_type(vm, &m.name, a));
        }
    }
    apply_annotation(&col, m.annotation.as_ref());
    if col.name().is_none() {
        *col.name.borrow_mut() = Some(m.name.clone());
    }
    Ok(Some(col))
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
        let tablename = match class.lookup("__tablename__") {
            Some(Value::Str(s)) => s.to_string(),
            Some(Value::None) | None => snake_case(&class.name),
            Some(other) => vm.str(&other)?,
        };
        if ctx.metadata.borrow().table(&tablename).is_some() {
            return Err(PyErr::new(
                Exc::InvalidRequestError,
                format!("Table '{tablename}' is already defined for this MetaData instance.  Specify 'extend_existing=True' to redefine options and columns on an existing Table object."),
            ));
        }
        let table = Rc::new(Table::new(&tablename, class.span));
        let mut columns: Vec<(Rc<str>, Rc<Column>)> = Vec::new();
        let mut rels: Vec<(Rc<str>, RelSpec)> = Vec::new();
        for m in members(class) {
            if let Some(d) = m.value.as_ref().and_then(|v| v.downcast::<RelDecl>()) {
                if m.inherited {
                    return Err(relationship_on_mixin(&d.0));
                }
                rels.push((m.name.clone(), relationship_spec(class, &m, d)?));
            } else if let Some(col) = member_column(vm, class, &m)? {
                columns.push((m.name.clone(), col));
            }
        }
        for (_, col) in &columns {
            table.add_column(col.clone());
        }
        super::tableargs::apply(vm, class, &table)?;
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
        self.install_attributes(class, &mapper, &tablename);
        let mut meta = ctx.metadata.borrow_mut();
        meta.tables.push(table);
        meta.resolve_foreign_key_types();
        drop(meta);
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

impl ModelHooks {
    /// The mapped attributes become descriptors on the class (`Role.name`, `Role.users`),
    /// with `__tablename__` and `__table__`.
    fn install_attributes(&self, class: &Rc<Class>, mapper: &Rc<Mapper>, tablename: &str) {
        let mut dict = class.dict.borrow_mut();
        for (key, col) in &mapper.columns {
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
        dict.insert("__tablename__".into(), Value::str(tablename));
        dict.insert(
            "__table__".into(),
            Value::native(TableObj(mapper.table.clone())),
        );
    }
}
