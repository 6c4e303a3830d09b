//! The ORM: Flask-SQLAlchemy's and SQLAlchemy's objects as Python values — the `db`
//! extension, declarative models, mappers and relationships, the session with its identity
//! map and unit of work, `Query` and `select()`, results and pagination — running on the
//! `db` layer. Knows nothing of Python syntax.

pub mod attrs;
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
pub mod events;
pub mod export;
pub mod exprobj;
pub mod ext;
pub mod flush;
pub mod load;
pub mod mapper;
pub mod modules;
pub mod pagination;
pub mod query;
pub mod result;
pub mod session;
pub mod sessionobj;
pub mod sql;
pub mod state;
pub mod table;
pub mod types;

pub use ctx::OrmCtx;
pub use ext::SqlaExt;
