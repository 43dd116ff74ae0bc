from datetime import datetime
from sqlalchemy.orm import Mapped, mapped_column

class BaseModel(db.Model):
    __abstract__ = True
    id = db.Column(db.Integer, primary_key=True)
    created = db.Column(db.DateTime, default=datetime(2024, 5, 5))

    def save(self):
        db.session.add(self)
        db.session.commit()
        return self

class Tag(BaseModel):
    name: Mapped[str] = mapped_column(db.String(30), unique=True)

class AuditMixin:
    note: Mapped[str | None] = mapped_column(default='n/a')
    version: Mapped[int] = mapped_column(default=1)

class Item(AuditMixin, BaseModel):
    __tablename__ = 'items'
    title: Mapped[str]

db.create_all()
t = Tag(name='x').save()
i = Item(title='first').save()
print(t.id, t.name, t.created)
print(i.id, i.title, i.note, i.version, i.created)
print(Item.__table__.c.keys())
print(list(Tag.__table__.columns.keys()))
for c in Item.__table__.columns:
    print(c.name, c.type, c.nullable)
