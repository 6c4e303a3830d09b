//! The JavaScript API for docs sites (wasm32 only), wrapped by www/orm-playground.js:
//! `embed` mounts a widget into an element (the loader gives it one inside a shadow root)
//! and returns a handle (`run`, `setModels`, `transcript`, `destroy`); `checkTranscript`
//! runs a transcript against models headlessly (no DOM: Node can call it) and reports as
//! `ormpg check` does. Options and reports cross as JSON text: serde_json is in the module
//! anyway, where serde-wasm-bindgen would add ~12 KB brotli.

use crate::playground::transcript::check_texts;
use crate::ui::widget::{Widget, WidgetOptions};
use crate::ui::{App, AppProps};
use serde::Serialize;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

/// One mounted widget, as JavaScript holds it.
#[wasm_bindgen]
pub struct EmbeddedPlayground {
    widget: Rc<Widget>,
    app: Option<AppHandle<App>>,
}

const NOT_READY: &str = "the playground is not mounted (not rendered yet, or destroyed)";

#[wasm_bindgen]
impl EmbeddedPlayground {
    /// Runs one console input (a statement or a block) as if typed, and returns exactly
    /// what the shell printed for it.
    pub fn run(&self, input: &str) -> Result<String, JsError> {
        self.widget
            .run(input)
            .ok_or_else(|| JsError::new(NOT_READY))
    }

    /// Replaces the models text and compiles it into a fresh database.
    #[wasm_bindgen(js_name = setModels)]
    pub fn set_models(&self, text: &str) -> Result<(), JsError> {
        if self.widget.set_models(text) {
            Ok(())
        } else {
            Err(JsError::new(NOT_READY))
        }
    }

    /// The console so far as a doctest transcript (`>>> ` inputs, then their output).
    pub fn transcript(&self) -> String {
        self.widget.transcript()
    }

    /// Unmounts the widget and frees its database; later calls fail.
    pub fn destroy(&mut self) {
        self.widget.detach();
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts a docs widget into `root` (its content is replaced). `options` is JSON of an
/// object with the fields of `WidgetOptions` (`models`, `session`, `panes`, `readonly`,
/// `fit`, `theme`, `autorun`, `playground`; empty text for the defaults); `on_ready` is
/// called once the widget has rendered, after which the handle's methods work.
#[wasm_bindgen]
pub fn embed(
    root: Element,
    options: &str,
    on_ready: Option<js_sys::Function>,
) -> Result<EmbeddedPlayground, JsError> {
    let options: WidgetOptions = if options.trim().is_empty() {
        WidgetOptions::default()
    } else {
        serde_json::from_str(options)
            .map_err(|e| JsError::new(&format!("orm-playground options: {e}")))?
    };
    let widget = Rc::new(Widget::new(options, on_ready));
    root.set_inner_html("");
    let app = yew::Renderer::<App>::with_root_and_props(
        root,
        AppProps {
            storage_key: None,
            read_url: false,
            widget: Some(widget.clone()),
        },
    )
    .render();
    Ok(EmbeddedPlayground {
        widget,
        app: Some(app),
    })
}

/// One failing input of a checked transcript.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Failure {
    /// 1-based line of the input's `>>> ` in the session text.
    line: usize,
    source: String,
    expected: String,
    got: String,
}

/// The report `checkTranscript` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    name: String,
    passed: bool,
    /// How many inputs the transcript has.
    examples: usize,
    failures: Vec<Failure>,
    /// Why models.py failed to run (then nothing else ran).
    models_error: Option<String>,
    /// Exactly what `ormpg check` prints for this case.
    text: String,
}

/// Runs `session` (a doctest transcript) against `models` in a fresh playground and
/// reports (as JSON) each input whose output differs, with the same rules and text as
/// `ormpg check`.
#[wasm_bindgen(js_name = checkTranscript)]
pub fn check_transcript(
    models: &str,
    session: &str,
    name: Option<String>,
) -> Result<String, JsError> {
    let case = check_texts(name.as_deref().unwrap_or("transcript"), models, session);
    let report = Report {
        name: case.name.clone(),
        passed: case.passed(),
        examples: case.examples,
        failures: case
            .failures
            .iter()
            .map(|m| Failure {
                line: m.example.line,
                source: m.example.source.clone(),
                expected: m.example.want.clone(),
                got: m.got.clone(),
            })
            .collect(),
        models_error: case.models_error.clone(),
        text: case.summary(),
    };
    serde_json::to_string(&report).map_err(|e| JsError::new(&e.to_string()))
}
