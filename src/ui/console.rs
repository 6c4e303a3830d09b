//! The console tab: the transcript (inputs echoed with `>>>` / `...` prompts, output exactly
//! as Python's shell prints it, tracebacks in red with the failing span underlined), the
//! guided session's next step, and the input with CPython's REPL rules: Enter runs a
//! complete statement and continues an open block (an empty line ends it), Ctrl+Enter runs
//! at once, Up/Down walk the history, Tab completes; a pasted `>>>` transcript runs input
//! by input.

use super::completion::{common_prefix, complete};
use super::examples::GuideStep;
use super::state::{ConsoleEntry, Picked};
use super::textedit;
use super::transcript::{guide_bar, render_entry};
use crate::playground::queries::rows_query;
use crate::playground::transcript::parse_transcript;
use crate::python::{parse_interactive, Interactive};
use crate::schema::Schema;
use std::rc::Rc;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub entries: Rc<Vec<ConsoleEntry>>,
    pub history: Rc<Vec<String>>,
    pub guide: Rc<Vec<GuideStep>>,
    pub guide_at: usize,
    pub replayable: usize,
    pub schema: Option<Rc<Schema>>,
    pub globals: Rc<Vec<(String, String)>>,
    pub on_run: Callback<String>,
    pub on_guide: Callback<()>,
    pub on_replay: Callback<()>,
    pub on_clear: Callback<()>,
    /// A table clicked in the diagram: its query goes into the input (not run).
    #[prop_or_default]
    pub offer: Option<Rc<Picked>>,
}

/// The completion list being shown.
#[derive(Clone, PartialEq)]
struct Popup {
    candidates: Vec<String>,
    selected: usize,
    prefix_len: usize,
}

/// Where Up/Down is in the history, and the text typed before walking it.
#[derive(Default)]
struct Walk {
    at: Option<usize>,
    draft: String,
}

/// What Enter does with the text typed so far: the input to run, or `None` to continue
/// it on a new line (an open block or bracket).
fn on_enter(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let closing = lines.len() > 1 && lines.last().is_some_and(|l| l.trim().is_empty());
    let candidate = if closing {
        let kept = lines.len() - 1;
        format!("{}\n", lines[..kept].join("\n"))
    } else {
        text.to_string()
    };
    if candidate.trim_start().starts_with(">>>") {
        return Some(candidate);
    }
    match parse_interactive(&candidate) {
        Ok(Interactive::Incomplete) => None,
        Ok(Interactive::Complete(_)) | Err(_) => Some(candidate),
    }
}

#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let area = use_node_ref();
    let transcript = use_node_ref();
    let lines = use_state(|| 1usize);
    let popup = use_state(|| None::<Popup>);
    let walk = use_mut_ref(Walk::default);
    let ids = use_memo((), |_| super::unique_id("console"));

    {
        let transcript = transcript.clone();
        use_effect_with(props.entries.len(), move |_| {
            super::next_frame(move || {
                if let Some(t) = transcript.cast::<Element>() {
                    t.set_scroll_top(t.scroll_height());
                }
            });
        });
    }

    let set_text = {
        let lines = lines.clone();
        move |area: &HtmlTextAreaElement, text: &str| {
            area.set_value(text);
            let end = text.encode_utf16().count() as u32;
            let _ = area.set_selection_range(end, end);
            lines.set(text.split('\n').count());
        }
    };

    // The offered query replaces the input only if the visitor has not typed something
    // else there since the last offer.
    let offered = use_mut_ref(String::new);
    {
        let area = area.clone();
        let set_text = set_text.clone();
        let query = props.offer.as_ref().and_then(|p| p.query.clone());
        let insist = props.offer.as_ref().is_some_and(|p| p.insist);
        use_effect_with(props.offer.as_ref().map(|p| p.seq), move |_| {
            if let (Some(query), Some(area)) = (query, area.cast::<HtmlTextAreaElement>()) {
                let typed = area.value();
                if insist || typed.trim().is_empty() || typed == *offered.borrow() {
                    set_text(&area, &query);
                    *offered.borrow_mut() = query;
                    if insist {
                        let _ = area.focus();
                    }
                }
            }
        });
    }

    let submit = {
        let on_run = props.on_run.clone();
        let walk = walk.clone();
        let popup = popup.clone();
        let set_text = set_text.clone();
        move |area: &HtmlTextAreaElement, input: String| {
            // A pasted transcript (`>>> ` / `... ` lines) runs input by input.
            if input.trim_start().starts_with(">>>") {
                for example in parse_transcript(input.trim_start()) {
                    on_run.emit(example.source);
                }
            } else {
                on_run.emit(input);
            }
            set_text(area, "");
            *walk.borrow_mut() = Walk::default();
            popup.set(None);
        }
    };

    let accept = {
        let popup = popup.clone();
        let lines = lines.clone();
        move |area: &HtmlTextAreaElement, chosen: &Popup| {
            if let Some(word) = chosen.candidates.get(chosen.selected) {
                let rest = word.get(chosen.prefix_len..).unwrap_or("");
                textedit::insert(area, rest);
                lines.set(area.value().split('\n').count());
            }
            popup.set(None);
        }
    };

    let oninput = {
        let lines = lines.clone();
        let popup = popup.clone();
        let schema = props.schema.clone();
        let globals = props.globals.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            lines.set(area.value().split('\n').count());
            if popup.is_some() {
                let (text, at, _) = textedit::selection(&area);
                let found = complete(&text[..at], schema.as_deref(), &globals)
                    .filter(|c| !c.candidates.is_empty())
                    .map(|c| Popup {
                        candidates: c.candidates,
                        selected: 0,
                        prefix_len: c.prefix_len,
                    });
                popup.set(found);
            }
        })
    };

    let onkeydown = {
        let history = props.history.clone();
        let schema = props.schema.clone();
        let globals = props.globals.clone();
        let popup = popup.clone();
        let walk = walk.clone();
        let submit = submit.clone();
        let accept = accept.clone();
        let set_text = set_text.clone();
        Callback::from(move |e: KeyboardEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let (text, start, end) = textedit::selection(&area);
            let key = e.key();
            if let Some(open) = (*popup).clone() {
                let n = open.candidates.len().max(1);
                match key.as_str() {
                    "ArrowDown" | "ArrowUp" => {
                        e.prevent_default();
                        let step = if key == "ArrowDown" { 1 } else { n - 1 };
                        popup.set(Some(Popup {
                            selected: (open.selected + step) % n,
                            ..open
                        }));
                        return;
                    }
                    "Tab" | "Enter" => {
                        e.prevent_default();
                        accept(&area, &open);
                        return;
                    }
                    "Escape" => {
                        e.prevent_default();
                        popup.set(None);
                        return;
                    }
                    _ => {}
                }
            }
            let modifier = e.ctrl_key() || e.meta_key();
            match key.as_str() {
                "Enter" if modifier => {
                    e.prevent_default();
                    let input = match parse_interactive(&text) {
                        Ok(Interactive::Incomplete) => format!("{text}\n"),
                        _ => text,
                    };
                    submit(&area, input);
                }
                "Enter" if !e.shift_key() && !e.alt_key() => {
                    e.prevent_default();
                    match on_enter(&text) {
                        Some(input) => submit(&area, input),
                        None => textedit::insert(&area, &textedit::newline_indent(&text, start)),
                    }
                }
                "Tab" if !modifier && !e.alt_key() => {
                    let before = &text[..start];
                    let on_word = start == end
                        && before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
                    let found = on_word
                        .then(|| complete(before, schema.as_deref(), &globals))
                        .flatten();
                    let Some(found) = found else {
                        if !before.trim().is_empty() || e.shift_key() {
                            return;
                        }
                        e.prevent_default();
                        textedit::indent(&area);
                        return;
                    };
                    e.prevent_default();
                    let shared = common_prefix(&found.candidates).to_string();
                    if found.candidates.len() == 1 || shared.len() > found.prefix_len {
                        textedit::insert(&area, shared.get(found.prefix_len..).unwrap_or(""));
                    }
                    if found.candidates.len() > 1 {
                        popup.set(Some(Popup {
                            prefix_len: shared.len().max(found.prefix_len),
                            candidates: found.candidates,
                            selected: 0,
                        }));
                    }
                }
                "ArrowUp" if !text[..start].contains('\n') && !history.is_empty() => {
                    e.prevent_default();
                    let mut w = walk.borrow_mut();
                    let at = match w.at {
                        None => {
                            w.draft = text.clone();
                            history.len() - 1
                        }
                        Some(i) => i.saturating_sub(1),
                    };
                    w.at = Some(at);
                    if let Some(h) = history.get(at) {
                        set_text(&area, h);
                    }
                }
                "ArrowDown" if !text[end..].contains('\n') => {
                    let mut w = walk.borrow_mut();
                    let Some(i) = w.at else {
                        return;
                    };
                    e.prevent_default();
                    if i + 1 < history.len() {
                        w.at = Some(i + 1);
                        set_text(&area, &history[i + 1]);
                    } else {
                        w.at = None;
                        let draft = std::mem::take(&mut w.draft);
                        set_text(&area, &draft);
                    }
                }
                "Backspace" if textedit::backspace_indent(&area) => e.prevent_default(),
                _ => {}
            }
        })
    };

    let run_button = {
        let area = area.clone();
        let submit = submit.clone();
        Callback::from(move |_| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                let input = match parse_interactive(&text) {
                    Ok(Interactive::Incomplete) => format!("{text}\n"),
                    _ => text,
                };
                submit(&area, input);
                let _ = area.focus();
            }
        })
    };

    let last = props.entries.len().saturating_sub(1);
    let entries: Html = props
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let replay = if i == last { props.replayable } else { 0 };
            render_entry(entry, &props.on_replay, replay)
        })
        .collect();

    // An example query on these models, as a click on a table offers it (the lesson's Role
    // until a model exists).
    let example_query = props
        .schema
        .as_ref()
        .and_then(|s| {
            s.tables
                .iter()
                .filter(|t| t.model.is_some())
                .find_map(|t| rows_query(s, &props.globals, &t.name))
        })
        .unwrap_or_else(|| "Role.query.all()".to_string());
    let first_time = if props
        .entries
        .iter()
        .any(|e| matches!(e, ConsoleEntry::Run { .. }))
    {
        html! {}
    } else {
        html! {
            <p class="hint">
                {format!("Type Python below — {example_query}, db.session.add(...) — or press Run step \
                    to follow the guided session. The SQL log shows what each line ran.")}
            </p>
        }
    };

    let prompts: String = (0..*lines)
        .map(|i| if i == 0 { ">>>" } else { "..." })
        .collect::<Vec<_>>()
        .join("\n");

    let list_id = format!("{ids}-completions");
    let completions = match &*popup {
        Some(open) => {
            let items: Html = open
                .candidates
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let choose = {
                        let area = area.clone();
                        let accept = accept.clone();
                        let chosen = Popup {
                            selected: i,
                            ..open.clone()
                        };
                        Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                                accept(&area, &chosen);
                            }
                        })
                    };
                    let selected = i == open.selected;
                    html! {
                        <li role="option" id={format!("{list_id}-{i}")}
                            aria-selected={selected.to_string()}
                            class={classes!(selected.then_some("selected"))}
                            onmousedown={choose}>{c}</li>
                    }
                })
                .collect();
            html! { <ul class="completions" role="listbox" id={list_id.clone()}
            aria-label="Completions">{items}</ul> }
        }
        None => html! {},
    };
    let active = (*popup)
        .as_ref()
        .map(|p| format!("{list_id}-{}", p.selected));

    html! {
        <div class="console">
            <div class="console-bar">
                <span class="pane-hint">{"Enter runs · Ctrl+Enter runs a block · ↑↓ history · Tab completes"}</span>
                <button type="button" class="ghost small" onclick={props.on_clear.reform(|_| ())}>{"Clear"}</button>
            </div>
            <div class="transcript" ref={transcript} role="log" aria-live="polite"
                aria-label="Console output" tabindex="0">
                {entries}
                {first_time}
            </div>
            {guide_bar(&props.guide, props.guide_at, &props.on_guide)}
            <div class="prompt-row">
                <pre class="prompts" aria-hidden="true">{prompts}</pre>
                <textarea ref={area} class="console-input" rows={lines.to_string()}
                    aria-label="Python console input"
                    role="combobox" aria-autocomplete="list"
                    aria-expanded={popup.is_some().to_string()}
                    aria-controls={list_id.clone()}
                    aria-activedescendant={active}
                    spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"
                    placeholder={example_query}
                    {oninput} {onkeydown}/>
                <button type="button" class="run" onclick={run_button}
                    title="Run (Enter)">{"Run"}</button>
                {completions}
            </div>
        </div>
    }
}
