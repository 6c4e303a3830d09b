//! How a relationship joins its tables, worked out the way SQLAlchemy's `JoinCondition`
//! does it: the join condition (given as `primaryjoin`/`secondaryjoin`, or found from the
//! foreign-key constraints linking the tables), which columns are "foreign" and which
//! "remote", the local/remote column pairs, and the direction — or the configuration error
//! SQLAlchemy raises (`NoForeignKeysError`, `AmbiguousForeignKeysError`, `ArgumentError`),
//! worded as it words it.
//!
//! Pure rules over table and column names: the ORM turns its live columns into
//! `ColumnRef`s, asks here, and maps the answer back.

use super::{Direction, ForeignKey};
use crate::diag::Diagnostic;
use annotate::{
    annotate, annotate_local, annotate_remote, check_foreign_cols, determine_direction,
    setup_pairs, Pairs,
};

mod annotate;
pub use annotate::direction_repr;

/// A column named by its table: `users.role_id`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ColumnRef {
    pub table: String,
    pub column: String,
}

impl ColumnRef {
    pub fn new(table: &str, column: &str) -> ColumnRef {
        ColumnRef {
            table: table.to_string(),
            column: column.to_string(),
        }
    }
}

impl std::fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.table, self.column)
    }
}

/// One comparison of two columns in a join condition (`users.role_id = roles.id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binary {
    pub left: ColumnRef,
    pub right: ColumnRef,
    /// `==` (only equalities can synchronise a foreign key).
    pub equality: bool,
    /// Sides the model marked `foreign(...)` / `remote(...)` itself.
    pub marked_foreign: [bool; 2],
    pub marked_remote: [bool; 2],
}

/// A join condition as given by the model: its column comparisons and its SQL text
/// (`'a.id = b.a_id'`, quoted in messages).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition {
    pub binaries: Vec<Binary>,
    pub text: String,
}

/// Everything `relationship(...)` says about joining, with names resolved.
#[derive(Clone, Debug, Default)]
pub struct JoinSpec {
    /// `Role.users`, as messages name the relationship.
    pub relationship: String,
    pub parent: String,
    pub target: String,
    pub secondary: Option<String>,
    pub primaryjoin: Option<Condition>,
    pub secondaryjoin: Option<Condition>,
    /// `foreign_keys=` (`None` when not given).
    pub foreign_keys: Option<Vec<ColumnRef>>,
    pub remote_side: Vec<ColumnRef>,
    pub viewonly: bool,
}

/// A foreign-key constraint of one table (a `ForeignKey` or a `ForeignKeyConstraint`).
#[derive(Clone, Debug)]
pub struct TableKey {
    pub table: String,
    pub key: ForeignKey,
}

/// What the rules decided.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedJoin {
    pub direction: Direction,
    /// `(local, remote)` column pairs of the primary join: for a many-to-many the remote
    /// side is the association table.
    pub pairs: Vec<(ColumnRef, ColumnRef)>,
    /// For a many-to-many, `(target column, association column)` pairs.
    pub secondary_pairs: Vec<(ColumnRef, ColumnRef)>,
    /// The conditions used (found from foreign keys where not given), which a backref
    /// reuses.
    pub primaryjoin: Condition,
    pub secondaryjoin: Option<Condition>,
}

pub(super) fn error(exception: &str, message: String) -> Diagnostic {
    Diagnostic::new(format!("sqlalchemy.exc.{exception}"), message)
}

/// Resolves the join of one relationship against the foreign keys of the metadata.
pub fn resolve_join(spec: &JoinSpec, keys: &[TableKey]) -> Result<ResolvedJoin, Diagnostic> {
    let (primaryjoin, secondaryjoin) = determine_joins(spec, keys)?;
    let mut pj = annotate(spec, keys, &primaryjoin);
    let mut sj = secondaryjoin.as_ref().map(|c| annotate(spec, keys, c));
    annotate_remote(spec, &mut pj, sj.as_mut());
    annotate_local(spec, &mut pj);
    let (pairs, sync) = setup_pairs(&pj);
    let (secondary_pairs, secondary_sync) = sj.as_deref().map(setup_pairs).unwrap_or_default();
    check_foreign_cols(spec, &pj, &sync, &primaryjoin.text, true)?;
    if let (Some(sj), Some(c)) = (&sj, &secondaryjoin) {
        check_foreign_cols(spec, sj, &secondary_sync, &c.text, false)?;
    }
    let direction = determine_direction(spec, &pj)?;
    if pairs.is_empty() {
        return Err(error(
            "ArgumentError",
            format!(
                "Relationship {} could not determine any unambiguous local/remote column pairs based on join condition and remote_side arguments.  Consider using the remote() annotation to accurately mark those elements of the join condition that are on the remote side of the relationship.",
                spec.relationship
            ),
        ));
    }
    Ok(ResolvedJoin {
        direction,
        pairs,
        secondary_pairs,
        primaryjoin,
        secondaryjoin,
    })
}

/// The conditions, given or found from foreign keys (secondary join first, as SQLAlchemy).
fn determine_joins(
    spec: &JoinSpec,
    keys: &[TableKey],
) -> Result<(Condition, Option<Condition>), Diagnostic> {
    if spec.secondaryjoin.is_some() && spec.secondary.is_none() {
        return Err(error(
            "ArgumentError",
            format!(
                "Property {} specified with secondary join condition but no secondary argument",
                spec.relationship
            ),
        ));
    }
    let consider = spec.foreign_keys.as_deref().filter(|f| !f.is_empty());
    let found = |a: &str, b: &str| -> Result<Condition, JoinFailure> {
        let pairs = join_condition(a, b, keys, consider)?;
        Ok(condition_of(pairs))
    };
    let result = match &spec.secondary {
        Some(secondary) => {
            let sj = match &spec.secondaryjoin {
                Some(c) => Ok(c.clone()),
                None => found(&spec.target, secondary),
            };
            sj.and_then(|sj| {
                let pj = match &spec.primaryjoin {
                    Some(c) => c.clone(),
                    None => found(&spec.parent, secondary)?,
                };
                Ok((pj, Some(sj)))
            })
        }
        None => match &spec.primaryjoin {
            Some(c) => Ok((c.clone(), None)),
            None => found(&spec.parent, &spec.target).map(|pj| (pj, None)),
        },
    };
    result.map_err(|failure| join_failure(spec, failure))
}

fn condition_of(pairs: Vec<(ColumnRef, ColumnRef)>) -> Condition {
    let text = pairs
        .iter()
        .map(|(a, b)| format!("{a} = {b}"))
        .collect::<Vec<_>>()
        .join(" AND ");
    Condition {
        binaries: pairs
            .into_iter()
            .map(|(left, right)| Binary {
                left,
                right,
                equality: true,
                marked_foreign: [false; 2],
                marked_remote: [false; 2],
            })
            .collect(),
        text,
    }
}

enum JoinFailure {
    NoForeignKeys,
    Ambiguous,
}

fn join_failure(spec: &JoinSpec, failure: JoinFailure) -> Diagnostic {
    let rel = &spec.relationship;
    match (failure, &spec.secondary) {
        (JoinFailure::NoForeignKeys, None) => error("NoForeignKeysError", format!(
            "Could not determine join condition between parent/child tables on relationship {rel} - there are no foreign keys linking these tables.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or specify a 'primaryjoin' expression."
        )),
        (JoinFailure::NoForeignKeys, Some(s)) => error("NoForeignKeysError", format!(
            "Could not determine join condition between parent/child tables on relationship {rel} - there are no foreign keys linking these tables via secondary table '{s}'.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or specify 'primaryjoin' and 'secondaryjoin' expressions."
        )),
        (JoinFailure::Ambiguous, None) => error("AmbiguousForeignKeysError", format!(
            "Could not determine join condition between parent/child tables on relationship {rel} - there are multiple foreign key paths linking the tables.  Specify the 'foreign_keys' argument, providing a list of those columns which should be counted as containing a foreign key reference to the parent table."
        )),
        (JoinFailure::Ambiguous, Some(s)) => error("AmbiguousForeignKeysError", format!(
            "Could not determine join condition between parent/child tables on relationship {rel} - there are multiple foreign key paths linking the tables via secondary table '{s}'.  Specify the 'foreign_keys' argument, providing a list of those columns which should be counted as containing a foreign key reference from the secondary table to each of the parent and child tables."
        )),
    }
}

/// SQLAlchemy's `join_condition(a, b)`: the one foreign-key constraint linking the tables
/// (b's keys to a first, then a's keys to b), as `(referenced, referencing)` pairs.
fn join_condition(
    a: &str,
    b: &str,
    keys: &[TableKey],
    consider: Option<&[ColumnRef]>,
) -> Result<Vec<(ColumnRef, ColumnRef)>, JoinFailure> {
    // (all columns of the constraint, the pairs it contributes)
    let mut constraints: Vec<(Vec<ColumnRef>, Pairs)> = Vec::new();
    let mut scan = |from: &str, to: &str| {
        for k in keys
            .iter()
            .filter(|k| k.table == from && k.key.ref_table == to)
        {
            let mut crit = Vec::new();
            for (col, referenced) in k.key.columns.iter().zip(&k.key.ref_columns) {
                let col = ColumnRef::new(from, col);
                if consider.is_some_and(|c| !c.contains(&col)) {
                    continue;
                }
                crit.push((ColumnRef::new(to, referenced), col));
            }
            if !crit.is_empty() {
                let all = k.key.columns.iter().map(|c| ColumnRef::new(from, c));
                constraints.push((all.collect(), crit));
            }
        }
    };
    scan(b, a);
    if a != b {
        scan(a, b);
    }
    if constraints.len() > 1 {
        if let Some(consider) = consider {
            constraints.retain(|(cols, _)| same_set(cols, consider));
        }
        if constraints.len() > 1 && constraints.iter().all(|(_, c)| *c == constraints[0].1) {
            constraints.truncate(1);
        }
        if constraints.len() != 1 {
            return Err(JoinFailure::Ambiguous);
        }
    }
    match constraints.into_iter().next() {
        Some((_, crit)) => Ok(crit),
        None => Err(JoinFailure::NoForeignKeys),
    }
}

fn same_set(a: &[ColumnRef], b: &[ColumnRef]) -> bool {
    a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

#[cfg(test)]
mod tests;
