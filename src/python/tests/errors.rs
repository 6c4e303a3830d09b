//! Error messages and positions, checked against CPython 3.11.7 (the tables were produced by
//! `compile(source, "<s>", "exec")` there: exception class, message, `lineno`, `offset`).

use super::{error_of, module};

/// (source, exception, message, line, column) exactly as CPython 3.11.7 reports them.
const SAME_AS_CPYTHON: &[(&str, &str, &str, u32, u32)] = &[
    ("f() = 1", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
    ("a + 1 = 2", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1),
    ("1 = x", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
    ("None = 1", "SyntaxError", "cannot assign to None", 1, 1),
    ("(a, f()) = 1", "SyntaxError", "cannot assign to function call", 1, 5),
    ("for f() in x: pass", "SyntaxError", "cannot assign to function call", 1, 5),
    ("del f()", "SyntaxError", "cannot delete function call", 1, 5),
    ("f() += 1", "SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1),
    ("x = (1, 2", "SyntaxError", "'(' was never closed", 1, 5),
    ("x = [1, 2)", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10),
    ("x = 1)", "SyntaxError", "unmatched ')'", 1, 6),
    ("foo(\n", "SyntaxError", "'(' was never closed", 1, 4),
    ("foo(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5),
    ("[1 2]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 2),
    ("1 2", "SyntaxError", "invalid syntax", 1, 3),
    ("if x\n  pass", "SyntaxError", "expected ':'", 1, 5),
    ("if x:\npass", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1),
    ("  x = 1", "IndentationError", "unexpected indent", 1, 2),
    ("if x:\n    a\n  b", "IndentationError", "unindent does not match any outer indentation level", 3, 4),
    ("x = 'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5),
    ("x = '''abc\n\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5),
    ("1abc", "SyntaxError", "invalid decimal literal", 1, 1),
    ("0x", "SyntaxError", "invalid hexadecimal literal", 1, 2),
    ("0b2", "SyntaxError", "invalid digit '2' in binary literal", 1, 3),
    ("0o8", "SyntaxError", "invalid digit '8' in octal literal", 1, 3),
    ("012", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 1),
    ("1_000_", "SyntaxError", "invalid decimal literal", 1, 6),
    ("1__0", "SyntaxError", "invalid decimal literal", 1, 2),
    ("class A\n  pass", "SyntaxError", "expected ':'", 1, 8),
    ("def f()\n  pass", "SyntaxError", "expected ':'", 1, 8),
    ("for x in y\n  pass", "SyntaxError", "expected ':'", 1, 11),
    ("while x\n pass", "SyntaxError", "expected ':'", 1, 8),
    ("try\n pass", "SyntaxError", "expected ':'", 1, 4),
    ("else:", "SyntaxError", "invalid syntax", 1, 1),
    ("x = $", "SyntaxError", "invalid syntax", 1, 5),
    ("a € b", "SyntaxError", "invalid character '€' (U+20AC)", 1, 3),
    ("f(**)", "SyntaxError", "invalid syntax", 1, 5),
    ("*a = 1", "SyntaxError", "starred assignment target must be in a list or tuple", 1, 1),
    ("a, *b, *c = 1", "SyntaxError", "multiple starred expressions in assignment", 1, 1),
    ("print x", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
    ("x := 1", "SyntaxError", "invalid syntax", 1, 3),
    ("x = y := 1", "SyntaxError", "invalid syntax", 1, 7),
    ("lambda x x: 1", "SyntaxError", "invalid syntax", 1, 10),
    ("def f(a=1, b): pass", "SyntaxError", "non-default argument follows default argument", 1, 12),
    ("def f(*): pass", "SyntaxError", "named arguments must follow bare *", 1, 7),
    ("f(**k, *a)", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking", 1, 8),
    ("f(a for a in b, c)", "SyntaxError", "Generator expression must be parenthesized", 1, 3),
    ("x = [*a for a in b]", "SyntaxError", "iterable unpacking cannot be used in comprehension", 1, 6),
    ("del 1", "SyntaxError", "cannot delete literal", 1, 5),
    ("x.1", "SyntaxError", "invalid syntax", 1, 2),
    ("x = {1: }", "SyntaxError", "expression expected after dictionary key and ':'", 1, 7),
    ("if x:\n  pass\nelif:\n  pass", "SyntaxError", "invalid syntax", 3, 5),
    ("import a.b as", "SyntaxError", "invalid syntax", 1, 14),
    ("from . import", "SyntaxError", "invalid syntax", 1, 14),
    ("from x import (a, b", "SyntaxError", "'(' was never closed", 1, 15),
    ("from x import a,", "SyntaxError", "trailing comma not allowed without surrounding parentheses", 1, 17),
    ("for x in y:\npass", "IndentationError", "expected an indented block after 'for' statement on line 1", 2, 1),
    ("def f():\n# c\nx", "IndentationError", "expected an indented block after function definition on line 1", 3, 1),
    ("class A:\n\n", "IndentationError", "expected an indented block after class definition on line 1", 2, 1),
    ("with a as f(): pass", "SyntaxError", "cannot assign to function call", 1, 11),
    ("x = 1 if 2", "SyntaxError", "expected 'else' after 'if' expression", 1, 5),
    ("x = 1 if 2 else", "SyntaxError", "invalid syntax", 1, 16),
    ("return", "SyntaxError", "'return' outside function", 1, 1),
    ("a = b = f() = 1", "SyntaxError", "cannot assign to function call", 1, 9),
    ("b'é'", "SyntaxError", "bytes can only contain ASCII literal characters", 1, 1),
    ("\\", "SyntaxError", "unexpected EOF while parsing", 1, 2),
    ("x = 1 \\ 2", "SyntaxError", "unexpected character after line continuation character", 1, 8),
    ("if True:\n\tx\n        y", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("x = (\n1,\n2\n", "SyntaxError", "'(' was never closed", 1, 5),
    ("if x:\n  a\n else:\n  b", "IndentationError", "unindent does not match any outer indentation level", 3, 7),
    ("try:\n  pass\n", "SyntaxError", "expected 'except' or 'finally' block", 2, 7),
    ("try:\n  pass\nx", "SyntaxError", "expected 'except' or 'finally' block", 3, 1),
    ("@dec\nx = 1", "SyntaxError", "invalid syntax", 2, 1),
    ("nonlocal x", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1),
    ("def f(a, a): pass", "SyntaxError", "duplicate argument 'a' in function definition", 1, 10),
    ("x = ~", "SyntaxError", "invalid syntax", 1, 6),
    ("not", "SyntaxError", "invalid syntax", 1, 4),
    ("a is not not b", "SyntaxError", "invalid syntax", 1, 10),
    ("x[]", "SyntaxError", "invalid syntax", 1, 3),
    ("x[1:2:3:4]", "SyntaxError", "invalid syntax", 1, 8),
    ("(a, b) += 1", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1),
    ("[x for x in]", "SyntaxError", "invalid syntax", 1, 12),
    ("{**a for a in b}", "SyntaxError", "dict unpacking cannot be used in dict comprehension", 1, 2),
    ("f(x=1, x=2)", "SyntaxError", "keyword argument repeated: x", 1, 8),
    ("def f(**k, a): pass", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12),
    ("x = 0_1", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5),
    ("0777", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 1),
    ("1e", "SyntaxError", "invalid decimal literal", 1, 1),
    ("0x_", "SyntaxError", "invalid hexadecimal literal", 1, 3),
    ("''' abc", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 1),
    ("x = \"\"\"a\nb", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5),
    ("a = 1; ; b", "SyntaxError", "invalid syntax", 1, 8),
    ("if x: pass\nelse pass", "SyntaxError", "expected ':'", 2, 6),
    ("class A(x for x in y): pass", "SyntaxError", "invalid syntax", 1, 11),
    ("x +", "SyntaxError", "invalid syntax", 1, 4),
    ("x = 1 +\n", "SyntaxError", "invalid syntax", 1, 8),
    ("f(,)", "SyntaxError", "invalid syntax", 1, 3),
    ("(,)", "SyntaxError", "invalid syntax", 1, 2),
    ("True = 1", "SyntaxError", "cannot assign to True", 1, 1),
    ("__debug__ = 1", "SyntaxError", "cannot assign to __debug__", 1, 1),
    ("f(a)(b) = 1", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
    ("x = [1, 2,\n  3\n", "SyntaxError", "'[' was never closed", 1, 5),
    ("def f(x):\nreturn x", "IndentationError", "expected an indented block after function definition on line 1", 2, 1),
    ("while 1:\n  pass\nelse:\npass", "IndentationError", "expected an indented block after 'else' statement on line 3", 4, 1),
    ("x = 5 === 6", "SyntaxError", "invalid syntax", 1, 9),
    ("a = 1 2 3", "SyntaxError", "invalid syntax", 1, 7),
    ("f(a, *)", "SyntaxError", "invalid syntax", 1, 7),
    ("print 'x'", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
    ("exec 'x'", "SyntaxError", "Missing parentheses in call to 'exec'. Did you mean exec(...)?", 1, 1),
    ("x = 10l", "SyntaxError", "invalid decimal literal", 1, 6),
    ("x = (1 2", "SyntaxError", "'(' was never closed", 1, 5),
    ("foo(a b", "SyntaxError", "'(' was never closed", 1, 4),
    ("x = [1,\n2", "SyntaxError", "'[' was never closed", 1, 5),
    ("x = {'a' 2}", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6),
    ("except A, B:\n pass", "SyntaxError", "invalid syntax", 1, 1),
    ("try:\n pass\nexcept A, B:\n pass", "SyntaxError", "multiple exception types must be parenthesized", 3, 8),
    ("try:\n pass\nexcept:\n pass\nexcept A:\n pass", "SyntaxError", "default 'except:' must be last", 3, 1),
    ("f(a.b=1)", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3),
    ("f(x=)", "SyntaxError", "invalid syntax", 1, 5),
    ("def f(**k=1): pass", "SyntaxError", "var-keyword argument cannot have default value", 1, 10),
    ("def f(a, *, **k): pass", "SyntaxError", "named arguments must follow bare *", 1, 10),
    ("def f(/, a): pass", "SyntaxError", "at least one argument must precede /", 1, 7),
    ("x = 0x1for", "SyntaxError", "invalid syntax", 1, 11),
    ("x: int, y = 1", "SyntaxError", "invalid syntax", 1, 7),
    ("[x]: int", "SyntaxError", "only single target (not list) can be annotated", 1, 1),
    ("while x:\n  break\nelse:\n  continue", "SyntaxError", "'continue' not properly in loop", 4, 3),
    ("x = 1;;", "SyntaxError", "invalid syntax", 1, 7),
    (";", "SyntaxError", "invalid syntax", 1, 1),
    ("if x: if y: pass", "SyntaxError", "invalid syntax", 1, 7),
    ("a =", "SyntaxError", "invalid syntax", 1, 4),
    ("= 1", "SyntaxError", "invalid syntax", 1, 1),
    ("a, b += 1", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1),
    ("-a = 1", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1),
    ("(a for b in c) = 1", "SyntaxError", "cannot assign to generator expression", 1, 1),
    ("a if b else c = 1", "SyntaxError", "cannot assign to conditional expression", 1, 1),
    ("lambda: x = 1", "SyntaxError", "cannot assign to lambda", 1, 1),
    ("[x for x in y] = 1", "SyntaxError", "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?", 1, 1),
    ("x = 1 +* 2", "SyntaxError", "invalid syntax", 1, 8),
    ("x = *a", "SyntaxError", "can't use starred expression here", 1, 5),
    ("return *a, b", "SyntaxError", "'return' outside function", 1, 1),
    ("del *a", "SyntaxError", "cannot delete starred", 1, 5),
    ("f(a)=1", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
    ("a == b = 1", "SyntaxError", "cannot assign to comparison", 1, 1),
    ("1 + 2 += 3", "SyntaxError", "'expression' is an illegal expression for augmented assignment", 1, 1),
    ("0b", "SyntaxError", "invalid binary literal", 1, 2),
    ("0o", "SyntaxError", "invalid octal literal", 1, 2),
    ("1_", "SyntaxError", "invalid decimal literal", 1, 2),
    ("1.5e", "SyntaxError", "invalid decimal literal", 1, 3),
    ("1.5e+", "SyntaxError", "invalid decimal literal", 1, 5),
    ("0xfor", "SyntaxError", "invalid syntax", 1, 6),
    ("def f(*a, *b): pass", "SyntaxError", "* argument may appear only once", 1, 11),
    ("def f(*a=1): pass", "SyntaxError", "var-positional argument cannot have default value", 1, 9),
    ("def f(*, *a): pass", "SyntaxError", "* argument may appear only once", 1, 10),
    ("def f(a, /, b, /): pass", "SyntaxError", "/ may appear only once", 1, 16),
    ("def f(*, a, /): pass", "SyntaxError", "/ must be ahead of *", 1, 13),
    ("lambda a, a: 1", "SyntaxError", "duplicate argument 'a' in function definition", 1, 11),
    ("def f(**a, **b): pass", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12),
];

/// Same exception and message as CPython; the position is ours: CPython 3.11 places f-string
/// errors relative to a copy of the expression and some carets at the end of the construct,
/// while we point at the offending character. (source, exception, message, line, column).
const SAME_MESSAGE: &[(&str, &str, &str, u32, u32)] = &[
    ("f(a=1, b)", "SyntaxError", "positional argument follows keyword argument", 1, 8),
    ("f'{}'", "SyntaxError", "f-string: empty expression not allowed", 1, 4),
    ("f'{x!z}'", "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 6),
    ("f'{x'", "SyntaxError", "f-string: expecting '}'", 1, 5),
    ("f'}'", "SyntaxError", "f-string: single '}' is not allowed", 1, 3),
    ("f'{x:{y:{z}}}'", "SyntaxError", "f-string: expressions nested too deeply", 1, 9),
    ("f'{a\\n}'", "SyntaxError", "f-string expression part cannot include a backslash", 1, 5),
    ("f'{#}'", "SyntaxError", "f-string expression part cannot include '#'", 1, 4),
    ("'\\x1'", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 2),
    ("'a' b'b'", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 5),
    ("a not b", "SyntaxError", "invalid syntax", 1, 3),
    ("x = {'a': 1, 'b' 2}", "SyntaxError", "':' expected after dictionary key", 1, 14),
    ("f'{a b}'", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 1, 4),
    ("f'{1abc}'", "SyntaxError", "invalid decimal literal", 1, 4),
    ("f'{*a}'", "SyntaxError", "f-string: cannot use starred expression here", 1, 4),
    ("f'{lambda: 1}'", "SyntaxError", "f-string: invalid syntax", 1, 10),
    ("f'{x!r=}'", "SyntaxError", "f-string: expecting '}'", 1, 7),
];

/// Valid Python the playground does not run: (source, message, line, column).
const UNSUPPORTED: &[(&str, &str, u32, u32)] = &[
    (
        "x = yield 1",
        "'yield' is not supported in the playground",
        1,
        5,
    ),
    (
        "def f():\n    yield 1",
        "'yield' is not supported in the playground",
        2,
        5,
    ),
    (
        "x = (yield)",
        "'yield' is not supported in the playground",
        1,
        6,
    ),
    (
        "await x",
        "'await' is not supported in the playground",
        1,
        1,
    ),
    (
        "async def f(): pass",
        "'async' is not supported in the playground",
        1,
        1,
    ),
    (
        "[x async for x in y]",
        "'async' is not supported in the playground",
        1,
        4,
    ),
    (
        "f'{yield}'",
        "f-string: 'yield' is not supported in the playground",
        1,
        4,
    ),
    (
        "x = 1j",
        "imaginary numbers are not supported in the playground",
        1,
        5,
    ),
    (
        "x = 1.5e3J",
        "imaginary numbers are not supported in the playground",
        1,
        5,
    ),
    (
        "match x:\n    case 1:\n        pass",
        "the 'match' statement is not supported in the playground",
        1,
        1,
    ),
    (
        "match (a, b):\n    case _: pass",
        "the 'match' statement is not supported in the playground",
        1,
        1,
    ),
    (
        "type X = int",
        "the 'type' statement is not supported in the playground",
        1,
        1,
    ),
    (
        "try:\n    pass\nexcept* E:\n    pass",
        "'except*' is not supported in the playground",
        3,
        1,
    ),
    (
        "'\\N{EM DASH}'",
        "\\N{...} escapes are not supported in the playground",
        1,
        2,
    ),
    (
        "'\\ud800'",
        "surrogate characters are not supported in the playground",
        1,
        2,
    ),
];

#[test]
fn errors_match_cpython_exactly() {
    for (src, exc, msg, line, col) in SAME_AS_CPYTHON {
        let got = error_of(src);
        assert_eq!(
            got,
            (exc.to_string(), msg.to_string(), *line, *col),
            "source: {src:?}"
        );
    }
}

#[test]
fn errors_match_cpython_messages() {
    for (src, exc, msg, line, col) in SAME_MESSAGE {
        let got = error_of(src);
        assert_eq!(
            got,
            (exc.to_string(), msg.to_string(), *line, *col),
            "source: {src:?}"
        );
    }
}

#[test]
fn unsupported_syntax_is_a_syntax_error_that_says_so() {
    for (src, msg, line, col) in UNSUPPORTED {
        let got = error_of(src);
        assert_eq!(
            got,
            ("SyntaxError".to_string(), msg.to_string(), *line, *col),
            "source: {src:?}"
        );
    }
}

#[test]
fn soft_keywords_and_near_misses_stay_valid() {
    for src in [
        "match = 1\nmatch.x = match[0]\nprint(match)",
        "match(x)\ncase = 2\ntype = 3\ntype(x)\ntype.x = 1",
        "x = 1if y else 2",
        "from __future__ import annotations",
        "print(x)\nprint (x)\nexec(code)\nprint if x else y\nprint -1\nprint [0]\nprint.x\nprint, x",
        "\u{feff}x = 1",
    ] {
        module(src);
    }
}

#[test]
fn bracket_mismatch_across_lines_names_the_line() {
    let (_, msg, line, col) = error_of("x = (1,\n  2]");
    assert_eq!(
        msg,
        "closing parenthesis ']' does not match opening parenthesis '(' on line 1"
    );
    assert_eq!((line, col), (2, 4));
}

#[test]
fn unterminated_strings_report_the_line_where_they_were_detected() {
    assert_eq!(
        error_of("a = 1\nb = 'x\nc = 2").1,
        "unterminated string literal (detected at line 2)"
    );
    let (_, msg, line, col) = error_of("a = 1\nb = \"\"\"x\n\nc = 2\n");
    assert_eq!(
        msg,
        "unterminated triple-quoted string literal (detected at line 4)"
    );
    assert_eq!((line, col), (2, 5));
}

#[test]
fn int_literals_beyond_64_bits_keep_their_digits() {
    let dump = |src: &str| super::dump_stmts(&module(src).body, 0);
    assert!(dump("x = 9223372036854775808").contains("int(\"9223372036854775808\", 10)"));
    assert!(dump("x = 0x1_0000_0000_0000_0000").contains("int(\"10000000000000000\", 16)"));
    assert!(dump("x = 9223372036854775807").contains("9223372036854775807"));
    // CPython refuses decimal literals over 4300 digits, not hexadecimal ones.
    let huge = format!("x = {}", "1".repeat(4301));
    let (exc, msg, _, _) = error_of(&huge);
    assert_eq!(exc, "SyntaxError");
    assert!(
        msg.starts_with(
            "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits"
        ),
        "{msg}"
    );
    assert!(dump(&format!("x = 0x{}", "f".repeat(4301))).contains(", 16)"));
    let (_, msg, _, _) = error_of(&format!("x = 0x{}", "f".repeat(40_000)));
    assert_eq!(
        msg,
        "integers this large are not supported in the playground"
    );
}
