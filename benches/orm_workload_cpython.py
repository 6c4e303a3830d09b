"""The ORM benchmarks on real Flask-SQLAlchemy + SQLite (in memory), phase by phase: the
same models and phases our playground runs (benches/support/workload.rs).

Usage: python orm_workload_cpython.py [orm_workload|orm_memory]
       (needs flask, flask-sqlalchemy, sqlalchemy; benches/orm_side_by_side.mjs finds or
       makes such a Python)
Prints one line per phase, "<milliseconds> <phase name>", then "peak resident <N> KB".
"""
import pathlib
import resource
import sys
import time

import flask
import flask_sqlalchemy

here = pathlib.Path(__file__).parent
workload = sys.argv[1] if len(sys.argv) > 1 else "orm_workload"
app = flask.Flask("app")
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = flask_sqlalchemy.SQLAlchemy(app)
ns = {"db": db, "__name__": "models"}
exec((here / f"{workload}_models.py").read_text(), ns)
with app.app_context():
    db.create_all()
    phases = (here / f"{workload}_phases.py").read_text().split("\n## ")[1:]
    for phase in phases:
        name, _, code = phase.partition("\n")
        start = time.perf_counter()
        exec(code, ns)
        print(f"{(time.perf_counter() - start) * 1000:.1f} {name}", flush=True)
print(f"peak resident {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} KB")
