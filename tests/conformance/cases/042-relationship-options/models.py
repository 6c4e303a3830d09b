tags = db.Table(
    'post_tags',
    db.Column('post_id', db.Integer, db.ForeignKey('post.id'), primary_key=True),
    db.Column('tag_id', db.Integer, db.ForeignKey('tag.id'), primary_key=True),
)


class Person(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))
    sent = db.relationship('Message', foreign_keys='[Message.sender_id]', backref='sender',
                           order_by='[Message.priority.desc(), Message.id]')
    received = db.relationship('Message', foreign_keys='Message.recipient_id', backref='recipient',
                               lazy='raise')
    posts = db.relationship('Post', backref='author', order_by=lambda: Post.title)

    def __repr__(self):
        return f'<Person {self.name}>'


class Message(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    sender_id = db.Column(db.Integer, db.ForeignKey('person.id'))
    recipient_id = db.Column(db.Integer, db.ForeignKey('person.id'))
    priority = db.Column(db.Integer, default=0)
    text = db.Column(db.String(100))

    def __repr__(self):
        return f'<Message {self.text}>'


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80))
    person_id = db.Column(db.Integer, db.ForeignKey('person.id'))
    tags = db.relationship('Tag', secondary='post_tags', backref=db.backref('posts', order_by='Post.title'))


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20), unique=True)

    def __repr__(self):
        return f'<Tag {self.name}>'
