//! `range(start, stop, step)`: length, indexing and slicing, containment and equality
//! without materialising its items.

use super::iter::{live, Iter};
use crate::object::{Exc, Object, PyErr, PyResult, Value, Vm};

/// `range(start, stop, step)`.
pub(crate) struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> usize {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            (stop - start + step - 1) / step
        } else {
            (start - stop - step - 1) / (-step)
        };
        n.clamp(0, usize::MAX as i128) as usize
    }

    fn get(&self, i: usize) -> i64 {
        self.start
            .saturating_add(self.step.saturating_mul(i as i64))
    }
}

impl Object for Range {
    fn type_name(&self) -> &str {
        "range"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(if self.step == 1 {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        })
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(live(
            "range_iterator",
            Iter::Range {
                next: self.start,
                stop: self.stop,
                step: self.step,
            },
        )))
    }

    fn getitem(&self, _vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        let n = self.len();
        if let Some(s) = key.downcast::<crate::object::Slice>() {
            return Some(
                s.indices(n)
                    .map(|(start, stop, step)| {
                        let at = |i: i64| self.start.saturating_add(self.step.saturating_mul(i));
                        Value::native(Range {
                            start: at(start),
                            stop: at(stop),
                            step: self.step.saturating_mul(step),
                        })
                    })
                    .map_err(|m| PyErr::new(Exc::ValueError, m)),
            );
        }
        Some(super::ops::sequence_index(key, n, "range object").map(|i| Value::Int(self.get(i))))
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        let Value::Int(x) = item else {
            return None;
        };
        let inside = if self.step > 0 {
            *x >= self.start && *x < self.stop
        } else {
            *x <= self.start && *x > self.stop
        };
        Some(Ok(inside && (x - self.start) % self.step == 0))
    }

    fn compare(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        op: crate::python::ast::CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        use crate::python::ast::CmpOp;
        let Some(o) = other.downcast::<Range>() else {
            return Ok(None);
        };
        let (n, m) = (self.len(), o.len());
        let same = n == m && (n == 0 || (self.start == o.start && (n == 1 || self.step == o.step)));
        Ok(match op {
            CmpOp::Eq => Some(Value::Bool(same)),
            CmpOp::NotEq => Some(Value::Bool(!same)),
            _ => None,
        })
    }
}
