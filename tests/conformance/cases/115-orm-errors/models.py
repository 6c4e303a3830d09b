class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    word = db.Column(db.String(20), unique=True, nullable=False)

    def __repr__(self):
        return f'<Tag {self.word}>'
