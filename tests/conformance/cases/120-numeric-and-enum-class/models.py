import enum
from decimal import Decimal


class Status(enum.Enum):
    DRAFT = 'draft'
    LIVE = 'live'


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False)
    price = db.Column(db.Numeric(10, 2))
    weight = db.Column(db.Numeric)
    status = db.Column(db.Enum(Status), default=Status.DRAFT)

    def __repr__(self):
        return f'<Product {self.name} {self.price}>'
