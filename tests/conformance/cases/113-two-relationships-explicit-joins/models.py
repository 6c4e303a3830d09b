class City(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), unique=True)

    def __repr__(self):
        return self.name


class Flight(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(8))
    origin_id = db.Column(db.Integer, db.ForeignKey('city.id'), nullable=False)
    destination_id = db.Column(db.Integer, db.ForeignKey('city.id'), nullable=False)
    origin = db.relationship('City', foreign_keys=[origin_id], backref='departures')
    destination = db.relationship('City', foreign_keys='Flight.destination_id', backref=db.backref('arrivals', order_by='Flight.code'))

    def __repr__(self):
        return f'{self.code} {self.origin}->{self.destination}'
