//! The playground's safety limits: runaway loops, recursion, huge values and deeply nested
//! data all end quickly with a clear error (never a hang, a panic or a native stack
//! overflow). Small limits keep the tests fast; the defaults are exercised once.

use orm_playground::interp::Limits;
use orm_playground::playground::Playground;
use std::time::{Duration, Instant};

fn small_limits() -> Limits {
    Limits {
        time_ms: 2_000.0,
        max_steps: 200_000,
        max_len: 100_000,
        ..Limits::default()
    }
}

fn playground() -> Playground {
    let mut pg = Playground::new();
    pg.set_limits(small_limits());
    pg
}

/// Runs inputs in one session; returns the last output and how long it took.
fn run(pg: &mut Playground, inputs: &[&str]) -> (String, Duration) {
    let start = Instant::now();
    let mut last = String::new();
    for i in inputs {
        last = pg.run(i).text;
    }
    (last, start.elapsed())
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

#[track_caller]
fn assert_error(inputs: &[&str], class: &str, playground_limit: bool) {
    let mut pg = playground();
    let (out, took) = run(&mut pg, inputs);
    let line = last_line(&out);
    assert!(
        line.starts_with(&format!("{class}:")) || line == class,
        "{inputs:?} ended with {line:?}, expected {class}"
    );
    assert_eq!(
        line.contains("playground"),
        playground_limit,
        "{inputs:?}: {line:?}"
    );
    assert!(took < Duration::from_secs(5), "{inputs:?} took {took:?}");
    // The session is still usable afterwards.
    assert_eq!(pg.run("1 + 1").text, "2\n");
}

#[test]
fn endless_loops_are_stopped() {
    assert_error(&["while True: pass"], "KeyboardInterrupt", true);
    assert_error(&["while True:\n    x = 1"], "KeyboardInterrupt", true);
    assert_error(&["for i in range(10**12): pass"], "KeyboardInterrupt", true);
    assert_error(
        &["def f():\n    while True:\n        pass", "f()"],
        "KeyboardInterrupt",
        true,
    );
}

#[test]
fn a_caught_limit_still_stops_the_run() {
    assert_error(
        &["try:\n    while True: pass\nexcept BaseException:\n    print('caught')"],
        "KeyboardInterrupt",
        true,
    );
    assert_error(
        &["while True:\n    try:\n        while True: pass\n    except:\n        pass"],
        "KeyboardInterrupt",
        true,
    );
}

#[test]
fn the_default_time_budget_ends_a_loop_within_about_a_second() {
    let mut pg = Playground::new();
    let (out, took) = run(&mut pg, &["while True: pass"]);
    assert!(last_line(&out).starts_with("KeyboardInterrupt:"), "{out}");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn runaway_recursion_is_a_recursion_error() {
    assert_error(
        &["def f(n):\n    return f(n + 1)", "f(0)"],
        "RecursionError",
        false,
    );
    assert_error(
        &[
            "class A:\n    def __repr__(self):\n        return repr(self)",
            "A()",
        ],
        "RecursionError",
        false,
    );
    assert_error(
        &[
            "class B:\n    def __getattr__(self, name):\n        return self.other",
            "B().x",
        ],
        "RecursionError",
        false,
    );
    assert_error(&["f = lambda: f()", "f()"], "RecursionError", false);
}

#[test]
fn recursion_errors_can_be_caught() {
    let mut pg = playground();
    let (out, _) = run(
        &mut pg,
        &[
            "def f(n):\n    return f(n + 1)",
            "try:\n    f(0)\nexcept RecursionError:\n    print('caught')",
        ],
    );
    assert_eq!(out, "caught\n");
}

#[test]
fn huge_values_are_memory_errors() {
    assert_error(&["'x' * 10**9"], "MemoryError", true);
    assert_error(&["[0] * 10**9"], "MemoryError", true);
    assert_error(&["(0,) * 10**9"], "MemoryError", true);
    assert_error(&["[0] * (10**9) * 2"], "MemoryError", true);
    assert_error(&["'ab'.center(10**9)"], "MemoryError", true);
    assert_error(&["2 ** 10**9"], "MemoryError", true);
    assert_error(&["1 << 10**9"], "MemoryError", true);
    assert_error(&["'x' * 2**70"], "OverflowError", false);
    assert_error(
        &["s = 'x'", "while True:\n    s = s + s"],
        "MemoryError",
        true,
    );
    assert_error(&["list(range(10**9))"], "MemoryError", true);
    assert_error(&["[i for i in range(10**9)]"], "MemoryError", true);
    assert_error(&["{i: i for i in range(10**9)}"], "MemoryError", true);
    assert_error(&["set(range(10**9))"], "MemoryError", true);
}

#[test]
fn big_integers_within_the_limits_work() {
    let mut pg = playground();
    assert_eq!(pg.run("len(str(2 ** 10000))").text, "3011\n");
    let out = pg.run("str(10 ** 5000)").text;
    assert!(
        last_line(&out).starts_with("ValueError: Exceeds the limit (4300 digits)"),
        "{out}"
    );
}

/// Builds a value nested `depth` deep with `step` (`x` is the previous level).
fn nested(step: &str, depth: usize) -> Vec<String> {
    vec![
        "x = None".to_string(),
        format!("for i in range({depth}):\n    x = {step}"),
    ]
}

#[test]
fn deeply_nested_values_are_printed_compared_and_freed_without_overflow() {
    let mut limits = small_limits();
    limits.max_steps = 2_000_000;
    for step in [
        "[x]",
        "(x,)",
        "{'k': x}",
        "{1: [x]}",
        "frozenset([(x,)]) if i < 0 else (x, 1)",
    ] {
        let mut pg = Playground::new();
        pg.set_limits(limits.clone());
        let inputs = nested(step, 50_000);
        let setup: Vec<&str> = inputs.iter().map(String::as_str).collect();
        let (out, _) = run(&mut pg, &setup);
        assert_eq!(out, "", "{step}");
        for probe in ["x", "str(x)", "x == x", "[x] == [x]", "hash(x)", "print(x)"] {
            let out = pg.run(probe).text;
            let line = last_line(&out);
            assert!(
                line.is_empty()
                    || line.starts_with("RecursionError")
                    || line.starts_with("TypeError")
                    || line == "True"
                    || line.starts_with('-')
                    || line.chars().all(|c| c.is_ascii_digit()),
                "{step}: {probe} gave {line:?}"
            );
        }
        assert_eq!(pg.run("del x").text, "", "{step}");
        assert_eq!(pg.run("1").text, "1\n");
    }
}

#[test]
fn deep_chains_of_objects_are_freed_without_overflow() {
    let mut limits = small_limits();
    limits.max_steps = 2_000_000;
    for setup in [
        [
            "class N:\n    pass",
            "x = None",
            "for i in range(50000):\n    n = N(); n.next = x; x = n",
        ],
        [
            "def mk(f):\n    return lambda: f",
            "x = None",
            "for i in range(50000):\n    x = mk(x)",
        ],
        [
            "pass",
            "x = None",
            "for i in range(50000):\n    def g(a=x): pass\n    x = g",
        ],
        ["pass", "x = [1]", "for i in range(50000):\n    x = zip(x)"],
        [
            "pass",
            "x = [1]",
            "for i in range(50000):\n    x = map(abs, x)",
        ],
        ["pass", "x = int", "for i in range(50000):\n    x = list[x]"],
        [
            "pass",
            "x = iter([1])",
            "for i in range(50000):\n    x = enumerate(x)",
        ],
    ] {
        let mut pg = Playground::new();
        pg.set_limits(limits.clone());
        let (out, _) = run(&mut pg, &setup);
        assert_eq!(out, "", "{setup:?}");
        let out = pg.run("list(x) if hasattr(x, '__next__') else x").text;
        let line = last_line(&out);
        assert!(
            !line.starts_with("Traceback") && !line.contains("panicked"),
            "{setup:?}: {line}"
        );
        assert_eq!(pg.run("del x").text, "", "{setup:?}");
        drop(pg);
    }
}

#[test]
fn deeply_nested_source_is_rejected_quickly() {
    let mut pg = playground();
    for src in [
        format!("{}1{}", "(".repeat(5000), ")".repeat(5000)),
        format!("{}1{}", "[".repeat(5000), "]".repeat(5000)),
        format!("{}1", "-".repeat(5000)),
        format!("x = {}", "not ".repeat(5000) + "1"),
        "1 + ".repeat(5000) + "1",
        format!("{}x", "lambda: ".repeat(3000)),
    ] {
        let start = Instant::now();
        let out = pg.run(&src).text;
        assert!(start.elapsed() < Duration::from_secs(5));
        let line = last_line(&out);
        assert!(
            line.starts_with("SyntaxError")
                || line.starts_with("RecursionError")
                || line.starts_with("MemoryError")
                || line.is_empty()
                || line == "1"
                || line.starts_with("<function"),
            "{}...: {line}",
            &src[..20]
        );
    }
}
