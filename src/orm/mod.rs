//! The ORM: session, identity map, unit of work, `Query`, `select()`, loader strategies,
//! cascades: Flask-SQLAlchemy's objects as Python values. Knows nothing of Python syntax.
