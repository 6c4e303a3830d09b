//! What gluesql-core uses of `regex` (`Regex`, `RegexBuilder`, `escape`), from `regex-lite`.
//!
//! GlueSQL builds a regex for every LIKE/ILIKE (`%` → `.*`, `_` → `.`, the rest escaped; ILIKE
//! lowercases both sides first) and for its `REGEXP`/`~` operators. regex-lite matches
//! Unicode scalar values like regex, without Unicode classes (`\p{L}`; `\w`, `\d`, `\s` are
//! ASCII) and with ASCII-only case folding for `(?i)`: none of which LIKE/ILIKE use, and the
//! SQLite the playground mimics has no REGEXP operator at all.
pub use regex_lite::{escape, Captures, Error, Match, Regex, RegexBuilder};
