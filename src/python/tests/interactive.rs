//! The console's `parse_interactive`: complete, incomplete or an error, as `codeop` decides.

use super::super::{parse_interactive, Interactive};
use super::dump_stmts;
use Outcome::*;

#[derive(Debug, PartialEq)]
enum Outcome {
    Complete,
    Incomplete,
    Error,
}

fn outcome(src: &str) -> Outcome {
    match parse_interactive(src) {
        Ok(Interactive::Complete(_)) => Complete,
        Ok(Interactive::Incomplete) => Incomplete,
        Err(_) => Error,
    }
}

/// What `codeop.compile_command(source, "<input>", "single")` of CPython 3.11.7 returns:
/// code (complete), `None` (incomplete) or a `SyntaxError`. Left out: `async def f(): pass`
/// and `match x:`, which codeop calls incomplete and the playground rejects at once as
/// unsupported.
const CODEOP: &[(&str, Outcome)] = &[
    ("x = 1 +", Error),
    ("x = 1 +\n", Error),
    ("if x:", Incomplete),
    ("if x:\n", Incomplete),
    ("if x:\n  a", Incomplete),
    ("if x:\n  a\n", Complete),
    ("if x:\n  a\nelse:", Incomplete),
    ("if x:\n  a\nelse:\n  b", Incomplete),
    ("if x:\n  a\nelse:\n  b\n", Complete),
    ("for x in :", Error),
    ("@dec", Incomplete),
    ("@dec\n", Incomplete),
    ("@dec\ndef f():", Incomplete),
    ("@dec\ndef f():\n  pass\n", Complete),
    ("x = (1,", Incomplete),
    ("x = (1,\n2", Incomplete),
    ("x = (1,\n2)", Complete),
    ("x = '''a", Incomplete),
    ("x = '''a\nb'''", Complete),
    ("x = 1 \\", Incomplete),
    ("x = 1 \\\n", Incomplete),
    ("x = 1 \\\n+ 2", Complete),
    ("a = 1; b = 2", Complete),
    ("a = 1\nb = 2", Error),
    ("a = 1\nb = 2\n", Error),
    ("if x:\n  a\nb = 2", Error),
    ("def f(", Incomplete),
    ("class A:\n  x = 1\n\n  y = 2", Incomplete),
    ("class A:\n  x = 1\n\n  y = 2\n", Complete),
    ("class A:\n  x = 1\n\n", Complete),
    ("print x", Error),
    ("if x:\n  a\n  ", Incomplete),
    ("f(x for x in", Incomplete),
    ("x = [1,\n2]\n", Complete),
    ("   x", Error),
    ("# c", Complete),
    ("", Complete),
    ("\n", Complete),
    ("  \n", Complete),
    ("if x:\n  a\n\n", Complete),
    ("lambda:", Error),
    ("x +=", Error),
    ("del", Error),
    ("import", Error),
    ("if x:\n    pass\n  b", Error),
    ("try:\n  a", Incomplete),
    ("try:\n  a\n", Incomplete),
    ("try:\n  a\nexcept:", Incomplete),
    ("try:\n  a\nexcept:\n  b\n", Complete),
    ("try:\n  a\nfinally:\n  b", Incomplete),
    ("1 2", Error),
    ("x = \"abc", Error),
    ("f(**)", Error),
    ("if 1:\n  x = (1,\n", Incomplete),
    ("x = 1\n\n", Complete),
    ("x = 1", Complete),
    ("print(1)", Complete),
    ("for x in y: print(x)", Incomplete),
    ("for x in y: print(x)\n", Complete),
    ("while True:\n  pass\n", Complete),
    ("with a as b:", Incomplete),
    ("with a as b:\n  c\n", Complete),
    ("def f(x):\n  return x\n", Complete),
    ("def f(x):\n  return x", Incomplete),
    ("x = {", Incomplete),
    ("x = {'a':", Incomplete),
    ("x = f'{", Error),
    ("s = 'abc", Error),
    ("if x:\n  y = [\n", Incomplete),
    ("return 1", Error),
    ("break", Error),
    ("x = 1 if", Error),
    ("x = [i for i in", Incomplete),
    ("x.\n", Error),
    ("(", Incomplete),
    (")", Error),
    ("if x: pass\n", Complete),
    ("if x: pass", Incomplete),
    ("if x:\n  pass\nelif y:", Incomplete),
    ("if x:\n  pass\nelif y:\n  pass\n", Complete),
    ("class A(", Incomplete),
    ("class A(B):", Incomplete),
    ("class A(B):\n  '''doc'''\n", Complete),
    ("import os", Complete),
    ("from a import (b,", Incomplete),
    ("from a import (b,\n c)", Complete),
    ("  ", Complete),
    ("x = 1  # c", Complete),
    ("x = 1 # c\n", Complete),
    ("if True:\n\tx\n        y", Error),
    ("@", Error),
    ("@dec\nx = 1", Error),
    ("x = 1;", Complete),
    ("x = 1;;", Error),
    ("if x:\n  a\n else:\n  b\n", Error),
    ("def f():\n  '''", Incomplete),
    ("x = 1\n  y = 2", Error),
    ("for x in y:\n  pass\n  else:\n", Error),
    ("while x:\n  continue\nelse:\n  pass\n", Complete),
];

#[test]
fn completeness_matches_codeop() {
    let differ: Vec<String> = CODEOP
        .iter()
        .filter(|(src, want)| outcome(src) != *want)
        .map(|(src, want)| format!("{src:?}: codeop says {want:?}, we say {:?}", outcome(src)))
        .collect();
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn a_block_typed_line_by_line_completes_on_the_empty_line() {
    let lines = [
        "for u in users:",
        "    if u.active:",
        "        print(u.name)",
        "",
    ];
    let mut typed: Vec<&str> = Vec::new();
    let mut outcomes = Vec::new();
    for line in lines {
        typed.push(line);
        outcomes.push(outcome(&typed.join("\n")));
    }
    assert_eq!(outcomes, vec![Incomplete, Incomplete, Incomplete, Complete]);
}

#[test]
fn complete_input_carries_its_statements() {
    let Ok(Interactive::Complete(m)) = parse_interactive("x = 1; y = x") else {
        panic!("not complete")
    };
    assert_eq!(dump_stmts(&m.body, 0), "x = 1\ny = x\n");
    let Ok(Interactive::Complete(m)) = parse_interactive("# just a comment") else {
        panic!("not complete")
    };
    assert!(m.body.is_empty());
}

#[test]
fn console_errors_are_reported_like_the_shell() {
    let e = parse_interactive("a = 1\nb = 2").expect_err("two statements");
    assert_eq!(
        e.message,
        "multiple statements found while compiling a single statement"
    );
    assert_eq!(e.span.map(|s| s.start), Some(5));
    let e = parse_interactive("   x").expect_err("indented");
    assert_eq!(
        (e.exception.as_str(), e.message.as_str()),
        ("IndentationError", "unexpected indent")
    );
}
