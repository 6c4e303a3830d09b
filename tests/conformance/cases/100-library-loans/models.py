class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False)
    books = db.relationship('Book', backref='author', order_by='Book.year')

    def __repr__(self):
        return '<Author %s>' % self.name


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    year = db.Column(db.Integer)
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))
    loans = db.relationship('Loan', backref='book', lazy='dynamic')

    def __repr__(self):
        return '<Book %r (%s)>' % (self.title, self.year)


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, nullable=False)
    loans = db.relationship('Loan', backref='member')

    def __repr__(self):
        return f'<Member {self.email}>'


class Loan(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    book_id = db.Column(db.Integer, db.ForeignKey('book.id'), nullable=False)
    member_id = db.Column(db.Integer, db.ForeignKey('member.id'), nullable=False)
    returned = db.Column(db.Boolean, default=False)
    loaned_on = db.Column(db.Date)

    def __repr__(self):
        return f'<Loan {self.book.title} -> {self.member.email}>'
