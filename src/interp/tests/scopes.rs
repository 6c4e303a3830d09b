//! Compile-time local names, closures' cells and the cycles a session leaves behind.

use super::{fresh, global, run};
use crate::interp::cells::nested_names;
use crate::interp::locals::function_locals;
use crate::object::Value;
use crate::python::ast::StmtKind;

fn def_of(src: &str) -> std::rc::Rc<crate::python::ast::FunctionDef> {
    let m = crate::python::parse_module(src).expect("parses");
    match &m.body[0].kind {
        StmtKind::FunctionDef(d) => d.clone(),
        _ => panic!("not a def"),
    }
}

fn sorted(set: &crate::object::class::LocalNames) -> Vec<String> {
    let mut v: Vec<String> = set.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn locals_are_every_bound_name_except_globals() {
    let d = def_of(
        "def f(a, *b, c, **d):\n    global g\n    g = 1\n    x, [y, *z] = 1, [2]\n    for i in []: pass\n    import os.path\n    from m import n as nn\n    try:\n        pass\n    except E as err:\n        pass\n    def inner(): pass\n    class K: pass\n    if (w := 3): pass\n    [q for q in []]\n    obj.attr = 1\n    del v",
    );
    let mut want = vec![
        "a", "b", "c", "d", "err", "i", "inner", "nn", "os", "v", "w", "x", "y", "z", "K",
    ];
    want.sort();
    assert_eq!(sorted(&function_locals(&d)), want);
}

#[test]
fn cells_are_names_used_by_nested_scopes() {
    let d = def_of(
        "def f(a, b):\n    c = 1\n    g = lambda: a + c\n    def h():\n        nonlocal b\n        return [x for x in b]\n    return g, h",
    );
    let cells = sorted(&nested_names(&d));
    for name in ["a", "b", "c", "x"] {
        assert!(cells.contains(&name.to_string()), "{name} in {cells:?}");
    }
    assert!(!cells.contains(&"g".to_string()));
}

#[test]
fn a_returned_closure_keeps_only_its_cells() {
    let mut i = fresh();
    let out = run(
        &mut i,
        &[
            "def make():\n    big = list(range(1000))\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc",
            "c = make()",
            "c(), c()",
        ],
    );
    assert_eq!(out, "(1, 2)\n");
    let Value::Function(f) = global(&i, "c") else {
        panic!("c is a function");
    };
    let mut kept: Vec<String> = f.env.vars.borrow().keys().map(|k| k.to_string()).collect();
    kept.sort();
    assert_eq!(kept, ["n"], "the frame's other locals are released");
}

#[test]
fn a_discarded_session_frees_its_namespace() {
    let mut i = fresh();
    run(
        &mut i,
        &[
            "def f(n):\n    return f(n - 1) if n else 0",
            "class A:\n    def m(self):\n        return super().__repr__()",
            "a = A()",
            "import enum",
            "class Color(enum.Enum):\n    RED = 1",
        ],
    );
    let globals = std::rc::Rc::downgrade(&i.globals);
    let Value::Class(e) = global(&i, "Color") else {
        panic!("Color is a class");
    };
    let enum_class = std::rc::Rc::downgrade(&e);
    drop(e);
    let Value::Class(c) = global(&i, "A") else {
        panic!("A is a class");
    };
    let class = std::rc::Rc::downgrade(&c);
    drop(c);
    drop(i);
    assert!(globals.upgrade().is_none(), "module scope freed");
    assert!(class.upgrade().is_none(), "class freed");
    assert!(
        enum_class.upgrade().is_none(),
        "enum class and its members freed"
    );
}

#[test]
fn unbound_locals_and_free_variables_raise_as_in_python() {
    let mut i = fresh();
    let out = run(
        &mut i,
        &[
            "x = 1",
            "def f():\n    print(x)\n    x = 2",
            "f()",
            "def g():\n    def h():\n        return y\n    r = h()\n    y = 1\n    return r",
            "g()",
        ],
    );
    assert_eq!(
        out,
        "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value\nNameError: cannot access free variable 'y' where it is not associated with a value in enclosing scope\n"
    );
}
