//! What the console shows above its input: transcript entries (inputs echoed with their
//! prompts and highlighting, outputs exactly as printed, tracebacks in red with the failing
//! span underlined, notices of reloaded models) and the guided session's next step.

use super::code::highlighted;
use super::examples::GuideStep;
use super::state::ConsoleEntry;
use yew::prelude::*;

/// Outputs longer than this scroll in their own box.
const LONG_OUTPUT_LINES: usize = 30;

/// One transcript entry; `replay` > 0 offers to replay that many inputs (the last entry).
pub fn render_entry(entry: &ConsoleEntry, on_replay: &Callback<()>, replay: usize) -> Html {
    match entry {
        ConsoleEntry::Run {
            input,
            output,
            failed,
            error_span,
        } => {
            let prompts: String = input
                .split('\n')
                .enumerate()
                .map(|(i, _)| if i == 0 { ">>> " } else { "... " })
                .collect::<Vec<_>>()
                .join("\n");
            let out = if output.is_empty() {
                html! {}
            } else {
                // A long output keeps every character but scrolls in its own box.
                let long = output.lines().count() > LONG_OUTPUT_LINES;
                let class = classes!("out", failed.then_some("traceback"), long.then_some("long"));
                html! { <pre {class}>{output}</pre> }
            };
            html! {
                <div class="entry">
                    <div class="in">
                        <pre class="prompts" aria-hidden="true">{prompts}</pre>
                        <pre class="code">{highlighted(input, *error_span)}</pre>
                    </div>
                    {out}
                </div>
            }
        }
        ConsoleEntry::Reloaded { tables, printed } => {
            let replay_button = if replay > 0 {
                html! {
                    <button type="button" class="link" onclick={on_replay.reform(|_| ())}>
                        {format!("Replay the previous {replay} {}", if replay == 1 { "input" } else { "inputs" })}
                    </button>
                }
            } else {
                html! {}
            };
            let printed = if printed.is_empty() {
                html! {}
            } else {
                html! { <pre class="out">{printed}</pre> }
            };
            html! {
                <div class="entry notice">
                    {printed}
                    <p>
                        {format!("models.py ran: {tables} {} created in a fresh database. ",
                            if *tables == 1 { "table" } else { "tables" })}
                        {replay_button}
                    </p>
                </div>
            }
        }
    }
}

/// The guided session's next step (nothing once it is done).
pub fn guide_bar(guide: &[GuideStep], at: usize, on_guide: &Callback<()>) -> Html {
    let Some(step) = guide.get(at) else {
        return html! {};
    };
    let note = step
        .note
        .map(|n| html! { <p class="guide-note">{n}</p> })
        .unwrap_or_default();
    html! {
        <div class="guide" aria-label="Guided session">
            <div class="guide-head">
                <span class="guide-count">{format!("Guided session · step {} of {}", at + 1, guide.len())}</span>
                {note}
            </div>
            <div class="guide-step">
                <pre class="code">{highlighted(&step.input, None)}</pre>
                <button type="button" class="primary small" onclick={on_guide.reform(|_| ())}>
                    {"Run step"}
                </button>
            </div>
        </div>
    }
}
