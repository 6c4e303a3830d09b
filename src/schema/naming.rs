//! Flask-SQLAlchemy's and SQLAlchemy's naming rules: default table names and index names.

/// Flask-SQLAlchemy 3's default table name (`camel_to_snake_case`): `BlogPost` →
/// `blog_post`, `HTTPRequestLog` → `http_request_log`, `OAuth2Token` → `o_auth2_token`.
/// An underscore goes before an uppercase letter that follows a lowercase letter or digit,
/// or that starts a lowercase run (not at the start); then all is lowercased and leading
/// underscores are dropped.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p));
            let after_lower_or_digit =
                prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            let starts_word = i != 0 && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if after_lower_or_digit || starts_word {
                out.push('_');
            }
        }
        out.push(c);
    }
    out.to_lowercase().trim_start_matches('_').to_string()
}

/// The name SQLAlchemy gives the index of an `index=True` column: `ix_<table>_<column>`.
pub fn column_index_name(table: &str, column: &str) -> String {
    format!("ix_{table}_{column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_follow_flask_sqlalchemy() {
        for (class, table) in [
            ("BlogPost", "blog_post"),
            ("HTTPRequestLog", "http_request_log"),
            ("OAuth2Token", "o_auth2_token"),
            ("APIKey", "api_key"),
            ("user", "user"),
            ("Role", "role"),
            ("UserV2", "user_v2"),
            ("_Private", "private"),
            ("ABC", "abc"),
            ("Über", "über"),
        ] {
            assert_eq!(snake_case(class), table, "{class}");
        }
    }
}
