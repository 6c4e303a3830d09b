//! The ORM benchmark natively: 1,000 roles and 20,000 users inserted through the session,
//! 1,000 `role.users` lazy loads, 1,000 indexed `filter_by(username=...)` lookups — the same
//! phases `orm_workload_cpython.py` runs on real Flask-SQLAlchemy and
//! examples/orm_bench_wasm.rs runs in Chromium (`node benches/orm_side_by_side.mjs` prints
//! all three side by side).
//!
//!     cargo bench --bench orm_workload
//!
//! Prints one line per phase: "<milliseconds> <phase name>".

#[path = "support/workload.rs"]
mod workload;

fn main() {
    let w = workload::ORM_WORKLOAD;
    let mut pg = workload::playground(w.models).unwrap_or_else(|e| fail(&e));
    for (name, code) in workload::phases(w.phases) {
        let start = std::time::Instant::now();
        workload::run_phase(&mut pg, name, code).unwrap_or_else(|e| fail(&e));
        println!("{:.1} {name}", start.elapsed().as_secs_f64() * 1000.0);
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
