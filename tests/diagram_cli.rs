//! `ormpg diagram MODELS.py --svg | --json` on every conformance case: the JSON geometry has
//! the documented shape and one box per table of the schema, one edge per foreign key; the SVG
//! is well-formed XML with the same tables and edges; bad arguments and bad models fail.

use serde_json::Value;
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

fn ormpg(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ormpg"))
        .args(args)
        .output()
        .expect("ormpg runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn names(v: &Value, key: &str) -> Vec<String> {
    let mut out: Vec<String> = v[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str().map(String::from))
        .collect();
    out.sort();
    out
}

/// `(from, to)` of every foreign key of the schema, first column of each.
fn foreign_keys(schema: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for t in schema["tables"].as_array().into_iter().flatten() {
        let table = t["name"].as_str().unwrap_or_default();
        for fk in t["foreign_keys"].as_array().into_iter().flatten() {
            let col = fk["columns"][0].as_str().unwrap_or_default();
            let ref_table = fk["ref_table"].as_str().unwrap_or_default();
            let ref_col = fk["ref_columns"][0].as_str().unwrap_or_default();
            out.push((format!("{table}.{col}"), format!("{ref_table}.{ref_col}")));
        }
    }
    out.sort();
    out
}

#[test]
fn json_geometry_has_every_table_and_foreign_key_of_every_case() {
    let cases = cases();
    assert!(cases.len() >= 45);
    for case in cases {
        let models = case.join("models.py");
        let models = models.to_str().expect("utf-8 path");
        let (ok, stdout, stderr) = ormpg(&["diagram", models, "--json"]);
        assert!(ok, "{models}: {stderr}");
        let d: Value = serde_json::from_str(&stdout).expect("JSON geometry");
        let (_, schema, _) = ormpg(&["schema", models, "--json"]);
        let schema: Value = serde_json::from_str(&schema).expect("JSON schema");
        assert_eq!(names(&d, "tables"), names(&schema, "tables"), "{models}");
        for t in d["tables"].as_array().into_iter().flatten() {
            for key in ["x", "y", "width", "height"] {
                assert!(t[key].as_f64().is_some_and(|v| v >= 0.0), "{models}: {t}");
            }
        }
        let mut edges: Vec<(String, String)> = d["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                assert!(e["kind"].is_string(), "{models}: {e}");
                let points = e["points"].as_array().expect("points");
                assert!(points.len() >= 2, "{models}: {e}");
                assert!(points
                    .iter()
                    .all(|p| p.as_array().is_some_and(|p| p.len() == 2)));
                let end = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                (end("from"), end("to"))
            })
            .collect();
        edges.sort();
        assert_eq!(edges, foreign_keys(&schema), "{models}");
        for l in d["labels"].as_array().into_iter().flatten() {
            assert!(l["text"].as_str().is_some_and(|t| t.contains('.')), "{l}");
            for key in ["x", "y", "width", "height"] {
                assert!(l[key].is_f64(), "{models}: {l}");
            }
        }
    }
}

#[test]
fn svg_is_well_formed_and_draws_the_same_tables_and_edges() {
    for case in cases() {
        let models = case.join("models.py");
        let models = models.to_str().expect("utf-8 path");
        let (ok, svg, stderr) = ormpg(&["diagram", models, "--svg", "--theme", "dark"]);
        assert!(ok, "{models}: {stderr}");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert!(root.attribute("class").is_some_and(|c| c.contains("dark")));
        // The values of `attr` on the elements whose class list has `class`.
        let with = |class: &str, attr: &str| {
            let mut v: Vec<String> = doc
                .descendants()
                .filter(|n| {
                    n.attribute("class")
                        .is_some_and(|c| c.split(' ').any(|c| c == class))
                })
                .filter_map(|n| n.attribute(attr).map(String::from))
                .collect();
            v.sort();
            v
        };
        let (_, json, _) = ormpg(&["diagram", models, "--json"]);
        let d: Value = serde_json::from_str(&json).expect("JSON geometry");
        assert_eq!(
            with("erd-table", "data-table"),
            names(&d, "tables"),
            "{models}"
        );
        let edges = d["edges"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(with("erd-edge", "data-from").len(), edges, "{models}");
    }
}

#[test]
fn writes_to_a_file_and_rejects_bad_arguments_and_models() {
    let dir = std::env::temp_dir().join(format!("ormpg-diagram-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let case = cases().into_iter().next().expect("a case");
    let models = case.join("models.py");
    let models = models.to_str().expect("utf-8 path");
    let out = dir.join("d.svg");
    let (ok, stdout, _) = ormpg(&["diagram", models, "--svg", "-o", out.to_str().unwrap()]);
    assert!(ok && stdout.is_empty());
    let written = std::fs::read_to_string(&out).expect("SVG file");
    assert!(written.starts_with("<svg"));

    let (ok, _, stderr) = ormpg(&["diagram", models]);
    assert!(!ok && stderr.contains("usage: ormpg diagram"), "{stderr}");
    let (ok, _, stderr) = ormpg(&["diagram", models, "--svg", "--theme", "pink"]);
    assert!(!ok && stderr.contains("usage"), "{stderr}");

    let bad = dir.join("models.py");
    std::fs::write(&bad, "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\nclass A(db.Model):\n    x = db.Column(db.Integer, primary_key=True\n").unwrap();
    let (ok, stdout, stderr) = ormpg(&["diagram", bad.to_str().unwrap(), "--svg"]);
    assert!(!ok && stdout.is_empty());
    assert!(
        stderr.contains("models.py:4:") && stderr.contains("SyntaxError"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
