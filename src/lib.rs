//! orm-playground: Flask-SQLAlchemy models, an ER diagram and a Python-like console, running
//! on GlueSQL in the browser. See README.md (Architecture) for the layers and their rules.

pub mod clock;
pub mod db;
pub mod diag;
pub mod diagram;
pub mod interp;
pub mod object;
pub mod orm;
pub mod playground;
pub mod python;
pub mod schema;
