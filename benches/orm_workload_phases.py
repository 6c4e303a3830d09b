# Phases of the ORM benchmark, separated by lines "## name". Each phase runs as one
# console input in the playground and as one exec() in CPython.
## insert 1,000 roles + 20,000 users
roles = [Role(name='role%d' % i) for i in range(1000)]
db.session.add_all(roles)
db.session.add_all([User(username='user%d' % i, role=roles[i % 1000]) for i in range(20000)])
db.session.commit()
## 1,000 role.users lazy loads
total = 0
for r in Role.query.all():
    total += len(r.users)
assert total == 20000, total
## 1,000 filter_by(username=...) lookups (indexed)
found = 0
for i in range(1000):
    if User.query.filter_by(username='user%d' % (i * 7)).first() is not None:
        found += 1
assert found == 1000, found
