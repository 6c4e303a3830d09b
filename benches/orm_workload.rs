//! The ORM benchmark natively: 1,000 roles and 20,000 users inserted through the session,
//! 1,000 `role.users` lazy loads, 1,000 indexed `filter_by(username=...)` lookups — the same
//! script `orm_workload_cpython.py` runs on real Flask-SQLAlchemy (benches/orm_workload.sh
//! prints both side by side).
//!
//!     cargo bench --bench orm_workload
//!
//! Prints one line per phase: "<milliseconds> <phase name>".

use orm_playground::interp::Limits;
use orm_playground::playground::Playground;

fn main() {
    let models = include_str!("orm_workload_models.py");
    let phases = include_str!("orm_workload_phases.py");
    let mut pg = Playground::new();
    pg.set_limits(Limits {
        time_ms: 600_000.0,
        max_steps: u64::MAX,
        ..Limits::default()
    });
    let report = pg.load_models(models);
    if let Some(e) = report.error {
        eprintln!("models failed: {}", e.headline());
        std::process::exit(1);
    }
    for phase in phases.split("\n## ").skip(1) {
        let (name, code) = phase.split_once('\n').unwrap_or((phase, ""));
        let start = std::time::Instant::now();
        let out = pg.run(code);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        if let Some(e) = out.error {
            eprintln!("{name}: {}", e.headline());
            std::process::exit(1);
        }
        println!("{ms:.0} {name}");
    }
}
