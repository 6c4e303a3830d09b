class Deck(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    cards = db.relationship('Card', backref='deck')

    def __repr__(self):
        return f'Deck({self.name})'


class Card(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    face = db.Column(db.String(5))
    deck_id = db.Column(db.Integer, db.ForeignKey('deck.id'))

    def __repr__(self):
        return self.face
