//! Memory of the ORM holding many rows: 100,000 rows inserted through the session (in
//! commits of 10,000) and then loaded back with `Item.query.all()` (orm_memory_phases.py).
//! Prints, after each phase, the heap in use and its peak (counted by the allocator: what
//! the wasm heap has to hold) and the peak resident memory (Linux `VmHWM`). The browser
//! figure comes from examples/orm_bench_wasm.rs (`node benches/orm_side_by_side.mjs`).
//!
//!     cargo bench --bench orm_memory

#[path = "support/workload.rs"]
mod workload;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts heap bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwards to the system allocator with the same layout.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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
            mb(IN_USE.load(Ordering::Relaxed)),
            mb(PEAK.load(Ordering::Relaxed)),
            peak_kb() as f64 / 1024.0,
        );
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
