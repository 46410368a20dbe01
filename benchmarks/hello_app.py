"""The floor for the mock's throughput: a bare Flask hello-world on waitress.

``python hello_app.py PORT THREADS`` serves ``GET /`` and ``POST /`` on 127.0.0.1 with the same
WSGI server, thread count and logging as ``huhu-mock serve``, prints ``serving http://127.0.0.1:PORT`` and
runs until terminated.
"""

from __future__ import annotations

import logging
import sys

import waitress
from flask import Flask

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def hello() -> str:
    return "Hello, World!"


def main() -> None:
    port, threads = int(sys.argv[1]), int(sys.argv[2])
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # as huhu-mock serve does
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=threads)
    print(f"serving http://127.0.0.1:{server.effective_port}", flush=True)
    server.run()


if __name__ == "__main__":
    main()
