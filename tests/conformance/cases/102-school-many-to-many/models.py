enrollments = db.Table(
    'enrollments',
    db.Column('student_id', db.Integer, db.ForeignKey('student.id'), primary_key=True),
    db.Column('course_id', db.Integer, db.ForeignKey('course.id'), primary_key=True),
)


class Student(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))
    courses = db.relationship('Course', secondary=enrollments, back_populates='students', order_by='Course.code')

    def __repr__(self):
        return self.name


class Course(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(10), unique=True)
    students = db.relationship('Student', secondary=enrollments, back_populates='courses', lazy='dynamic')

    def __repr__(self):
        return self.code
