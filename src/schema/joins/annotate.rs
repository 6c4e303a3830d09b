//! The annotation half of SQLAlchemy's `JoinCondition`: which side of each comparison is
//! "foreign" (holds the key) and which "remote" (belongs to the target or the association
//! table), the local/remote and synchronisation pairs that follow, the checks on them, and
//! the direction they imply.

use super::{error, Binary, ColumnRef, Condition, JoinSpec, TableKey};
use crate::diag::Diagnostic;
use crate::schema::Direction;

/// A binary with SQLAlchemy's annotations on each side.
#[derive(Clone, Debug)]
pub(super) struct Annotated {
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
pub(super) fn annotate(spec: &JoinSpec, keys: &[TableKey], c: &Condition) -> Vec<Annotated> {
    let consider = spec.foreign_keys.as_deref().filter(|f| !f.is_empty());
    // Sides marked `foreign()` by the model decide alone (SQLAlchemy's
    // `_has_foreign_annotations`).
    let marked = c.binaries.iter().any(|b| b.marked_foreign.contains(&true));
    let in_secondary = |col: &ColumnRef| spec.secondary.as_deref() == Some(col.table.as_str());
    c.binaries
        .iter()
        .map(|b| {
            let foreign = match consider {
                _ if marked => b.marked_foreign,
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
pub(super) fn annotate_remote(
    spec: &JoinSpec,
    pj: &mut [Annotated],
    sj: Option<&mut Vec<Annotated>>,
) {
    if let Some(secondary) = &spec.secondary {
        for a in pj.iter_mut().chain(sj.into_iter().flatten()) {
            a.remote = a.sides().map(|c| c.table == *secondary);
        }
        return;
    }
    if pj.iter().any(|a| a.binary.marked_remote.contains(&true)) {
        for a in pj.iter_mut() {
            a.remote = a.binary.marked_remote;
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

/// Marks the local side of the primary join: parent-table columns not marked remote.
pub(super) fn annotate_local(spec: &JoinSpec, pj: &mut [Annotated]) {
    for a in pj.iter_mut() {
        let in_parent = a.sides().map(|c| c.table == spec.parent);
        a.local = [!a.remote[0] && in_parent[0], !a.remote[1] && in_parent[1]];
    }
}

/// Column pairs: `(left, right)` of one kind.
pub(super) type Pairs = Vec<(ColumnRef, ColumnRef)>;

/// `(local, remote)` pairs and `(referenced, foreign)` synchronisation pairs.
pub(super) fn setup_pairs(join: &[Annotated]) -> (Pairs, Pairs) {
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

pub(super) fn check_foreign_cols(
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

pub(super) fn determine_direction(
    spec: &JoinSpec,
    pj: &[Annotated],
) -> Result<Direction, Diagnostic> {
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
