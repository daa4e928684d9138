"""Starts 'gazmap serve' on a free loopback port for the tests of this folder.

The server prints "gazmap serve: listening on http://HOST:PORT/" once its
socket is bound; the fixture reads that line, so no port is guessed.  All
traffic goes to 127.0.0.1, and every request has a timeout.
"""
import csv
import os
import signal
import subprocess
import time
import urllib.request

import pytest

BIN = os.environ.get("GAZMAP_BIN", "build/bin/gazmap")
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class Server:
    def __init__(self, *args, env=None):
        self.log = None
        self.proc = subprocess.Popen(
            [BIN, "serve", "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        line = self.proc.stdout.readline().decode()
        if "listening on" not in line:
            err = self.proc.stderr.read().decode()
            raise RuntimeError("gazmap serve did not start: %r %r" % (line, err))
        self.url = line.split("listening on ", 1)[1].strip().rstrip("/")
        hostport = self.url.split("//", 1)[1]
        self.host, port = hostport.rsplit(":", 1)
        self.port = int(port)

    def get(self, path, timeout=10, headers=None, method="GET", data=None):
        """(status, headers, body bytes) of one request, 4xx/5xx included."""
        req = urllib.request.Request(self.url + path, headers=headers or {}, method=method,
                                     data=data)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def alive(self):
        status, _, body = self.get("/status")
        return status == 200 and body == b"OK"

    def stop(self, sig=signal.SIGTERM, timeout=20):
        """Sends `sig` and returns (exit code, stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            _, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return self.proc.returncode, err.decode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "access.log"
    s = Server("--timeout", "2", "--max-body", "65536", "--access-log", str(log))
    s.log = log
    yield s
    code, err = s.stop()
    assert code == 0, err


def gazetteer_rows():
    """id -> (lat, lon) from the bundled gazetteer, read independently of
    the server (the expected answers of the tests)."""
    rows = {}
    paths = [os.path.join(SOURCE, "data", "gazetteer.tsv")]
    region = os.path.join(SOURCE, "data", "region")
    paths += sorted(os.path.join(region, f) for f in os.listdir(region) if f.endswith(".tsv"))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if not row or row[0].startswith("#") or row[0] == "id" or len(row) < 5:
                    continue
                try:
                    rows[row[0]] = (float(row[3]), float(row[4]))
                except ValueError:
                    continue
    return rows
