//! The examples menu: each example is a conformance case (its models.py and the inputs of
//! its session.txt), so every model and every guided step shown to a visitor is one whose
//! output real Flask-SQLAlchemy produced. The lesson's Role/User comes first and its guide
//! carries a short note per step.

use crate::playground::transcript::parse_transcript;

/// One entry of the examples menu.
pub struct Example {
    pub title: &'static str,
    pub models: &'static str,
    session: &'static str,
    /// Notes shown above some guided steps, by step index.
    notes: &'static [(usize, &'static str)],
}

/// One step of a guided session: a console input and what it teaches.
#[derive(Clone, Debug, PartialEq)]
pub struct GuideStep {
    pub input: String,
    pub note: Option<&'static str>,
}

impl Example {
    /// The guided session: the case's console inputs, in order.
    pub fn guide(&self) -> Vec<GuideStep> {
        parse_transcript(self.session)
            .into_iter()
            .enumerate()
            .map(|(i, ex)| GuideStep {
                input: ex.source,
                note: self.notes.iter().find(|(n, _)| *n == i).map(|(_, t)| *t),
            })
            .collect()
    }
}

macro_rules! case {
    ($dir:literal, models) => {
        include_str!(concat!(
            "../../tests/conformance/cases/",
            $dir,
            "/models.py"
        ))
    };
    ($dir:literal, session) => {
        include_str!(concat!(
            "../../tests/conformance/cases/",
            $dir,
            "/session.txt"
        ))
    };
}

/// Every example, in menu order.
pub const EXAMPLES: [Example; 6] = [
    Example {
        title: "Roles and users (the lesson)",
        models: case!("001-roles-users", models),
        session: case!("001-roles-users", session),
        notes: &[
            (0, "Create objects: they exist only in Python so far."),
            (6, "No id yet: nothing has been written to the database."),
            (
                8,
                "Add them to the session: still no SQL (see the SQL log).",
            ),
            (13, "commit() flushes: INSERTs run and ids are assigned."),
            (14, "Now the id comes from the database."),
            (17, "Change an attribute and commit: an UPDATE."),
            (20, "Delete a row."),
            (22, "Query: Role.query is a Query; all() runs a SELECT."),
            (24, "filter_by on a relationship compares its foreign key."),
            (
                26,
                "Loading user_role.users runs a lazy load (flagged in the SQL log).",
            ),
            (32, "Loop over a relationship, as Python does."),
        ],
    },
    Example {
        title: "Blog: users, posts, comments, tags",
        models: case!("026-blog-app", models),
        session: case!("026-blog-app", session),
        notes: &[],
    },
    Example {
        title: "Followers (self-referential many-to-many)",
        models: case!("014-followers-self-referential", models),
        session: case!("014-followers-self-referential", session),
        notes: &[],
    },
    Example {
        title: "One-to-one profile",
        models: case!("010-one-to-one-uselist", models),
        session: case!("010-one-to-one-uselist", session),
        notes: &[],
    },
    Example {
        title: "Tree (remote_side)",
        models: case!("015-tree-remote-side", models),
        session: case!("015-tree-remote-side", session),
        notes: &[],
    },
    Example {
        title: "Typed models (SQLAlchemy 2.0)",
        models: case!("021-typed-models", models),
        session: case!("021-typed-models", session),
        notes: &[],
    },
];

/// The example at `index`, or the first one.
pub fn example(index: usize) -> &'static Example {
    EXAMPLES.get(index).unwrap_or(&EXAMPLES[0])
}
