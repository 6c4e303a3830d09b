//! Conformance cases as the harness defines them (`../shared/conformance/README.md`): a
//! doctest transcript is split into inputs and expected outputs, each input runs in the
//! playground, and outputs compare character for character — except that for an input
//! that raises, only the exception's class name is compared.

use super::Playground;
use std::path::Path;

/// One `>>> ` input (with its `... ` lines) and what the shell printed for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub source: String,
    pub want: String,
    /// 1-based line of the `>>> ` in session.txt.
    pub line: usize,
}

/// Splits a doctest transcript into examples.
pub fn parse_transcript(text: &str) -> Vec<Example> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = lines[i]
            .strip_prefix(">>> ")
            .or_else(|| (lines[i] == ">>>").then_some(""))
        else {
            i += 1;
            continue;
        };
        let line = i + 1;
        let mut source = first.to_string();
        i += 1;
        while i < lines.len() {
            let Some(more) = lines[i]
                .strip_prefix("... ")
                .or_else(|| (lines[i] == "...").then_some(""))
            else {
                break;
            };
            source.push('\n');
            source.push_str(more);
            i += 1;
        }
        let mut want = String::new();
        while i < lines.len() && !lines[i].starts_with(">>>") && !lines[i].trim().is_empty() {
            let l = if lines[i] == "<BLANKLINE>" {
                ""
            } else {
                lines[i]
            };
            want.push_str(l);
            want.push('\n');
            i += 1;
        }
        out.push(Example { source, want, line });
    }
    out
}

/// The exception class named on the last line of a traceback (without its module).
fn exception_name(text: &str) -> Option<String> {
    if !text.contains("Traceback (most recent call last):") && !text.starts_with("  File") {
        return None;
    }
    let last = text.lines().rev().find(|l| !l.trim().is_empty())?;
    let head = last.split(':').next()?.trim();
    Some(head.rsplit('.').next().unwrap_or(head).to_string())
}

/// How one example went.
#[derive(Clone, Debug)]
pub struct Mismatch {
    pub example: Example,
    pub got: String,
}

/// The result of one case.
#[derive(Clone, Debug)]
pub struct CaseReport {
    pub name: String,
    pub examples: usize,
    pub failures: Vec<Mismatch>,
    /// An error running models.py (the case cannot pass).
    pub models_error: Option<String>,
}

impl CaseReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.models_error.is_none()
    }

    /// What `ormpg check` prints for this case: `ok NAME`, or `FAIL NAME` and the diff.
    pub fn summary(&self) -> String {
        if self.passed() {
            format!("ok {}\n", self.name)
        } else {
            format!("FAIL {}\n{}", self.name, self.diff())
        }
    }

    /// A readable account of the differences (expected vs actual per failing input).
    pub fn diff(&self) -> String {
        let mut out = String::new();
        if let Some(e) = &self.models_error {
            out.push_str(&format!("models.py failed: {e}\n"));
        }
        for m in &self.failures {
            out.push_str(&format!("line {}:\n", m.example.line));
            for (n, l) in m.example.source.lines().enumerate() {
                out.push_str(if n == 0 { ">>> " } else { "... " });
                out.push_str(l);
                out.push('\n');
            }
            out.push_str("Expected:\n");
            for l in m.example.want.lines() {
                out.push_str(&format!("    {l}\n"));
            }
            if m.example.want.is_empty() {
                out.push_str("    (nothing)\n");
            }
            out.push_str("Got:\n");
            for l in m.got.lines() {
                out.push_str(&format!("    {l}\n"));
            }
            if m.got.is_empty() {
                out.push_str("    (nothing)\n");
            }
        }
        out
    }
}

/// Whether actual output matches the expected one under IGNORE_EXCEPTION_DETAIL.
pub fn matches(want: &str, got: &str) -> bool {
    match exception_name(want) {
        Some(name) => exception_name(got).is_some_and(|g| g == name),
        None => want == got,
    }
}

/// Writes inputs and what the shell printed for them as a doctest transcript (the format
/// `parse_transcript` reads back): `>>> ` and `... ` prompts, `<BLANKLINE>` for an empty
/// output line. The widget's `transcript()` gives this, so a docs page can paste it.
pub fn format_transcript<'a>(runs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (input, output) in runs {
        for (n, line) in input.split('\n').enumerate() {
            let prompt = if n == 0 { ">>>" } else { "..." };
            if line.is_empty() {
                out.push_str(prompt);
            } else {
                out.push_str(prompt);
                out.push(' ');
                out.push_str(line);
            }
            out.push('\n');
        }
        for line in output.lines() {
            out.push_str(if line.trim().is_empty() {
                "<BLANKLINE>"
            } else {
                line
            });
            out.push('\n');
        }
    }
    out
}

/// Runs a case given its texts.
pub fn check_texts(name: &str, models: &str, session: &str) -> CaseReport {
    let mut pg = Playground::new();
    let report = pg.load_models(models);
    let models_error = report.error.map(|d| d.headline());
    let examples = parse_transcript(session);
    let mut failures = Vec::new();
    if models_error.is_none() {
        for ex in &examples {
            let out = pg.run(&ex.source);
            if !matches(&ex.want, &out.text) {
                failures.push(Mismatch {
                    example: ex.clone(),
                    got: out.text,
                });
            }
        }
    }
    CaseReport {
        name: name.to_string(),
        examples: examples.len(),
        failures,
        models_error,
    }
}

/// Runs the case in folder `dir` (models.py + session.txt).
pub fn check_dir(dir: &Path) -> CaseReport {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let models = std::fs::read_to_string(dir.join("models.py"));
    let session = std::fs::read_to_string(dir.join("session.txt"));
    match (models, session) {
        (Ok(m), Ok(s)) => check_texts(&name, &m, &s),
        (m, s) => CaseReport {
            name,
            examples: 0,
            failures: Vec::new(),
            models_error: Some(format!(
                "cannot read the case: {}",
                m.err()
                    .or(s.err())
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcripts_split_into_inputs_and_outputs() {
        let t = ">>> x = 1\n>>> for i in [1]:\n...     i\n1\n>>> 1/0\nTraceback (most recent call last):\n  ...\nZeroDivisionError: division by zero\n";
        let ex = parse_transcript(t);
        assert_eq!(ex.len(), 3);
        assert_eq!(ex[1].source, "for i in [1]:\n    i");
        assert_eq!(ex[1].want, "1\n");
        assert_eq!(ex[0].want, "");
        assert!(matches(&ex[2].want, "Traceback (most recent call last):\n  File \"<stdin>\", line 1\nZeroDivisionError: division by zero\n"));
        assert!(!matches(
            &ex[2].want,
            "Traceback (most recent call last):\nValueError: x\n"
        ));
        assert!(matches(
            "Traceback (most recent call last):\n  ...\nsqlalchemy.exc.IntegrityError: x\n",
            "Traceback (most recent call last):\nIntegrityError: y\n"
        ));
    }

    #[test]
    fn a_formatted_transcript_reads_back_as_the_same_runs() {
        let runs = [
            ("x = 1", ""),
            ("for i in [1, 2]:\n    print(i)\n", "1\n2\n"),
            ("print('a\\n\\nb')", "a\n\nb\n"),
            ("", ""),
        ];
        let text = format_transcript(runs);
        assert_eq!(
            text,
            ">>> x = 1\n>>> for i in [1, 2]:\n...     print(i)\n...\n1\n2\n>>> print('a\\n\\nb')\na\n<BLANKLINE>\nb\n>>>\n"
        );
        let back: Vec<(String, String)> = parse_transcript(&text)
            .into_iter()
            .map(|e| (e.source, e.want))
            .collect();
        let want: Vec<(String, String)> = runs
            .iter()
            .map(|(i, o)| (i.to_string(), o.to_string()))
            .collect();
        assert_eq!(back, want);
    }

    #[test]
    fn a_case_summary_is_what_ormpg_check_prints() {
        let ok = check_texts("ok-case", "", ">>> 1 + 1\n2\n");
        assert_eq!(ok.summary(), "ok ok-case\n");
        let bad = check_texts("bad-case", "", ">>> 1 + 1\n3\n");
        assert!(!bad.passed());
        assert_eq!(
            bad.summary(),
            "FAIL bad-case\nline 1:\n>>> 1 + 1\nExpected:\n    3\nGot:\n    2\n"
        );
    }
}
