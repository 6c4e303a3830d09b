//! The Python subset's evaluator: statements, expressions, builtins, `repr`/`str`, echo rules,
//! exceptions and tracebacks; binds `db`, `sa`, `datetime`, ... to the ORM.
//!
//! A tree-walking interpreter over `python::ast`. Every run has limits (time, steps, call
//! depth, native stack, collection sizes) so no input can hang the tab or exhaust memory.

mod args;
mod assign;
mod attr;
mod builtins;
mod call;
mod cells;
mod classdef;
mod comprehension;
mod datetime;
mod eval;
mod exceptions;
mod exec;
mod format;
mod iter;
mod locals;
mod math;
mod methods;
mod modules;
mod ops;
mod range;
mod repr;
mod scope;
mod vm;

pub use format::{format_float_repr, python_str_repr};
pub use modules::ModuleProvider;

use crate::diag::{Source, Span};
use crate::object::{Args, Exc, PyErr, PyResult, Scope, ScopeKind, Value, Vm};
use crate::python::ast;
use std::collections::HashMap;
use std::rc::Rc;

/// How much one run may do before it is stopped.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Wall-clock budget of one run (one console input, or the models pane).
    pub time_ms: f64,
    /// Steps (statements, loop iterations, calls) of one run.
    pub max_steps: u64,
    /// Nested Python calls (CPython's recursion limit).
    pub max_depth: usize,
    /// Bytes of native stack the evaluator may use below the run's entry (deeply nested
    /// calls or data raise RecursionError before the real stack runs out). The page links a
    /// 2 MB wasm stack (.cargo/config.toml); native test threads have 2 MB.
    pub max_stack_bytes: usize,
    /// Elements of one list/str/dict built by an operation (`[0] * n`).
    pub max_len: usize,
    /// Bits of one integer (`2 ** 10**9` would take minutes and gigabytes).
    pub max_int_bits: u64,
}

/// The evaluator's share of the stack: 1 of the 2 MB of linear-memory stack the wasm build
/// links (the browser's own call stack, which wasm frames also use, overflowed first with
/// 3 MB in a debug build), 640 KB of a native test thread's 2 MB.
const DEFAULT_STACK_BYTES: usize = if cfg!(target_arch = "wasm32") {
    1 << 20
} else {
    640 << 10
};

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            time_ms: 1000.0,
            max_steps: 20_000_000,
            max_depth: 1000,
            max_stack_bytes: DEFAULT_STACK_BYTES,
            max_len: 10_000_000,
            max_int_bits: 1 << 17,
        }
    }
}

/// Where the evaluator is: the scope names resolve in, the text being run, the function.
#[derive(Clone)]
pub(crate) struct Frame {
    pub scope: Rc<Scope>,
    pub source: Source,
    pub function: Rc<str>,
    /// Whether expression statements echo their value (top level of a console input).
    pub echo: bool,
    /// The user function being run (zero-argument `super()` reads its class).
    pub function_obj: Option<Rc<crate::object::Function>>,
    /// The class whose body the code is written in: `__name` identifiers are mangled to
    /// `_Class__name` there.
    pub private: Option<Rc<str>>,
}

/// The interpreter: one per playground session (one namespace, shared by the models pane
/// and the console, as in the conformance harness).
pub struct Interp {
    pub globals: Rc<Scope>,
    builtins: HashMap<Rc<str>, Value>,
    frame: Frame,
    out: String,
    limits: Limits,
    steps: u64,
    deadline: f64,
    depth: usize,
    /// Address of a local of the outermost entry into the evaluator (0 when not running).
    stack_base: usize,
    /// The span of the innermost call being evaluated (what natives report errors at).
    call_span: Option<Span>,
    /// Exceptions being handled by `except` blocks, innermost last (bare `raise`).
    handling: Vec<PyErr>,
    modules: HashMap<Rc<str>, Value>,
    module_provider: Option<modules::ModuleProvider>,
    module_name: Rc<str>,
}

impl Interp {
    /// A fresh interpreter whose global namespace holds only `__name__`.
    pub fn new(module_name: &str) -> Interp {
        let globals = Scope::new(ScopeKind::Module, None);
        globals.set("__name__".into(), Value::str(module_name));
        let frame = Frame {
            scope: globals.clone(),
            source: Source::Models,
            function: "<module>".into(),
            echo: false,
            function_obj: None,
            private: None,
        };
        Interp {
            globals,
            builtins: builtins::table(),
            frame,
            out: String::new(),
            limits: Limits::default(),
            steps: 0,
            deadline: f64::INFINITY,
            depth: 0,
            stack_base: 0,
            call_span: None,
            handling: Vec::new(),
            modules: HashMap::new(),
            module_provider: None,
            module_name: module_name.into(),
        }
    }

    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Binds a global name (the harness pre-seeds `db`, `app`, `datetime`, ...).
    pub fn set_global(&mut self, name: &str, value: Value) {
        self.globals.set(name.into(), value);
    }

    pub fn global(&self, name: &str) -> Option<Value> {
        self.globals.get(name)
    }

    /// Runs a module body (the models pane): nothing is echoed.
    pub fn run_module(&mut self, module: &ast::Module, source: Source) -> PyResult<()> {
        self.run(module, source, false)
    }

    /// Runs one console input as the interactive shell does: expression statements at the
    /// top level (also inside `for`/`if` blocks) print `repr(value)` unless it is `None`.
    pub fn run_interactive(&mut self, module: &ast::Module, source: Source) -> PyResult<()> {
        self.run(module, source, true)
    }

    fn run(&mut self, module: &ast::Module, source: Source, echo: bool) -> PyResult<()> {
        self.steps = 0;
        self.depth = 0;
        self.handling.clear();
        self.deadline = crate::clock::now_ms() + self.limits.time_ms;
        self.frame = Frame {
            scope: self.globals.clone(),
            source,
            function: "<module>".into(),
            echo,
            function_obj: None,
            private: None,
        };
        let entered = self.enter();
        let result = match self.exec_block(&module.body) {
            Ok(exec::Flow::Normal) => Ok(()),
            Ok(exec::Flow::Return(_)) => {
                Err(PyErr::new(Exc::SyntaxError, "'return' outside function"))
            }
            Ok(_) => Err(PyErr::new(Exc::SyntaxError, "'break' outside loop")),
            Err(e) => Err(e),
        };
        self.leave(entered);
        result
    }

    /// Records where the native stack starts when Rust code enters the evaluator from
    /// outside; returns whether this call set it (and must clear it in `leave`).
    fn enter(&mut self) -> bool {
        if self.stack_base != 0 {
            return false;
        }
        self.stack_base = stack_address();
        true
    }

    fn leave(&mut self, entered: bool) {
        if entered {
            self.stack_base = 0;
        }
    }

    /// Everything printed since the last call.
    pub fn take_output(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// Evaluates a call of `f` from Rust (the façade and the ORM's callbacks).
    pub fn call_value(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        let entered = self.enter();
        let r = self.call(f, args);
        self.leave(entered);
        r
    }

    /// `repr(v)` with user `__repr__` methods honoured.
    pub fn repr_of(&mut self, v: &Value) -> PyResult<String> {
        let entered = self.enter();
        let r = self.repr_value(v);
        self.leave(entered);
        r
    }

    /// Counts a step; stops the run when a limit is reached.
    fn step(&mut self) -> PyResult<()> {
        self.steps += 1;
        if self.steps > self.limits.max_steps {
            return Err(PyErr::limit(
                Exc::KeyboardInterrupt,
                format!(
                    "stopped after {} steps (the playground's limit for one input)",
                    self.limits.max_steps
                ),
            ));
        }
        if self.steps & 0x3ff == 0 && crate::clock::now_ms() > self.deadline {
            return Err(PyErr::limit(
                Exc::KeyboardInterrupt,
                format!(
                    "stopped after {} s (the playground's time limit for one input)",
                    self.limits.time_ms / 1000.0
                ),
            ));
        }
        Ok(())
    }

    /// Fails with RecursionError when the evaluator nears the end of its native stack.
    fn check_stack(&self) -> PyResult<()> {
        if self.stack_base == 0 {
            return Ok(());
        }
        let used = self.stack_base.abs_diff(stack_address());
        if used > self.limits.max_stack_bytes {
            return Err(PyErr::new(
                Exc::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        Ok(())
    }

    /// Fails with MemoryError when an operation would build something too large.
    fn check_len(&self, n: usize) -> PyResult<()> {
        if n > self.limits.max_len {
            Err(PyErr::limit(
                Exc::MemoryError,
                format!(
                    "a result of {n} items is over the playground's limit of {}",
                    self.limits.max_len
                ),
            ))
        } else {
            Ok(())
        }
    }

    fn err_at(&self, e: PyErr, span: Span) -> PyErr {
        e.with_span(span, &self.frame.source)
    }
}

impl Drop for Interp {
    /// Functions close over the module scope that holds them: clearing the namespace breaks
    /// those cycles so a discarded session (reloaded models) frees its objects.
    fn drop(&mut self) {
        let vars = std::mem::take(&mut *self.globals.vars.borrow_mut());
        // Classes defined here hold objects that point back at them (enum members, class
        // attributes holding instances): empty their dicts too.
        let mut classes: Vec<Rc<crate::object::Class>> = vars
            .values()
            .filter_map(|v| v.as_class().cloned())
            .filter(|c| c.module == self.module_name)
            .collect();
        let mut seen = 0;
        while let Some(c) = classes.get(seen).cloned() {
            seen += 1;
            if seen > 10_000 {
                break;
            }
            let dict = std::mem::take(&mut *c.dict.borrow_mut());
            let nested: Vec<Rc<crate::object::Class>> = dict
                .values()
                .filter_map(|v| v.as_class().cloned())
                .filter(|n| n.module == self.module_name)
                .filter(|n| !classes.iter().any(|k| Rc::ptr_eq(k, n)))
                .collect();
            classes.extend(nested);
            drop(dict);
        }
        drop(vars);
        self.modules.clear();
        self.builtins.clear();
        self.handling.clear();
    }
}

/// The address of a local variable: how deep the native stack is right now.
#[inline(never)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

#[cfg(test)]
mod tests;
