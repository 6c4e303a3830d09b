import sqlalchemy as sa
import sqlalchemy.orm as so


class Channel(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), unique=True)
    messages = db.relationship('Message', backref='channel', lazy='dynamic', order_by='Message.id.desc()')

    def __repr__(self):
        return f'#{self.name}'


class Message(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.String(200))
    channel_id = db.Column(db.Integer, db.ForeignKey('channel.id'))

    def __repr__(self):
        return f'<Message {self.body}>'


class Board(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(30))
    pins: so.WriteOnlyMapped['Pin'] = so.relationship(back_populates='board')

    def __repr__(self):
        return f'<Board {self.title}>'


class Pin(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    label: so.Mapped[str] = so.mapped_column(sa.String(30))
    board_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey(Board.id))
    board: so.Mapped[Board] = so.relationship(back_populates='pins')

    def __repr__(self):
        return f'<Pin {self.label}>'
