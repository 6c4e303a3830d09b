//! No console input may panic, whatever state the session is in: every case's models are
//! loaded and its console inputs run in shuffled orders, with repeats, against one
//! playground (so objects are deleted, detached, rolled back and reused in orders no
//! transcript shows). Fixed seed, bounded time; a panic fails the test.

use orm_playground::interp::Limits;
use orm_playground::playground::transcript::parse_transcript;
use orm_playground::playground::Playground;
use std::path::Path;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn shuffled_sessions_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/cases");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("the conformance cases are in the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("models.py").exists())
        .collect();
    cases.sort();
    assert!(cases.len() >= 35, "found only {} cases", cases.len());
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let started = std::time::Instant::now();
    let mut inputs_run = 0;
    for case in &cases {
        let models = std::fs::read_to_string(case.join("models.py")).unwrap_or_default();
        let session = std::fs::read_to_string(case.join("session.txt")).unwrap_or_default();
        let inputs: Vec<String> = parse_transcript(&session)
            .into_iter()
            .map(|e| e.source)
            .collect();
        for round in 0..3 {
            let mut pg = Playground::new();
            pg.set_limits(Limits {
                time_ms: 2_000.0,
                max_steps: 2_000_000,
                ..Limits::default()
            });
            pg.load_models(&models);
            let runs = inputs.len() * 2;
            for _ in 0..runs {
                let input = if round == 0 {
                    // First round: in order, but each input may run twice.
                    let i = inputs_run % inputs.len().max(1);
                    inputs.get(i).cloned().unwrap_or_default()
                } else {
                    inputs
                        .get(rng.below(inputs.len()))
                        .cloned()
                        .unwrap_or_default()
                };
                let _ = pg.run(&input);
                inputs_run += 1;
            }
        }
    }
    println!("{inputs_run} inputs in {:?}", started.elapsed());
}
