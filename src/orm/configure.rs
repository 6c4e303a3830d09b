//! Mapper configuration, done on first use as SQLAlchemy does it: each relationship's
//! string arguments are resolved, its target located, its join worked out by the schema
//! layer's rules (`schema::joins`), its backref created or its `back_populates` paired —
//! raising SQLAlchemy's errors (pointing at the `relationship(...)` in the models text),
//! and `InvalidRequestError` on every later use after a failure.

use super::attrs::RelAttr;
use super::ctx::{mapper_of, OrmCtx};
use super::decl::TableObj;
use super::mapper::{Mapper, RelProp, Resolved};
use super::resolve::{
    column_list, column_ref, condition, condition_text, order_by_list, resolve_value,
    secondary_table, Lookup,
};
use super::table::Column;
use crate::object::{Exc, PyErr, PyResult, Value, Vm};
use crate::schema::joins::{resolve_join, ColumnRef, JoinSpec, ResolvedJoin, TableKey};
use crate::schema::Direction;
use std::cell::RefCell;
use std::rc::Rc;

/// Configures all mappers if needed (a no-op once configured; re-raises a past failure).
pub fn configure(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> PyResult<()> {
    {
        let mut reg = ctx.registry.borrow_mut();
        if let Some((trigger, err)) = &reg.failure {
            return Err(PyErr::new(
                Exc::InvalidRequestError,
                format!(
                    "One or more mappers failed to initialize - can't proceed with initialization of other mappers. Triggering mapper: '{trigger}'. Original exception was: {}",
                    err.message()
                ),
            ));
        }
        if reg.configured {
            return Ok(());
        }
        if let Some((trigger, err)) = reg.early_failure.take() {
            reg.failure = Some((trigger, err.clone()));
            return Err(err);
        }
    }
    if let Err((trigger, e)) = configure_all(vm, ctx) {
        ctx.registry.borrow_mut().failure = Some((trigger, e.clone()));
        return Err(e);
    }
    install_backrefs(ctx);
    ctx.registry.borrow_mut().configured = true;
    Ok(())
}

/// Resolves every relationship (targets, join conditions, backref ends) without making
/// backrefs visible as class attributes yet: the façade calls it early to draw the
/// diagram and mark errors in the editor, while the console still sees SQLAlchemy's
/// first-use behaviour (the first use raises this same error). On failure, returns the
/// mapper being configured and the error.
pub fn resolve_all(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> Result<(), (String, PyErr)> {
    let result = configure_all(vm, ctx);
    if let Err(failure) = &result {
        ctx.registry.borrow_mut().early_failure = Some(failure.clone());
    }
    result
}

/// Configures every relationship not configured yet, mapper by mapper in definition
/// order (backrefs are configured with the mapper they land on, or at once if it is done).
fn configure_all(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> Result<(), (String, PyErr)> {
    let mappers = ctx.registry.borrow().mappers.clone();
    // Each pass configures at least one relationship or stops: bounded by their number.
    for _ in 0..=mappers.len() {
        let mut progressed = false;
        for mapper in &mappers {
            let mut i = 0;
            loop {
                let next = mapper.relationships.borrow().get(i).cloned();
                let Some(prop) = next else { break };
                i += 1;
                if prop.resolved().is_some() {
                    continue;
                }
                progressed = true;
                configure_relationship(vm, ctx, mapper, &prop)
                    .map_err(|e| (mapper.describe(), at_relationship(e, &prop)))?;
            }
        }
        if !progressed {
            break;
        }
    }
    link_reverse_ends(&mappers);
    Ok(())
}

/// A configuration error points at the `relationship(...)` it is about (even when it was
/// raised while evaluating one of its string arguments).
fn at_relationship(mut e: PyErr, prop: &RelProp) -> PyErr {
    if let (Some(span), Some(source)) = (prop.spec.span, &prop.spec.source) {
        let inner = e.inner_mut();
        inner.span = Some(span);
        inner.source = Some(source.clone());
        inner.traceback.clear();
    }
    e
}

/// A `back_populates` declared on one side only still links both ends.
fn link_reverse_ends(mappers: &[Rc<Mapper>]) {
    for mapper in mappers {
        for prop in mapper.relationships.borrow().iter() {
            let Some(other) = prop.reverse() else {
                continue;
            };
            if let Some(or) = other.resolved() {
                let mut back = or.reverse.borrow_mut();
                if back.is_none() {
                    *back = Some(Rc::downgrade(prop));
                }
            }
        }
    }
}

/// Backref ends become class attributes (`Role.users` exists from now on).
fn install_backrefs(ctx: &Rc<OrmCtx>) {
    let mappers = ctx.registry.borrow().mappers.clone();
    for mapper in mappers {
        let Some(class) = mapper.class() else {
            continue;
        };
        for prop in mapper
            .relationships
            .borrow()
            .iter()
            .filter(|p| p.is_backref)
        {
            class.dict.borrow_mut().insert(
                prop.key.clone(),
                Value::native(RelAttr {
                    ctx: Rc::downgrade(ctx),
                    prop: prop.clone(),
                    alias: None,
                    target_alias: None,
                }),
            );
        }
    }
}

/// SQLAlchemy's wording for a value that is not a mapped class.
fn received(vm: &mut dyn Vm, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::Class(c) => format!("<class '{}.{}'>", c.module, c.name),
        other if other.downcast::<TableObj>().is_some() => {
            "<class 'flask_sqlalchemy.extension.SQLAlchemy._make_table_class.<locals>.Table'>"
                .into()
        }
        Value::None => "<class 'NoneType'>".into(),
        other => {
            let _ = vm;
            format!("<class '{}'>", other.type_name())
        }
    })
}

/// The mapper a relationship points at (`relationship('Role')`, `relationship(Role)`).
pub fn target_mapper(
    vm: &mut dyn Vm,
    ctx: &OrmCtx,
    mapper: &Mapper,
    prop: &RelProp,
) -> PyResult<Rc<Mapper>> {
    let arg = prop.spec.argument.clone().unwrap_or(Value::None);
    let v = resolve_value(vm, ctx, mapper, &arg, Lookup::Name)?;
    if let Value::Class(c) = &v {
        if let Some(m) = mapper_of(c) {
            return Ok(m);
        }
    }
    let r = received(vm, &v)?;
    Err(PyErr::new(
        Exc::ArgumentError,
        format!(
            "relationship '{}' expects a class or a mapper argument (received: {r})",
            prop.key
        ),
    ))
}

fn refs(columns: &[Rc<Column>]) -> Vec<ColumnRef> {
    columns.iter().filter_map(|c| column_ref(c)).collect()
}

/// Every foreign-key constraint of the metadata, for the join rules.
fn table_keys(ctx: &OrmCtx) -> Vec<TableKey> {
    let meta = ctx.metadata.borrow();
    let mut keys = Vec::new();
    for t in meta.tables.iter() {
        for key in super::export::foreign_keys_of(t) {
            keys.push(TableKey {
                table: t.name.to_string(),
                key,
            });
        }
    }
    keys
}

type ColumnPairs = Vec<(Rc<Column>, Rc<Column>)>;

/// The live columns of the rules' answer.
fn live_pairs(ctx: &OrmCtx, pairs: &[(ColumnRef, ColumnRef)]) -> PyResult<ColumnPairs> {
    let meta = ctx.metadata.borrow();
    let find = |r: &ColumnRef| {
        meta.resolve(&r.table, &r.column).ok_or_else(|| {
            PyErr::new(
                Exc::NoReferencedColumnError,
                format!("Could not initialize target column for ForeignKey '{r}'"),
            )
        })
    };
    pairs
        .iter()
        .map(|(a, b)| Ok((find(a)?, find(b)?)))
        .collect()
}

fn configure_relationship(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    mapper: &Rc<Mapper>,
    prop: &Rc<RelProp>,
) -> PyResult<()> {
    let spec = &prop.spec;
    let rel = prop.qualified();
    // The dependent arguments, in SQLAlchemy's order, then the target.
    let order_by = order_by_list(vm, ctx, mapper, &spec.order_by)?;
    let mut extra = Vec::new();
    let mut join_condition = |v: &Option<Value>, name: &str| -> PyResult<_> {
        let Some(v) = v else { return Ok(None) };
        let (c, more) = condition(vm, ctx, mapper, v, name)?;
        extra.extend(more);
        Ok(Some(c))
    };
    let mut primaryjoin = join_condition(&spec.primaryjoin, "primaryjoin")?;
    let mut secondaryjoin = join_condition(&spec.secondaryjoin, "secondaryjoin")?;
    let secondary = secondary_table(vm, ctx, mapper, &spec.secondary, &rel)?;
    let mut foreign_keys = column_list(vm, ctx, mapper, &spec.foreign_keys)?.map(|c| refs(&c));
    let remote_side = column_list(vm, ctx, mapper, &spec.remote_side)?.unwrap_or_default();
    let target = target_mapper(vm, ctx, mapper, prop)?;
    if let Some(inherited) = &spec.inherited {
        primaryjoin = primaryjoin.or_else(|| Some(inherited.primaryjoin.clone()));
        if secondary.is_some() {
            secondaryjoin = secondaryjoin.or_else(|| inherited.secondaryjoin.clone());
        }
        foreign_keys = foreign_keys.or_else(|| inherited.foreign_keys.clone());
        extra.extend(inherited.extra.iter().cloned());
    }
    let join_spec = JoinSpec {
        relationship: rel.clone(),
        parent: mapper.table.name.to_string(),
        target: target.table.name.to_string(),
        secondary: secondary.as_ref().map(|t| t.name.to_string()),
        primaryjoin,
        secondaryjoin,
        foreign_keys: foreign_keys.clone(),
        remote_side: refs(&remote_side),
        viewonly: spec.viewonly,
    };
    let mut join: ResolvedJoin = resolve_join(&join_spec, &table_keys(ctx)).map_err(PyErr::from)?;
    if join_spec.primaryjoin.is_none() {
        join.primaryjoin.text = condition_text(ctx, &join.primaryjoin);
    }
    if let (None, Some(sj)) = (&join_spec.secondaryjoin, join.secondaryjoin.as_mut()) {
        sj.text = condition_text(ctx, sj);
    }
    check_cascade(prop, &target, join.direction)?;
    let uselist = spec
        .uselist
        .unwrap_or(join.direction != Direction::ManyToOne);
    *prop.resolved.borrow_mut() = Some(Rc::new(Resolved {
        target: target.clone(),
        direction: join.direction,
        uselist,
        secondary: secondary.clone(),
        pairs: live_pairs(ctx, &join.pairs)?,
        secondary_pairs: live_pairs(ctx, &join.secondary_pairs)?,
        extra: extra.clone(),
        order_by,
        primaryjoin: join.primaryjoin.clone(),
        secondaryjoin: join.secondaryjoin.clone(),
        reverse: RefCell::new(None),
    }));
    super::backref::generate(vm, ctx, mapper, prop, &target, &join, extra, foreign_keys)?;
    if let Some(lazy) = &spec.bad_lazy {
        return Err(PyErr::new(
            Exc::LoaderStrategyException,
            format!("Can't find strategy (('lazy', {lazy}),) for {rel}"),
        ));
    }
    Ok(())
}

/// `delete-orphan` belongs on the "one" side unless `single_parent=True`.
fn check_cascade(prop: &RelProp, target: &Mapper, direction: Direction) -> PyResult<()> {
    if !prop.spec.cascade.delete_orphan
        || prop.spec.single_parent
        || direction == Direction::OneToMany
    {
        return Ok(());
    }
    let rel = prop.qualified();
    let kind = match direction {
        Direction::ManyToOne => "many-to-one",
        _ => "many-to-many",
    };
    let class = prop
        .parent()
        .map(|m| m.class_name.to_string())
        .unwrap_or_default();
    Err(PyErr::new(
        Exc::ArgumentError,
        format!(
            "For {kind} relationship {rel}, delete-orphan cascade is normally configured only on the \"one\" side of a one-to-many relationship, and not on the \"many\" side of a many-to-one or many-to-many relationship.  To force this relationship to allow a particular \"{}\" object to be referenced by only a single \"{class}\" object at a time via the {rel} relationship, which would allow delete-orphan cascade to take place in this direction, set the single_parent=True flag.",
            target.class_name
        ),
    ))
}
