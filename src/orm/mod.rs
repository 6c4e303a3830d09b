//! The ORM: Flask-SQLAlchemy's and SQLAlchemy's objects as Python values — the `db`
//! extension, declarative models, mappers and relationships, the session with its identity
//! map and unit of work, `Query` and `select()`, results and pagination — running on the
//! `db` layer. Knows nothing of Python syntax.

pub mod attrs;
pub mod backref;
pub mod builder;
pub mod collection;
pub mod compile;
pub mod configure;
pub mod ctx;
pub mod decl;
pub mod declarative;
pub mod dml;
pub mod eager;
pub mod engine;
pub mod entity;
pub mod enums;
pub mod events;
pub mod export;
pub mod exprobj;
pub mod ext;
pub mod flush;
pub mod json;
pub mod load;
pub mod mapper;
pub mod modelbase;
pub mod modules;
pub mod pagination;
pub mod query;
pub mod reldecl;
pub mod resolve;
pub mod result;
pub mod session;
pub mod sessionobj;
pub mod sql;
pub mod state;
pub mod table;
pub mod tableargs;
pub mod tableobj;
pub mod typed;
pub mod types;

pub use ctx::OrmCtx;
pub use ext::SqlaExt;
