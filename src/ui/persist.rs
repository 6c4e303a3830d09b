//! What survives a reload and travels in a Share link: the models text, the console session
//! (replayed on open), history and the diagram's dragged boxes (`diagram::pins`, which also
//! reads them back safely). Autosave writes it to localStorage; Share compresses it
//! (the browser's own deflate, so the page ships no compressor) into the URL's fragment.

use super::state::Theme;
use crate::diagram::pins::{self, Pins};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The fragment key of a shared state: `#share=<base64url deflate of JSON>`.
const SHARE_KEY: &str = "share=";

/// Longest models text or input kept (a runaway paste is not saved).
const MAX_TEXT: usize = 200_000;

/// The saved state of one playground.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    #[serde(default)]
    pub example: usize,
    pub models: String,
    #[serde(default)]
    pub session: Vec<String>,
    #[serde(default)]
    pub history: Vec<String>,
    #[serde(default)]
    pub guide_at: usize,
    #[serde(default = "system_theme", with = "theme_name")]
    pub theme: Theme,
    /// Boxes dragged in the diagram: table → top-left corner (whole pixels; none in links
    /// made before pins were saved).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "pins::saved"
    )]
    pub pins: Pins,
}

fn system_theme() -> Theme {
    Theme::System
}

mod theme_name {
    use super::Theme;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(theme: &Theme, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match theme {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Theme, D::Error> {
        Ok(match String::deserialize(d)?.as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        })
    }
}

impl Saved {
    fn within_limits(&self) -> bool {
        self.models.len() <= MAX_TEXT && self.session.iter().all(|s| s.len() <= MAX_TEXT)
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The state autosaved under `key`, if any (and readable).
pub fn load(key: &str) -> Option<Saved> {
    let text = storage()?.get_item(key).ok()??;
    serde_json::from_str(&text).ok()
}

/// Autosaves the state under `key` (quietly does nothing where storage is unavailable).
pub fn save(key: &str, saved: &Saved) {
    if !saved.within_limits() {
        return;
    }
    if let (Some(store), Ok(text)) = (storage(), serde_json::to_string(saved)) {
        let _ = store.set_item(key, &text);
    }
}

#[wasm_bindgen(inline_js = r#"
function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64Url(text) {
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}
export async function deflate_text(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}
export async function inflate_text(data) {
  const stream = new Blob([fromBase64Url(data)]).stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return await new Response(stream).text();
}
export async function copy_text(text) {
  await navigator.clipboard.writeText(text);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn deflate_text(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn inflate_text(data: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn copy_text(text: &str) -> Result<JsValue, JsValue>;
}

/// The page's URL with `saved` (all but the history) in its fragment.
pub async fn share_url(saved: &Saved) -> Option<String> {
    let location = web_sys::window()?.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    share_link(&base, saved).await
}

/// `base` (a playground's address, without a fragment) with `saved` (all but the
/// history) in its fragment: what Share copies, and a docs widget's "open" link.
pub async fn share_link(base: &str, saved: &Saved) -> Option<String> {
    let shared = Saved {
        history: Vec::new(),
        ..saved.clone()
    };
    let json = serde_json::to_string(&shared).ok()?;
    let data = deflate_text(&json).await.ok()?.as_string()?;
    Some(format!("{base}#{SHARE_KEY}{data}"))
}

/// The state shared in the page's URL fragment, if it has one.
pub async fn shared_state() -> Option<Saved> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let data = hash
        .trim_start_matches('#')
        .strip_prefix(SHARE_KEY)?
        .to_string();
    let json = inflate_text(&data).await.ok()?.as_string()?;
    let saved: Saved = serde_json::from_str(&json).ok()?;
    saved.within_limits().then_some(saved)
}

/// Whether the URL carries shared state (the page then waits for it instead of autosave).
pub fn has_shared_state() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|h| h.trim_start_matches('#').starts_with(SHARE_KEY))
}

/// Removes the shared state from the address bar once opened (later edits are autosaved,
/// and a reload must not bring the shared version back over them).
pub fn forget_shared_state() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
}

/// Copies text to the clipboard; false where the browser refuses.
pub async fn copy(text: &str) -> bool {
    copy_text(text).await.is_ok()
}
