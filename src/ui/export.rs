//! The diagram as a file: a standalone SVG (the diagram layer's `to_svg`, its stylesheet
//! embedded, in the page's light or dark colours) and a PNG drawn from that SVG on a
//! canvas, each handed to the browser as a download.

use crate::diagram::{to_svg, Diagram, SvgOptions, Theme};
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, Element, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, Url,
};

/// File names of the downloads.
pub const SVG_FILE: &str = "er-diagram.svg";
pub const PNG_FILE: &str = "er-diagram.png";
/// Pixels per diagram unit in the PNG (sharp on high-density screens)…
const PNG_SCALE: f64 = 2.0;
/// …unless the longer side would pass this (canvases have size limits).
const PNG_MAX_SIDE: f64 = 8192.0;

/// The theme the page shows where `el` sits: the playground's chosen theme, else the
/// visitor's system preference.
pub fn theme_at(el: &Element) -> Theme {
    let chosen = el
        .closest(".ormpg")
        .ok()
        .flatten()
        .and_then(|root| root.get_attribute("data-theme"));
    match chosen.as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ if prefers_dark() => Theme::Dark,
        _ => Theme::Light,
    }
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The standalone SVG document of `d` in `theme`.
pub fn svg_document(d: &Diagram, theme: Theme) -> String {
    to_svg(
        d,
        &SvgOptions {
            theme,
            id_prefix: "erd".into(),
            embed_style: true,
        },
    )
}

/// Downloads `d` as an SVG file.
pub fn download_svg(d: &Diagram, theme: Theme) {
    let text = svg_document(d, theme);
    if let Some(blob) = text_blob(&text, "image/svg+xml") {
        save(&blob, SVG_FILE);
    }
}

/// Downloads `d` as a PNG file: the SVG drawn on a canvas once the browser has decoded it.
pub fn download_png(d: &Diagram, theme: Theme) {
    let _ = png(d, theme);
}

fn png(d: &Diagram, theme: Theme) -> Option<()> {
    let side = d.width.max(d.height).max(1.0);
    let scale = PNG_SCALE.min(PNG_MAX_SIDE / side);
    let (w, h) = ((d.width * scale).ceil(), (d.height * scale).ceil());
    let document = web_sys::window()?.document()?;
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let image = HtmlImageElement::new().ok()?;
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&svg_document(d, theme))
    );
    let drawn = image.clone();
    let onload = Closure::once_into_js(move || {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
        if let Some(context) = context {
            let _ =
                context.draw_image_with_html_image_element_and_dw_and_dh(&drawn, 0.0, 0.0, w, h);
            let done = Closure::once_into_js(move |blob: JsValue| {
                if let Ok(blob) = blob.dyn_into::<Blob>() {
                    save(&blob, PNG_FILE);
                }
            });
            let _ = canvas.to_blob(done.unchecked_ref());
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
    Some(())
}

fn text_blob(text: &str, mime: &str) -> Option<Blob> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

/// Hands `blob` to the browser as a download named `name`.
fn save(blob: &Blob, name: &str) {
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok());
    if let Some(link) = link {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // The download has started reading the URL by the time this runs.
    Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
}
