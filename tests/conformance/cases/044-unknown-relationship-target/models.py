class Team(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))
    players = db.relationship('Players', backref='team')


class Player(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))
    team_id = db.Column(db.Integer, db.ForeignKey('team.id'))
