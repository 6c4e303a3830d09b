//! A deterministic fuzzer for the parser and evaluator, bounded to a few seconds: programs
//! generated from a small grammar of the supported subset, and the corpus inputs mutated at
//! random (fixed seeds, so failures reproduce). Every input must finish without a panic, in
//! bounded time, leaving the session usable. Longer runs: `cargo +nightly fuzz run eval`
//! (see fuzz/Cargo.toml), or `FUZZ_SECONDS=60 cargo test --release --test python_fuzz`.

use orm_playground::interp::Limits;
use orm_playground::playground::transcript::parse_transcript;
use orm_playground::playground::Playground;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn budget() -> Duration {
    let secs = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    Duration::from_secs_f64(secs)
}

fn limits() -> Limits {
    Limits {
        time_ms: 500.0,
        max_steps: 20_000,
        max_len: 20_000,
        ..Limits::default()
    }
}

/// Runs inputs in a fresh session; panics (with the inputs) if anything goes wrong.
fn check(inputs: &[String]) {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut pg = Playground::new();
        pg.set_limits(limits());
        for input in inputs {
            let start = Instant::now();
            let out = pg.run(input);
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "took {:?}",
                start.elapsed()
            );
            if let Some(e) = &out.error {
                assert!(!e.exception.is_empty());
                assert!(out.text.contains(&e.exception), "{}", out.text);
            }
        }
        assert_eq!(pg.run("'alive'").text, "'alive'\n");
    }));
    if result.is_err() {
        panic!("fuzz input failed:\n{}", inputs.join("\n---\n"));
    }
}

const ATOMS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2**64",
    "0.5",
    "1e308",
    "float('nan')",
    "'a'",
    "''",
    "'é😀'",
    "None",
    "True",
    "[]",
    "[1, 2]",
    "()",
    "(1,)",
    "{}",
    "{'k': 1}",
    "{1, 2}",
    "x",
    "y",
    "f",
    "C",
    "C()",
    "range(5)",
    "len",
    "abs",
    "str",
    "int",
    "list",
    "dict",
    "set",
    "sorted",
    "print",
    "datetime",
    "Decimal('1.5')",
    "Color.RED",
    "b'x'",
    "...",
    "lambda: 1",
    "lambda a, *b: b",
];

const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "==", "!=", "<", "<=", ">",
    ">=", " in ", " not in ", " is ", " and ", " or ",
];

fn expr(r: &mut Rng, depth: usize) -> String {
    if depth == 0 {
        return r.pick(ATOMS).to_string();
    }
    let d = depth - 1;
    match r.below(16) {
        0 => format!("({} {} {})", expr(r, d), r.pick(BINOPS), expr(r, d)),
        1 => format!("{}({})", expr(r, d), args(r, d)),
        2 => format!("{}[{}]", expr(r, d), expr(r, d)),
        3 => format!(
            "{}[{}:{}:{}]",
            expr(r, d),
            expr(r, d),
            expr(r, d),
            expr(r, d)
        ),
        4 => format!(
            "{}.{}",
            expr(r, d),
            r.pick(&[
                "append",
                "upper",
                "keys",
                "name",
                "value",
                "x",
                "__class__",
                "real"
            ])
        ),
        5 => format!("[{} for x in {} if {}]", expr(r, d), expr(r, d), expr(r, d)),
        6 => format!("{{{}: {} for x in {}}}", expr(r, d), expr(r, d), expr(r, d)),
        7 => format!("({} if {} else {})", expr(r, d), expr(r, d), expr(r, d)),
        8 => format!("f'{{{}!r:>{}}}'", expr(r, d), r.below(5)),
        9 => format!("'%s %r' % ({}, {})", expr(r, d), expr(r, d)),
        10 => format!("'{{}}{{:>3}}'.format({}, {})", expr(r, d), expr(r, d)),
        11 => format!("[{}, *{}]", expr(r, d), expr(r, d)),
        12 => format!("{}({})", r.pick(&["-", "not ", "~"]), expr(r, d)),
        13 => format!("(lambda x: {})({})", expr(r, d), expr(r, d)),
        14 => format!("{{{}, {}}}", expr(r, d), expr(r, d)),
        _ => r.pick(ATOMS).to_string(),
    }
}

fn args(r: &mut Rng, depth: usize) -> String {
    let n = r.below(4);
    let mut parts: Vec<String> = (0..n).map(|_| expr(r, depth)).collect();
    if r.below(4) == 0 {
        parts.push(format!("key={}", expr(r, depth)));
    }
    if r.below(6) == 0 {
        parts.push(format!("*{}", expr(r, depth)));
    }
    if r.below(8) == 0 {
        parts.push(format!("**{}", expr(r, depth)));
    }
    parts.join(", ")
}

fn stmt(r: &mut Rng, depth: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let e = |r: &mut Rng| expr(r, 2);
    let body = |r: &mut Rng| {
        if depth == 0 {
            format!("{}    pass", pad)
        } else {
            stmt(r, depth - 1, indent + 4)
        }
    };
    match r.below(12) {
        0 => format!("{pad}x = {}", e(r)),
        1 => format!("{pad}y, *z = {}", e(r)),
        2 => format!("{pad}if {}:\n{}\n{pad}else:\n{}", e(r), body(r), body(r)),
        3 => format!("{pad}for x in {}:\n{}", e(r), body(r)),
        4 => format!("{pad}while {}:\n{}\n{pad}    break", e(r), body(r)),
        5 => format!(
            "{pad}def f(a, b=1, *c, **d):\n{}\n{pad}    return {}",
            body(r),
            e(r)
        ),
        6 => format!(
            "{pad}class C:\n{pad}    v = {}\n{pad}    def __repr__(self):\n{pad}        return {}",
            e(r),
            e(r)
        ),
        7 => format!(
            "{pad}try:\n{}\n{pad}except {} as err:\n{pad}    y = err\n{pad}finally:\n{pad}    pass",
            body(r),
            r.pick(&["Exception", "ValueError", "(TypeError, KeyError)", "x"])
        ),
        8 => format!("{pad}x += {}", e(r)),
        9 => format!("{pad}del {}", r.pick(&["x", "y", "x[0]", "C.v", "f"])),
        10 => format!(
            "{pad}raise {}",
            r.pick(&["ValueError('v')", "x", "KeyError", "C"])
        ),
        _ => format!("{pad}{}", e(r)),
    }
}

const PRELUDE: &str = "import enum\nfrom datetime import datetime\nfrom decimal import Decimal\nclass Color(enum.Enum):\n    RED = 'red'\n    BLUE = 'blue'";

#[test]
fn generated_programs_never_panic() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < budget() {
        let mut inputs = vec![PRELUDE.to_string(), "x = [1, 2, 3]\ny = 'y'".to_string()];
        for _ in 0..6 {
            inputs.push(stmt(&mut r, 2, 0));
        }
        check(&inputs);
        n += 1;
    }
    assert!(n > 10, "only {n} programs ran");
}

fn corpus_inputs() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = Vec::new();
    for f in files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        out.extend(parse_transcript(&text).into_iter().map(|e| e.source));
    }
    out
}

fn mutate(r: &mut Rng, src: &str, pool: &[String]) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    for _ in 0..1 + r.below(4) {
        let at = r.below(chars.len() + 1);
        match r.below(6) {
            0 if !chars.is_empty() => {
                chars.remove(at.min(chars.len() - 1));
            }
            1 => {
                let c = r.pick(&[
                    "(", ")", "[", "]", ":", ",", "'", "\"", "\\", "*", "\n", " ", "0", "9", "é",
                    "{", "}", "=", ".",
                ]);
                for (k, ch) in c.chars().enumerate() {
                    chars.insert((at + k).min(chars.len()), ch);
                }
            }
            2 if !pool.is_empty() => {
                let other: Vec<char> = pool[r.below(pool.len())].chars().collect();
                let a = r.below(other.len() + 1);
                let b = a + r.below(other.len() - a + 1);
                for (k, ch) in other[a..b].iter().enumerate() {
                    chars.insert((at + k).min(chars.len()), *ch);
                }
            }
            3 if chars.len() > 2 => {
                let a = r.below(chars.len());
                let b = r.below(chars.len());
                chars.swap(a, b);
            }
            4 => {
                let seg: Vec<char> = chars[at.min(chars.len())..]
                    .iter()
                    .take(8)
                    .copied()
                    .collect();
                for (k, ch) in seg.iter().enumerate() {
                    chars.insert((at + k).min(chars.len()), *ch);
                }
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_corpus_inputs_never_panic() {
    let pool = corpus_inputs();
    assert!(pool.len() > 1000, "corpus missing");
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < budget() {
        let mut inputs = vec![PRELUDE.to_string()];
        for _ in 0..8 {
            let src = &pool[r.below(pool.len())];
            inputs.push(if r.below(3) == 0 {
                src.clone()
            } else {
                mutate(&mut r, src, &pool)
            });
        }
        check(&inputs);
        n += 1;
    }
    assert!(n > 10, "only {n} sessions ran");
}

#[test]
fn every_corpus_input_runs_with_tiny_limits() {
    // Each limit must be able to cut any input short without breaking the session.
    let pool = corpus_inputs();
    for (steps, len) in [(50, 100_000), (100_000, 10)] {
        let result = catch_unwind(AssertUnwindSafe(|| {
            let mut pg = Playground::new();
            pg.set_limits(Limits {
                max_steps: steps,
                max_len: len,
                ..limits()
            });
            for src in &pool {
                pg.run(src);
            }
            pg.run("1").text
        }));
        assert_eq!(
            result.ok().as_deref(),
            Some("1\n"),
            "steps={steps} len={len}"
        );
    }
}
