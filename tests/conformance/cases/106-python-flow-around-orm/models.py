class Account(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner = db.Column(db.String(40), unique=True, nullable=False)
    balance = db.Column(db.Integer, default=0)

    @property
    def rich(self):
        return self.balance >= 100

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError('amount must be positive')
        self.balance += amount
        return self.balance

    def __str__(self):
        return f'{self.owner}: {self.balance}'

    def __repr__(self):
        return f'Account({self.owner!r})'


def open_account(owner, balance=0):
    a = Account(owner=owner, balance=balance)
    db.session.add(a)
    return a
