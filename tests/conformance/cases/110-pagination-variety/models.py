class Comment(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    text = db.Column(db.String(50))
    score = db.Column(db.Integer)

    def __repr__(self):
        return f'c{self.id}'
