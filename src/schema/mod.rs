//! The model compiler's output and rules: `Schema` (tables, columns, types, keys,
//! relationships and backrefs) as plain data, Flask-SQLAlchemy's naming rules, and
//! SQLAlchemy's configuration errors. Knows nothing of GlueSQL or the UI.

pub mod joins;
pub mod model;
pub mod naming;

pub use model::*;
