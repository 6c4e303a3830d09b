//! The Python subset's evaluator: statements, expressions, builtins, `repr`/`str`, echo rules,
//! exceptions and tracebacks; binds `db`, `sa`, `datetime`, ... to the ORM.
