class Playlist(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40))
    tracks = db.relationship('Track', backref='playlist', cascade='all, delete-orphan', order_by='Track.position')

    def __repr__(self):
        return f'<Playlist {self.name}>'


class Track(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(40))
    position = db.Column(db.Integer)
    playlist_id = db.Column(db.Integer, db.ForeignKey('playlist.id'))

    def __repr__(self):
        return f'<Track {self.position}:{self.title}>'
