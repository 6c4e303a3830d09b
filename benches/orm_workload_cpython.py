"""The ORM benchmark on real Flask-SQLAlchemy + SQLite (in memory), phase by phase.

Usage: python orm_workload_cpython.py   (needs flask, flask-sqlalchemy, sqlalchemy)
Prints one line per phase: "<milliseconds> <phase name>".
"""
import pathlib
import time

import flask
import flask_sqlalchemy

here = pathlib.Path(__file__).parent
app = flask.Flask("app")
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db = flask_sqlalchemy.SQLAlchemy(app)
ns = {"db": db, "__name__": "models"}
exec((here / "orm_workload_models.py").read_text(), ns)
with app.app_context():
    db.create_all()
    phases = (here / "orm_workload_phases.py").read_text().split("\n## ")[1:]
    for phase in phases:
        name, _, code = phase.partition("\n")
        start = time.perf_counter()
        exec(code, ns)
        print(f"{(time.perf_counter() - start) * 1000:.0f} {name}")
