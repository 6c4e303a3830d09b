//! Every conformance case in tests/conformance/cases runs through the façade's transcript
//! runner and must pass: natively under `cargo test`, and in headless Chromium under
//! wasm-bindgen-test (one runner, two hosts). build.rs embeds the cases.

use orm_playground::playground::transcript::check_texts;

include!(concat!(env!("OUT_DIR"), "/conformance_cases.rs"));

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_conformance_case_passes() {
    assert!(
        CASES.len() >= 35,
        "expected the conformance cases in tests/conformance/cases, found {}",
        CASES.len()
    );
    let mut failures = Vec::new();
    let mut examples = 0;
    for (name, models, session) in CASES {
        let report = check_texts(name, models, session);
        examples += report.examples;
        if !report.passed() {
            failures.push(format!("FAIL {name}\n{}", report.diff()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
    assert!(examples > CASES.len(), "every case has console inputs");
}
