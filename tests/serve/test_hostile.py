"""Hostile requests: each is answered 4xx (with a JSON error when gazmap
itself answers) or cut off, and the server still answers afterwards."""
import json
import socket
import time

import pytest

from conftest import Server

MB = 1024 * 1024


def raw(server, data, timeout=10, pause=None):
    """Sends bytes on a fresh connection and returns what comes back ("" when
    the server closed it without an answer).  `pause`: (bytes first, seconds
    to wait before the rest)."""
    s = socket.create_connection((server.host, server.port), timeout=timeout)
    got = b""
    try:
        if pause:
            first, seconds = pause
            s.sendall(data[:first])
            time.sleep(seconds)
            data = data[first:]
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            got += chunk
    finally:
        s.close()
    return got


def status_of(reply):
    """The status code of a raw reply, or None when it was cut off."""
    if not reply.startswith(b"HTTP/1."):
        return None
    return int(reply.split(b" ", 2)[1])


def get(path):
    return ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode()


# (name, request bytes, expected status or None for "4xx or cut off")
HOSTILE = [
    ("invalid UTF-8", get("/search?q=%ff%fe"), 400),
    ("overlong UTF-8", get("/search?q=%c0%af"), 400),
    ("UTF-16 surrogate", get("/search?q=%ed%a0%80"), 400),
    ("invalid UTF-8 in a name", get("/search?q=a&%ff=1"), 400),
    ("NUL byte", get("/search?q=Shu%00sha"), 400),
    ("1 MB query string", get("/search?q=" + "a" * MB), None),
    ("over-long q", get("/search?q=" + "a" * 300), 400),
    ("over-long value", get("/render?title=" + "a" * 2000), 400),
    ("too many parameters", get("/search?" + "&".join("p%d=1" % i for i in range(40))), 400),
    ("path traversal", get("/../../etc/passwd"), 404),
    ("encoded path traversal", get("/%2e%2e/%2e%2e/etc/passwd"), 404),
    ("file as a CRS", get("/render?crs=%2Binit%3D%2Fetc%2Fpasswd"), 400),
    ("latitude not a number", get("/reverse?lat=abc&lon=46&format=json"), 400),
    ("latitude overflow", get("/reverse?lat=1e999&lon=46&format=json"), 400),
    ("latitude nan", get("/reverse?lat=nan&lon=46&format=json"), 400),
    ("latitude out of range", get("/reverse?lat=91&lon=46&format=json"), 400),
    ("hex number", get("/reverse?lat=0x10&lon=46"), 400),
    ("negative limit", get("/search?q=Shusha&limit=-1"), 400),
    ("huge limit", get("/search?q=Shusha&limit=99999999999999999999"), 400),
    ("three numbers for four", get("/search?q=Shusha&viewbox=1,2,3&bounded=1"), 400),
    ("huge map", get("/render?width=100000&height=100000"), 400),
    ("parameter twice", get("/search?q=Shusha&q=Kelbecer"), 400),
    ("unknown parameter (JSONP)", get("/search?q=Shusha&json_callback=alert"), 400),
    ("unsupported format", get("/search?q=Shusha&format=xml"), 400),
    ("bad accept-language", get("/search?q=Shusha&accept-language=%3Cscript%3E"), 400),
    ("missing coordinates", get("/reverse?format=json"), 400),
    ("wrong method", b"DELETE /search?q=Shusha HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
     405),
    ("GET on a POST endpoint", get("/find"), 405),
    ("huge declared body",
     b"POST /find HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\nConnection: close\r\n\r\n"
     + b"x" * 1000, 413),
    ("huge chunked body",
     b"POST /find HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
     + (b"8000\r\n" + b"a" * 0x8000 + b"\r\n") * 4 + b"0\r\n\r\n", None),
    ("invalid UTF-8 body",
     b"POST /find HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nConnection: close\r\n\r\nab\xff\xfecd",
     400),
    ("huge header", b"GET /status HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 64 * 1024 +
     b"\r\nConnection: close\r\n\r\n", None),
    ("garbage request line", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64, None),
]


@pytest.mark.parametrize("name,request_bytes,expected", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile(server, name, request_bytes, expected):
    reply = raw(server, request_bytes)
    code = status_of(reply)
    if expected is None:
        assert code is None or 400 <= code < 500, (name, reply[:200])
    else:
        assert code == expected, (name, reply[:300])
        body = reply.split(b"\r\n\r\n", 1)[1]
        if b"Transfer-Encoding: chunked" in reply.split(b"\r\n\r\n", 1)[0]:
            body = body.split(b"\r\n", 1)[1].rsplit(b"\r\n0\r\n", 1)[0]
        err = json.loads(body)["error"]
        assert err["code"] == expected and err["message"], err
    assert server.alive(), "the server stopped answering after: " + name


def test_at_least_twenty_hostile():
    assert len(HOSTILE) >= 20


def test_slow_headers_are_cut_off(server):
    # Half a request line, then silence for longer than --timeout (2 s):
    # the server closes the connection instead of waiting for ever.
    s = socket.create_connection((server.host, server.port), timeout=10)
    try:
        s.sendall(b"GET /search?q=Shu")
        start = time.monotonic()
        assert s.recv(100) == b""  # closed, not answered
        assert time.monotonic() - start < 8
    finally:
        s.close()
    assert server.alive()


def test_slowloris_does_not_block_others(server):
    # Ten clients trickling headers do not keep others from being served.
    socks = []
    try:
        for _ in range(10):
            s = socket.create_connection((server.host, server.port), timeout=10)
            s.sendall(b"GET /status HTTP/1.1\r\nHost: x\r\n")
            socks.append(s)
        assert server.alive()
    finally:
        for s in socks:
            s.close()


def test_connection_limit():
    # With --max-connections 4 taken by idle clients, a fifth is not served
    # (libmicrohttpd stops accepting: it waits in the kernel's queue) until
    # one of them goes.
    s = Server("--max-connections", "4", "--timeout", "5")
    socks = []
    try:
        for _ in range(4):
            socks.append(socket.create_connection((s.host, s.port), timeout=10))
        time.sleep(0.3)
        extra = socket.create_connection((s.host, s.port), timeout=1)
        extra.sendall(get("/status"))
        try:
            # Either it waits unanswered, or it is closed unanswered.
            assert extra.recv(100) == b""
            waiting = False
        except socket.timeout:
            waiting = True
        for c in socks:
            c.close()
        socks = []
        if waiting:
            extra.settimeout(5)
            assert status_of(extra.recv(100)) == 200
        extra.close()
        assert s.alive()
    finally:
        for c in socks:
            c.close()
        assert s.stop()[0] == 0


def test_sigterm_drains_a_request_in_flight():
    s = Server("--timeout", "10")
    body = ("The OSCE Minsk Group met in Shusha. " * 20).encode()
    c = socket.create_connection((s.host, s.port), timeout=10)
    try:
        head = ("POST /find HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n"
                "Connection: close\r\n\r\n" % len(body)).encode()
        c.sendall(head + body[:10])  # the request is in flight
        time.sleep(0.3)
        s.proc.send_signal(15)
        time.sleep(1.0)
        # No new connections once draining has begun ...
        with pytest.raises(OSError):
            n = socket.create_connection((s.host, s.port), timeout=2)
            n.sendall(get("/status"))
            if n.recv(100) == b"":
                raise OSError("closed")
        # ... but the one in flight is finished and answered.
        c.sendall(body[10:])
        reply = b""
        while True:
            chunk = c.recv(65536)
            if not chunk:
                break
            reply += chunk
        assert status_of(reply) == 200, reply[:200]
        assert len(json.loads(reply.split(b"\r\n\r\n", 1)[1])) == 40
    finally:
        c.close()
    code, err = s.stop()
    assert code == 0 and "SIGTERM" in err, err
