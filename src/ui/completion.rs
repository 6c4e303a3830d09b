//! Console completion: model names and other globals, a model's columns and relationship
//! attributes (on the class and on instances), the common Query and session methods.
//! Pure: it reads the schema and the globals' type names, never runs anything.

use crate::schema::Schema;

const QUERY_METHODS: [&str; 17] = [
    "all",
    "count",
    "filter",
    "filter_by",
    "first",
    "first_or_404",
    "get",
    "get_or_404",
    "join",
    "limit",
    "offset",
    "one",
    "one_or_none",
    "order_by",
    "outerjoin",
    "paginate",
    "with_entities",
];

const SESSION_METHODS: [&str; 13] = [
    "add",
    "add_all",
    "commit",
    "delete",
    "execute",
    "expire_all",
    "flush",
    "get",
    "query",
    "refresh",
    "rollback",
    "scalar",
    "scalars",
];

const DB_NAMES: [&str; 16] = [
    "Column",
    "ForeignKey",
    "Integer",
    "Model",
    "String",
    "Table",
    "and_",
    "backref",
    "func",
    "get_or_404",
    "or_",
    "paginate",
    "relationship",
    "select",
    "session",
    "text",
];

const BUILTINS: [&str; 12] = [
    "dict",
    "enumerate",
    "isinstance",
    "len",
    "list",
    "max",
    "min",
    "print",
    "range",
    "sorted",
    "str",
    "sum",
];

/// What completing the text before the cursor offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    /// Bytes of the word being completed (replaced by the chosen candidate).
    pub prefix_len: usize,
    pub candidates: Vec<String>,
}

/// Candidates for the identifier that ends `before` (the text before the cursor), or `None`
/// when the cursor is not after a name or a dot.
pub fn complete(
    before: &str,
    schema: Option<&Schema>,
    globals: &[(String, String)],
) -> Option<Completion> {
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let prefix = &before[word_start..];
    let head = &before[..word_start];
    let pool: Vec<String> = match head.strip_suffix('.') {
        Some(owner) => {
            let path = dotted_path(owner);
            if path.is_empty() {
                return None;
            }
            members(&path, schema, globals)
        }
        None => {
            if prefix.is_empty() || prefix.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let mut names: Vec<String> = globals.iter().map(|(n, _)| n.clone()).collect();
            names.extend(BUILTINS.iter().map(|s| s.to_string()));
            names
        }
    };
    let mut candidates: Vec<String> = pool
        .into_iter()
        .filter(|c| c.starts_with(prefix) && c != prefix)
        .collect();
    candidates.sort();
    candidates.dedup();
    Some(Completion {
        prefix_len: prefix.len(),
        candidates,
    })
}

/// The dotted names just before a `.` (`db.session` in `x = db.session.`), innermost last.
fn dotted_path(text: &str) -> Vec<&str> {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
        .last()
        .map_or(text.len(), |(i, _)| i);
    let path = &text[start..];
    if path.is_empty() || path.split('.').any(str::is_empty) {
        return Vec::new();
    }
    path.split('.').collect()
}

/// What a value reached by a dotted path is, as far as completion can tell.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// A mapped class (`Role`).
    Model(String),
    /// An instance of one (`admin_role`).
    Instance(String),
    /// A collection of instances (`role.users`).
    Collection,
    Query,
    Db,
    Session,
    Unknown,
}

fn members(path: &[&str], schema: Option<&Schema>, globals: &[(String, String)]) -> Vec<String> {
    let Some(schema) = schema else {
        return Vec::new();
    };
    let is_model = |name: &str| {
        schema
            .tables
            .iter()
            .any(|t| t.model.as_deref() == Some(name))
    };
    let mut kind = match path.first().copied() {
        Some("db") => Kind::Db,
        Some(name) if is_model(name) => Kind::Model(name.to_string()),
        Some(name) => match globals.iter().find(|(n, _)| n == name) {
            Some((_, ty)) if is_model(ty) => Kind::Instance(ty.clone()),
            _ => Kind::Unknown,
        },
        None => Kind::Unknown,
    };
    for attr in path.iter().skip(1) {
        kind = match (kind, *attr) {
            (Kind::Db, "session") => Kind::Session,
            (Kind::Model(_), "query") => Kind::Query,
            (Kind::Model(m) | Kind::Instance(m), attr) => {
                match schema.relationships_of(&m).find(|r| r.attr == attr) {
                    Some(r) if r.lazy == "dynamic" => Kind::Query,
                    Some(r) if r.uselist => Kind::Collection,
                    Some(r) => Kind::Instance(r.target_model.clone()),
                    None => Kind::Unknown,
                }
            }
            _ => Kind::Unknown,
        };
    }
    match kind {
        Kind::Model(m) => {
            let mut names = attributes(schema, &m);
            names.extend(["query", "__table__", "__tablename__"].map(String::from));
            names
        }
        Kind::Instance(m) => attributes(schema, &m),
        Kind::Collection => ["append", "remove", "count", "index"]
            .map(String::from)
            .to_vec(),
        Kind::Query => QUERY_METHODS.map(String::from).to_vec(),
        Kind::Db => DB_NAMES.map(String::from).to_vec(),
        Kind::Session => SESSION_METHODS.map(String::from).to_vec(),
        Kind::Unknown => Vec::new(),
    }
}

/// A model's column attributes and relationship attributes.
fn attributes(schema: &Schema, model: &str) -> Vec<String> {
    let mut names: Vec<String> = schema
        .tables
        .iter()
        .filter(|t| t.model.as_deref() == Some(model))
        .flat_map(|t| t.columns.iter().map(|c| c.key.clone()))
        .collect();
    names.extend(schema.relationships_of(model).map(|r| r.attr.clone()));
    names
}

/// The longest text every candidate starts with.
pub fn common_prefix(candidates: &[String]) -> &str {
    let Some(first) = candidates.first() else {
        return "";
    };
    let mut len = first.len();
    for c in &candidates[1..] {
        len = first
            .char_indices()
            .zip(c.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(len);
    }
    &first[..len]
}
