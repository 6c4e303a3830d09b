//! Memory of the ORM holding many rows: 100,000 rows inserted through the session (in
//! commits of 10,000) and then loaded back with `Item.query.all()`. Prints the peak
//! resident memory natively (Linux `VmHWM`); the browser figure comes from the page
//! benchmark (wasm memory never shrinks, so its size is the peak).
//!
//!     cargo bench --bench orm_memory

use orm_playground::interp::Limits;
use orm_playground::playground::Playground;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts heap bytes in use and their peak (what the wasm heap would have to hold).
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
    let mut pg = Playground::new();
    pg.set_limits(Limits {
        time_ms: 600_000.0,
        max_steps: u64::MAX,
        ..Limits::default()
    });
    let models = "class Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(40))\n    price = db.Column(db.Float)\n    owner_id = db.Column(db.Integer)\n";
    pg.load_models(models);
    let steps = [
        ("insert 100,000 rows", "for chunk in range(10):\n    db.session.add_all([Item(name='item %d' % (chunk * 10000 + i), price=i * 0.5, owner_id=i % 100) for i in range(10000)])\n    db.session.commit()\n"),
        ("load 100,000 objects", "items = Item.query.all()\nlen(items)\n"),
    ];
    for (name, code) in steps {
        let start = std::time::Instant::now();
        let out = pg.run(code);
        if let Some(e) = out.error {
            eprintln!("{name}: {}", e.headline());
            std::process::exit(1);
        }
        println!(
            "{name}: {:.0} ms; heap {:.1} MB in use, {:.1} MB peak; resident peak {:.1} MB",
            start.elapsed().as_secs_f64() * 1000.0,
            mb(IN_USE.load(Ordering::Relaxed)),
            mb(PEAK.load(Ordering::Relaxed)),
            peak_kb() as f64 / 1024.0,
        );
    }
}
