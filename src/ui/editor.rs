//! The models editor: a plain textarea (native undo, IME, accessibility) over a highlighted
//! `<pre>` that draws the same text, line numbers beside it, the error's wavy underline
//! with its message on hover, and a status line under it.
//!
//! Keys: Enter keeps (and after `:` deepens) the indentation, Tab / Shift+Tab indent and
//! dedent; Esc then Tab leaves the editor, as editors that trap Tab do.

use super::code::highlighted;
use super::textedit;
use super::views::EditorMark;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: Rc<str>,
    /// Changes when the text was replaced from outside (then the textarea takes it).
    pub revision: u32,
    pub mark: Option<Rc<EditorMark>>,
    /// The models' error message (also when it has no place in the text).
    pub problem: Option<Rc<str>>,
    /// Whether the text compiled as it is.
    pub compiled: bool,
    pub tables: usize,
    /// A docs widget's models that visitors read but do not change.
    #[prop_or_default]
    pub readonly: bool,
    pub on_edit: Callback<String>,
}

/// Where the pointer hovers an error (tooltip position, relative to the editor).
#[derive(Clone, Copy, PartialEq)]
struct Hover {
    x: f64,
    y: f64,
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let area = use_node_ref();
    let overlay = use_node_ref();
    let frame = use_node_ref();
    let escaped = use_mut_ref(|| false);
    let hover = use_state(|| None::<Hover>);
    let ids = use_memo((), |_| super::unique_id("editor"));

    {
        let area = area.clone();
        let text = props.text.clone();
        use_effect_with(props.revision, move |_| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                area.set_value(&text);
            }
        });
    }

    let readonly = props.readonly;
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if !readonly {
                on_edit.emit(area.value());
            }
        })
    };

    let onkeydown = {
        let escaped = escaped.clone();
        Callback::from(move |e: KeyboardEvent| {
            if readonly {
                return;
            }
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let plain = !(e.ctrl_key() || e.meta_key() || e.alt_key());
            let was_escaped = std::mem::replace(&mut *escaped.borrow_mut(), e.key() == "Escape");
            match e.key().as_str() {
                "Tab" if plain && !was_escaped => {
                    e.prevent_default();
                    if e.shift_key() {
                        textedit::dedent(&area);
                    } else {
                        textedit::indent(&area);
                    }
                }
                "Enter" if plain && !e.shift_key() => {
                    e.prevent_default();
                    let (text, start, _) = textedit::selection(&area);
                    textedit::insert(&area, &textedit::newline_indent(&text, start));
                }
                "Backspace" if plain && textedit::backspace_indent(&area) => e.prevent_default(),
                _ => {}
            }
        })
    };

    let onmousemove = {
        let overlay = overlay.clone();
        let frame = frame.clone();
        let hover = hover.clone();
        let has_mark = props.mark.is_some();
        Callback::from(move |e: MouseEvent| {
            let over = has_mark
                .then(|| error_under(&overlay, &frame, e.client_x(), e.client_y()))
                .flatten();
            if *hover != over {
                hover.set(over);
            }
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_| hover.set(None))
    };

    let go_to_error = {
        let area = area.clone();
        let mark = props.mark.clone();
        Callback::from(move |_| {
            if let (Some(area), Some(mark)) = (area.cast::<HtmlTextAreaElement>(), &mark) {
                let _ = area.focus();
                let _ = area.set_selection_range(mark.utf16_start, mark.utf16_start);
            }
        })
    };

    let lines = props.text.split('\n').count();
    let error_line = props.mark.as_ref().map(|m| m.line as usize);
    let gutter: Html = (1..=lines)
        .map(|n| {
            let class = classes!("ln", (Some(n) == error_line).then_some("err-line"));
            html! { <div {class}>{n}</div> }
        })
        .collect();
    let mark = props.mark.as_ref().map(|m| (m.start, m.end));
    let status_id = format!("{}-status", ids);
    let status = match (&props.problem, &props.mark) {
        (Some(problem), Some(mark)) => html! {
            <button type="button" class="status-error" onclick={go_to_error}
                title="Go to the error">
                <span class="badge-err" aria-hidden="true">{"!"}</span>
                {format!("Line {}, column {}: {problem}", mark.line, mark.column)}
            </button>
        },
        (Some(problem), None) => html! {
            <span class="status-error">
                <span class="badge-err" aria-hidden="true">{"!"}</span>{problem.to_string()}
            </span>
        },
        (None, _) if props.compiled => html! {
            <span class="status-ok">
                <span class="badge-ok" aria-hidden="true">{"✓"}</span>
                {format!("{} {} created", props.tables, if props.tables == 1 { "table" } else { "tables" })}
            </span>
        },
        (None, _) => {
            html! { <span class="status-pending">{"Compiles when you pause typing…"}</span> }
        }
    };
    let tooltip = match (*hover, &props.mark) {
        (Some(at), Some(mark)) => html! {
            <div class="tooltip" role="tooltip"
                style={format!("left:{:.0}px;top:{:.0}px", at.x, at.y)}>
                {mark.message.clone()}
            </div>
        },
        _ => html! {},
    };

    html! {
        <section class="editor" aria-label="Models editor" ref={frame.clone()}>
            <div class="pane-head">
                <h2 class="pane-title" id={format!("{}-title", ids)}>{"models.py"}</h2>
                <span class="pane-hint">{if props.readonly { "read-only" } else { "compiled as you type · Tab indents · Esc then Tab moves on" }}</span>
            </div>
            <div class="editor-scroll">
                <div class="editor-body">
                    <div class="gutter" aria-hidden="true">{gutter}</div>
                    <div class="code-stack">
                        <pre class="overlay" aria-hidden="true" ref={overlay}>
                            {highlighted(&props.text, mark)}{"\n "}
                        </pre>
                        <textarea ref={area} class="input"
                            aria-labelledby={format!("{}-title", ids)}
                            aria-describedby={status_id.clone()}
                            aria-invalid={props.mark.is_some().to_string()}
                            spellcheck="false" autocapitalize="off" autocomplete="off"
                            wrap="off" readonly={props.readonly}
                            {oninput} {onkeydown} {onmousemove} {onmouseleave}/>
                    </div>
                </div>
            </div>
            <div class="status" id={status_id} role="status">{status}</div>
            {tooltip}
        </section>
    }
}

/// The tooltip position if the pointer is over an underlined piece of the overlay.
fn error_under(overlay: &NodeRef, frame: &NodeRef, x: i32, y: i32) -> Option<Hover> {
    let overlay = overlay.cast::<Element>()?;
    let frame = frame.cast::<Element>()?.get_bounding_client_rect();
    let marks = overlay.query_selector_all(".err").ok()?;
    let (x, y) = (f64::from(x), f64::from(y));
    (0..marks.length())
        .filter_map(|i| marks.item(i)?.dyn_into::<Element>().ok())
        .map(|m| m.get_bounding_client_rect())
        .find(|r| {
            let slack = 3.0;
            x >= r.left() - slack
                && x <= r.right().max(r.left() + 8.0) + slack
                && y >= r.top() - slack
                && y <= r.bottom() + slack
        })
        .map(|r| Hover {
            x: r.left() - frame.left(),
            y: r.bottom() - frame.top() + 4.0,
        })
}
