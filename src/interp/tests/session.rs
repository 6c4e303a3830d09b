//! Echo rules, the limits, and state that must survive errors.

use super::{fresh, run, small};

#[test]
fn expression_statements_echo_their_repr_except_none() {
    let mut i = fresh();
    let out = run(
        &mut i,
        &[
            "1 + 1",
            "None",
            "print('p')",
            "for x in [1, None, 'a']:\n    x",
            "_",
        ],
    );
    assert_eq!(out, "2\np\n1\n'a'\n'a'\n");
}

#[test]
fn the_native_stack_guard_raises_recursion_error() {
    let mut i = small(|l| l.max_stack_bytes = 64 * 1024);
    let out = run(&mut i, &["def f(n):\n    return f(n + 1)", "f(0)", "1"]);
    assert_eq!(out, "RecursionError: maximum recursion depth exceeded\n1\n");
}

#[test]
fn the_python_depth_limit_raises_recursion_error() {
    let mut i = small(|l| l.max_depth = 20);
    let out = run(
        &mut i,
        &[
            "def f(n):\n    return n if n == 0 else f(n - 1)",
            "f(19)",
            "f(21)",
        ],
    );
    assert_eq!(out, "0\nRecursionError: maximum recursion depth exceeded\n");
}

#[test]
fn step_limits_cannot_be_caught() {
    let mut i = small(|l| l.max_steps = 1000);
    let out = run(
        &mut i,
        &[
            "try:\n    while True:\n        pass\nexcept BaseException:\n    print('caught')",
            "2",
        ],
    );
    assert!(
        out.starts_with("KeyboardInterrupt: stopped after 1000 steps (the playground's limit"),
        "{out}"
    );
    assert!(out.ends_with("2\n"));
}

#[test]
fn size_limits_are_memory_errors() {
    let mut i = small(|l| {
        l.max_len = 1000;
        l.max_int_bits = 256;
    });
    let out = run(
        &mut i,
        &["'ab' * 600", "[1] * 1001", "2 ** 300", "2 ** 200 > 0"],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    for line in &lines[..3] {
        assert!(
            line.starts_with("MemoryError:") && line.contains("playground"),
            "{line}"
        );
    }
    assert_eq!(lines[3], "True");
}

#[test]
fn bound_errors_keep_the_session_usable() {
    let mut i = fresh();
    let out = run(&mut i, &["x = 1", "1/0", "x += 1", "undefined", "x"]);
    assert_eq!(
        out,
        "ZeroDivisionError: division by zero\nNameError: name 'undefined' is not defined\n2\n"
    );
}
