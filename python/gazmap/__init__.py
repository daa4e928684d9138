"""gazmap for Python: the places of the 2020 Armenia-Azerbaijan ceasefire by any of
their names, the places a text names, and the map, over the installed libgazmap
(ctypes; nothing else is needed).

    >>> import gazmap
    >>> gazmap.lookup("Sukovuşan")[0]["id"]
    'sugovushan'
    >>> text = "Patrols ran on the Hocavend line."
    >>> m = gazmap.find(text)[0]
    >>> text[m["offset"]:m["offset"] + m["length"]]
    'Hocavend'

The module-level functions use the bundled gazetteer, opened on first use;
Gazetteer(path) opens another one.  Every failure raises gazmap.Error with the
library's message.  doc/python.md describes each function.
"""
import ctypes
import threading

from . import _lib

__all__ = ["Error", "Gazetteer", "lookup", "find", "near", "render", "version"]

_c = _lib.load()
_free = _lib.libc_free()


class Error(Exception):
    """A failure reported by libgazmap: str() is its message; `code` is the
    negative gazmap_status, `file` and `line` where a file was being read."""

    def __init__(self, message, code=0, file=None, line=0):
        super().__init__(message)
        self.code = code
        self.file = file
        self.line = line


def _raise_last():
    e = _c.gazmap_error_last().contents
    message = (e.message or _c.gazmap_strerror(e.code) or b"error").decode("utf-8", "replace")
    file = e.file.decode("utf-8", "replace") if e.file else None
    if file and e.line:
        text = "%s:%d: %s" % (file, e.line, message)
    elif file:
        text = "%s: %s" % (file, message)
    else:
        text = message
    raise Error(text, e.code, file, e.line)


def _check(rc):
    if rc < 0:
        _raise_last()
    return rc


def _s(b):
    return b.decode("utf-8") if b is not None else None


def _utf8(text, what):
    if isinstance(text, bytes):
        return text
    if not isinstance(text, str):
        raise TypeError("%s must be str or bytes, not %s" % (what, type(text).__name__))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise Error("%s is not valid Unicode (position %d)" % (what, e.start)) from None


def version():
    """The version of the library actually loaded."""
    return _s(_c.gazmap_version())


class Gazetteer:
    """A loaded gazetteer: gazmap's TSV or a GeoNames dump (path), or the
    bundled one (None).  A gazetteer must not be queried from two threads at
    once; this object serialises its calls with a lock, so it may be shared."""

    def __init__(self, path=None):
        self._g = ctypes.c_void_p()
        self._lock = threading.Lock()
        _check(_c.gazmap_gazetteer_open(ctypes.byref(self._g),
                                        _utf8(path, "path") if path is not None else None))

    def close(self):
        if self._g:
            _c.gazmap_gazetteer_free(self._g)
            self._g = ctypes.c_void_p()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if not self._g:
            raise Error("the gazetteer is closed")
        return self._g

    # ---- places -------------------------------------------------------

    @staticmethod
    def _name(n):
        """A name as doc/json.md gives it: {name, lang, status, usage,
        usage_codes}, absent values None (as 'gazmap lookup --json')."""
        words = ("historical", "unofficial", "abbreviation")
        status = ",".join(w for i, w in enumerate(words) if n.flags & (1 << i)) or "current"
        buf = ctypes.create_string_buffer(512)
        usage = buf.value.decode() if _c.gazmap_name_usage(ctypes.byref(n), buf, 512) > 0 else None
        return {"name": _s(n.text), "lang": _s(n.lang) or None, "status": status,
                "usage": usage, "usage_codes": _s(n.usage) or None}

    def _place_name(self, p, lang=None):
        """The name object of p's canonical name (or its name in `lang`)."""
        text = _c.gazmap_place_name_in(p, lang.encode()) if lang else _c.gazmap_place_name(p)
        first = None
        for i in range(_c.gazmap_place_name_count(p)):
            n = _c.gazmap_place_name_at(p, i).contents
            if n.text != text:
                continue
            if not lang or (n.lang or b"").decode().startswith(lang):
                return self._name(n)
            first = first or n
        if first is not None:
            return self._name(first)
        return {"name": _s(text), "lang": None, "status": None, "usage": None,
                "usage_codes": None}

    def _place(self, p, lang=None):
        """A place as a dict: the fields of 'gazmap lookup --json'."""
        names = {}
        for i in range(_c.gazmap_place_name_count(p)):
            n = _c.gazmap_place_name_at(p, i).contents
            entry = {"name": _s(n.text)}
            if n.flags & _lib.NAME_HISTORICAL:
                entry["historical"] = True
            if n.flags & _lib.NAME_UNOFFICIAL:
                entry["unofficial"] = True
            if n.flags & _lib.NAME_ABBREV:
                entry["abbreviation"] = True
            if n.usage:
                entry["usage_codes"] = _s(n.usage)
            names.setdefault(_s(n.lang), []).append(entry)
        population = _c.gazmap_place_population(p)
        geonames = _c.gazmap_place_geonames_id(p)
        return {
            "id": _s(_c.gazmap_place_id(p)),
            "name": _s(_c.gazmap_place_name_in(p, lang.encode()) if lang
                       else _c.gazmap_place_name(p)),
            "kind": _s(_c.gazmap_kind_name(_c.gazmap_place_kind(p))),
            "lat": _c.gazmap_place_lat(p),
            "lon": _c.gazmap_place_lon(p),
            "country": _s(_c.gazmap_place_country(p)),
            "district": _s(_c.gazmap_place_district(p)),
            "population": population if population >= 0 else None,
            "geonames_id": geonames or None,
            "source": _s(_c.gazmap_place_source(p)),
            "names": names,
        }

    def lookup(self, name, lang=None, limit=5):
        """The places `name` may mean, best first (at most `limit`): dicts with
        the place's fields, `name` in `lang` when given (en, az, tr, hy, ru ...),
        and how it matched (`match`, `matched`, `matched_lang`, `score`).  An
        empty list when nothing matches."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        q = _utf8(name, "name")
        opts = _lib.LookupOpts(_lib.LOOKUP_OPTS_VERSION, ~(1 << _lib.KIND_WAYPOINT) & 0xFFFFFFFF,
                               None, 1, 0, 1)
        out = (_lib.Match * limit)()
        n = ctypes.c_size_t()
        with self._lock:
            _check(_c.gazmap_lookup(self._handle(), q, len(q), ctypes.byref(opts), out, limit,
                                    ctypes.byref(n)))
            result = []
            for m in out[:n.value]:
                d = self._place(m.place, lang)
                d["match"] = _s(_c.gazmap_match_kind_name(m.kind))
                d["matched"] = _s(m.name.contents.text) if m.name else None
                d["matched_lang"] = _s(m.name.contents.lang) if m.name else None
                d["score"] = round(m.score, 3)
                result.append(d)
        return result

    def near(self, lat, lon, k=5):
        """The `k` places nearest to (lat, lon), nearest first, each with its
        geodesic distance `km` on the WGS84 ellipsoid (line vertices left out)."""
        if k < 1:
            raise ValueError("k must be at least 1")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError("lat must be in [-90, 90] and lon in [-180, 180]")
        places = (ctypes.c_void_p * k)()
        km = (ctypes.c_double * k)()
        n = ctypes.c_size_t()
        kinds = ~(1 << _lib.KIND_WAYPOINT) & 0xFFFFFFFF
        with self._lock:
            _check(_c.gazmap_near(self._handle(), float(lat), float(lon), kinds, places, km, k,
                                  ctypes.byref(n)))
            result = []
            for i in range(n.value):
                d = self._place(places[i])
                d["km"] = km[i]
                result.append(d)
        return result

    # ---- texts --------------------------------------------------------

    def find(self, text, offsets="chars"):
        """Every place mention in `text`, in text order: the fields of
        'gazmap find --json' (offset, length, surface, id, name, lat, lon,
        role, match, confidence, alternatives, why; cue and hint for places
        the gazetteer lacks).  With offsets="chars" (the default) offset and
        length count characters, so text[offset:offset + length] is the
        surface; offsets="bytes" gives the library's UTF-8 byte offsets."""
        if offsets not in ("chars", "bytes"):
            raise ValueError('offsets must be "chars" or "bytes"')
        if offsets == "chars" and isinstance(text, bytes):
            raise TypeError('character offsets need a str; use offsets="bytes" for bytes')
        data = _utf8(text, "text")
        found = []
        failure = []

        def on_mention(_ud, mp):
            try:
                m = mp.contents
                d = {"offset": m.offset, "length": m.length, "offset_unit": offsets,
                     "surface": _s(m.surface)}
                if m.place:
                    d.update(id=_s(_c.gazmap_place_id(m.place)),
                             name=self._place_name(m.place),
                             lat=_c.gazmap_place_lat(m.place), lon=_c.gazmap_place_lon(m.place))
                else:
                    d.update(id=None, name=None, lat=None, lon=None)
                d["role"] = _s(_c.gazmap_role_name(m.role))
                if d["role"] == "unresolved":
                    d["cue"] = _s(m.cue) or None
                    d["hint"] = _s(_c.gazmap_place_id(m.hint)) if m.hint else None
                d["match"] = _s(_c.gazmap_match_kind_name(m.kind))
                d["confidence"] = round(m.confidence, 3)
                d["alternatives"] = m.alternatives
                d["why"] = _s(m.why)
                found.append(d)
                return 0
            except BaseException as e:  # never let an exception cross into C
                failure.append(e)
                return 1

        callback = _lib.MENTION_FN(on_mention)
        scanner = ctypes.c_void_p()
        opts = _lib.ScanOpts(_lib.SCAN_OPTS_VERSION, 0, 0, 1)
        with self._lock:
            _check(_c.gazmap_scanner_new(ctypes.byref(scanner), self._handle(), ctypes.byref(opts)))
            try:
                rc = _c.gazmap_scan_buffer(scanner, data, len(data), callback, None)
            finally:
                _c.gazmap_scanner_free(scanner)
        if failure:
            raise failure[0]
        _check(rc)
        if offsets == "chars":
            _to_chars(data, found)
        return found

    # ---- the map ------------------------------------------------------

    def render(self, path=None, **options):
        """Draws the map.  With a path, writes the file (format from its
        extension, or format=) and returns None; without one, returns the
        bytes (format= png, the default, svg or pdf).  Options, as in
        'gazmap render': width, height, dpi, lang, labels ("single"/"dual"),
        date ("YYYY-MM-DD"), layers (str or list), crs, bbox (lon0, lat0,
        lon1, lat1), center (lat, lon) with zoom, title, subtitle, id_prefix,
        threads, and highlight (place ids, or (id, weight) pairs)."""
        opts, fmt, keep = self._render_opts(options, path is None)
        with self._lock:
            if path is not None:
                _check(_c.gazmap_render_file(self._handle(), ctypes.byref(opts), fmt,
                                             _utf8(str(path), "path")))
                return None
            buf = ctypes.POINTER(ctypes.c_ubyte)()
            n = ctypes.c_size_t()
            _check(_c.gazmap_render_buffer(self._handle(), ctypes.byref(opts), fmt,
                                           ctypes.byref(buf), ctypes.byref(n)))
        try:
            return ctypes.string_at(buf, n.value)
        finally:
            _free(buf)

    def _render_opts(self, options, to_memory):
        o = _lib.RenderOpts()
        o.version = _lib.RENDER_OPTS_VERSION
        o.width, o.height, o.dpi, o.threads = 1600, 1200, 96.0, 1
        keep = []  # the bytes the struct points to live as long as it

        def text(v):
            b = _utf8(v, "option")
            keep.append(b)
            return b

        fmt = _lib.FORMAT_PNG if to_memory else _lib.FORMAT_AUTO
        for key, value in options.items():
            if value is None:
                continue
            if key == "format":
                fmt = _c.gazmap_format_parse(text(value))
                if fmt == _lib.FORMAT_AUTO:
                    raise Error("format must be png, svg or pdf, not %r" % value)
            elif key in ("width", "height", "threads"):
                setattr(o, key, int(value))
            elif key == "dpi":
                o.dpi = float(value)
            elif key == "zoom":
                o.zoom = float(value)
            elif key == "bbox":
                o.has_bbox = 1
                o.bbox[:] = [float(v) for v in value]
            elif key == "center":
                o.has_center = 1
                o.center_lat, o.center_lon = (float(v) for v in value)
            elif key == "labels":
                if value not in ("single", "dual"):
                    raise Error('labels must be "single" or "dual"')
                o.labels = _lib.LABELS_SINGLE if value == "single" else _lib.LABELS_DUAL
            elif key == "layers":
                o.layers = text(value if isinstance(value, str) else ",".join(value))
            elif key in ("lang", "date", "crs", "title", "subtitle", "id_prefix"):
                setattr(o, key, text(value))
            elif key == "highlight":
                items = [(h, 1.0) if isinstance(h, str) else (h[0], float(h[1])) for h in value]
                hl = (_lib.Highlight * len(items))()
                for i, (pid, weight) in enumerate(items):
                    p = _c.gazmap_gazetteer_find_id(self._handle(), text(pid))
                    if not p:
                        raise Error("highlight: no place has the id %r" % pid)
                    hl[i].place, hl[i].weight = p, weight
                keep.append(hl)
                o.highlights, o.n_highlights = hl, len(items)
            else:
                raise TypeError("render() got an unknown option %r" % key)
        if o.has_center and not o.zoom:
            raise Error("center needs zoom")
        if to_memory and fmt == _lib.FORMAT_AUTO:
            fmt = _lib.FORMAT_PNG
        return o, fmt, keep


def _to_chars(data, mentions):
    """Turns byte offsets and lengths into character ones, walking the text
    once (mentions come in offset order)."""
    byte_pos, char_pos = 0, 0
    for m in mentions:
        start = m["offset"]
        char_pos += len(data[byte_pos:start].decode("utf-8", "replace"))
        byte_pos = start
        m["offset"] = char_pos
        m["length"] = len(data[start:start + m["length"]].decode("utf-8", "replace"))


_default = None
_default_lock = threading.Lock()


def _gazetteer():
    global _default
    with _default_lock:
        if _default is None:
            _default = Gazetteer()
        return _default


def lookup(name, lang=None, limit=5):
    """Gazetteer.lookup on the bundled gazetteer."""
    return _gazetteer().lookup(name, lang=lang, limit=limit)


def find(text, offsets="chars"):
    """Gazetteer.find on the bundled gazetteer."""
    return _gazetteer().find(text, offsets=offsets)


def near(lat, lon, k=5):
    """Gazetteer.near on the bundled gazetteer."""
    return _gazetteer().near(lat, lon, k=k)


def render(path_or_none=None, **options):
    """Gazetteer.render on the bundled gazetteer: bytes when no path is given."""
    return _gazetteer().render(path_or_none, **options)
