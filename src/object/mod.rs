//! The Python object model shared by the ORM and the interpreter: values, classes and
//! instances, native objects, exceptions. Knows nothing of syntax or SQL.
