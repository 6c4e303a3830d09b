//! The storage of lists and tuples. They release their items through the trashcan
//! (`trash::dispose`) so that dropping a deeply nested structure cannot overflow the stack.

use super::trash;
use super::value::Value;
use std::cell::RefCell;
use std::ops::Deref;

/// A list's items (shared and mutable, as Python lists are).
#[derive(Default)]
pub struct PyList(RefCell<Vec<Value>>);

impl PyList {
    pub fn new(items: Vec<Value>) -> PyList {
        PyList(RefCell::new(items))
    }
}

impl Deref for PyList {
    type Target = RefCell<Vec<Value>>;
    fn deref(&self) -> &RefCell<Vec<Value>> {
        &self.0
    }
}

impl Drop for PyList {
    fn drop(&mut self) {
        trash::dispose(std::mem::take(self.0.get_mut()));
    }
}

/// A tuple's items.
pub struct PyTuple(Vec<Value>);

impl PyTuple {
    pub fn new(items: Vec<Value>) -> PyTuple {
        PyTuple(items)
    }
}

impl Deref for PyTuple {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        &self.0
    }
}

impl Drop for PyTuple {
    fn drop(&mut self) {
        trash::dispose(std::mem::take(&mut self.0));
    }
}
