# Phases of the memory benchmark, separated by lines "## name" (as orm_workload_phases.py):
# 100,000 rows inserted through the session in commits of 10,000, then loaded back as
# 100,000 objects held in one list.
## insert 100,000 rows
for chunk in range(10):
    db.session.add_all([Item(name='item %d' % (chunk * 10000 + i), price=i * 0.5, owner_id=i % 100) for i in range(10000)])
    db.session.commit()
## load 100,000 objects
items = Item.query.all()
assert len(items) == 100000, len(items)
