from datetime import time, timedelta


class Reading(db.Model):
    __tablename__ = 'readings'
    id = db.Column(db.Integer, primary_key=True)
    sensor = db.Column(db.Unicode(40), nullable=False)
    notes = db.Column(db.UnicodeText)
    level = db.Column(db.SmallInteger)
    total = db.Column(db.BigInteger)
    ratio = db.Column(db.Float)
    taken_at = db.Column(db.Time)
    duration = db.Column(db.Interval)
    raw = db.Column(db.LargeBinary)
    status = db.Column(db.Enum('new', 'checked', 'failed', name='reading_status'), default='new')
    extra = db.Column(db.JSON)

    def __repr__(self):
        return f'<Reading {self.sensor}>'
