//! `ormpg schema MODELS.py [--json]` on every conformance case: it succeeds, prints the DDL
//! `create_all()` executed (the reviewed `.sql` snapshot) or the Schema as JSON (the `.json`
//! snapshot), and reports a relationship configuration error on stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
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

fn schema(models: &Path, json: bool) -> (bool, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormpg"));
    cmd.arg("schema").arg(models);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().expect("ormpg runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn snapshot(case: &Path, ext: &str) -> String {
    let name = case.file_name().map(|n| n.to_string_lossy().to_string());
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{}.{ext}", name.unwrap_or_default()));
    std::fs::read_to_string(file).unwrap_or_default()
}

#[test]
fn schema_prints_the_executed_ddl_of_every_case() {
    let cases = cases();
    assert!(cases.len() >= 45);
    for case in cases {
        let (ok, stdout, stderr) = schema(&case.join("models.py"), false);
        assert!(ok, "{}: {stderr}", case.display());
        let expected = snapshot(&case, "sql");
        let (ddl, error) = match expected.split_once("-- configuration error: ") {
            Some((ddl, error)) => (ddl.to_string(), Some(error.trim().to_string())),
            None => (expected.clone(), None),
        };
        assert_eq!(stdout, ddl, "{}", case.display());
        match error {
            Some(e) => assert!(stderr.contains(&e), "{}: {stderr}", case.display()),
            None => assert!(stderr.is_empty(), "{}: {stderr}", case.display()),
        }
    }
}

#[test]
fn schema_json_is_the_exported_schema_of_every_case() {
    for case in cases() {
        let (ok, stdout, stderr) = schema(&case.join("models.py"), true);
        assert!(ok, "{}: {stderr}", case.display());
        let printed: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
        let pinned: serde_json::Value =
            serde_json::from_str(&snapshot(&case, "json")).expect("JSON snapshot");
        assert_eq!(printed, pinned, "{}", case.display());
        let tables = printed["tables"].as_array().map(Vec::len).unwrap_or(0);
        assert!(tables > 0, "{}", case.display());
    }
}

#[test]
fn schema_fails_on_models_that_do_not_run() {
    let dir = std::env::temp_dir().join(format!("ormpg-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let models = dir.join("models.py");
    std::fs::write(
        &models,
        "class A(db.Model):\n    name = db.Column(db.String)\n",
    )
    .expect("write models");
    let (ok, stdout, stderr) = schema(&models, false);
    assert!(!ok);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("models.py:1:1: sqlalchemy.exc.ArgumentError: Mapper Mapper[A(a)] could not assemble any primary key columns"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
