//! Feeds arbitrary text to every entry point of the Python front end: none may panic,
//! overflow the stack or hang (libFuzzer reports all three).
#![no_main]
#![allow(dead_code, unused_imports)]

#[path = "../../src/diag.rs"]
mod diag;
#[path = "../../src/python/mod.rs"]
mod python;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let _ = python::parse_module(source);
        let _ = python::parse_interactive(source);
        let _ = python::highlight_tokens(source);
    }
});
