class Employee(db.Model):
    __tablename__ = 'employees'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    manager_id = db.Column(db.Integer, db.ForeignKey('employees.id'))
    manager = db.relationship('Employee', remote_side=[id], backref='reports')

    def chain(self):
        out = []
        e = self.manager
        while e is not None:
            out.append(e.name)
            e = e.manager
        return out

    def __repr__(self):
        return f'<Employee {self.name}>'
