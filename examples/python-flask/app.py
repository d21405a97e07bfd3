"""A Flask app: dockgen's e2e example for pip + requirements.txt."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "hello from python-flask\n"
