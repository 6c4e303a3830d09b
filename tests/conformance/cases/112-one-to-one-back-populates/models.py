class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30))
    passport = db.relationship('Passport', back_populates='holder', uselist=False, cascade='all, delete-orphan')

    def __repr__(self):
        return f'Person({self.name!r})'


class Passport(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.String(12), unique=True, nullable=False)
    holder_id = db.Column(db.Integer, db.ForeignKey('person.id'), unique=True)
    holder = db.relationship('Person', back_populates='passport')

    def __repr__(self):
        return f'Passport({self.number!r})'
