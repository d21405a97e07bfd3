"""A notes service: the Flask app is built by a factory that needs the data
folder, so it is started by main(), not loaded by gunicorn."""
import argparse
import os

from flask import Flask


def create(data_dir):
    os.makedirs(data_dir, exist_ok=True)
    # Written at start: the data folder must be the runtime user's.
    with open(os.path.join(data_dir, "started"), "w") as f:
        f.write("ok\n")
    app = Flask(__name__)

    @app.get("/")
    def index():
        return "notesd started, data in %s\n" % data_dir

    return app


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 5000)))
    args = parser.parse_args()
    create(args.data).run(host="0.0.0.0", port=args.port)
