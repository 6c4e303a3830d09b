//! Statements: shapes of each construct, and a snapshot of CPython's own trees and spans
//! for every snippet in `snippets.py` (regenerate `cpython_trees.json` with
//! `python3 cpython_dump.py` under CPython 3.11).

use super::super::ast::StmtKind;
use super::{dump, dump_stmts, error_of, module, text, WITH_SPANS};

#[test]
fn trees_and_spans_match_cpython() {
    let expected: Vec<String> =
        serde_json::from_str(include_str!("cpython_trees.json")).expect("valid JSON");
    let snippets: Vec<&str> = include_str!("snippets.py").split("\n\n").collect();
    assert_eq!(expected.len(), snippets.len());
    WITH_SPANS.with(|w| w.set(true));
    for (src, want) in snippets.iter().zip(&expected) {
        assert_eq!(&dump_stmts(&module(src).body, 0), want, "source:\n{src}");
    }
    WITH_SPANS.with(|w| w.set(false));
}

#[test]
fn assignments_of_every_kind() {
    assert_eq!(dump("a = b = 1"), "a = b = 1\n");
    assert_eq!(dump("a, *b = c"), "tuple(a, *b) = c\n");
    assert_eq!(dump("[a, (b, c)] = x"), "[a, tuple(b, c)] = x\n");
    assert_eq!(dump("x.y[0] += 1"), "x.y[0] += 1\n");
    assert_eq!(
        dump("a //= 2; b **= 3; c @= d"),
        "a //= 2\nb **= 3\nc @= d\n"
    );
    assert_eq!(
        dump("id: Mapped[int] = mapped_column(primary_key=True)"),
        "id: Mapped[int] = mapped_column(primary_key=True)\n"
    );
    assert_eq!(
        dump("phone: Mapped[Optional[str]]"),
        "phone: Mapped[Optional[str]]\n"
    );
    assert_eq!(dump("x = yield_ = 1,"), "x = yield_ = tuple(1)\n");
}

#[test]
fn compound_statements() {
    assert_eq!(
        dump("if a:\n  b\nelif c:\n  d\nelse:\n  e"),
        "if a:\n  expr b\nelse:\n  if c:\n    expr d\n  else:\n    expr e\n"
    );
    assert_eq!(
        dump("for a, b in c:\n  break\nelse:\n  pass"),
        "for tuple(a, b) in c:\n  break\nelse:\n  pass\n"
    );
    assert_eq!(dump("while x: continue"), "while x:\n  continue\n");
    assert_eq!(dump("with a as b, c:\n  pass"), "with a as b, c:\n  pass\n");
    assert_eq!(
        dump("with (a as b, c as d):\n  pass"),
        "with a as b, c as d:\n  pass\n"
    );
    assert_eq!(
        dump("with (a, b) as c: pass"),
        "with tuple(a, b) as c:\n  pass\n"
    );
    let t = "try:\n  a\nexcept (A, B) as e:\n  raise C from e\nexcept D:\n  raise\nexcept:\n  pass\nelse:\n  b\nfinally:\n  c";
    assert_eq!(
        dump(t),
        "try:\n  expr a\nexcept tuple(A, B) as e:\n  raise C from e\nexcept D:\n  raise \nexcept:\n  pass\nelse:\n  expr b\nfinally:\n  expr c\n"
    );
}

#[test]
fn definitions() {
    let f = "@dec\n@dec.x(1)\ndef f(a, b: int = 1, /, c=2, *args, d, e=3, **kw) -> None:\n    '''doc'''\n    return a";
    assert_eq!(
        dump(f),
        "@dec\n@dec.x(1)\ndef f(a, b: int=1, /, c=2, *args, d, e=3, **kw) -> None:\n  expr \"doc\"\n  return a\n"
    );
    assert_eq!(dump("def g(*, a): return"), "def g(*, a):\n  return \n");
    assert_eq!(
        dump("def g(a=1, *b, c, d=2): pass"),
        "def g(a=1, *b, c, d=2):\n  pass\n"
    );
    assert_eq!(dump("def g(a, /): pass"), "def g(a, /):\n  pass\n");
    assert_eq!(
        dump("class A(B, metaclass=M):\n  x = 1"),
        "class A(B, metaclass=M):\n  x = 1\n"
    );
    assert_eq!(dump("class A: pass"), "class A():\n  pass\n");
}

#[test]
fn imports_and_simple_statements() {
    assert_eq!(dump("import a.b.c as d, e"), "import a.b.c as d, e\n");
    assert_eq!(dump("from . import x"), "from . import x\n");
    assert_eq!(
        dump("from ...a.b import (c as d, e,)"),
        "from ...a.b import c as d, e\n"
    );
    assert_eq!(dump("from x import *"), "from x import *\n");
    assert_eq!(dump("del a, b[0], c.d"), "del a, b[0], c.d\n");
    assert_eq!(dump("assert x, 'm'"), "assert x, \"m\"\n");
    assert_eq!(dump("global a, b"), "global a, b\n");
    assert_eq!(dump("def f():\n  nonlocal x"), "def f():\n  nonlocal x\n");
    assert_eq!(dump("pass; x = 1;"), "pass\nx = 1\n");
}

#[test]
fn layout_tabs_continuations_crlf_and_bom() {
    assert_eq!(
        dump("if a:\n\tb\n\tif c:\n\t\td\n"),
        "if a:\n  expr b\n  if c:\n    expr d\n"
    );
    assert_eq!(dump("x = 1 + \\\n    2"), "x = (1 + 2)\n");
    assert_eq!(dump("x = [1,\n  2,   # two\n\n 3]"), "x = [1, 2, 3]\n");
    assert_eq!(
        dump("if a:\r\n    b\r\n\r\n# c\r\nc"),
        "if a:\n  expr b\nexpr c\n"
    );
    assert_eq!(dump("\u{feff}x = 1"), "x = 1\n");
    assert_eq!(dump("x = 1"), dump("x = 1\n"));
    assert_eq!(dump("  # indented comment\nx = 1\n   \n"), "x = 1\n");
    assert_eq!(dump(""), "");
}

#[test]
fn statement_spans_cover_headers_and_bodies() {
    let src = "@d\ndef f():\n    return 1\n\nx = 2  # c\n";
    let m = module(src);
    assert_eq!(text(src, m.body[0].span), "def f():\n    return 1");
    assert_eq!(text(src, m.body[1].span), "x = 2");
    let StmtKind::FunctionDef(def) = &m.body[0].kind else {
        panic!()
    };
    assert_eq!(text(src, def.name.span), "f");
}

#[test]
fn context_checks_happen_at_parse_time() {
    assert_eq!(error_of("return 1").1, "'return' outside function");
    assert_eq!(
        error_of("class A:\n  return").1,
        "'return' outside function"
    );
    assert_eq!(error_of("break").1, "'break' outside loop");
    assert_eq!(
        error_of("for x in y:\n  def f():\n    continue").1,
        "'continue' not properly in loop"
    );
    assert_eq!(
        error_of("def f():\n  for x in y:\n    pass\n  break").1,
        "'break' outside loop"
    );
    module("def f():\n  while x:\n    if y: break\n  return lambda: x");
}

#[test]
fn invalid_targets_and_blocks() {
    assert_eq!(
        error_of("f() = 1").1,
        "cannot assign to function call here. Maybe you meant '==' instead of '='?"
    );
    assert_eq!(error_of("x = f() = 1").1, "cannot assign to function call");
    assert_eq!(error_of("for 1 in x: pass").1, "cannot assign to literal");
    assert_eq!(error_of("[x for 1 in y]").1, "cannot assign to literal");
    assert_eq!(error_of("with a as 1: pass").1, "cannot assign to literal");
    assert_eq!(
        error_of("x: int = *a").1,
        "can't use starred expression here"
    );
    assert_eq!(
        error_of("(a, b): int").1,
        "only single target (not tuple) can be annotated"
    );
    assert_eq!(error_of("f(): int").1, "illegal target for annotation");
    assert_eq!(error_of("if x:\npass").0, "IndentationError");
    assert_eq!(
        error_of("try:\n  x\nexcept:\n  y\nexcept E:\n  z").1,
        "default 'except:' must be last"
    );
}
