//! What the browser tests (tests/wasm_page.rs, tests/wasm_embed.rs) share: a fresh element
//! to mount into.

use web_sys::Element;

/// A new `<div>` appended to the test page's body.
pub fn attached_div() -> Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    root
}
