# text() 原生 SQL：executemany、fetchone/fetchall、bindparams()、rowcount、mappings/keys
class City(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    pop = db.Column(db.Integer)


db.create_all()
db.session.execute(text("INSERT INTO city (name, pop) VALUES (:n, :p)"), [{"n": "北京", "p": 21}, {"n": "上海", "p": 24}, {"n": "成都", "p": 20}])
db.session.commit()
r = db.session.execute(text("SELECT * FROM city WHERE pop > :p ORDER BY pop DESC"), {"p": 20})
row = r.fetchone()
print(row, row[0], row.name, row._mapping['pop'])
print(r.fetchall())
print(db.session.execute(text("SELECT count(*) FROM city")).scalar())
print(db.session.execute(text("SELECT name FROM city")).scalars().all())
t = text("SELECT name FROM city WHERE id = :id").bindparams(id=2)
print(db.session.execute(t).scalar_one())
print(db.session.execute(text("SELECT name, pop FROM city ORDER BY id")).all())
for name, pop in db.session.execute(text("SELECT name, pop FROM city ORDER BY pop")):
    print(name, pop)
print(db.session.execute(text("UPDATE city SET pop = pop + 1 WHERE name = :n"), {"n": "成都"}).rowcount)
print(db.session.execute(text("SELECT :a + :b"), {"a": 1, "b": 2}).scalar())
print(db.session.execute(text("SELECT name FROM city")).first())
print(db.session.execute(text("SELECT id, name FROM city")).mappings().first())
print(db.session.execute(text("SELECT id FROM city")).keys())
db.session.commit()
