class TimestampMixin:
    created_at = db.Column(db.DateTime, default=datetime.utcnow)
    revision = db.Column(db.Integer, default=1, server_default='1')


class OwnedMixin:
    owner_id = db.Column(db.Integer, db.ForeignKey('user_account.id'))


class BaseModel(db.Model):
    __abstract__ = True
    id = db.Column(db.Integer, primary_key=True)

    def __repr__(self):
        return f'<{type(self).__name__} #{self.id}>'

    def describe(self):
        return f'{type(self).__name__.lower()} {self.id}'


class UserAccount(TimestampMixin, BaseModel):
    name = db.Column(db.String(50), nullable=False)
    notes = db.relationship('NoteEntry', backref='owner')
    tasks = db.relationship('TaskItem', backref='owner')


class NoteEntry(OwnedMixin, TimestampMixin, BaseModel):
    text = db.Column(db.Text)


class TaskItem(OwnedMixin, BaseModel):
    title = db.Column(db.String(80))
    done = db.Column(db.Boolean, default=False)
