from typing import List, Optional
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DynamicMapped


class Writer(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    bio: Mapped[Optional[str]]
    rating: Mapped[float] = mapped_column(default=0.0)
    articles: Mapped[List['Article']] = relationship(back_populates='author', foreign_keys='Article.author_id')
    drafts: DynamicMapped['Draft'] = relationship(order_by='Draft.id')

    def __repr__(self):
        return f'<Writer {self.name}>'


class Article(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey('writer.id'))
    editor_id = mapped_column(ForeignKey('writer.id'))
    author: Mapped['Writer'] = relationship(back_populates='articles', foreign_keys=[author_id])
    editor: Mapped[Optional['Writer']] = relationship(foreign_keys=[editor_id])

    def __repr__(self):
        return f'<Article {self.title!r}>'


class Draft(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    writer_id: Mapped[Optional[int]] = mapped_column(ForeignKey('writer.id'))
    body: Mapped[str] = mapped_column(db.Text, default='')
