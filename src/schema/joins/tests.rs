use super::*;

fn col(qualified: &str) -> ColumnRef {
    let (t, c) = qualified.split_once('.').unwrap_or((qualified, ""));
    ColumnRef::new(t, c)
}

fn key(table: &str, columns: &[&str], ref_table: &str, ref_columns: &[&str]) -> TableKey {
    TableKey {
        table: table.into(),
        key: ForeignKey {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            ref_table: ref_table.into(),
            ref_columns: ref_columns.iter().map(|c| c.to_string()).collect(),
            ondelete: None,
            onupdate: None,
        },
    }
}

fn spec(rel: &str, parent: &str, target: &str) -> JoinSpec {
    JoinSpec {
        relationship: rel.into(),
        parent: parent.into(),
        target: target.into(),
        ..JoinSpec::default()
    }
}

fn eq(a: &str, b: &str) -> Binary {
    Binary {
        left: col(a),
        right: col(b),
        equality: true,
        marked_foreign: [false; 2],
        marked_remote: [false; 2],
    }
}

fn condition(binaries: Vec<Binary>, text: &str) -> Option<Condition> {
    Some(Condition {
        binaries,
        text: text.into(),
    })
}

fn pairs(p: &[(&str, &str)]) -> Vec<(ColumnRef, ColumnRef)> {
    p.iter().map(|(a, b)| (col(a), col(b))).collect()
}

fn role_user() -> Vec<TableKey> {
    vec![key("users", &["role_id"], "roles", &["id"])]
}

#[test]
fn one_to_many_and_many_to_one_follow_the_foreign_key() {
    let users = resolve_join(&spec("Role.users", "roles", "users"), &role_user()).unwrap();
    assert_eq!(users.direction, Direction::OneToMany);
    assert_eq!(users.pairs, pairs(&[("roles.id", "users.role_id")]));
    assert_eq!(users.primaryjoin.text, "roles.id = users.role_id");
    let role = resolve_join(&spec("User.role", "users", "roles"), &role_user()).unwrap();
    assert_eq!(role.direction, Direction::ManyToOne);
    assert_eq!(role.pairs, pairs(&[("users.role_id", "roles.id")]));
}

#[test]
fn two_paths_are_ambiguous_until_foreign_keys_picks_one() {
    let keys = vec![
        key("message", &["sender_id"], "user", &["id"]),
        key("message", &["recipient_id"], "user", &["id"]),
    ];
    let e = resolve_join(&spec("Message.sender", "message", "user"), &keys).unwrap_err();
    assert_eq!(e.exception, "sqlalchemy.exc.AmbiguousForeignKeysError");
    assert!(e.message.starts_with("Could not determine join condition between parent/child tables on relationship Message.sender - there are multiple foreign key paths linking the tables.  Specify the 'foreign_keys' argument"), "{}", e.message);
    let mut s = spec("Message.sender", "message", "user");
    s.foreign_keys = Some(vec![col("message.sender_id")]);
    let j = resolve_join(&s, &keys).unwrap();
    assert_eq!(j.direction, Direction::ManyToOne);
    assert_eq!(j.pairs, pairs(&[("message.sender_id", "user.id")]));
}

#[test]
fn keys_both_ways_between_two_tables_are_ambiguous() {
    let keys = vec![
        key("a", &["b_id"], "b", &["id"]),
        key("b", &["a_id"], "a", &["id"]),
    ];
    let e = resolve_join(&spec("A.bs", "a", "b"), &keys).unwrap_err();
    assert_eq!(e.exception, "sqlalchemy.exc.AmbiguousForeignKeysError");
    let mut s = spec("A.bs", "a", "b");
    s.foreign_keys = Some(vec![col("b.a_id")]);
    assert_eq!(
        resolve_join(&s, &keys).unwrap().direction,
        Direction::OneToMany
    );
}

#[test]
fn no_foreign_keys_is_an_error_naming_the_relationship() {
    let e = resolve_join(&spec("A.bs", "a", "b"), &[]).unwrap_err();
    assert_eq!(e.exception, "sqlalchemy.exc.NoForeignKeysError");
    assert_eq!(e.message, "Could not determine join condition between parent/child tables on relationship A.bs - there are no foreign keys linking these tables.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or specify a 'primaryjoin' expression.");
    let mut s = spec("A.bs", "a", "b");
    s.secondary = Some("ab".into());
    let e = resolve_join(&s, &[]).unwrap_err();
    assert!(
        e.message.contains("via secondary table 'ab'"),
        "{}",
        e.message
    );
}

#[test]
fn self_reference_is_one_to_many_unless_remote_side_says_otherwise() {
    let keys = vec![key("node", &["parent_id"], "node", &["id"])];
    let children = resolve_join(&spec("Node.children", "node", "node"), &keys).unwrap();
    assert_eq!(children.direction, Direction::OneToMany);
    assert_eq!(children.pairs, pairs(&[("node.id", "node.parent_id")]));
    let mut s = spec("Node.parent", "node", "node");
    s.remote_side = vec![col("node.id")];
    let parent = resolve_join(&s, &keys).unwrap();
    assert_eq!(parent.direction, Direction::ManyToOne);
    assert_eq!(parent.pairs, pairs(&[("node.parent_id", "node.id")]));
    let two = vec![
        key("node", &["parent_id"], "node", &["id"]),
        key("node", &["other_id"], "node", &["id"]),
    ];
    let e = resolve_join(&spec("Node.kids", "node", "node"), &two).unwrap_err();
    assert_eq!(e.exception, "sqlalchemy.exc.AmbiguousForeignKeysError");
}

#[test]
fn many_to_many_pairs_go_through_the_association_table() {
    let keys = vec![
        key("tags", &["post_id"], "post", &["id"]),
        key("tags", &["tag_id"], "tag", &["id"]),
    ];
    let mut s = spec("Post.tags", "post", "tag");
    s.secondary = Some("tags".into());
    let j = resolve_join(&s, &keys).unwrap();
    assert_eq!(j.direction, Direction::ManyToMany);
    assert_eq!(j.pairs, pairs(&[("post.id", "tags.post_id")]));
    assert_eq!(j.secondary_pairs, pairs(&[("tag.id", "tags.tag_id")]));
}

#[test]
fn self_referential_many_to_many_needs_both_joins() {
    let keys = vec![
        key("followers", &["follower_id"], "user", &["id"]),
        key("followers", &["followed_id"], "user", &["id"]),
    ];
    let mut s = spec("User.followed", "user", "user");
    s.secondary = Some("followers".into());
    let e = resolve_join(&s, &keys).unwrap_err();
    assert_eq!(e.exception, "sqlalchemy.exc.AmbiguousForeignKeysError");
    assert!(e.message.contains("via secondary table 'followers'"));
    s.primaryjoin = condition(
        vec![eq("followers.follower_id", "user.id")],
        "followers.follower_id = user.id",
    );
    s.secondaryjoin = condition(
        vec![eq("followers.followed_id", "user.id")],
        "followers.followed_id = user.id",
    );
    let j = resolve_join(&s, &keys).unwrap();
    assert_eq!(j.pairs, pairs(&[("user.id", "followers.follower_id")]));
    assert_eq!(
        j.secondary_pairs,
        pairs(&[("user.id", "followers.followed_id")])
    );
}

#[test]
fn a_composite_foreign_key_is_one_path() {
    let keys = vec![key(
        "score",
        &["student_id", "course_id"],
        "enrollment",
        &["student_id", "course_id"],
    )];
    let j = resolve_join(&spec("Score.enrollment", "score", "enrollment"), &keys).unwrap();
    assert_eq!(j.direction, Direction::ManyToOne);
    assert_eq!(
        j.pairs,
        pairs(&[
            ("score.student_id", "enrollment.student_id"),
            ("score.course_id", "enrollment.course_id")
        ])
    );
}

#[test]
fn a_primaryjoin_needs_a_foreign_column() {
    let mut s = spec("A.bs", "a", "b");
    s.primaryjoin = condition(vec![eq("a.id", "b.a_id")], "a.id = b.a_id");
    let e = resolve_join(&s, &[]).unwrap_err();
    assert_eq!(e.exception, "sqlalchemy.exc.ArgumentError");
    assert!(e.message.starts_with("Could not locate any relevant foreign key columns for primary join condition 'a.id = b.a_id' on relationship A.bs."), "{}", e.message);
    s.foreign_keys = Some(vec![col("b.a_id")]);
    let j = resolve_join(&s, &[]).unwrap();
    assert_eq!(j.direction, Direction::OneToMany);
    assert_eq!(j.pairs, pairs(&[("a.id", "b.a_id")]));
}

#[test]
fn a_secondaryjoin_without_secondary_is_refused() {
    let mut s = spec("A.bs", "a", "b");
    s.secondaryjoin = condition(vec![eq("a.id", "b.a_id")], "a.id = b.a_id");
    let e = resolve_join(&s, &role_user()).unwrap_err();
    assert_eq!(
        e.message,
        "Property A.bs specified with secondary join condition but no secondary argument"
    );
}
