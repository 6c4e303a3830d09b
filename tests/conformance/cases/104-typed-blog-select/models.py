from typing import Optional, List
from datetime import datetime
import sqlalchemy as sa
import sqlalchemy.orm as so


class Writer(db.Model):
    __tablename__ = 'writers'
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    handle: so.Mapped[str] = so.mapped_column(sa.String(30), unique=True)
    bio: so.Mapped[Optional[str]]
    articles: so.Mapped[List['Article']] = so.relationship(back_populates='writer', order_by='Article.id')

    def __repr__(self):
        return f'Writer<{self.handle}>'


class Article(db.Model):
    __tablename__ = 'articles'
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(100))
    views: so.Mapped[int] = so.mapped_column(default=0)
    published: so.Mapped[Optional[datetime]]
    writer_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey('writers.id'))
    writer: so.Mapped['Writer'] = so.relationship(back_populates='articles')

    def __repr__(self):
        return f'Article<{self.title}>'
