//! Column types as Python objects (`db.Integer`, `db.String(64)`) and the conversion of
//! values between Python and GlueSQL, per type, so values round-trip exactly.

use crate::object::{
    Args, Exc, Object, PyDate, PyDateTime, PyDecimal, PyErr, PyResult, PyTime, PyTimeDelta, Value,
    Vm,
};
use crate::schema::SqlType;
use gluesql::core::data::Value as SqlValue;

/// `db.String` (the class, `called == false`) or `db.String(64)` (an instance).
pub struct TypeObj {
    pub sql_type: SqlType,
    pub called: bool,
}

/// Every type name `db.X` / `sa.X` provides.
pub const TYPE_NAMES: &[&str] = &[
    "Integer",
    "SmallInteger",
    "BigInteger",
    "String",
    "Text",
    "Unicode",
    "UnicodeText",
    "Boolean",
    "Float",
    "Double",
    "Numeric",
    "Date",
    "DateTime",
    "Time",
    "Interval",
    "LargeBinary",
    "Enum",
    "JSON",
    "Uuid",
    "VARCHAR",
    "INTEGER",
    "TEXT",
    "BOOLEAN",
    "DATETIME",
    "DATE",
    "FLOAT",
];

/// The type object named `name` (uncalled), if it is one.
pub fn type_by_name(name: &str) -> Option<Value> {
    let t = match name {
        "Integer" | "INTEGER" => SqlType::Integer,
        "SmallInteger" => SqlType::SmallInteger,
        "BigInteger" => SqlType::BigInteger,
        "String" | "VARCHAR" => SqlType::String { length: None },
        "Text" | "TEXT" => SqlType::Text,
        "Unicode" => SqlType::Unicode { length: None },
        "UnicodeText" => SqlType::UnicodeText,
        "Boolean" | "BOOLEAN" => SqlType::Boolean,
        "Float" | "FLOAT" => SqlType::Float,
        "Double" => SqlType::Double,
        "Numeric" => SqlType::Numeric {
            precision: None,
            scale: None,
        },
        "Date" | "DATE" => SqlType::Date,
        "DateTime" | "DATETIME" => SqlType::DateTime { timezone: false },
        "Time" => SqlType::Time,
        "Interval" => SqlType::Interval,
        "LargeBinary" => SqlType::LargeBinary,
        "Enum" => SqlType::Enum {
            values: Vec::new(),
            name: None,
            class: None,
        },
        "JSON" => SqlType::Json,
        "Uuid" => SqlType::Uuid,
        _ => return None,
    };
    Some(Value::native(TypeObj {
        sql_type: t,
        called: false,
    }))
}

/// A type instance's repr, as SQLAlchemy prints it: `String(length=64)`, `Integer()`,
/// `Enum('draft', 'published', name='status')`.
pub fn type_repr(t: &SqlType) -> String {
    let kind = t.kind_name();
    match t {
        SqlType::String { length: Some(n) } | SqlType::Unicode { length: Some(n) } => {
            format!("{kind}(length={n})")
        }
        SqlType::Numeric {
            precision: Some(p),
            scale: Some(s),
        } => format!("Numeric(precision={p}, scale={s})"),
        SqlType::Numeric {
            precision: Some(p),
            scale: None,
        } => format!("Numeric(precision={p})"),
        SqlType::Enum { values, name, .. } => {
            let mut parts: Vec<String> = values
                .iter()
                .map(|v| crate::interp::python_str_repr(v))
                .collect();
            if let Some(n) = name {
                parts.push(format!("name={}", crate::interp::python_str_repr(n)));
            }
            format!("Enum({})", parts.join(", "))
        }
        SqlType::DateTime { timezone: true } => "DateTime(timezone=True)".into(),
        _ => format!("{kind}()"),
    }
}

/// The column type a value stands for (`db.String(64)`, `db.Integer`).
pub fn as_sql_type(v: &Value) -> Option<SqlType> {
    v.downcast::<TypeObj>().map(|t| t.sql_type.clone())
}

/// The type a `Mapped[...]` annotation implies (`int` → Integer, `str` → String, ...).
pub fn type_from_python_class(name: &str, module: &str) -> Option<SqlType> {
    Some(match (module, name) {
        ("builtins", "int") => SqlType::Integer,
        ("builtins", "str") => SqlType::String { length: None },
        ("builtins", "float") => SqlType::Double,
        ("builtins", "bool") => SqlType::Boolean,
        ("builtins", "bytes") => SqlType::LargeBinary,
        ("decimal", "Decimal") => SqlType::Numeric {
            precision: None,
            scale: None,
        },
        ("uuid", "UUID") => SqlType::Uuid,
        ("datetime", "datetime") => SqlType::DateTime { timezone: false },
        ("datetime", "date") => SqlType::Date,
        ("datetime", "time") => SqlType::Time,
        ("datetime", "timedelta") => SqlType::Interval,
        _ => return None,
    })
}

fn length_arg(args: &mut Args) -> PyResult<Option<u32>> {
    match args.take(0, "length") {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(n)) if n >= 0 => Ok(Some(n as u32)),
        Some(other) => Err(PyErr::new(
            Exc::TypeError,
            format!("length must be an int, not {}", other.type_name()),
        )),
    }
}

impl Object for TypeObj {
    fn type_name(&self) -> &str {
        if self.called {
            self.sql_type.kind_name()
        } else {
            "type"
        }
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        if !self.called {
            let kind = self.sql_type.kind_name();
            return Ok(format!("<class 'sqlalchemy.sql.sqltypes.{kind}'>"));
        }
        Ok(type_repr(&self.sql_type))
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(self.sql_type.sql_name())
    }

    fn call(&self, vm: &mut dyn Vm, _this: &Value, mut args: Args) -> PyResult<Value> {
        let sql_type = match &self.sql_type {
            SqlType::String { .. } => SqlType::String {
                length: length_arg(&mut args)?,
            },
            SqlType::Unicode { .. } => SqlType::Unicode {
                length: length_arg(&mut args)?,
            },
            SqlType::Text | SqlType::UnicodeText => {
                length_arg(&mut args)?;
                self.sql_type.clone()
            }
            SqlType::Numeric { .. } => {
                let int = |v: Option<Value>| match v {
                    Some(Value::Int(n)) if n >= 0 => Some(n as u32),
                    _ => None,
                };
                SqlType::Numeric {
                    precision: int(args.take(0, "precision")),
                    scale: int(args.take(1, "scale")),
                }
            }
            SqlType::DateTime { .. } => SqlType::DateTime {
                timezone: match args.take(0, "timezone") {
                    Some(v) => vm.truthy(&v)?,
                    None => false,
                },
            },
            SqlType::Enum { .. } => {
                let mut values = Vec::new();
                let mut name = None;
                let mut class = None;
                for v in &args.pos {
                    match v {
                        Value::Str(s) => values.push(s.to_string()),
                        Value::Class(c) if super::enums::is_enum_class(c) => {
                            if let SqlType::Enum {
                                values: names,
                                name: n,
                                class: k,
                            } = super::enums::enum_type(c)
                            {
                                values.extend(names);
                                (name, class) = (n, k);
                            }
                        }
                        other => {
                            let r = vm.repr(other)?;
                            return Err(PyErr::new(
                                Exc::TypeError,
                                format!("Enum() expects strings or an enum class, got {r}"),
                            ));
                        }
                    }
                }
                if let Some(Value::Str(n)) = args.take_kw("name") {
                    name = Some(n.to_string());
                }
                for ignored in [
                    "native_enum",
                    "create_constraint",
                    "length",
                    "validate_strings",
                    "values_callable",
                    "omit_aliases",
                ] {
                    args.take_kw(ignored);
                }
                SqlType::Enum {
                    values,
                    name,
                    class,
                }
            }
            other => other.clone(),
        };
        Ok(Value::native(TypeObj {
            sql_type,
            called: true,
        }))
    }
}

/// A Python value as the GlueSQL value stored for a column of type `t` (`None` for NULL).
/// Values are coerced as SQLite's type affinity would store them (an int in a Float column
/// is stored as a float); `position` (from 1) is the parameter's place in the statement,
/// which the driver's error names.
pub fn to_sql(v: &Value, t: Option<&SqlType>, position: usize) -> PyResult<SqlValue> {
    if let Some(d) = v.downcast::<PyDecimal>() {
        return decimal_to_sql(d, t, position);
    }
    Ok(match (v, t) {
        (v, Some(SqlType::Json)) => SqlValue::Str(super::json::dumps(v)?),
        (Value::Instance(_), _) if super::enums::member_name(v).is_some() => {
            SqlValue::Str(super::enums::member_name(v).unwrap_or_default().to_string())
        }
        (Value::None, _) => SqlValue::Null,
        (Value::Bool(b), Some(t)) if t.is_integer() => SqlValue::I64(*b as i64),
        (Value::Bool(b), _) => SqlValue::Bool(*b),
        (Value::Int(i), Some(SqlType::Float | SqlType::Double)) => SqlValue::F64(*i as f64),
        (Value::Int(i), Some(SqlType::Boolean)) => SqlValue::Bool(*i != 0),
        (Value::Int(i), Some(SqlType::Numeric { .. })) => SqlValue::Decimal((*i).into()),
        (Value::Int(i), Some(t)) if is_text(t) => SqlValue::Str(i.to_string()),
        (Value::Int(i), _) => SqlValue::I64(*i),
        (Value::Float(f), Some(SqlType::Numeric { .. })) => float_as_decimal(*f),
        (Value::Float(f), Some(t)) if is_text(t) => {
            SqlValue::Str(crate::interp::format_float_repr(*f))
        }
        (Value::Float(f), _) => SqlValue::F64(*f),
        (Value::Str(s), Some(SqlType::Integer | SqlType::SmallInteger | SqlType::BigInteger)) => {
            match s.trim().parse::<i64>() {
                Ok(i) => SqlValue::I64(i),
                Err(_) => SqlValue::Str(s.to_string()),
            }
        }
        (Value::Str(s), _) => SqlValue::Str(s.to_string()),
        (Value::Bytes(b), _) => SqlValue::Bytea(b.to_vec()),
        (Value::Date(PyDate(d)), Some(SqlType::DateTime { .. })) => {
            SqlValue::Timestamp(d.and_time(chrono::NaiveTime::MIN))
        }
        (Value::Date(PyDate(d)), _) => SqlValue::Date(*d),
        (Value::DateTime(dt), Some(SqlType::Date)) => SqlValue::Date(dt.naive.date()),
        (Value::DateTime(dt), _) => SqlValue::Timestamp(dt.naive),
        (Value::Time(PyTime(t)), _) => SqlValue::Time(*t),
        (Value::TimeDelta(d), _) => SqlValue::Interval(gluesql::core::data::Interval::Microsecond(
            d.total_micros().clamp(i64::MIN as i128, i64::MAX as i128) as i64,
        )),
        (Value::BigInt(_), _) => {
            return Err(PyErr::new(
                Exc::OverflowError,
                "Python int too large to convert to SQLite INTEGER",
            ))
        }
        (other, _) => return Err(unsupported(&other.type_name(), position)),
    })
}

/// What sqlite3 says of a value it cannot bind.
fn unsupported(type_name: &str, position: usize) -> PyErr {
    PyErr::new(
        Exc::ProgrammingError,
        format!(
            "(sqlite3.ProgrammingError) Error binding parameter {position}: type '{type_name}' is not supported"
        ),
    )
}

/// SQLAlchemy binds a `Decimal` for SQLite as a float (the driver has no decimal type), so
/// only Numeric and Float columns (and untyped literals, which are Numeric) take one.
fn decimal_to_sql(d: &PyDecimal, t: Option<&SqlType>, position: usize) -> PyResult<SqlValue> {
    let f = d.to_f64();
    Ok(match t {
        Some(SqlType::Float | SqlType::Double) => SqlValue::F64(f),
        None | Some(SqlType::Numeric { .. }) => float_as_decimal(f),
        Some(_) => return Err(unsupported("decimal.Decimal", position)),
    })
}

/// A float stored in a Numeric column: its shortest repr (`0.1`, not its exact binary
/// value), as SQLite stores a REAL.
fn float_as_decimal(f: f64) -> SqlValue {
    let text = crate::interp::format_float_repr(f);
    match text
        .parse::<rust_decimal::Decimal>()
        .or_else(|_| rust_decimal::Decimal::from_scientific(&text))
    {
        Ok(d) => SqlValue::Decimal(d),
        Err(_) => SqlValue::F64(f),
    }
}

/// A Numeric value read back: SQLAlchemy turns SQLite's REAL into a `Decimal` with the
/// column's scale (10 when none is given), formatting the float to that many places.
fn numeric_from_sql(v: &SqlValue, scale: Option<u32>) -> Option<Value> {
    let f = match v {
        SqlValue::Decimal(d) => d.to_string().parse::<f64>().ok()?,
        SqlValue::F64(f) => *f,
        SqlValue::F32(f) => *f as f64,
        SqlValue::I64(i) => *i as f64,
        SqlValue::I32(i) => *i as f64,
        _ => return None,
    };
    if !f.is_finite() {
        return None;
    }
    let places = scale.unwrap_or(10).min(60) as usize;
    let text = format!("{f:.places$}");
    PyDecimal::parse(&text).ok().map(PyDecimal::value)
}

fn is_text(t: &SqlType) -> bool {
    matches!(
        t,
        SqlType::String { .. }
            | SqlType::Text
            | SqlType::Unicode { .. }
            | SqlType::UnicodeText
            | SqlType::Enum { .. }
    )
}

/// A GlueSQL value read back as the Python value SQLAlchemy returns for type `t`.
pub fn from_sql(v: &SqlValue, t: Option<&SqlType>) -> Value {
    if let Some(SqlType::Numeric { scale, .. }) = t {
        if let Some(d) = numeric_from_sql(v, *scale) {
            return d;
        }
    }
    match (v, t) {
        (SqlValue::Null, _) => Value::None,
        (SqlValue::Bool(b), Some(t)) if t.is_integer() => Value::Int(*b as i64),
        (SqlValue::Bool(b), _) => Value::Bool(*b),
        (SqlValue::I64(i), Some(SqlType::Boolean)) => Value::Bool(*i != 0),
        (SqlValue::I64(i), Some(SqlType::Float | SqlType::Double)) => Value::Float(*i as f64),
        (SqlValue::I8(i), _) => Value::Int(*i as i64),
        (SqlValue::I16(i), _) => Value::Int(*i as i64),
        (SqlValue::I32(i), _) => Value::Int(*i as i64),
        (SqlValue::I64(i), _) => Value::Int(*i),
        (SqlValue::I128(i), _) => Value::Int(*i as i64),
        (SqlValue::U8(i), _) => Value::Int(*i as i64),
        (SqlValue::U16(i), _) => Value::Int(*i as i64),
        (SqlValue::U32(i), _) => Value::Int(*i as i64),
        (SqlValue::U64(i), _) => Value::Int(*i as i64),
        (SqlValue::U128(i), _) => Value::Int(*i as i64),
        (SqlValue::F32(f), _) => Value::Float(*f as f64),
        (SqlValue::F64(f), Some(t)) if t.is_integer() && f.fract() == 0.0 => Value::Int(*f as i64),
        (SqlValue::F64(f), _) => Value::Float(*f),
        (SqlValue::Decimal(d), Some(SqlType::Float | SqlType::Double)) => {
            Value::Float(d.to_string().parse().unwrap_or(0.0))
        }
        (SqlValue::Decimal(d), _) => {
            let text = d.to_string();
            match text.parse::<i64>() {
                Ok(i) if !text.contains('.') => Value::Int(i),
                _ => Value::Float(text.parse().unwrap_or(0.0)),
            }
        }
        (
            SqlValue::Str(s),
            Some(SqlType::Integer | SqlType::SmallInteger | SqlType::BigInteger),
        ) => s
            .parse::<i64>()
            .map(Value::Int)
            .unwrap_or_else(|_| Value::str(s)),
        (
            SqlValue::Str(s),
            Some(SqlType::Enum {
                values,
                class: Some(class),
                ..
            }),
        ) => super::enums::member(class, values, s).unwrap_or_else(|| Value::str(s)),
        (SqlValue::Str(s), Some(SqlType::Json)) => {
            super::json::loads(s).unwrap_or_else(|| Value::str(s))
        }
        (SqlValue::Str(s), _) => Value::str(s),
        (SqlValue::Bytea(b), _) => Value::Bytes(b.as_slice().into()),
        (SqlValue::Date(d), _) => Value::Date(PyDate(*d)),
        (SqlValue::Timestamp(ts), Some(SqlType::Date)) => Value::Date(PyDate(ts.date())),
        (SqlValue::Timestamp(ts), _) => Value::datetime(PyDateTime::naive(*ts)),
        (SqlValue::Time(t), _) => Value::Time(PyTime(*t)),
        (SqlValue::Interval(i), _) => {
            let micros = match i {
                gluesql::core::data::Interval::Microsecond(us) => *us as i128,
                gluesql::core::data::Interval::Month(m) => *m as i128 * 30 * 86_400_000_000,
            };
            Value::timedelta(PyTimeDelta::from_micros(micros))
        }
        (other, _) => Value::str(&String::from(other.clone())),
    }
}
