"""ctypes declarations of the parts of libgazmap's public API (include/gazmap/*.h)
that the module uses.  The structures mirror the C ones field by field, at the
option-struct versions named below; the library accepts those versions for as
long as it keeps its promise of compatibility."""
import ctypes
import ctypes.util
import os

LOOKUP_OPTS_VERSION = 1
SCAN_OPTS_VERSION = 2
RENDER_OPTS_VERSION = 2

FORMAT_AUTO, FORMAT_PNG, FORMAT_SVG, FORMAT_PDF = 0, 1, 2, 3
LABELS_DUAL, LABELS_SINGLE = 0, 1
KIND_WAYPOINT = 13
NAME_HISTORICAL, NAME_UNOFFICIAL, NAME_ABBREV = 1, 2, 4


class Error_(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("file", ctypes.c_char_p),
                ("line", ctypes.c_ulong), ("message", ctypes.c_char_p)]


class Name(ctypes.Structure):
    _fields_ = [("text", ctypes.c_char_p), ("lang", ctypes.c_char_p),
                ("flags", ctypes.c_uint), ("usage", ctypes.c_char_p)]


class Match(ctypes.Structure):
    _fields_ = [("place", ctypes.c_void_p), ("name", ctypes.POINTER(Name)),
                ("kind", ctypes.c_int), ("distance", ctypes.c_int), ("score", ctypes.c_double)]


class LookupOpts(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("kinds", ctypes.c_uint),
                ("country", ctypes.c_char_p), ("fuzzy", ctypes.c_int),
                ("prefix", ctypes.c_int), ("stop_at_first_kind", ctypes.c_int)]


class Mention(ctypes.Structure):
    _fields_ = [("offset", ctypes.c_uint64), ("length", ctypes.c_size_t),
                ("surface", ctypes.c_char_p), ("place", ctypes.c_void_p),
                ("name", ctypes.POINTER(Name)), ("kind", ctypes.c_int),
                ("confidence", ctypes.c_double), ("role", ctypes.c_int),
                ("alternatives", ctypes.c_uint), ("why", ctypes.c_char_p),
                ("cue", ctypes.c_char_p), ("hint", ctypes.c_void_p)]


class ScanOpts(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("lookahead", ctypes.c_size_t),
                ("keep_persons", ctypes.c_int), ("unresolved", ctypes.c_int)]


class Highlight(ctypes.Structure):
    _fields_ = [("place", ctypes.c_void_p), ("weight", ctypes.c_double)]


class RenderOpts(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("shapes_dir", ctypes.c_char_p),
                ("crs", ctypes.c_char_p), ("has_bbox", ctypes.c_int),
                ("bbox", ctypes.c_double * 4), ("has_center", ctypes.c_int),
                ("center_lat", ctypes.c_double), ("center_lon", ctypes.c_double),
                ("zoom", ctypes.c_double), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("dpi", ctypes.c_double), ("lang", ctypes.c_char_p), ("date", ctypes.c_char_p),
                ("layers", ctypes.c_char_p), ("title", ctypes.c_char_p),
                ("subtitle", ctypes.c_char_p), ("id_prefix", ctypes.c_char_p),
                ("highlights", ctypes.POINTER(Highlight)), ("n_highlights", ctypes.c_size_t),
                ("threads", ctypes.c_int), ("labels", ctypes.c_int)]


MENTION_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(Mention))


def _library_path():
    """$GAZMAP_LIBRARY, else the library installed beside this module (the
    path 'cmake --install' wrote into _paths.py), else the system's."""
    if os.environ.get("GAZMAP_LIBRARY"):
        return os.environ["GAZMAP_LIBRARY"]
    try:
        from . import _paths
        candidate = os.path.join(_paths.LIBDIR, "libgazmap.so.0")
        if os.path.exists(candidate):
            if os.path.isdir(_paths.DATADIR):
                # The library looks for its data beside the running program,
                # which is python3 here: point it at the data installed with it.
                os.environ.setdefault("GAZMAP_DATA_DIR", _paths.DATADIR)
            return candidate
    except ImportError:
        pass
    return ctypes.util.find_library("gazmap") or "libgazmap.so.0"


def load():
    lib = ctypes.CDLL(_library_path())
    p, c_int, c_size, c_double = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t, ctypes.c_double
    s = ctypes.c_char_p
    sigs = {
        "gazmap_error_last": (ctypes.POINTER(Error_), []),
        "gazmap_strerror": (s, [c_int]),
        "gazmap_version": (s, []),
        "gazmap_gazetteer_open": (c_int, [ctypes.POINTER(p), s]),
        "gazmap_gazetteer_free": (None, [p]),
        "gazmap_gazetteer_find_id": (p, [p, s]),
        "gazmap_place_id": (s, [p]),
        "gazmap_place_name": (s, [p]),
        "gazmap_place_name_in": (s, [p, s]),
        "gazmap_place_kind": (c_int, [p]),
        "gazmap_kind_name": (s, [c_int]),
        "gazmap_kind_parse": (c_int, [s]),
        "gazmap_place_lat": (c_double, [p]),
        "gazmap_place_lon": (c_double, [p]),
        "gazmap_place_country": (s, [p]),
        "gazmap_place_district": (s, [p]),
        "gazmap_place_population": (ctypes.c_int64, [p]),
        "gazmap_place_geonames_id": (ctypes.c_int64, [p]),
        "gazmap_place_source": (s, [p]),
        "gazmap_place_name_count": (c_size, [p]),
        "gazmap_place_name_at": (ctypes.POINTER(Name), [p, c_size]),
        "gazmap_name_usage": (c_size, [ctypes.POINTER(Name), ctypes.c_char_p, c_size]),
        "gazmap_match_kind_name": (s, [c_int]),
        "gazmap_role_name": (s, [c_int]),
        "gazmap_lookup": (c_int, [p, s, c_size, ctypes.POINTER(LookupOpts),
                                  ctypes.POINTER(Match), c_size, ctypes.POINTER(c_size)]),
        "gazmap_near": (c_int, [p, c_double, c_double, ctypes.c_uint, ctypes.POINTER(p),
                                ctypes.POINTER(c_double), c_size, ctypes.POINTER(c_size)]),
        "gazmap_scanner_new": (c_int, [ctypes.POINTER(p), p, ctypes.POINTER(ScanOpts)]),
        "gazmap_scanner_free": (None, [p]),
        "gazmap_scan_buffer": (c_int, [p, ctypes.c_char_p, c_size, MENTION_FN, p]),
        "gazmap_format_parse": (c_int, [s]),
        "gazmap_render_file": (c_int, [p, ctypes.POINTER(RenderOpts), c_int, s]),
        "gazmap_render_buffer": (c_int, [p, ctypes.POINTER(RenderOpts), c_int,
                                         ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
                                         ctypes.POINTER(c_size)]),
    }
    for name, (res, args) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args
    return lib


def libc_free():
    """free() of the C library libgazmap allocates with (render buffers)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free.restype = None
    return libc.free
