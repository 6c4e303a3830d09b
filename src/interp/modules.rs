//! `import`: the standard-library modules the lessons use (`datetime`, `typing`, `math`,
//! `os`), plus whatever the host provides (`sqlalchemy`, `flask`, `flask_sqlalchemy`, ...).
//! Anything else is a `ModuleNotFoundError`, as it would be without the package installed.

use super::builtins::type_class;
use super::Interp;
use crate::object::{
    Builtin, BuiltinType, Dict, Exc, Module, PyErr, PyResult, TypingSpecial, Value,
};
use crate::python::ast::Alias;
use std::rc::Rc;

/// Finds modules the interpreter does not build itself (the ORM's `sqlalchemy`, ...).
pub type ModuleProvider = Rc<dyn Fn(&str) -> Option<Value>>;

impl Interp {
    pub fn set_module_provider(&mut self, provider: ModuleProvider) {
        self.module_provider = Some(provider);
    }

    /// Imports a module by its dotted name (cached per interpreter).
    pub(crate) fn import_module(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let module = match builtin_module(name) {
            Some(m) => m,
            None => match self.module_provider.as_ref().and_then(|p| p(name)) {
                Some(m) => m,
                None => {
                    let top = name.split('.').next().unwrap_or(name);
                    let plain_module = builtin_module(top).is_some();
                    let msg = if top != name && plain_module {
                        format!("No module named '{name}'; '{top}' is not a package")
                    } else if top != name && self.import_module(top).is_ok() {
                        format!("No module named '{name}'")
                    } else {
                        format!("No module named '{top}'")
                    };
                    return Err(PyErr::new(Exc::ModuleNotFoundError, msg));
                }
            },
        };
        self.modules.insert(name.into(), module.clone());
        Ok(module)
    }

    pub(crate) fn exec_import(&mut self, aliases: &[Alias]) -> PyResult<()> {
        for a in aliases {
            let module = self.import_module(&a.name)?;
            match &a.asname {
                Some(asname) => self.store_name(&asname.name, module),
                None => {
                    let top = a.name.split('.').next().unwrap_or(&a.name).to_string();
                    let top_module = self.import_module(&top)?;
                    self.store_name(&top.into(), top_module);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn exec_import_from(
        &mut self,
        module: Option<&str>,
        names: &[Alias],
        level: u32,
    ) -> PyResult<()> {
        if level > 0 {
            return Err(PyErr::new(
                Exc::ImportError,
                "attempted relative import with no known parent package",
            ));
        }
        let module_name = module.unwrap_or("");
        if module_name == "__future__" {
            return Ok(());
        }
        let m = self.import_module(module_name)?;
        for a in names {
            if &*a.name == "*" {
                let Some(module) = m.downcast::<Module>() else {
                    continue;
                };
                let items: Vec<(String, Value)> = module
                    .attrs
                    .borrow()
                    .iter()
                    .filter(|(k, _)| !k.starts_with('_'))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                for (k, v) in items {
                    self.store_name(&k.into(), v);
                }
                continue;
            }
            let value = match self.get_attribute(&m, &a.name) {
                Ok(v) => v,
                Err(_) => match self.import_module(&format!("{module_name}.{}", a.name)) {
                    Ok(v) => v,
                    Err(_) => {
                        return Err(PyErr::new(
                            Exc::ImportError,
                            format!(
                                "cannot import name '{}' from '{module_name}' (unknown location)",
                                a.name
                            ),
                        ))
                    }
                },
            };
            let bind_as = a
                .asname
                .as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_else(|| a.name.clone());
            self.store_name(&bind_as, value);
        }
        Ok(())
    }
}

fn special(name: &'static str) -> Value {
    Value::native(TypingSpecial {
        name,
        module: "typing",
    })
}

fn builtin_module(name: &str) -> Option<Value> {
    let m = match name {
        "datetime" => Module::new(
            "datetime",
            vec![
                ("datetime", Value::Class(type_class(BuiltinType::DateTime))),
                ("date", Value::Class(type_class(BuiltinType::Date))),
                ("time", Value::Class(type_class(BuiltinType::Time))),
                (
                    "timedelta",
                    Value::Class(type_class(BuiltinType::TimeDelta)),
                ),
                ("timezone", Value::native(super::datetime::TimeZoneClass)),
            ],
        ),
        "typing" => Module::new(
            "typing",
            vec![
                ("Optional", special("Optional")),
                ("Union", special("Union")),
                ("List", special("List")),
                ("Dict", special("Dict")),
                ("Set", special("Set")),
                ("Tuple", special("Tuple")),
                ("Any", special("Any")),
                ("Callable", special("Callable")),
                ("ClassVar", special("ClassVar")),
                ("Annotated", special("Annotated")),
                ("Iterable", special("Iterable")),
                ("Sequence", special("Sequence")),
                ("Mapping", special("Mapping")),
                ("TYPE_CHECKING", Value::Bool(false)),
            ],
        ),
        "math" => super::math::module(),
        "enum" => Module::new("enum", crate::object::enumtype::module_attrs()),
        "decimal" => Module::new(
            "decimal",
            vec![
                ("Decimal", Value::Class(type_class(BuiltinType::Decimal))),
                (
                    "InvalidOperation",
                    Value::Class(Exc::InvalidOperation.class()),
                ),
                ("DivisionByZero", Value::Class(Exc::DivisionByZero.class())),
                (
                    "DecimalException",
                    Value::Class(Exc::DecimalException.class()),
                ),
            ],
        ),
        "os" => Module::new(
            "os",
            vec![
                ("environ", Value::dict(Dict::new())),
                ("path", os_path()),
                (
                    "getenv",
                    Builtin::value("getenv", |_, a| {
                        Ok(a.pos.get(1).cloned().unwrap_or(Value::None))
                    }),
                ),
            ],
        ),
        "os.path" => return Some(os_path()),
        _ => return None,
    };
    Some(Value::native(m))
}

fn os_path() -> Value {
    Value::native(Module::new(
        "posixpath",
        vec![
            (
                "join",
                Builtin::value("join", |vm, a| {
                    let mut parts = Vec::new();
                    for p in &a.pos {
                        parts.push(vm.str(p)?);
                    }
                    Ok(Value::str(&parts.join("/")))
                }),
            ),
            (
                "abspath",
                Builtin::value("abspath", |_, a| {
                    Ok(a.pos.first().cloned().unwrap_or(Value::str("/")))
                }),
            ),
            (
                "dirname",
                Builtin::value("dirname", |_, _| Ok(Value::str("/app"))),
            ),
            (
                "exists",
                Builtin::value("exists", |_, _| Ok(Value::Bool(false))),
            ),
        ],
    ))
}

impl Interp {
    /// `import name` from Rust (the façade seeds `sa`, `so`).
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        self.import_module(name)
    }

    /// `from module import attr` from Rust (the façade seeds `datetime`, `Mapped`, ...).
    pub fn import_attr(&mut self, module: &str, attr: &str) -> PyResult<Value> {
        let m = self.import_module(module)?;
        self.get_attribute(&m, attr)
    }
}
