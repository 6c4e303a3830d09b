class Film(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    year = db.Column(db.Integer)
    rating = db.Column(db.Float)
    genre = db.Column(db.String(20))

    def __repr__(self):
        return f'<Film {self.title}>'
