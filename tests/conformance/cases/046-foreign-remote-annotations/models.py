from sqlalchemy.orm import foreign, remote


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    posts = db.relationship('Post', primaryjoin='User.id == foreign(Post.author_id)', backref='author')


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer)
    parent_id = db.Column(db.Integer)
    title = db.Column(db.String(20))
    replies = db.relationship('Post', primaryjoin=remote(foreign(parent_id)) == id, backref=db.backref('parent', remote_side=[id]))
