//! Every configuration error of the model compiler, as SQLAlchemy words it, with the place
//! in the models text the editor underlines: errors raised while the models run (a class
//! without a primary key, an unknown `Column` option, ...), errors `create_all()` raises
//! (a foreign key to nowhere), and relationship errors, which the façade reports early as
//! `configuration_error` while the console raises them at first use, as SQLAlchemy does.

use orm_playground::diag::{Diagnostic, LineIndex, Source};
use orm_playground::playground::{ModelsReport, Playground};

fn load(models: &str) -> (Playground, ModelsReport) {
    let mut pg = Playground::new();
    let report = pg.load_models(models);
    (pg, report)
}

/// Line and column (1-based) where the diagnostic's span starts, and the spanned text.
fn place<'a>(models: &'a str, d: &Diagnostic) -> (u32, u32, &'a str) {
    let span = d
        .span
        .unwrap_or_else(|| panic!("no span on {}", d.headline()));
    assert_eq!(d.source, Some(Source::Models), "{}", d.headline());
    let at = LineIndex::new(models).line_col(span.start);
    let text = models
        .get(span.start as usize..span.end as usize)
        .unwrap_or("");
    (at.line, at.column, text)
}

/// Asserts a models error: exception, message start, position and the spanned text's start.
fn expect(
    models: &str,
    d: &Diagnostic,
    exception: &str,
    message: &str,
    line: u32,
    col: u32,
    text: &str,
) {
    assert_eq!(d.exception, exception, "{}", d.headline());
    assert!(
        d.message.starts_with(message),
        "message was: {}\nexpected start: {message}",
        d.message
    );
    let (l, c, spanned) = place(models, d);
    assert_eq!((l, c), (line, col), "position of {}", d.headline());
    assert!(
        spanned.starts_with(text),
        "spanned {spanned:?}, wanted {text:?}"
    );
}

/// A relationship error: reported early for the editor, raised by the first console use
/// with the same span, then `InvalidRequestError` on every later use.
fn expect_configuration(
    models: &str,
    first_use: &str,
    exception: &str,
    message: &str,
    line: u32,
    col: u32,
    text: &str,
) {
    let (mut pg, report) = load(models);
    assert!(report.error.is_none(), "{:?}", report.error);
    let early = report
        .configuration_error
        .unwrap_or_else(|| panic!("no configuration error for {message}"));
    expect(models, &early, exception, message, line, col, text);
    let out = pg.run(first_use);
    let raised = out
        .error
        .unwrap_or_else(|| panic!("{first_use} did not raise"));
    expect(models, &raised, exception, message, line, col, text);
    assert!(out.text.contains("File \"models.py\""), "{}", out.text);
    let again = pg.run(first_use).error.expect("a later use raises too");
    assert_eq!(again.exception, "sqlalchemy.exc.InvalidRequestError");
    assert!(again
        .message
        .starts_with("One or more mappers failed to initialize - can't proceed with initialization of other mappers. Triggering mapper: "));
}

fn models_error(models: &str) -> Diagnostic {
    let (_, report) = load(models);
    report.error.expect("the models fail")
}

#[test]
fn a_model_without_primary_key() {
    let m = "class A(db.Model):\n    name = db.Column(db.String)\n";
    let d = models_error(m);
    expect(
        m,
        &d,
        "sqlalchemy.exc.ArgumentError",
        "Mapper Mapper[A(a)] could not assemble any primary key columns for mapped table 'a'",
        1,
        1,
        "class A",
    );
}

#[test]
fn a_table_defined_twice() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\nclass B(db.Model):\n    __tablename__ = 'a'\n    id = db.Column(db.Integer, primary_key=True)\n";
    let d = models_error(m);
    expect(m, &d, "sqlalchemy.exc.InvalidRequestError", "Table 'a' is already defined for this MetaData instance.  Specify 'extend_existing=True' to redefine options and columns on an existing Table object.", 5, 1, "class B");
}

#[test]
fn unknown_options_of_column_and_relationship() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True, foo=1)\n";
    let d = models_error(m);
    expect(
        m,
        &d,
        "TypeError",
        "Additional arguments should be named <dialectname>_<argument>, got 'foo'",
        2,
        10,
        "db.Column(",
    );
    let m = "class A(db.Model):\n    id: Mapped[int] = mapped_column(primary_key=True, bar=2)\n";
    let d = models_error(m);
    expect(
        m,
        &d,
        "TypeError",
        "Additional arguments should be named <dialectname>_<argument>, got 'bar'",
        2,
        23,
        "mapped_column(",
    );
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', foo=1)\n";
    let d = models_error(m);
    expect(
        m,
        &d,
        "TypeError",
        "RelationshipProperty.__init__() got an unexpected keyword argument 'foo'",
        3,
        10,
        "db.relationship(",
    );
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', backref='a', back_populates='a')\n";
    let d = models_error(m);
    expect(
        m,
        &d,
        "sqlalchemy.exc.ArgumentError",
        "backref and back_populates keyword arguments are mutually exclusive",
        3,
        10,
        "db.relationship(",
    );
}

#[test]
fn a_relationship_without_target() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship()\n";
    let d = models_error(m);
    expect(m, &d, "sqlalchemy.exc.ArgumentError", "Python typing annotation is required for attribute \"A.bs\" when primary argument(s) for \"Relationship\" construct are None or not present", 3, 10, "db.relationship()");
}

#[test]
fn a_relationship_on_a_mixin() {
    let m = "class Owned:\n    owner = db.relationship('User')\n\n\nclass User(Owned, db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n";
    let d = models_error(m);
    expect(m, &d, "sqlalchemy.exc.InvalidRequestError", "Mapper properties (i.e. deferred,column_property(), relationship(), etc.) must be declared as @declared_attr callables on declarative mixin classes.", 2, 13, "db.relationship('User')");
}

#[test]
fn an_annotation_without_column_type() {
    let m = "class A(db.Model):\n    id: Mapped[int] = mapped_column(primary_key=True)\n    x: Mapped[object]\n";
    let d = models_error(m);
    expect(m, &d, "sqlalchemy.orm.exc.MappedAnnotationError", "Could not locate SQLAlchemy Core type when resolving for Python type indicated by '<class 'object'>' inside the Mapped[] annotation for the 'x' attribute", 1, 1, "class A");
}

#[test]
fn constraints_naming_missing_columns() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    __table_args__ = (db.UniqueConstraint('nope'),)\n";
    let d = models_error(m);
    expect(
        m,
        &d,
        "sqlalchemy.exc.ConstraintColumnNotFoundError",
        "Can't create UniqueConstraint on table 'a': no column named 'nope' is present.",
        1,
        1,
        "class A",
    );
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    __table_args__ = (5,)\n";
    let d = models_error(m);
    expect(
        m,
        &d,
        "sqlalchemy.exc.ArgumentError",
        "'SchemaItem' object, such as a 'Column' or a 'Constraint' expected, got 5",
        1,
        1,
        "class A",
    );
}

#[test]
fn foreign_keys_to_nowhere_fail_create_all() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    b_id = db.Column(db.Integer, db.ForeignKey('nope.id'))\n";
    let d = models_error(m);
    expect(m, &d, "sqlalchemy.exc.NoReferencedTableError", "Foreign key associated with column 'a.b_id' could not find table 'nope' with which to generate a foreign key to target column 'id'", 3, 12, "db.Column(");
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    b_id = db.Column(db.Integer, db.ForeignKey('a.nope'))\n";
    let d = models_error(m);
    expect(m, &d, "sqlalchemy.exc.NoReferencedColumnError", "Could not initialize target column for ForeignKey 'a.nope' on table 'a': table 'a' has no column named 'nope'", 3, 12, "db.Column(");
}

const AMBIGUOUS: &str = "class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)


class Message(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    sender_id = db.Column(db.Integer, db.ForeignKey('user.id'))
    recipient_id = db.Column(db.Integer, db.ForeignKey('user.id'))
    sender = db.relationship('User')
";

#[test]
fn ambiguous_foreign_keys_surface_at_first_use() {
    let (mut pg, report) = load(AMBIGUOUS);
    assert!(report.configuration_error.is_some());
    // Not at definition, not at create_all: the tables exist and plain attributes work.
    assert_eq!(
        pg.run("sorted(db.metadata.tables)").text,
        "['message', 'user']\n"
    );
    expect_configuration(
        AMBIGUOUS,
        "Message()",
        "sqlalchemy.exc.AmbiguousForeignKeysError",
        "Could not determine join condition between parent/child tables on relationship Message.sender - there are multiple foreign key paths linking the tables.  Specify the 'foreign_keys' argument",
        9,
        14,
        "db.relationship('User')",
    );
}

#[test]
fn no_foreign_keys() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n";
    expect_configuration(m, "A.query.all()", "sqlalchemy.exc.NoForeignKeysError", "Could not determine join condition between parent/child tables on relationship A.bs - there are no foreign keys linking these tables.", 3, 10, "db.relationship('B')");
    let m = "ab = db.Table('ab', db.Column('x', db.Integer))\n\n\nclass A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', secondary=ab)\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n";
    expect_configuration(m, "B()", "sqlalchemy.exc.NoForeignKeysError", "Could not determine join condition between parent/child tables on relationship A.bs - there are no foreign keys linking these tables via secondary table 'ab'.", 6, 10, "db.relationship(");
}

#[test]
fn unknown_names_in_relationship_arguments() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('Bee')\n";
    expect_configuration(m, "A()", "sqlalchemy.exc.InvalidRequestError", "When initializing mapper Mapper[A(a)], expression 'Bee' failed to locate a name ('Bee'). If this is a class name, consider adding this relationship() to the <class 'models.A'> class after both dependent classes have been defined.", 3, 10, "db.relationship('Bee')");
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', order_by='B.nope')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))\n";
    expect_configuration(
        m,
        "A()",
        "AttributeError",
        "Class <class 'models.B'> does not have a mapped column named 'nope'",
        3,
        10,
        "db.relationship(",
    );
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', primaryjoin='A.id == Bee.a_id')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))\n";
    expect_configuration(m, "A()", "sqlalchemy.exc.InvalidRequestError", "When initializing mapper Mapper[A(a)], expression 'A.id == Bee.a_id' failed to locate a name (\"name 'Bee' is not defined\").", 3, 10, "db.relationship(");
}

#[test]
fn backref_and_back_populates_mistakes() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', backref='a_id')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))\n";
    expect_configuration(m, "B()", "sqlalchemy.exc.ArgumentError", "Error creating backref 'a_id' on relationship 'A.bs': property of that name exists on mapper 'Mapper[B(b)]'", 3, 10, "db.relationship(");
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', back_populates='owner')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))\n";
    expect_configuration(m, "A()", "sqlalchemy.exc.InvalidRequestError", "Mapper 'Mapper[B(b)]' has no property 'owner'.  If this property was indicated from other mappers or configure events, ensure registry.configure() has been called.", 3, 10, "db.relationship(");
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', back_populates='a_id')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))\n";
    expect_configuration(m, "A()", "sqlalchemy.exc.InvalidRequestError", "back_populates on relationship 'A.bs' refers to attribute 'B.a_id' that is not a relationship.", 3, 10, "db.relationship(");
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', back_populates='c')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))\n    c_id = db.Column(db.Integer, db.ForeignKey('c.id'))\n    c = db.relationship('C')\n\n\nclass C(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n";
    expect_configuration(m, "A()", "sqlalchemy.exc.ArgumentError", "reverse_property 'c' on relationship A.bs references relationship B.c, which does not reference mapper Mapper[A(a)]", 3, 10, "db.relationship(");
}

#[test]
fn strategy_cascade_and_join_condition_mistakes() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', lazy='eager')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))\n";
    expect_configuration(
        m,
        "A()",
        "sqlalchemy.orm.exc.LoaderStrategyException",
        "Can't find strategy (('lazy', 'eager'),) for A.bs",
        3,
        10,
        "db.relationship(",
    );
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer, db.ForeignKey('a.id'))\n    a = db.relationship('A', cascade='all, delete-orphan')\n";
    expect_configuration(m, "A()", "sqlalchemy.exc.ArgumentError", "For many-to-one relationship B.a, delete-orphan cascade is normally configured only on the \"one\" side of a one-to-many relationship", 8, 9, "db.relationship(");
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', primaryjoin='A.id == B.a_id')\n\n\nclass B(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    a_id = db.Column(db.Integer)\n";
    expect_configuration(m, "A()", "sqlalchemy.exc.ArgumentError", "Could not locate any relevant foreign key columns for primary join condition 'a.id = b.a_id' on relationship A.bs.", 3, 10, "db.relationship(");
    let m = "class N(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    parent_id = db.Column(db.Integer, db.ForeignKey('n.id'))\n    kids = db.relationship('N', backref='parent')\n";
    expect_configuration(m, "N()", "sqlalchemy.exc.ArgumentError", "N.kids and back-reference N.parent are both of the same direction <RelationshipDirection.ONETOMANY: 1>.  Did you mean to set remote_side on the many-to-one side ?", 4, 12, "db.relationship(");
}

#[test]
fn a_bad_cascade_fails_at_definition() {
    let m = "class A(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bs = db.relationship('B', cascade='all, delete-orphans')\n";
    let d = models_error(m);
    expect(
        m,
        &d,
        "sqlalchemy.exc.ArgumentError",
        "Invalid cascade option(s): 'delete-orphans'",
        3,
        10,
        "db.relationship(",
    );
}
