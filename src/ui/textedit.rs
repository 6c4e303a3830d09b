//! Editing helpers shared by the models editor and the console input: inserting text the
//! way typing does (so the browser's undo keeps working), Python indentation on Enter and
//! Tab, and converting the textarea's UTF-16 positions to byte offsets.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlTextAreaElement};

/// Indentation step, as PEP 8 has it.
pub const INDENT: usize = 4;

/// The byte offset in `text` of a UTF-16 offset (what a textarea reports).
pub fn byte_of_utf16(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The UTF-16 offset of a byte offset.
pub fn utf16_of_byte(text: &str, byte: usize) -> u32 {
    text.get(..byte.min(text.len()))
        .map_or(0, |s| s.encode_utf16().count() as u32)
}

/// The selection as byte offsets into the textarea's value (which is returned too).
pub fn selection(area: &HtmlTextAreaElement) -> (String, usize, usize) {
    let text = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    let (a, b) = (byte_of_utf16(&text, start), byte_of_utf16(&text, end));
    (text, a.min(b), a.max(b))
}

/// Selects a byte range of the textarea's value.
pub fn select(area: &HtmlTextAreaElement, text: &str, start: usize, end: usize) {
    let _ = area.set_selection_range(utf16_of_byte(text, start), utf16_of_byte(text, end));
}

/// Replaces the selection with `insert` as typing would: undoable, and it fires `input`.
pub fn insert(area: &HtmlTextAreaElement, insert: &str) {
    let typed = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
        .and_then(|d| {
            let command = if insert.is_empty() {
                "delete"
            } else {
                "insertText"
            };
            d.exec_command_with_show_ui_and_value(command, false, insert)
                .ok()
        })
        .unwrap_or(false);
    if typed {
        return;
    }
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    let _ = area.set_range_text_with_start_and_end(insert, start, end);
    let at = start + insert.encode_utf16().count() as u32;
    let _ = area.set_selection_range(at, at);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = area.dispatch_event(&event);
    }
}

/// The start of the line holding byte `at`.
pub fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// What Enter inserts at byte `at`: a newline and the line's indentation, one step deeper
/// after a line ending in `:` (a comment after it aside).
pub fn newline_indent(text: &str, at: usize) -> String {
    let line = text.get(line_start(text, at)..at).unwrap_or("");
    let indent = line.len() - line.trim_start_matches(' ').len();
    let code = line.split('#').next().unwrap_or("").trim_end();
    let deeper = if code.ends_with(':') { INDENT } else { 0 };
    let dedent = matches!(
        code.split_whitespace().next(),
        Some("return" | "pass" | "break" | "continue" | "raise")
    );
    let width = if dedent {
        indent.saturating_sub(INDENT)
    } else {
        indent + deeper
    };
    format!("\n{}", " ".repeat(width))
}

/// Tab: indent the selected lines, or insert spaces up to the next indentation stop.
pub fn indent(area: &HtmlTextAreaElement) {
    let (text, start, end) = selection(area);
    let first = line_start(&text, start);
    if !text.get(start..end).unwrap_or("").contains('\n') {
        let column = text.get(first..start).map_or(0, |s| s.chars().count());
        insert(area, &" ".repeat(INDENT - column % INDENT));
        return;
    }
    shift_lines(area, &text, first, end, true);
}

/// Shift+Tab: remove one indentation step from the selected lines.
pub fn dedent(area: &HtmlTextAreaElement) {
    let (text, start, end) = selection(area);
    shift_lines(area, &text, line_start(&text, start), end, false);
}

fn shift_lines(area: &HtmlTextAreaElement, text: &str, first: usize, end: usize, deeper: bool) {
    let last = text
        .get(end..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| end + i);
    let block = text.get(first..last).unwrap_or("");
    let shifted: Vec<String> = block
        .split('\n')
        .map(|line| {
            if deeper {
                if line.is_empty() {
                    String::new()
                } else {
                    format!("{}{line}", " ".repeat(INDENT))
                }
            } else {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                line[spaces.min(INDENT)..].to_string()
            }
        })
        .collect();
    let shifted = shifted.join("\n");
    if shifted == block {
        return;
    }
    select(area, text, first, last);
    insert(area, &shifted);
    let after = area.value();
    select(area, &after, first, first + shifted.len());
}

/// Backspace inside leading spaces removes back to the previous indentation stop; true when
/// it did (the key's default is then prevented).
pub fn backspace_indent(area: &HtmlTextAreaElement) -> bool {
    let (text, start, end) = selection(area);
    if start != end {
        return false;
    }
    let before = text.get(line_start(&text, start)..start).unwrap_or("");
    if before.is_empty() || !before.trim_start_matches(' ').is_empty() {
        return false;
    }
    let remove = match before.len() % INDENT {
        0 => INDENT,
        n => n,
    };
    select(area, &text, start - remove, start);
    insert(area, "");
    true
}
