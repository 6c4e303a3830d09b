//! Unit tests of the interpreter.
