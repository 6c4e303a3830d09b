//! Embeds the conformance cases (tests/conformance/cases/*/models.py + session.txt) into
//! `$OUT_DIR/conformance_cases.rs`, so the same test runs them natively and in headless
//! Chromium, where there is no file system.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let cases = root.join("tests/conformance/cases");
    println!("cargo:rerun-if-changed=tests/conformance/cases");
    println!("cargo:rerun-if-changed=build.rs");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&cases)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|d| d.join("models.py").is_file() && d.join("session.txt").is_file())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut out = String::from(
        "/// Every conformance case, in name order: (name, models.py, session.txt).\n\
         pub const CASES: &[(&str, &str, &str)] = &[\n",
    );
    for dir in &dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = |f: &str| dir.join(f).to_string_lossy().into_owned();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?}), include_str!({:?})),\n",
            file("models.py"),
            file("session.txt")
        ));
    }
    out.push_str("];\n");
    let out_dir = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let target = Path::new(&out_dir).join("conformance_cases.rs");
    if fs::read_to_string(&target).ok().as_deref() != Some(out.as_str()) {
        if let Err(e) = fs::write(&target, out) {
            println!("cargo:warning=cannot write {}: {e}", target.display());
        }
    }
}
