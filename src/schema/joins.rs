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

/// A binary with SQLAlchemy's annotations on each side.
#[derive(Clone, Debug)]
struct Annotated {
    binary: Binary,
    foreign: [bool; 2],
    remote: [bool; 2],
    local: [bool; 2],
}

impl Annotated {
    fn sides(&self) -> [&ColumnRef; 2] {
        [&self.binary.left, &self.binary.right]
    }
}

fn error(exception: &str, message: String) -> Diagnostic {
    Diagnostic::new(format!("sqlalchemy.exc.{exception}"), message)
}

/// Resolves the join of one relationship against the foreign keys of the metadata.
pub fn resolve_join(spec: &JoinSpec, keys: &[TableKey]) -> Result<ResolvedJoin, Diagnostic> {
    let (primaryjoin, secondaryjoin) = determine_joins(spec, keys)?;
    let mut pj = annotate(spec, keys, &primaryjoin);
    let mut sj = secondaryjoin.as_ref().map(|c| annotate(spec, keys, c));
    annotate_remote(spec, &mut pj, sj.as_mut());
    for a in pj.iter_mut() {
        let in_parent = a.sides().map(|c| c.table == spec.parent);
        a.local = [!a.remote[0] && in_parent[0], !a.remote[1] && in_parent[1]];
    }
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

/// Whether `a` has a foreign key to exactly `b`.
fn references(keys: &[TableKey], a: &ColumnRef, b: &ColumnRef) -> bool {
    keys.iter()
        .filter(|k| k.table == a.table && k.key.ref_table == b.table)
        .any(|k| {
            k.key
                .columns
                .iter()
                .zip(&k.key.ref_columns)
                .any(|(c, r)| *c == a.column && *r == b.column)
        })
}

/// Marks the foreign side of each comparison: the `foreign_keys=` columns, else the
/// column holding a foreign key to the other, else the association table's column.
fn annotate(spec: &JoinSpec, keys: &[TableKey], c: &Condition) -> Vec<Annotated> {
    let consider = spec.foreign_keys.as_deref().filter(|f| !f.is_empty());
    let in_secondary = |col: &ColumnRef| spec.secondary.as_deref() == Some(col.table.as_str());
    c.binaries
        .iter()
        .map(|b| {
            let foreign = match consider {
                Some(fks) => [fks.contains(&b.left), fks.contains(&b.right)],
                None if references(keys, &b.left, &b.right) => [true, false],
                None if references(keys, &b.right, &b.left) => [false, true],
                None if in_secondary(&b.left) && !in_secondary(&b.right) => [true, false],
                None if in_secondary(&b.right) && !in_secondary(&b.left) => [false, true],
                None => [false, false],
            };
            Annotated {
                binary: b.clone(),
                foreign,
                remote: [false, false],
                local: [false, false],
            }
        })
        .collect()
}

/// Marks the remote side: the association table's columns; else `remote_side=`; else, for
/// a self-referential join, the foreign columns; else the target table's columns.
fn annotate_remote(spec: &JoinSpec, pj: &mut [Annotated], sj: Option<&mut Vec<Annotated>>) {
    if let Some(secondary) = &spec.secondary {
        for a in pj.iter_mut().chain(sj.into_iter().flatten()) {
            a.remote = a.sides().map(|c| c.table == *secondary);
        }
        return;
    }
    let self_referential = spec.parent == spec.target
        && pj
            .iter()
            .any(|a| a.sides().iter().all(|c| c.table == spec.parent));
    for a in pj.iter_mut() {
        let equated = a.binary.left == a.binary.right;
        a.remote = if !spec.remote_side.is_empty() {
            let remote = a.sides().map(|c| spec.remote_side.contains(c));
            [remote[0], remote[1] && !(self_referential && equated)]
        } else if self_referential {
            [a.foreign[0], a.foreign[1] && !equated]
        } else {
            a.sides()
                .map(|c| c.table == spec.target && c.table != spec.parent)
        };
    }
}

/// `(local, remote)` pairs and `(referenced, foreign)` synchronisation pairs.
type Pairs = Vec<(ColumnRef, ColumnRef)>;

fn setup_pairs(join: &[Annotated]) -> (Pairs, Pairs) {
    let mut local_remote: Pairs = Vec::new();
    let mut sync = Vec::new();
    for a in join {
        let (l, r) = (&a.binary.left, &a.binary.right);
        let pair = match a.remote {
            [false, true] => Some((l.clone(), r.clone())),
            [true, false] => Some((r.clone(), l.clone())),
            _ => None,
        };
        if let Some(p) = pair.filter(|p| !local_remote.contains(p)) {
            local_remote.push(p);
        }
        if a.binary.equality {
            if a.foreign[1] {
                sync.push((l.clone(), r.clone()));
            } else if a.foreign[0] {
                sync.push((r.clone(), l.clone()));
            }
        }
    }
    (local_remote, sync)
}

fn check_foreign_cols(
    spec: &JoinSpec,
    join: &[Annotated],
    sync: &Pairs,
    text: &str,
    primary: bool,
) -> Result<(), Diagnostic> {
    let has_foreign = join.iter().any(|a| a.foreign.contains(&true));
    let can_sync = !sync.is_empty();
    let support_sync = !spec.viewonly;
    if (support_sync && can_sync) || (!support_sync && has_foreign) {
        return Ok(());
    }
    let which = if primary { "primary" } else { "secondary" };
    let rel = &spec.relationship;
    let message = if support_sync && has_foreign {
        format!("Could not locate any simple equality expressions involving locally mapped foreign key columns for {which} join condition '{text}' on relationship {rel}.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or are annotated in the join condition with the foreign() annotation. To allow comparison operators other than '==', the relationship can be marked as viewonly=True.")
    } else {
        format!("Could not locate any relevant foreign key columns for {which} join condition '{text}' on relationship {rel}.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or are annotated in the join condition with the foreign() annotation.")
    };
    Err(error("ArgumentError", message))
}

fn determine_direction(spec: &JoinSpec, pj: &[Annotated]) -> Result<Direction, Diagnostic> {
    if spec.secondary.is_some() {
        return Ok(Direction::ManyToMany);
    }
    let foreign: Vec<(&ColumnRef, bool)> = pj
        .iter()
        .flat_map(|a| {
            let sides = a.sides();
            (0..2)
                .filter(|&i| a.foreign[i])
                .map(move |i| (sides[i], a.remote[i]))
        })
        .collect();
    let one_to_many_fk = foreign.iter().any(|(c, _)| c.table == spec.target);
    let many_to_one_fk = foreign.iter().any(|(c, _)| c.table == spec.parent);
    let rel = &spec.relationship;
    match (one_to_many_fk, many_to_one_fk) {
        (true, true) => {
            let mut one_to_many: Vec<&ColumnRef> = foreign
                .iter()
                .filter(|(_, remote)| *remote)
                .map(|(c, _)| *c)
                .collect();
            let mut many_to_one: Vec<&ColumnRef> = foreign
                .iter()
                .filter(|(_, remote)| !*remote)
                .map(|(c, _)| *c)
                .collect();
            if !one_to_many.is_empty() && !many_to_one.is_empty() {
                // Columns both remote and local (`Me.version == Me.version`) say nothing.
                let marked = |c: &ColumnRef, flags: fn(&Annotated) -> [bool; 2]| {
                    pj.iter()
                        .any(|a| a.sides().iter().zip(flags(a)).any(|(s, f)| f && *s == c))
                };
                let self_equated =
                    |c: &&ColumnRef| marked(c, |a| a.remote) && marked(c, |a| a.local);
                one_to_many.retain(|c| !self_equated(c));
                many_to_one.retain(|c| !self_equated(c));
            }
            match (one_to_many.is_empty(), many_to_one.is_empty()) {
                (false, true) => Ok(Direction::OneToMany),
                (true, false) => Ok(Direction::ManyToOne),
                _ => Err(error("ArgumentError", format!(
                    "Can't determine relationship direction for relationship '{rel}' - foreign key columns within the join condition are present in both the parent and the child's mapped tables.  Ensure that only those columns referring to a parent column are marked as foreign, either via the foreign() annotation or via the foreign_keys argument."
                ))),
            }
        }
        (true, false) => Ok(Direction::OneToMany),
        (false, true) => Ok(Direction::ManyToOne),
        (false, false) => Err(error("ArgumentError", format!(
            "Can't determine relationship direction for relationship '{rel}' - foreign key columns are present in neither the parent nor the child's mapped tables"
        ))),
    }
}

/// `RelationshipDirection.X` as SQLAlchemy's repr shows it in messages.
pub fn direction_repr(d: Direction) -> &'static str {
    match d {
        Direction::OneToMany => "<RelationshipDirection.ONETOMANY: 1>",
        Direction::ManyToOne => "<RelationshipDirection.MANYTOONE: 2>",
        Direction::ManyToMany => "<RelationshipDirection.MANYTOMANY: 3>",
    }
}

#[cfg(test)]
mod tests;
