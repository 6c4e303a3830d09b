//! `datetime.timezone`: fixed UTC offsets (`timezone.utc`, `timezone(timedelta(hours=2))`),
//! their reprs, names and the class object that builds them.

use super::delta_repr;
use crate::object::{Args, Exc, Object, PyErr, PyResult, PyTimeDelta, Value, Vm};

/// The `timezone` class: `timezone.utc`, `timezone(timedelta(hours=2))`.
pub(crate) struct TimeZoneClass;

impl Object for TimeZoneClass {
    fn type_name(&self) -> &str {
        "type"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<class 'datetime.timezone'>".into())
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "utc" => Some(Value::native(TimeZone { offset: 0 })),
            "__name__" => Some(Value::str("timezone")),
            _ => None,
        })
    }

    fn call(&self, _vm: &mut dyn Vm, _this: &Value, args: Args) -> PyResult<Value> {
        match args.pos.first() {
            Some(Value::TimeDelta(d)) => {
                let micros = d.total_micros();
                if micros.abs() >= 86_400_000_000 {
                    return Err(PyErr::new(
                        Exc::ValueError,
                        "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
                    ));
                }
                Ok(Value::native(TimeZone {
                    offset: (micros / 1_000_000) as i32,
                }))
            }
            Some(other) => Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "timezone() argument 1 must be datetime.timedelta, not {}",
                    other.type_name()
                ),
            )),
            None => Err(PyErr::new(
                Exc::TypeError,
                "timezone() missing required argument 'offset' (pos 1)",
            )),
        }
    }
}

/// `datetime.timezone` values (only fixed offsets; `timezone.utc`).
pub(crate) struct TimeZone {
    pub offset: i32,
}

impl TimeZone {
    pub(crate) fn name(&self) -> String {
        if self.offset == 0 {
            "UTC".into()
        } else {
            format!("UTC{}", tz_suffix(self.offset))
        }
    }
}

impl Object for TimeZone {
    fn type_name(&self) -> &str {
        "timezone"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(tz_repr(self.offset))
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(self.name())
    }

    fn hash_key(&self) -> Option<crate::object::HashKey> {
        Some(crate::object::HashKey::Int(self.offset as i64))
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
        let same = other
            .downcast::<TimeZone>()
            .map(|t| t.offset == self.offset);
        Ok(match (op, same) {
            (CmpOp::Eq, s) => Some(Value::Bool(s == Some(true))),
            (CmpOp::NotEq, s) => Some(Value::Bool(s != Some(true))),
            _ => None,
        })
    }
}

pub(crate) fn tz_repr(offset: i32) -> String {
    if offset == 0 {
        "datetime.timezone.utc".into()
    } else {
        format!(
            "datetime.timezone({})",
            delta_repr(&PyTimeDelta::from_micros(offset as i128 * 1_000_000))
        )
    }
}

/// `+02:00`.
pub(crate) fn tz_suffix(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}
