//! No input may panic, exhaust the stack or take super-linear time: deep inputs on a 1 MB
//! stack (the default wasm stack), nesting limits, a deterministic mutation/random-token test,
//! and a growth check.

use super::super::{highlight_tokens, parse_interactive, parse_module};
use super::error_of;
use super::stack_probe;
use std::time::{Duration, Instant};

/// The stack the deep inputs run on: the default wasm stack (1 MB) in an optimised build.
/// Unoptimised builds give every temporary its own stack slot (frames 3-5x larger), so a
/// debug test run gets 4 MB; `cargo test --release python::tests::robustness` checks 1 MB.
const STACK: usize = if cfg!(debug_assertions) {
    4 << 20
} else {
    1 << 20
};

/// Runs `f` on a thread with a `STACK`-sized stack; returns its result and the stack bytes
/// the parser's recursion used (from the thread's start to the deepest `Parser::enter`).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> (T, usize) {
    let handle = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let base = 0u8;
            let base = std::hint::black_box(std::ptr::addr_of!(base)) as usize;
            let value = f();
            let lowest = stack_probe::LOWEST.with(|l| l.get());
            (value, base.saturating_sub(lowest))
        })
        .expect("spawn a thread");
    handle.join().expect("the parser thread panicked")
}

fn nest(open: &str, inner: &str, close: &str, n: usize) -> String {
    format!("{}{inner}{}", open.repeat(n), close.repeat(n))
}

/// Inputs at (and just past) every nesting limit, in every recursive construct.
fn deep_inputs() -> Vec<String> {
    let n = super::super::lexer::MAX_BRACKETS;
    let d = super::super::parser::MAX_DEPTH as usize;
    let mut v = vec![
        nest("(", "x", ")", n),
        nest("[", "x", "]", n),
        nest("{", "x", "}", n),
        nest("f(", "x", ")", n),
        nest("a[", "x", "]", n),
        nest("(-", "x", ")", n),
        nest("(lambda: ", "x", ")", n),
        nest("(x if y else ", "x", ")", n),
        nest("[x for x in ", "y", "]", n),
        nest("{x: ", "y", "}", n),
        nest("(", "x", ")", n + 1),
        "-".repeat(d + 10) + "x",
        "not ".repeat(d + 10) + "x",
        "lambda: ".repeat(d + 10) + "x",
        "x if y else ".repeat(d + 10) + "x",
        "2 ** ".repeat(d + 10) + "2",
        "~-+".repeat(d) + "x",
        "x = ".to_string() + &"a.".repeat(5000) + "b",
        format!("f'{{{}}}'", nest("(", "x", ")", n - 1)),
        format!("f'{{x:{{y:{{z}}}}}}'"),
        "f'''{f\"\"\"{f'{f\"{x}\"}'}\"\"\"}'''".to_string(),
    ];
    // The deepest block nesting, with the deepest expression on its last line.
    let mut blocks = String::new();
    for i in 0..99 {
        blocks += &format!("{}if x:\n", " ".repeat(i));
    }
    blocks += &format!("{}y = {}\n", " ".repeat(99), nest("(", "x", ")", 70));
    v.push(blocks);
    let mut too_deep = String::new();
    for i in 0..120 {
        too_deep += &format!("{}for x in y:\n", "\t".repeat(i));
    }
    v.push(too_deep + &"\t".repeat(120) + "pass\n");
    v
}

#[test]
fn deep_inputs_fit_in_a_1mb_stack() {
    let (mut deepest, mut outcomes) = (0, Vec::new());
    for src in deep_inputs() {
        let head: String = src.chars().take(24).collect();
        let copy = src.clone();
        let (outcome, used) = on_small_stack(move || {
            highlight_tokens(&copy);
            let console = parse_interactive(&copy).map(|_| ());
            parse_module(&copy)
                .map(|_| ())
                .map_err(|d| d.message)
                .and(console.map_err(|d| d.message))
        });
        println!("{head:24} {used:>8} bytes  {outcome:?}");
        outcomes.push(outcome.is_ok());
        deepest = deepest.max(used);
    }
    println!("deepest parser recursion: {deepest} bytes of a {STACK}-byte stack");
    // Brackets of every kind 100 deep, f-strings, and 99 blocks with 70 parentheses parse.
    let parsed = outcomes.iter().filter(|ok| **ok).count();
    assert_eq!(parsed, 10, "{outcomes:?}");
    assert!(
        deepest < STACK * 3 / 4,
        "the parser used {deepest} bytes of stack"
    );
}

#[test]
fn the_deepest_accepted_inputs_parse() {
    let n = super::super::lexer::MAX_BRACKETS;
    for src in [
        nest("(", "x", ")", n),
        nest("f(", "x", ")", n),
        nest("[x for x in ", "y", "]", n),
    ] {
        let (outcome, _) =
            on_small_stack(move || parse_module(&src).map(|_| ()).map_err(|d| d.message));
        assert_eq!(outcome, Ok(()));
    }
}

#[test]
fn long_chains_count_as_nesting_so_trees_stay_shallow() {
    let d = super::super::parser::MAX_DEPTH as usize;
    assert!(parse_module(&format!("x = {}1", "1 + ".repeat(d / 2))).is_ok());
    for src in [
        format!("x = {}1", "1 + ".repeat(d + 1)),
        format!("x = a{}", ".b".repeat(d + 1)),
        format!("x = f{}", "()".repeat(d + 1)),
        format!("if a: pass\n{}", "elif b: pass\n".repeat(d + 1)),
    ] {
        let (_, msg, ..) = error_of(&src);
        assert_eq!(
            msg,
            "code nested this deeply is not supported in the playground"
        );
    }
}

#[test]
fn nesting_beyond_the_limits_is_a_syntax_error() {
    let (_, msg, _, col) = error_of(&nest("(", "x", ")", 101));
    assert_eq!((msg.as_str(), col), ("too many nested parentheses", 101));
    let (exc, msg, ..) = error_of(&("-".repeat(400) + "1"));
    assert_eq!(
        (exc.as_str(), msg.as_str()),
        (
            "SyntaxError",
            "code nested this deeply is not supported in the playground"
        )
    );
    let mut blocks = String::new();
    for i in 0..101 {
        blocks += &format!("{}if x:\n", " ".repeat(i));
    }
    let (exc, msg, line, _) = error_of(&(blocks + &" ".repeat(101) + "pass\n"));
    assert_eq!(
        (exc.as_str(), msg.as_str(), line),
        ("IndentationError", "too many levels of indentation", 101)
    );
}

/// A small deterministic xorshift generator (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const VOCABULARY: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ";",
    ".",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "|",
    "&",
    "^",
    "~",
    "<",
    ">",
    "<=",
    "!=",
    "->",
    ":=",
    "...",
    "\\\n",
    "\n",
    "\r\n",
    "    ",
    "\t",
    " ",
    "#c\n",
    "x",
    "db",
    "Mapped",
    "1",
    "0x1f",
    "1.5e3",
    "1_0",
    "1j",
    "99999999999999999999",
    "'s'",
    "\"s\"",
    "'''t\n'''",
    "'",
    "\"",
    "'''",
    "f'{x}'",
    "f'{x!r:>{w}}'",
    "f'{{'",
    "f'{",
    "rb'\\x00'",
    "'\\N{X}'",
    "'\\x4'",
    "if",
    "elif",
    "else",
    "for",
    "in",
    "while",
    "def",
    "class",
    "return",
    "lambda",
    "not",
    "and",
    "or",
    "is",
    "None",
    "True",
    "try",
    "except",
    "finally",
    "with",
    "as",
    "import",
    "from",
    "del",
    "pass",
    "break",
    "yield",
    "async",
    "await",
    "global",
    "match",
    "case",
    "type",
    "é",
    "€",
    "$",
    "?",
    "!",
    "\u{feff}",
    "\0",
];

fn seeds() -> Vec<String> {
    let mut seeds: Vec<String> = include_str!("snippets.py")
        .split("\n\n")
        .map(str::to_string)
        .collect();
    let dir =
        std::env::var("CONFORMANCE_CASES").unwrap_or_else(|_| "../shared/conformance/cases".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [root.join("tests/conformance/cases"), root.join(dir)] {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            for file in ["models.py", "session.txt"] {
                if let Ok(text) = std::fs::read_to_string(entry.path().join(file)) {
                    let text = text
                        .lines()
                        .map(|l| l.trim_start_matches(">>> ").trim_start_matches("... "));
                    seeds.push(text.collect::<Vec<_>>().join("\n"));
                }
            }
        }
    }
    seeds
}

fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut s: Vec<char> = seed.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(s.len() + 1);
        match rng.below(5) {
            0 => {
                let end = (at + 1 + rng.below(8)).min(s.len());
                s.drain(at.min(end)..end);
            }
            1 => {
                let word = VOCABULARY[rng.below(VOCABULARY.len())];
                s.splice(at..at, word.chars());
            }
            2 => {
                let end = (at + rng.below(16)).min(s.len());
                let copy: Vec<char> = s[at.min(end)..end].to_vec();
                let to = rng.below(s.len() + 1);
                s.splice(to..to, copy);
            }
            3 => s.truncate(at),
            _ => {
                if let Some(c) = s.get_mut(at) {
                    *c = char::from_u32(rng.below(0x80) as u32).unwrap_or(' ');
                }
            }
        }
    }
    s.into_iter().collect()
}

fn token_soup(rng: &mut Rng) -> String {
    (0..rng.below(60))
        .map(|_| VOCABULARY[rng.below(VOCABULARY.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn mutated_and_random_inputs_never_panic() {
    let seeds = seeds();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let started = Instant::now();
    let (mut runs, mut ok) = (0, 0);
    while started.elapsed() < Duration::from_millis(1500) && runs < 200_000 {
        let input = if rng.below(3) == 0 {
            token_soup(&mut rng)
        } else {
            let seed = rng.below(seeds.len());
            mutate(&mut rng, &seeds[seed])
        };
        let outcome = std::panic::catch_unwind(|| {
            highlight_tokens(&input);
            let _ = parse_interactive(&input);
            parse_module(&input).is_ok()
        });
        match outcome {
            Ok(parsed) => ok += usize::from(parsed),
            Err(_) => panic!("the parser panicked on {input:?}"),
        }
        runs += 1;
    }
    println!("{runs} inputs without a panic ({ok} parsed)");
    assert!(runs > 1000);
}

/// The best of three timings of parsing `src`.
fn time(src: &str) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let _ = parse_module(src);
            let _ = parse_interactive(src);
            highlight_tokens(src);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn parsing_time_grows_linearly() {
    type Shape = Box<dyn Fn(usize) -> String>;
    let shapes: Vec<(&str, Shape)> = vec![
        (
            "arithmetic",
            Box::new(|n| "x = -a + b * c ** 2 - (d or e)[f:g]\n".repeat(n)),
        ),
        (
            "statements",
            Box::new(|n| "a.b = f(x, y=[1, 2])\n".repeat(n)),
        ),
        (
            "strings",
            Box::new(|n| format!("x = {}\n", "'ab' f'{x}' ".repeat(n))),
        ),
        (
            "keywords",
            Box::new(|n| {
                format!(
                    "f({})\n",
                    (0..n).map(|i| format!("k{i}=1, ")).collect::<String>()
                )
            }),
        ),
        (
            "if",
            Box::new(|n| "if a:\n  pass\nelif b:\n  x = 1\nelse:\n  y = 2\n".repeat(n)),
        ),
        ("tuple", Box::new(|n| format!("x = {}\n", "a, ".repeat(n)))),
        (
            "long chain",
            Box::new(|n| format!("x = {}1\n", "1 + ".repeat(n))),
        ),
        (
            "unclosed",
            Box::new(|n| format!("x = ({}\n", "a + b\n".repeat(n))),
        ),
        ("match lines", Box::new(|n| "match x + y + z\n".repeat(n))),
        (
            "with",
            Box::new(|n| format!("with ({}):\n  pass\n", "a, ".repeat(n))),
        ),
        (
            "fstring",
            Box::new(|n| format!("f'''{}'''\n", "{x:{y}} {{ }} ".repeat(n))),
        ),
        (
            "error at end",
            Box::new(|n| format!("{}x = = 1\n", "y = 1\n".repeat(n))),
        ),
    ];
    for (name, make) in shapes {
        let (small, large) = (make(1_000), make(8_000));
        let (t1, t8) = (time(&small).max(Duration::from_micros(200)), time(&large));
        println!("{name}: {t1:?} -> {t8:?}");
        assert!(t8 < t1 * 30, "{name}: 8x the input took {t1:?} -> {t8:?}");
    }
}
