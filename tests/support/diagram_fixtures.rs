//! Schema fixtures for the diagram tests and the `diagram_layout` benchmark: the schema of
//! every conformance case's models.py as the model compiler produces it, hand-built mirrors
//! of cases 001, 013, 014, 015, 017 and 026 (for tests that look inside a known schema), and
//! a deterministic generator of realistic schemas.
//!
//! Shared by `tests/diagram.rs` and `benches/diagram_layout.rs` (via `#[path]`), so it stays
//! out of the library and the wasm build.

#![allow(dead_code)]

use orm_playground::schema::{
    Column, Direction, ForeignKey, Index, Origin, Relationship, Schema, SqlType, Table,
};

/// Every fixture, named, in a stable order: the conformance mirrors, then generated schemas
/// of 20, 50 and 200 tables.
pub fn all() -> Vec<(String, Schema)> {
    let mut out = cases();
    for n in [20, 50, 200] {
        out.push((format!("generated-{n}"), generated(n, n as u64)));
    }
    out
}

/// The schema of every conformance case, compiled from its models.py through the façade;
/// cases whose models.py repeats an earlier one are left out.
pub fn cases() -> Vec<(String, Schema)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/cases");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.sort();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(models) = std::fs::read_to_string(dir.join("models.py")) else {
            continue;
        };
        if !seen.insert(models.clone()) {
            continue;
        }
        let mut pg = orm_playground::playground::Playground::new();
        let report = pg.load_models(&models);
        let name = dir.file_name().map(|n| n.to_string_lossy().to_string());
        match (report.error, pg.schema()) {
            (None, Some(schema)) => out.push((name.unwrap_or_default(), schema.clone())),
            (e, _) => panic!("{}: models.py does not compile: {e:?}", dir.display()),
        }
    }
    out
}

/// A column; `flags` holds any of `pk`, `uq`, `ix`, `nn` (not null), `fk:table.col`.
pub fn col(name: &str, sql_type: SqlType, flags: &str) -> (Column, Option<(String, String)>) {
    let has = |f: &str| flags.split_whitespace().any(|x| x == f);
    let pk = has("pk");
    let fk = flags
        .split_whitespace()
        .find_map(|f| f.strip_prefix("fk:"))
        .and_then(|t| t.split_once('.'))
        .map(|(t, c)| (t.to_string(), c.to_string()));
    let column = Column {
        name: name.into(),
        key: name.into(),
        autoincrement: pk && sql_type.is_integer(),
        sql_type,
        primary_key: pk,
        nullable: !pk && !has("nn"),
        unique: has("uq"),
        index: has("ix"),
        default: None,
        server_default: None,
        onupdate: None,
        span: None,
    };
    (column, fk)
}

/// A table from its columns (as made by `col`).
pub fn table(
    name: &str,
    model: Option<&str>,
    cols: Vec<(Column, Option<(String, String)>)>,
) -> Table {
    let mut t = Table {
        name: name.into(),
        model: model.map(Into::into),
        columns: Vec::new(),
        primary_key: Vec::new(),
        foreign_keys: Vec::new(),
        unique_constraints: Vec::new(),
        indexes: Vec::new(),
        check_constraints: Vec::new(),
        span: None,
    };
    for (c, fk) in cols {
        if c.primary_key {
            t.primary_key.push(c.name.clone());
        }
        if c.index {
            t.indexes.push(Index {
                name: format!("ix_{name}_{}", c.name),
                columns: vec![c.name.clone()],
                unique: c.unique,
            });
        }
        if let Some((rt, rc)) = fk {
            t.foreign_keys.push(ForeignKey {
                columns: vec![c.name.clone()],
                ref_table: rt,
                ref_columns: vec![rc],
                ondelete: None,
                onupdate: None,
            });
        }
        t.columns.push(c);
    }
    t
}

/// One relationship end.
#[allow(clippy::too_many_arguments)]
pub fn end(
    (model, tbl): (&str, &str),
    attr: &str,
    (target_model, target_table): (&str, &str),
    direction: Direction,
    lazy: &str,
    other_end: Option<&str>,
    origin: Origin,
    pairs: &[(&str, &str)],
) -> Relationship {
    Relationship {
        model: model.into(),
        table: tbl.into(),
        attr: attr.into(),
        target_model: target_model.into(),
        target_table: target_table.into(),
        direction,
        uselist: direction != Direction::ManyToOne,
        secondary: None,
        lazy: lazy.into(),
        other_end: other_end.map(Into::into),
        origin,
        pairs: pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        secondary_pairs: Vec::new(),
        viewonly: false,
        cascade: vec!["save-update".into(), "merge".into()],
        order_by: None,
        primaryjoin: pairs
            .iter()
            .map(|(a, b)| format!("{a} = {b}"))
            .collect::<Vec<_>>()
            .join(" AND "),
        secondaryjoin: None,
        foreign_keys: Vec::new(),
        passive_deletes: false,
        span: None,
    }
}

/// `Parent.attr = db.relationship('Child', backref=db.backref(backref, lazy=...))` over the
/// foreign key `fk` ("child_table.col") to `pk` ("parent_table.col").
pub fn one_to_many(
    parent: (&str, &str),
    attr: (&str, &str),
    child: (&str, &str),
    backref: (&str, &str),
    (fk, pk): (&str, &str),
) -> [Relationship; 2] {
    [
        end(
            parent,
            attr.0,
            child,
            Direction::OneToMany,
            attr.1,
            Some(backref.0),
            Origin::Declared,
            &[(pk, fk)],
        ),
        end(
            child,
            backref.0,
            parent,
            Direction::ManyToOne,
            backref.1,
            Some(attr.0),
            Origin::Backref,
            &[(fk, pk)],
        ),
    ]
}

/// `A.attr = db.relationship('B', secondary=assoc, backref=...)`: `a_key`/`b_key` are the
/// association table's columns pointing at `a_pk`/`b_pk`.
pub fn many_to_many(
    a: (&str, &str),
    attr: (&str, &str),
    b: (&str, &str),
    backref: (&str, &str),
    assoc: &str,
    (a_key, a_pk): (&str, &str),
    (b_key, b_pk): (&str, &str),
) -> [Relationship; 2] {
    let mut x = end(
        a,
        attr.0,
        b,
        Direction::ManyToMany,
        attr.1,
        Some(backref.0),
        Origin::Declared,
        &[(a_pk, a_key)],
    );
    x.secondary = Some(assoc.into());
    x.secondary_pairs = vec![(b_key.into(), b_pk.into())];
    let mut y = end(
        b,
        backref.0,
        a,
        Direction::ManyToMany,
        backref.1,
        Some(attr.0),
        Origin::Backref,
        &[(b_pk, b_key)],
    );
    y.secondary = Some(assoc.into());
    y.secondary_pairs = vec![(a_key.into(), a_pk.into())];
    [x, y]
}

fn s64(n: u32) -> SqlType {
    SqlType::String { length: Some(n) }
}

pub fn roles_users() -> Schema {
    Schema {
        tables: vec![
            table(
                "roles",
                Some("Role"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("name", s64(64), "uq"),
                ],
            ),
            table(
                "users",
                Some("User"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("username", s64(64), "uq ix"),
                    col("role_id", SqlType::Integer, "fk:roles.id"),
                ],
            ),
        ],
        relationships: one_to_many(
            ("Role", "roles"),
            ("users", "select"),
            ("User", "users"),
            ("role", "select"),
            ("users.role_id", "roles.id"),
        )
        .into(),
    }
}

pub fn many_to_many_schema() -> Schema {
    Schema {
        tables: vec![
            table(
                "tags",
                None,
                vec![
                    col("tag_id", SqlType::Integer, "pk fk:tag.id"),
                    col("post_id", SqlType::Integer, "pk fk:post.id"),
                ],
            ),
            table(
                "post",
                Some("Post"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("title", s64(100), ""),
                ],
            ),
            table(
                "tag",
                Some("Tag"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("name", s64(30), "uq"),
                ],
            ),
        ],
        relationships: many_to_many(
            ("Post", "post"),
            ("tags", "select"),
            ("Tag", "tag"),
            ("posts", "dynamic"),
            "tags",
            ("tags.post_id", "post.id"),
            ("tags.tag_id", "tag.id"),
        )
        .into(),
    }
}

pub fn followers() -> Schema {
    Schema {
        tables: vec![
            table(
                "followers",
                None,
                vec![
                    col("follower_id", SqlType::Integer, "fk:user.id"),
                    col("followed_id", SqlType::Integer, "fk:user.id"),
                ],
            ),
            table(
                "user",
                Some("User"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("username", s64(64), "ix uq"),
                ],
            ),
        ],
        relationships: many_to_many(
            ("User", "user"),
            ("followed", "dynamic"),
            ("User", "user"),
            ("followers", "dynamic"),
            "followers",
            ("followers.follower_id", "user.id"),
            ("followers.followed_id", "user.id"),
        )
        .into(),
    }
}

pub fn tree() -> Schema {
    Schema {
        tables: vec![table(
            "category",
            Some("Category"),
            vec![
                col("id", SqlType::Integer, "pk"),
                col("name", s64(50), ""),
                col("parent_id", SqlType::Integer, "fk:category.id"),
            ],
        )],
        relationships: one_to_many(
            ("Category", "category"),
            ("children", "select"),
            ("Category", "category"),
            ("parent", "select"),
            ("category.parent_id", "category.id"),
        )
        .into(),
    }
}

pub fn two_foreign_keys() -> Schema {
    let mut relationships = Vec::new();
    for (key, attr, back) in [
        ("sender_id", "sender", "sent"),
        ("recipient_id", "recipient", "received"),
    ] {
        let fk = format!("message.{key}");
        let [a, b] = one_to_many(
            ("User", "user"),
            (back, "select"),
            ("Message", "message"),
            (attr, "select"),
            (&fk, "user.id"),
        );
        // Declared on Message, the backref lands on User.
        relationships.push(Relationship {
            origin: Origin::Declared,
            ..b
        });
        relationships.push(Relationship {
            origin: Origin::Backref,
            ..a
        });
    }
    Schema {
        tables: vec![
            table(
                "user",
                Some("User"),
                vec![col("id", SqlType::Integer, "pk"), col("name", s64(50), "")],
            ),
            table(
                "message",
                Some("Message"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("text", s64(200), ""),
                    col("sender_id", SqlType::Integer, "fk:user.id"),
                    col("recipient_id", SqlType::Integer, "fk:user.id"),
                ],
            ),
        ],
        relationships,
    }
}

pub fn blog_app() -> Schema {
    let u = ("User", "users");
    let p = ("Post", "posts");
    let c = ("Comment", "comments");
    let t = ("Tag", "tags");
    let mut relationships = Vec::new();
    relationships.extend(one_to_many(
        u,
        ("posts", "dynamic"),
        p,
        ("author", "select"),
        ("posts.author_id", "users.id"),
    ));
    relationships.extend(one_to_many(
        u,
        ("comments", "dynamic"),
        c,
        ("author", "select"),
        ("comments.author_id", "users.id"),
    ));
    relationships.extend(one_to_many(
        p,
        ("comments", "select"),
        c,
        ("post", "select"),
        ("comments.post_id", "posts.id"),
    ));
    relationships.extend(many_to_many(
        p,
        ("tags", "select"),
        t,
        ("posts", "select"),
        "post_tags",
        ("post_tags.post_id", "posts.id"),
        ("post_tags.tag_id", "tags.id"),
    ));
    Schema {
        tables: vec![
            table(
                "post_tags",
                None,
                vec![
                    col("post_id", SqlType::Integer, "fk:posts.id"),
                    col("tag_id", SqlType::Integer, "fk:tags.id"),
                ],
            ),
            table(
                "users",
                Some("User"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("name", s64(50), "uq nn"),
                ],
            ),
            table(
                "posts",
                Some("Post"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("title", s64(100), "nn"),
                    col("published", SqlType::Boolean, ""),
                    col("author_id", SqlType::Integer, "fk:users.id"),
                ],
            ),
            table(
                "comments",
                Some("Comment"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("body", SqlType::Text, ""),
                    col("post_id", SqlType::Integer, "fk:posts.id"),
                    col("author_id", SqlType::Integer, "fk:users.id"),
                ],
            ),
            table(
                "tags",
                Some("Tag"),
                vec![
                    col("id", SqlType::Integer, "pk"),
                    col("name", s64(30), "uq"),
                ],
            ),
        ],
        relationships,
    }
}

/// SplitMix64: a tiny deterministic generator, so fixtures never change between runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const WORDS: &[&str] = &[
    "user",
    "account",
    "order",
    "invoice",
    "product",
    "category",
    "tag",
    "comment",
    "post",
    "review",
    "address",
    "payment",
    "shipment",
    "warehouse",
    "supplier",
    "employee",
    "department",
    "project",
    "task",
    "team",
    "customer",
    "cart",
    "coupon",
    "refund",
    "message",
    "thread",
    "forum",
    "course",
    "lesson",
    "quiz",
    "grade",
    "author",
    "book",
    "loan",
    "branch",
    "vehicle",
    "route",
    "ticket",
    "event",
    "venue",
];

fn camel(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_ascii_uppercase().to_string() + c.as_str()
            })
        })
        .collect()
}

/// A realistic schema of exactly `n` tables: an `id` key and a few typed columns each;
/// foreign keys mostly to recent earlier tables (a few forward, making cycles), some
/// self-references, and some many-to-many association tables — each key with a
/// relationship and backref, lazy modes mixed.
pub fn generated(n: usize, seed: u64) -> Schema {
    let mut rng = Rng(seed);
    let extra: &[(&str, SqlType, &str)] = &[
        ("name", s64(64), "nn"),
        ("title", s64(120), ""),
        ("email", s64(120), "uq ix"),
        ("created_at", SqlType::DateTime { timezone: false }, ""),
        (
            "price",
            SqlType::Numeric {
                precision: Some(10),
                scale: Some(2),
            },
            "",
        ),
        ("active", SqlType::Boolean, ""),
        ("body", SqlType::Text, ""),
        ("quantity", SqlType::Integer, ""),
        ("code", s64(16), "uq"),
        ("updated_at", SqlType::DateTime { timezone: true }, ""),
    ];
    let name_of = |i: usize| match i / WORDS.len() {
        0 => WORDS[i % WORDS.len()].to_string(),
        k => format!("{}_{k}", WORDS[i % WORDS.len()]),
    };
    // Decide the model tables first (association tables are extra), then fill in.
    let mut plan: Vec<Option<(usize, usize)>> = Vec::new(); // None: model; Some((a, b)): association
    let mut models = 0;
    while plan.len() < n {
        if models >= 3 && rng.chance(12) {
            let a = rng.below(models);
            let b = (a + 1 + rng.below(models - 1)) % models;
            plan.push(Some((a, b)));
        } else {
            plan.push(None);
            models += 1;
        }
    }
    let mut tables = Vec::new();
    let mut relationships = Vec::new();
    let mut model_index = 0;
    // Attribute names already taken on each model: `posts`, then `posts_2`, ...
    let mut attrs = std::collections::BTreeMap::<String, Vec<String>>::new();
    let mut attr = |model: &str, base: String| {
        let taken = attrs.entry(model.to_string()).or_default();
        let mut name = base.clone();
        let mut k = 1;
        while taken.contains(&name) {
            k += 1;
            name = format!("{base}_{k}");
        }
        taken.push(name.clone());
        name
    };
    let lazy = |rng: &mut Rng| match rng.below(20) {
        0..=13 => "select",
        14..=16 => "dynamic",
        17..=18 => "joined",
        _ => "selectin",
    };
    for entry in plan {
        match entry {
            None => {
                let i = model_index;
                model_index += 1;
                let name = name_of(i);
                let model = camel(&name);
                let mut cols = vec![col("id", SqlType::Integer, "pk")];
                let mut used = vec!["id".to_string()];
                for _ in 0..1 + rng.below(5) {
                    let (c, t, f) = &extra[rng.below(extra.len())];
                    if !used.iter().any(|u| u == c) {
                        used.push(c.to_string());
                        cols.push(col(c, t.clone(), f));
                    }
                }
                let fk_count = if i == 0 {
                    0
                } else {
                    [0, 1, 1, 1, 2, 2, 3][rng.below(7)]
                };
                for _ in 0..fk_count {
                    let j = if rng.chance(4) && i + 1 < models {
                        i + 1 + rng.below((models - i - 1).min(5))
                    } else {
                        i - 1 - rng.below(i.min(12))
                    };
                    let target = name_of(j);
                    let mut key = format!("{target}_id");
                    while used.contains(&key) {
                        key.push('_');
                    }
                    used.push(key.clone());
                    cols.push(col(&key, SqlType::Integer, &format!("fk:{target}.id")));
                    let many = attr(&camel(&target), format!("{name}s"));
                    let one = attr(&model, target.clone());
                    let (fk, pk) = (format!("{name}.{key}"), format!("{target}.id"));
                    relationships.extend(one_to_many(
                        (&camel(&target), &target),
                        (&many, lazy(&mut rng)),
                        (&model, &name),
                        (&one, "select"),
                        (&fk, &pk),
                    ));
                }
                if i > 0 && rng.chance(8) {
                    cols.push(col("parent_id", SqlType::Integer, &format!("fk:{name}.id")));
                    relationships.extend(one_to_many(
                        (&model, &name),
                        (&attr(&model, "children".into()), "select"),
                        (&model, &name),
                        (&attr(&model, "parent".into()), "select"),
                        (&format!("{name}.parent_id"), &format!("{name}.id")),
                    ));
                }
                tables.push(table(&name, Some(&model), cols));
            }
            Some((a, b)) => {
                let (an, bn) = (name_of(a), name_of(b));
                let mut assoc = format!("{an}_{bn}");
                while tables.iter().any(|t: &Table| t.name == assoc) {
                    assoc.push('_');
                }
                tables.push(table(
                    &assoc,
                    None,
                    vec![
                        col(
                            &format!("{an}_id"),
                            SqlType::Integer,
                            &format!("pk fk:{an}.id"),
                        ),
                        col(
                            &format!("{bn}_ref"),
                            SqlType::Integer,
                            &format!("pk fk:{bn}.id"),
                        ),
                    ],
                ));
                relationships.extend(many_to_many(
                    (&camel(&an), &an),
                    (&attr(&camel(&an), format!("{bn}s")), lazy(&mut rng)),
                    (&camel(&bn), &bn),
                    (&attr(&camel(&bn), format!("{an}s")), "select"),
                    &assoc,
                    (&format!("{assoc}.{an}_id"), &format!("{an}.id")),
                    (&format!("{assoc}.{bn}_ref"), &format!("{bn}.id")),
                ));
            }
        }
    }
    Schema {
        tables,
        relationships,
    }
}
