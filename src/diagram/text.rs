//! The text width model: no font can be measured natively, so every width is computed as
//! `columns × 0.6 × font size` — 7.2 px per character at 12 px.
//!
//! That is the advance of the monospace fonts in [`FONT_STACK`] (DejaVu Sans Mono and Menlo
//! 0.602 em, Liberation Mono, Cousine and Courier New 0.600 em; Consolas 0.55 em is narrower,
//! which only leaves more room). The SVG writer uses that font stack, so text never overflows
//! its box. East Asian wide characters and emoji take two columns, as in a terminal.

/// The font stack the SVG uses; the width model holds for each of its fonts.
pub const FONT_STACK: &str =
    "'DejaVu Sans Mono', Menlo, 'Liberation Mono', Cousine, Consolas, 'Courier New', monospace";

/// Advance of one column as a fraction of the font size.
pub const ADVANCE_EM: f64 = 0.6;

/// Font size of column rows and the header (px).
pub const BODY_FONT: f64 = 12.0;
/// Font size of relationship labels (px).
pub const LABEL_FONT: f64 = 10.0;
/// Font size of markers (`PK`, `FK`, ...) and lazy tags (px).
pub const TAG_FONT: f64 = 8.0;

/// Width in px of `text` set at `font_px` in a font of the stack.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    columns(text) as f64 * ADVANCE_EM * font_px
}

/// Terminal columns taken by `text`.
pub fn columns(text: &str) -> usize {
    text.chars().map(char_columns).sum()
}

fn char_columns(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_px_is_seven_point_two_per_character() {
        assert!((text_width("String(64)", BODY_FONT) - 72.0).abs() < 1e-9);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(columns("名前"), 4);
        assert_eq!(columns("név"), 3);
    }
}
