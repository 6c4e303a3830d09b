//! Memory of the ORM holding many rows: 100,000 rows inserted through the session (in
//! commits of 10,000) and then loaded back with `Item.query.all()` (orm_memory_phases.py).
//! Prints, after each phase, the heap in use and its peak (counted by the allocator: what
//! the wasm heap has to hold) and the peak resident memory (Linux `VmHWM`). The browser
//! figure comes from examples/orm_bench_wasm.rs (`node benches/orm_side_by_side.mjs`).
//!
//!     cargo bench --bench orm_memory

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
#[path = "support/workload.rs"]
mod workload;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0 / 1024.0
}

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let w = workload::ORM_MEMORY;
    let mut pg = workload::playground(w.models).unwrap_or_else(|e| fail(&e));
    for (name, code) in workload::phases(w.phases) {
        let start = std::time::Instant::now();
        workload::run_phase(&mut pg, name, code).unwrap_or_else(|e| fail(&e));
        println!(
            "{name}: {:.0} ms; heap {:.1} MB in use, {:.1} MB peak; resident peak {:.1} MB",
            start.elapsed().as_secs_f64() * 1000.0,
            mb(counting_alloc::in_use()),
            mb(counting_alloc::peak()),
            peak_kb() as f64 / 1024.0,
        );
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
