//! What the ORM benchmarks share, natively (`cargo bench`) and in the browser
//! (examples/orm_bench_wasm.rs): the workloads' models and phases, and a playground with the
//! visitor limits (1 s and 20 M steps per input) lifted.
//!
//! A phases file is Python split into sections by lines `## name`; each section runs as one
//! console input here and as one `exec()` in CPython (benches/orm_workload_cpython.py).

// Each target that includes this file uses only some of it.
#![allow(dead_code)]

use orm_playground::interp::Limits;
use orm_playground::playground::Playground;

/// A workload: its name, models file and phases file.
pub struct Workload {
    pub name: &'static str,
    pub models: &'static str,
    pub phases: &'static str,
}

/// 1,000 roles + 20,000 users inserted, 1,000 lazy loads, 1,000 indexed lookups (issue 9).
pub const ORM_WORKLOAD: Workload = Workload {
    name: "orm_workload",
    models: include_str!("../orm_workload_models.py"),
    phases: include_str!("../orm_workload_phases.py"),
};

/// 100,000 rows inserted, then loaded back as objects (issue 8's memory figure).
pub const ORM_MEMORY: Workload = Workload {
    name: "orm_memory",
    models: include_str!("../orm_memory_models.py"),
    phases: include_str!("../orm_memory_phases.py"),
};

/// The `(name, code)` sections of a phases file, in order.
pub fn phases(text: &str) -> Vec<(&str, &str)> {
    text.split("\n## ")
        .skip(1)
        .map(|p| p.split_once('\n').unwrap_or((p, "")))
        .collect()
}

/// A playground with `models` loaded and no time or step limit; the models' error if any.
pub fn playground(models: &str) -> Result<Playground, String> {
    let mut pg = Playground::new();
    pg.set_limits(Limits {
        time_ms: 3_600_000.0,
        max_steps: u64::MAX,
        ..Limits::default()
    });
    let report = pg.load_models(models);
    match report.error {
        Some(e) => Err(format!("models failed: {}", e.headline())),
        None => Ok(pg),
    }
}

/// Runs one phase; its error as the console's last line.
pub fn run_phase(pg: &mut Playground, name: &str, code: &str) -> Result<(), String> {
    match pg.run(code).error {
        Some(e) => Err(format!("{name}: {}", e.headline())),
        None => Ok(()),
    }
}
