//! Snapshot tests: for every conformance case, the `Schema` the model compiler exports (what
//! the diagram and `ormpg schema --json` show) and the DDL `create_all()` executes, pinned
//! in reviewed files under `tests/snapshots/`.
//!
//! After a deliberate change, regenerate the files and review the diff before committing:
//!
//!     UPDATE_SNAPSHOTS=1 cargo test --test schema_snapshots
//!
//! A snapshot that does not exist yet is written (and the test fails once, so that it is
//! looked at).

use orm_playground::playground::Playground;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|d| d.join("models.py").exists())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// Compares `actual` with the stored snapshot (or writes it); returns a complaint on mismatch.
fn check_snapshot(file: &Path, actual: &str) -> Option<String> {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let stored = std::fs::read_to_string(file).ok();
    if stored.as_deref() == Some(actual) {
        return None;
    }
    if update || stored.is_none() {
        let _ = std::fs::create_dir_all(snapshot_dir());
        if let Err(e) = std::fs::write(file, actual) {
            return Some(format!("{}: cannot write: {e}", file.display()));
        }
        if update {
            return None;
        }
        return Some(format!("{}: new snapshot written", file.display()));
    }
    let stored = stored.unwrap_or_default();
    let first_difference = stored
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| stored.lines().count().min(actual.lines().count()));
    Some(format!(
        "{}: differs from line {}:\n  stored: {:?}\n  actual: {:?}",
        file.display(),
        first_difference + 1,
        stored.lines().nth(first_difference).unwrap_or("<end>"),
        actual.lines().nth(first_difference).unwrap_or("<end>"),
    ))
}

#[test]
fn every_case_schema_and_ddl_match_their_snapshots() {
    let cases = cases();
    assert!(cases.len() >= 35, "found only {} cases", cases.len());
    let mut complaints = Vec::new();
    for dir in &cases {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let source = std::fs::read_to_string(dir.join("models.py")).unwrap_or_default();
        let mut pg = Playground::new();
        let report = pg.load_models(&source);
        if let Some(e) = &report.error {
            complaints.push(format!("{name}: models failed: {}", e.headline()));
            continue;
        }
        let schema = serde_json::to_string_pretty(&pg.schema()).unwrap_or_default() + "\n";
        let mut ddl: String = report.ddl.iter().map(|s| format!("{s};\n")).collect();
        if let Some(e) = &report.configuration_error {
            ddl.push_str(&format!("-- configuration error: {}\n", e.headline()));
        }
        let dir = snapshot_dir();
        complaints.extend(check_snapshot(&dir.join(format!("{name}.json")), &schema));
        complaints.extend(check_snapshot(&dir.join(format!("{name}.sql")), &ddl));
    }
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

/// The cases whose relationships cannot be configured, and the error each raises at first
/// use (the façade reports it early, for the editor).
const CONFIGURATION_ERRORS: &[(&str, &str)] = &[
    (
        "016-ambiguous-foreign-keys",
        "sqlalchemy.exc.AmbiguousForeignKeysError",
    ),
    (
        "044-unknown-relationship-target",
        "sqlalchemy.exc.InvalidRequestError",
    ),
    ("045-backref-name-clash", "sqlalchemy.exc.ArgumentError"),
];

#[test]
fn only_the_broken_cases_have_a_configuration_error() {
    for dir in cases() {
        let source = std::fs::read_to_string(dir.join("models.py")).unwrap_or_default();
        let mut pg = Playground::new();
        let report = pg.load_models(&source);
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let expected = CONFIGURATION_ERRORS
            .iter()
            .find(|(case, _)| *case == name)
            .map(|(_, exception)| *exception);
        let found = report
            .configuration_error
            .as_ref()
            .map(|e| e.exception.as_str());
        assert_eq!(found, expected, "{name}: {:?}", report.configuration_error);
    }
}
