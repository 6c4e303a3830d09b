class Customer(db.Model):
    __tablename__ = 'customers'
    id = db.Column('customer_id', db.Integer, primary_key=True)
    username = db.Column('user_name', db.String(40), unique=True, nullable=False)
    email = db.Column('email_address', db.String(120))
    orders = db.relationship('Purchase', backref='customer')

    def __repr__(self):
        return f'<Customer {self.username}>'


class Purchase(db.Model):
    __tablename__ = 'purchases'
    id: Mapped[int] = mapped_column('purchase_id', primary_key=True)
    customer_id: Mapped[int] = mapped_column('buyer', db.ForeignKey('customers.customer_id'))
    amount: Mapped[float] = mapped_column('total_amount', default=0.0)
