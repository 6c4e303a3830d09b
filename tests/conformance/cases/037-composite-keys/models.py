class Student(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)

    def __repr__(self):
        return f'<Student {self.name}>'


class Course(db.Model):
    code = db.Column(db.String(10), primary_key=True)
    title = db.Column(db.String(100))


class Enrollment(db.Model):
    student_id = db.Column(db.Integer, db.ForeignKey('student.id'), primary_key=True)
    course_code = db.Column(db.String(10), db.ForeignKey('course.code'), primary_key=True)
    grade = db.Column(db.String(2))
    student = db.relationship('Student', backref='enrollments')
    course = db.relationship('Course', backref='enrollments')


class Grade(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    student_id = db.Column(db.Integer, nullable=False)
    course_code = db.Column(db.String(10), nullable=False)
    points = db.Column(db.Integer)
    enrollment = db.relationship('Enrollment', backref=db.backref('grades', order_by='Grade.points'))
    __table_args__ = (
        db.ForeignKeyConstraint(['student_id', 'course_code'],
                                ['enrollment.student_id', 'enrollment.course_code']),
    )
