//! Unit tests of the interpreter's machinery; Python behaviour itself is tested against
//! CPython by the differential corpus (tests/python_corpus.rs).

mod scopes;
mod session;

use super::{Interp, Limits};
use crate::diag::Source;
use crate::object::{PyResult, Value};

/// Runs console inputs in one interpreter; returns everything printed (tracebacks as
/// `Class: message` lines).
fn run(interp: &mut Interp, inputs: &[&str]) -> String {
    let mut out = String::new();
    for (n, src) in inputs.iter().enumerate() {
        let result: PyResult<()> = match crate::python::parse_module(src) {
            Ok(m) => interp.run_interactive(&m, Source::Console(n as u32)),
            Err(d) => Err(d.into()),
        };
        out.push_str(&interp.take_output());
        if let Err(e) = result {
            out.push_str(&e.to_diagnostic().headline());
            out.push('\n');
        }
    }
    out
}

fn fresh() -> Interp {
    Interp::new("models")
}

fn global(interp: &Interp, name: &str) -> Value {
    interp.global(name).unwrap_or(Value::None)
}

fn small(limits: impl FnOnce(&mut Limits)) -> Interp {
    let mut i = fresh();
    let mut l = Limits::default();
    limits(&mut l);
    i.set_limits(l);
    i
}
