//! The differential Python corpus: every tests/python/*.txt transcript was recorded from
//! CPython 3.11 by tests/python/record.py; the playground's interpreter must print the same.
//!
//! Outputs compare character for character. For an input that raises, the traceback's last
//! line (exception class and message) must be CPython's, except for the few inputs listed in
//! `DELIBERATE` (their class name must still match). Output printed before the exception is
//! not compared (the transcript is a doctest, and doctest drops it).
//!
//! Inputs listed in `PARSER_GAPS` (the front end does not parse them as CPython does yet) and
//! `UNSUPPORTED` (features the playground leaves out on purpose) are expected to differ: the
//! test fails if one of them starts matching, so that the lists stay true.

use orm_playground::playground::transcript::parse_transcript;
use orm_playground::playground::Playground;
use std::path::PathBuf;

/// Inputs whose exception message differs from CPython's on purpose: (file, input, why).
/// The exception class must still be CPython's.
const DELIBERATE: &[(&str, &str, &str)] = &[
    (
        "18-inheritance.txt",
        "class BadBase(1):\n    pass",
        "CPython calls type(1) as the metaclass and reports int()'s arguments",
    ),
    (
        "20-error-messages.txt",
        "from math import nonexistent",
        "CPython names the module's file; the playground's modules have none",
    ),
    (
        "23-imports.txt",
        "from datetime import nonexistent",
        "CPython names the module's file; the playground's modules have none",
    ),
];

/// Inputs the Python front end (src/python, owned elsewhere) does not handle as CPython does.
const PARSER_GAPS: &[(&str, &str)] = &[
    (
        "01-literals.txt",
        "'caf\\N{LATIN SMALL LETTER E WITH ACUTE}'",
    ),
    ("28-syntax-errors.txt", "def f(:"),
    ("28-syntax-errors.txt", "for x in range(3) print(x)"),
    ("28-syntax-errors.txt", "lambda x: yield"),
];

/// Features left out of the playground on purpose: (file, input, why).
const UNSUPPORTED: &[(&str, &str, &str)] = &[
    ("02-floats.txt", "(-8) ** (1/3)", "complex numbers"),
    (
        "18-inheritance.txt",
        "isinstance(Str('x'), str)",
        "subclasses of built-in types other than exceptions",
    ),
    (
        "20-error-messages.txt",
        "int.real",
        "attribute descriptors of built-in types",
    ),
    ("22-datetime.txt", "dt", "module reprs name no file"),
    ("23-imports.txt", "datetime", "module reprs name no file"),
];

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python")
}

/// The traceback's last line (`Class: message`), if the text is a traceback.
fn exception_line(text: &str) -> Option<&str> {
    if !text.contains("Traceback (most recent call last):") && !text.contains("Error") {
        return None;
    }
    let last = text.lines().rev().find(|l| !l.trim().is_empty())?;
    let head = last.split(':').next()?;
    let is_class = !head.is_empty()
        && !head.contains(' ')
        && head.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    is_class.then_some(last)
}

fn class_of(line: &str) -> &str {
    let head = line.split(':').next().unwrap_or(line);
    head.rsplit('.').next().unwrap_or(head)
}

/// Runs one transcript; returns a description of every mismatch.
fn check_file(name: &str, text: &str) -> (usize, Vec<String>) {
    let mut pg = Playground::new();
    let examples = parse_transcript(text);
    let mut failures = Vec::new();
    for ex in &examples {
        let out = pg.run(&ex.source);
        let mut got = out.text;
        if !got.is_empty() && !got.ends_with('\n') {
            got.push('\n');
        }
        let want_is_exc = ex.want.starts_with("Traceback (most recent call last):");
        let ok = if want_is_exc {
            let want_line = exception_line(&ex.want).unwrap_or("");
            match (out.error.is_some(), exception_line(&got)) {
                (true, Some(got_line)) => {
                    let deliberate = DELIBERATE
                        .iter()
                        .any(|(f, input, _)| *f == name && *input == ex.source);
                    if deliberate {
                        class_of(got_line) == class_of(want_line)
                    } else {
                        got_line == want_line
                    }
                }
                _ => false,
            }
        } else {
            got == ex.want
        };
        let listed = PARSER_GAPS
            .iter()
            .any(|(f, input)| *f == name && *input == ex.source)
            || UNSUPPORTED
                .iter()
                .any(|(f, input, _)| *f == name && *input == ex.source);
        if listed {
            if ok {
                failures.push(format!(
                    "{name}:{}: `{}` now matches CPython: remove it from PARSER_GAPS/UNSUPPORTED",
                    ex.line, ex.source
                ));
            }
            continue;
        }
        if !ok {
            failures.push(format!(
                "{name}:{}\n>>> {}\n--- CPython:\n{}--- playground:\n{}",
                ex.line,
                ex.source.replace('\n', "\n... "),
                ex.want,
                got
            ));
        }
    }
    (examples.len(), failures)
}

#[test]
fn corpus_matches_cpython() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/python exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus is missing");
    let only = std::env::var("CORPUS_FILE").ok();
    let mut total = 0;
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("readable transcript");
        let (n, f) = check_file(&name, &text);
        total += n;
        failures.extend(f);
    }
    for (file, input, _) in DELIBERATE {
        assert!(
            files.iter().any(|p| p.ends_with(file)),
            "DELIBERATE names a missing file {file} ({input})"
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {total} corpus inputs differ from CPython:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
