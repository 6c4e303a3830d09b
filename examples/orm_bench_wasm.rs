//! The ORM benchmarks in the browser: the workloads of benches/support/workload.rs (the same
//! models and phases `cargo bench` runs natively and CPython runs on Flask-SQLAlchemy),
//! exported to JavaScript so that benches/orm_side_by_side.mjs times each phase in headless
//! Chromium and reads the wasm heap. Built separately from the page (it is never shipped):
//!
//!     cargo build --release --target wasm32-unknown-unknown --example orm_bench_wasm
//!     wasm-bindgen --target web --out-dir OUT .../examples/orm_bench_wasm.wasm
//!
//! Natively this example is empty.
#![cfg(target_arch = "wasm32")]

#[path = "../benches/support/counting_alloc.rs"]
mod counting_alloc;
#[path = "../benches/support/workload.rs"]
mod workload;

use orm_playground::playground::Playground;
use wasm_bindgen::prelude::*;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

/// One workload's playground, its phases run one call at a time so that JavaScript can time
/// each with `performance.now()`.
#[wasm_bindgen]
pub struct BenchRun {
    pg: Playground,
    phases: Vec<(&'static str, &'static str)>,
}

#[wasm_bindgen]
impl BenchRun {
    /// Loads the models of the workload named `orm_workload` or `orm_memory`.
    #[wasm_bindgen(constructor)]
    pub fn new(workload: &str) -> Result<BenchRun, JsError> {
        let w = [workload::ORM_WORKLOAD, workload::ORM_MEMORY]
            .into_iter()
            .find(|w| w.name == workload)
            .ok_or_else(|| JsError::new(&format!("no workload named {workload}")))?;
        let pg = workload::playground(w.models).map_err(|e| JsError::new(&e))?;
        Ok(BenchRun {
            pg,
            phases: workload::phases(w.phases),
        })
    }

    /// The phases' names, in the order they run.
    pub fn phase_names(&self) -> Vec<String> {
        self.phases.iter().map(|(n, _)| n.to_string()).collect()
    }

    /// Runs phase `i` as one console input.
    pub fn run_phase(&mut self, i: usize) -> Result<(), JsError> {
        let (name, code) = self
            .phases
            .get(i)
            .copied()
            .ok_or_else(|| JsError::new("no such phase"))?;
        workload::run_phase(&mut self.pg, name, code).map_err(|e| JsError::new(&e))
    }
}

/// Heap bytes allocated and not yet freed.
#[wasm_bindgen]
pub fn heap_in_use() -> f64 {
    counting_alloc::in_use() as f64
}

/// The most heap bytes in use at any moment so far.
#[wasm_bindgen]
pub fn heap_peak() -> f64 {
    counting_alloc::peak() as f64
}

/// The size of the wasm linear memory (`memory.buffer.byteLength`): stack, static data and
/// the allocator's arena, which never shrinks.
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    core::arch::wasm32::memory_size(0) as f64 * 65536.0
}
