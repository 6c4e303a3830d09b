from datetime import timedelta


class Subscription(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64), unique=True, nullable=False)
    plan = db.Column(db.String(10), nullable=False)
    starts = db.Column(db.Date, nullable=False)
    days = db.Column(db.Integer, default=30)

    def __init__(self, **kwargs):
        super(Subscription, self).__init__(**kwargs)
        if self.plan is None:
            self.plan = 'free'
        self.email = self.email.lower()

    @property
    def ends(self):
        return self.starts + timedelta(days=self.days or 30)

    @property
    def label(self):
        return '{} ({})'.format(self.email, self.plan.upper())

    @label.setter
    def label(self, value):
        self.plan = value

    @staticmethod
    def plans():
        return ['free', 'pro']

    @classmethod
    def of(cls, email):
        return cls.query.filter_by(email=email).first()

    def __repr__(self):
        return '<Subscription %r>' % self.email
