from decimal import Decimal


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    qty = db.Column(db.Integer)
    label = db.Column(db.String(20))
    price = db.Column(db.Numeric(10, 2))
    rate = db.Column(db.Float)
