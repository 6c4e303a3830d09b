calls = []


def bump():
    calls.append(1)
    return len(calls)


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    touched = db.Column(db.Integer, default=0, onupdate=bump)

    def __repr__(self):
        return f'<User {self.name} touched={self.touched}>'
