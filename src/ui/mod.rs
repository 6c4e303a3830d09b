//! The page (Yew components over the `playground` façade). Compiled only for wasm32.
//!
//! Code map: `state` (the one reducer per mounted playground), `views` (render-ready values
//! made from the façade's), `persist` (autosave and Share links), `examples`, `completion`;
//! one component per file: `app`, `header`, `editor`, `diagram`, `tabs`, `console`,
//! `transcript`, `sql_log`, `data`, `sql_tab`, `grid`; helpers `code` (highlighted source),
//! `textedit`, and for the diagram `erd` (its SVG elements), `zoom` (the view), `gesture`
//! (pointer gestures) and `export` (SVG and PNG downloads).
//!
//! The app renders into the element it is given, and all its CSS (www/style.css) is scoped
//! under the `.ormpg` class of its root, so several can share a page with other content.
//! A docs widget (`widget`: its panes, options and header, and the way in for its JS handle,
//! `crate::embed`) is the same app with a `widget` prop.

mod action;
mod app;
mod code;
pub mod completion;
mod console;
mod data;
mod diagram;
mod editor;
mod erd;
pub mod examples;
mod export;
mod gesture;
mod grid;
mod header;
pub mod persist;
mod sql_log;
mod sql_tab;
pub mod state;
mod tabs;
mod textedit;
mod transcript;
pub mod views;
pub mod widget;
mod zoom;

pub use app::{App, AppProps};

use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The element the page mounts into (index.html has it, with a loading indicator inside).
pub const PAGE_ROOT_ID: &str = "orm-playground";

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// An element id no other mounted playground uses (`console-3`).
pub fn unique_id(name: &str) -> String {
    let n = NEXT_ID.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    format!("ormpg-{name}-{n}")
}

/// Runs `f` at the start of the next animation frame. Reading layout there (scroll sizes,
/// client widths) costs nothing extra: the frame needs that layout anyway. Read in an
/// effect, right after a render, it forces a synchronous layout of the page that the
/// rest of the render (and the frame) then invalidates and repeats.
pub(crate) fn next_frame(f: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let f = Closure::once_into_js(f);
        let _ = window.request_animation_frame(f.unchecked_ref());
    }
}

/// Mounts the page into `#orm-playground`, if the document has it: autosaved under the
/// page's key, and opening a Share link found in the URL.
pub fn mount_page() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(PAGE_ROOT_ID));
    if let Some(root) = root {
        render(
            root,
            AppProps {
                storage_key: Some("orm-playground:page".into()),
                read_url: true,
                widget: None,
            },
        );
    }
}

/// Mounts a playground into `root` (for pages that embed it): its state is autosaved under
/// `storage_key` when one is given; the page URL is not read.
#[wasm_bindgen]
pub fn mount(root: Element, storage_key: Option<String>) {
    render(
        root,
        AppProps {
            storage_key: storage_key.map(Into::into),
            read_url: false,
            widget: None,
        },
    );
}

fn render(root: Element, props: AppProps) {
    root.set_inner_html("");
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}
