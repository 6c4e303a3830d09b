//! Every conformance case's models.py and every console input of its session.txt parse.
//!
//! Cases are read from `tests/conformance/cases` when the crate has its own copy, else from
//! `$CONFORMANCE_CASES`, else from `../shared/conformance/cases` (relative to the crate);
//! when none exists the test prints a note and checks nothing.

use super::super::{parse_interactive, parse_module};
use super::is_complete;
use std::path::PathBuf;

fn cases_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let own = root.join("tests/conformance/cases");
    let configured = std::env::var_os("CONFORMANCE_CASES").map(PathBuf::from);
    let shared = root.join("../shared/conformance/cases");
    [Some(own), configured, Some(shared)]
        .into_iter()
        .flatten()
        .find(|p| p.is_dir())
}

/// The console inputs of a doctest transcript: a `>>> ` line and its `... ` continuations,
/// joined with newlines and ending with one, as doctest compiles them.
pub(super) fn session_inputs(transcript: &str) -> Vec<String> {
    let mut inputs: Vec<String> = Vec::new();
    let mut open = false;
    for line in transcript.lines() {
        if let Some(code) = line.strip_prefix(">>> ") {
            inputs.push(format!("{code}\n"));
            open = true;
        } else if let (true, Some(code)) = (
            open,
            line.strip_prefix("... ")
                .or(line.strip_prefix("...").filter(|r| r.is_empty())),
        ) {
            if let Some(last) = inputs.last_mut() {
                last.push_str(code);
                last.push('\n');
            }
        } else {
            open = false;
        }
    }
    inputs
}

#[test]
fn session_inputs_join_continuation_lines() {
    let t = ">>> for x in xs:\n...     print(x)\n...\n1\n>>> y\n  ...\nZ\n";
    assert_eq!(
        session_inputs(t),
        vec![
            "for x in xs:\n    print(x)\n\n".to_string(),
            "y\n".to_string()
        ]
    );
}

#[test]
fn every_conformance_case_parses() {
    let Some(dir) = cases_dir() else {
        println!("note: no conformance cases found (set CONFORMANCE_CASES); nothing checked");
        return;
    };
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    let (mut files, mut inputs) = (0, 0);
    for case in entries.iter().filter(|p| p.is_dir()) {
        let models = std::fs::read_to_string(case.join("models.py")).unwrap_or_default();
        if let Err(d) = parse_module(&models) {
            panic!("{}/models.py: {d} at {:?}", case.display(), d.span);
        }
        files += 1;
        let session = std::fs::read_to_string(case.join("session.txt")).unwrap_or_default();
        for input in session_inputs(&session) {
            let r = parse_interactive(&input);
            assert!(
                is_complete(&r),
                "{}: console input {input:?} gave {r:?}",
                case.display()
            );
            assert!(
                parse_module(&input).is_ok(),
                "{}: {input:?}",
                case.display()
            );
            inputs += 1;
        }
    }
    assert!(files > 0, "no cases in {}", dir.display());
    println!(
        "parsed {files} models.py files and {inputs} console inputs from {}",
        dir.display()
    );
}
