class Member(db.Model):
    __tablename__ = 'members'
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, index=True, nullable=False)
    city = db.Column(db.String(40), index=True)
    nickname = db.Column(db.String(40), unique=True)

    def __repr__(self):
        return f'<Member {self.email}>'


class Seat(db.Model):
    __table_args__ = (
        db.UniqueConstraint('room', 'number', name='uq_seat_room_number'),
        db.Index('ix_seat_holder', 'holder'),
    )
    id = db.Column(db.Integer, primary_key=True)
    room = db.Column(db.String(10), nullable=False)
    number = db.Column(db.Integer, nullable=False)
    holder = db.Column(db.String(40))
