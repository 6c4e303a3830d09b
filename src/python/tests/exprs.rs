//! Expressions: shapes (via `dump_e`) and spans of each construct.

use super::super::ast::{Constant, ExprKind, FStringPart};
use super::{dump_e, error_of, expr_of, text};

#[test]
fn arithmetic_follows_python_precedence() {
    assert_eq!(dump_e("-2**2"), "(-(2 ** 2))");
    assert_eq!(dump_e("2**-1"), "(2 ** (-1))");
    assert_eq!(dump_e("a**b**c"), "(a ** (b ** c))");
    assert_eq!(dump_e("a - b - c"), "((a - b) - c)");
    assert_eq!(dump_e("a + b * c % d // e"), "(a + (((b * c) % d) // e))");
    assert_eq!(dump_e("a | b ^ c & d << e"), "(a | (b ^ (c & (d << e))))");
    assert_eq!(dump_e("~a + -b"), "((~a) + (-b))");
    assert_eq!(dump_e("(a + b) * c"), "((a + b) * c)");
}

#[test]
fn boolean_operators_and_comparisons() {
    assert_eq!(dump_e("not a and b or c"), "(((not a) and b) or c)");
    assert_eq!(dump_e("a or b or c"), "(a or b or c)");
    assert_eq!(dump_e("not a == b"), "(not (a == b))");
    assert_eq!(
        dump_e("a < b <= c is not d not in e"),
        "(a < b <= c is not d not in e)"
    );
    assert_eq!(dump_e("a is b in c != d"), "(a is b in c != d)");
    assert_eq!(
        dump_e("x if a else y if b else z"),
        "(x if a else (y if b else z))"
    );
}

#[test]
fn literals_have_python_values() {
    assert_eq!(dump_e("0x1F"), "31");
    assert_eq!(dump_e("0o17"), "15");
    assert_eq!(dump_e("0B101"), "5");
    assert_eq!(dump_e("1_000"), "1000");
    assert_eq!(dump_e("9223372036854775807"), "9223372036854775807");
    assert_eq!(dump_e("1."), "1.0");
    assert_eq!(dump_e(".5"), "0.5");
    assert_eq!(dump_e("1e3"), "1000.0");
    assert_eq!(dump_e("1_0.2_5E-1"), "1.025");
    assert_eq!(
        dump_e("None, True, False, ..."),
        "tuple(None, True, False, ...)"
    );
}

#[test]
fn string_literals_decode_every_escape_and_prefix() {
    assert_eq!(
        dump_e(r"'\x41\u00e9\U0001F600\101\0\n\t\\\'\d'"),
        "\"Aé😀A\\0\\n\\t\\\\'\\\\d\""
    );
    assert_eq!(dump_e(r"'\a\b\f\v\r'"), "\"\\u{7}\\u{8}\\u{c}\\u{b}\\r\"");
    assert_eq!(dump_e("'a\\\nb'"), "\"ab\"");
    assert_eq!(dump_e(r"r'\n' R'\x'"), "\"\\\\n\\\\x\"");
    assert_eq!(dump_e("'''a\r\nb'''"), "\"a\\nb\"");
    assert_eq!(dump_e("\"a\" 'b' \"\"\"c\"\"\" u'd'"), "\"abcd\"");
    assert_eq!(dump_e(r"b'\x41\101' rb'\x' Br'y'"), "b\"AA\\\\xy\"");
}

#[test]
fn fstrings_hold_fields_conversions_and_specs() {
    assert_eq!(dump_e("f'a{x}b'"), "f[\"a\", {x}, \"b\"]");
    assert_eq!(dump_e("f'{x!r}{y!s}{z!a}'"), "f[{x!r}, {y!s}, {z!a}]");
    assert_eq!(dump_e("f'{x:>10}'"), "f[{x:[\">10\"]}]");
    assert_eq!(dump_e("f'{x:{w}.{p}f}'"), "f[{x:[{w}, \".\", {p}, \"f\"]}]");
    assert_eq!(dump_e("f'{{}}{x}'"), "f[\"{}\", {x}]");
    assert_eq!(
        dump_e("f'{d[\"k\"]}' f\"{d['k']}\""),
        "f[{d[\"k\"]}, {d[\"k\"]}]"
    );
    assert_eq!(dump_e("'a' f'{b}' 'c' f'd'"), "f[\"a\", {b}, \"cd\"]");
    assert_eq!(dump_e("f'{a + b:.2f}'"), "f[{(a + b):[\".2f\"]}]");
    assert_eq!(dump_e("f'{a, b}'"), "f[{tuple(a, b)}]");
    assert_eq!(dump_e("f'{x:=3}'"), "f[{x:[\"=3\"]}]");
    assert_eq!(dump_e("f'''{\nx\n}'''"), "f[{x}]");
    assert_eq!(dump_e("f'\\n{x}\\t'"), "f[\"\\n\", {x}, \"\\t\"]");
    assert_eq!(dump_e("f''"), "f[]");
}

#[test]
fn fstring_debug_fields_keep_their_text() {
    let e = expr_of("f'{x = }{y=:>4}{z=!s}'");
    let ExprKind::FString(parts) = e.kind else {
        panic!("not an f-string: {e:?}")
    };
    let fields: Vec<(Option<char>, Option<&str>, bool)> = parts
        .iter()
        .map(|p| match p {
            FStringPart::Expr {
                conversion,
                debug_text,
                format_spec,
                ..
            } => (*conversion, debug_text.as_deref(), format_spec.is_some()),
            FStringPart::Literal(s) => panic!("unexpected literal {s:?}"),
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            (Some('r'), Some("x = "), false),
            (None, Some("y="), true),
            (Some('s'), Some("z="), false)
        ]
    );
}

#[test]
fn fstring_expressions_have_source_spans() {
    let src = "x = f'ab{user.name!r:>{width}}'";
    let e = match &super::module(src).body[0].kind {
        super::super::ast::StmtKind::Assign { value, .. } => value.clone(),
        other => panic!("{other:?}"),
    };
    let ExprKind::FString(parts) = &e.kind else {
        panic!("{e:?}")
    };
    let FStringPart::Expr {
        expr,
        format_spec: Some(spec),
        ..
    } = &parts[1]
    else {
        panic!("{parts:?}")
    };
    assert_eq!(text(src, expr.span), "user.name");
    let FStringPart::Expr { expr: width, .. } = &spec[1] else {
        panic!("{spec:?}")
    };
    assert_eq!(text(src, width.span), "width");
    assert_eq!(text(src, e.span), "f'ab{user.name!r:>{width}}'");
}

#[test]
fn displays_and_comprehensions() {
    assert_eq!(dump_e("[1, *a, 2,]"), "[1, *a, 2]");
    assert_eq!(dump_e("(1,)"), "tuple(1)");
    assert_eq!(dump_e("()"), "tuple()");
    assert_eq!(dump_e("{}"), "{}");
    assert_eq!(dump_e("{1, *s}"), "set(1, *s)");
    assert_eq!(dump_e("{'a': 1, **d}"), "{\"a\": 1, **d}");
    assert_eq!(dump_e("[x for x in y]"), "[x for x in y]");
    assert_eq!(
        dump_e("{x for x in y if x if not x}"),
        "{x for x in y if x if (not x)}"
    );
    assert_eq!(
        dump_e("{k: v for k, v in d for e in k}"),
        "{k: v for tuple(k, v) in d for e in k}"
    );
    assert_eq!(dump_e("(x for (a, b) in y)"), "gen(x for tuple(a, b) in y)");
    assert_eq!(dump_e("sum(x for x in y)"), "sum(gen(x for x in y))");
}

#[test]
fn calls_attributes_subscripts_and_slices() {
    assert_eq!(dump_e("f(a, *b, c=1, **d)"), "f(a, *b, c=1, **d)");
    assert_eq!(dump_e("a.b(c)[d].e"), "a.b(c)[d].e");
    assert_eq!(dump_e("x[1:2]"), "x[slice(1:2:)]");
    assert_eq!(dump_e("x[::-1]"), "x[slice(::(-1))]");
    assert_eq!(dump_e("x[:]"), "x[slice(::)]");
    assert_eq!(dump_e("x[1:2, 3]"), "x[tuple(slice(1:2:), 3)]");
    assert_eq!(dump_e("x[a, b]"), "x[tuple(a, b)]");
    assert_eq!(dump_e("Mapped[Optional[str]]"), "Mapped[Optional[str]]");
    assert_eq!(
        dump_e("db.Column(db.Integer, primary_key=True)"),
        "db.Column(db.Integer, primary_key=True)"
    );
}

#[test]
fn lambdas_walrus_and_starred() {
    assert_eq!(dump_e("lambda: 0"), "lambda(): 0");
    assert_eq!(
        dump_e("lambda a, b=1, *c, d, **e: a"),
        "lambda(a, b=1, *c, d, **e): a"
    );
    assert_eq!(
        dump_e("lambda x: lambda y: x + y"),
        "lambda(x): lambda(y): (x + y)"
    );
    assert_eq!(dump_e("(y := f(x))"), "(y := f(x))");
    assert_eq!(dump_e("[y := 1, 2]"), "[(y := 1), 2]");
    assert_eq!(dump_e("*a, b"), "tuple(*a, b)");
    let ExprKind::Lambda(def) = expr_of("lambda a: a").kind else {
        panic!("not a lambda")
    };
    assert!(def.is_lambda);
    assert_eq!(&*def.name.name, "<lambda>");
}

#[test]
fn spans_cover_the_source_and_parentheses_keep_the_inner_span() {
    let src = "(a + b) * c.d(e)[f]";
    let e = expr_of(src);
    assert_eq!(text(src, e.span), src);
    let ExprKind::BinOp { left, right, .. } = &e.kind else {
        panic!("{e:?}")
    };
    assert_eq!(text(src, left.span), "a + b");
    assert_eq!(text(src, right.span), "c.d(e)[f]");
    let src = "x = (1, 2)";
    let m = super::module(src);
    let super::super::ast::StmtKind::Assign { value, .. } = &m.body[0].kind else {
        panic!()
    };
    assert_eq!(text(src, value.span), "(1, 2)");
    let src = "f(x for x in y)";
    let ExprKind::Call { args, .. } = expr_of(src).kind else {
        panic!()
    };
    assert_eq!(text(src, args[0].span), "(x for x in y)");
}

#[test]
fn constants_keep_their_kinds() {
    assert!(
        matches!(expr_of("b'x'").kind, ExprKind::Constant(Constant::Bytes(ref b)) if &b[..] == b"x")
    );
    assert!(matches!(expr_of("1.5").kind, ExprKind::Constant(Constant::Float(f)) if f == 1.5));
    assert!(matches!(
        expr_of("-9223372036854775807").kind,
        ExprKind::UnaryOp { .. }
    ));
}

#[test]
fn invalid_expressions_are_reported_where_they_go_wrong() {
    assert_eq!(
        error_of("f(a b)").1,
        "invalid syntax. Perhaps you forgot a comma?"
    );
    assert_eq!(error_of("x = [1, 2 3]").3, 9);
    assert_eq!(error_of("x = a b").1, "invalid syntax");
    assert_eq!(error_of("x = (*a)").1, "cannot use starred expression here");
    assert_eq!(
        error_of("f(x for x in y, z)").1,
        "Generator expression must be parenthesized"
    );
    assert_eq!(
        error_of("f(a.b=1)").1,
        "expression cannot contain assignment, perhaps you meant \"==\"?"
    );
    assert_eq!(
        error_of("(a.b := 1)").1,
        "cannot use assignment expressions with expression"
    );
}
