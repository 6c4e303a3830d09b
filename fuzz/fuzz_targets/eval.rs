//! Runs arbitrary text through the parser and the evaluator (as console inputs, one per
//! NUL-separated chunk, in one session) with small limits: nothing may panic, overflow the
//! stack, hang or exhaust memory (libFuzzer reports all four).
#![no_main]
#![allow(dead_code, unused_imports)]

#[path = "../../src/clock.rs"]
mod clock;
#[path = "../../src/diag.rs"]
mod diag;
#[path = "../../src/interp/mod.rs"]
mod interp;
#[path = "../../src/object/mod.rs"]
mod object;
#[path = "../../src/python/mod.rs"]
mod python;

use libfuzzer_sys::fuzz_target;

const PRELUDE: &str = "import enum\nfrom datetime import datetime, date, timedelta\nfrom decimal import Decimal\nclass Color(enum.Enum):\n    RED = 'red'\n    BLUE = 'blue'\nclass C:\n    def __init__(self, v=1):\n        self.v = v\n    def __repr__(self):\n        return f'C({self.v!r})'\nxs = [1, 2.5, 'a', None, (1,), {'k': 'v'}, {3}]";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut i = interp::Interp::new("models");
    i.set_limits(interp::Limits {
        time_ms: 1000.0,
        max_steps: 50_000,
        max_len: 50_000,
        max_int_bits: 4096,
        ..interp::Limits::default()
    });
    if let Ok(m) = python::parse_module(PRELUDE) {
        let _ = i.run_interactive(&m, diag::Source::Console(0));
    }
    for (n, chunk) in text.split('\0').take(8).enumerate() {
        if let Ok(m) = python::parse_module(chunk) {
            let _ = i.run_interactive(&m, diag::Source::Console(n as u32 + 1));
        }
        let out = i.take_output();
        assert!(out.len() <= 1 << 20);
    }
});
