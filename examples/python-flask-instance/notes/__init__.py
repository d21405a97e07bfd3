"""dockgen's e2e example for writable paths: Flask's instance folder holds
an SQLite database the app creates and writes as the non-root user."""
import os
import sqlite3

from flask import Flask


def create_app():
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    db_path = os.path.join(app.instance_path, "notes.sqlite")

    @app.get("/")
    def index():
        # Each request writes a row, then reads the count back.
        with sqlite3.connect(db_path) as db:
            db.execute("CREATE TABLE IF NOT EXISTS visits (id INTEGER PRIMARY KEY)")
            db.execute("INSERT INTO visits DEFAULT VALUES")
            (n,) = db.execute("SELECT COUNT(*) FROM visits").fetchone()
        return f"hello from python-flask-instance: {n} visits written as uid {os.getuid()}\n"

    return app
