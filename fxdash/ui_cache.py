"""The server's shared caches, without Streamlit: exact fingerprints of the inputs of a cached result
(frames by every value, plain values by their repr), the read-only boundaries GeoJSON, and SharedCache,
the store of query results every session of the process shares (fxdash.ui_data.run).

A cached result is shared, so two different inputs must never share a key: anything without an exact
fingerprint raises TypeError and is computed uncached by the caller.
"""

import dataclasses
import datetime as dt
import hashlib
import json
import pickle
import threading
import weakref
from collections import OrderedDict

import pandas as pd

PLAIN = (str, int, float, bool, type(None), dt.date)


def plain(value) -> bool:
    """A value whose repr names it exactly (so the repr can stand for it in a cache key)."""
    if isinstance(value, (tuple, list, frozenset)):
        return all(plain(v) for v in value)
    return isinstance(value, PLAIN)


class SharedGeoJSON(dict):
    """A display GeoJSON shared by every session (one object, not a copy per run): read-only, with its
    compact JSON and a digest of it taken once, so that a deck built from it can be cached by that digest
    (fxdash.ui_widgets.deck) instead of fingerprinting every coordinate on every run, and written without
    encoding every coordinate again."""

    def __init__(self, geojson: dict):
        super().__init__(geojson)
        # written once as every deck writes it (fxdash.maps.Deck.to_json splices it in: 1.4 ms a deck)
        self.compact_json = json.dumps(geojson, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                                       allow_nan=True)
        self.fingerprint = hashlib.blake2b(self.compact_json.encode(), digest_size=16).hexdigest()

    def _read_only(self, *_, **__):
        raise TypeError("SharedGeoJSON is shared between sessions: copy it before changing it")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = __ior__ = _read_only


def exact(value):
    """A fingerprint of every value of a frame (Streamlit's own hash samples frames over 50,000 rows, and
    two such inputs differing outside the sample would share a result; equal frames may pickle apart, e.g.
    a deep copy with its blocks laid out anew: that costs a recomputation, never a wrong result); plain
    values as themselves, and containers of them, dataclasses field by field. Anything else raises
    TypeError: its repr may be shortened (numpy arrays), and two different inputs must never share a key."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        source = _source_of(value)
        if source is not None:  # a shared result handed out and not changed since: named by its cache key
            return ("result", source)
        try:  # the whole frame as pickle writes it: every value (lists in cells too), 5-25x faster than
            data = pickle.dumps(value, protocol=5)  # pd.util.hash_pandas_object on text columns
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            raise TypeError(f"no exact fingerprint for this {type(value).__name__}") from exc
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if isinstance(value, pd.DataFrame):
            return ("frame", tuple(value.columns), tuple(map(str, value.dtypes)), digest)
        return ("series", value.name, str(value.dtype), digest)
    if plain(value):  # plain values, tuples of them: their repr is exact
        return value
    if isinstance(value, SharedGeoJSON):  # a boundaries file, read once: its digest, not its coordinates
        return ("geojson", value.fingerprint)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # e.g. station_map.MapData
        fields = tuple((f.name, exact(getattr(value, f.name))) for f in dataclasses.fields(value))
        return (type(value).__module__, type(value).__qualname__, fields)
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, tuple(exact(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((exact(k), exact(v)) for k, v in value.items()))
    raise TypeError(f"no exact fingerprint for {type(value).__name__}")


# Frames handed out from the shared caches (fxdash.ui_data.handed_out), by id: the key of the result each
# copies and what the copy was made of. exact() names such a frame by that key instead of pickling and hashing
# every value (1.5-1.8 ms a run of 友好场景, whose charts and map are keyed by five query results) as long as
# the copy is what it was handed out as. Pandas' copy-on-write makes any change to a copy (a value set, a
# column added, dropped or replaced, a sort, a rename, new axes) give it new blocks, a new block tuple or new
# axes, since its blocks are shared with the cached frame (held here, so that they stay shared); axis names
# are compared too (an index name is set on the copy's own index object), and frames with attrs are left out.
_SOURCES: dict = {}


def note_source(copy: pd.DataFrame, original: pd.DataFrame, key) -> None:
    """Note that `copy` (a shallow copy of the shared `original`) holds the result cached under `key`
    (a tuple of plain values, see plain: its repr names it exactly; the caller checks)."""
    if copy.attrs:
        return
    ident = id(copy)
    ref = weakref.ref(copy, lambda _, ident=ident: _SOURCES.pop(ident, None))
    _SOURCES[ident] = (ref, original, key, _state(copy))


def _state(df: pd.DataFrame) -> tuple:
    mgr = df._mgr
    return (mgr, mgr.blocks, *(b.values for b in mgr.blocks), df.index, df.columns,
            (tuple(df.index.names), tuple(df.columns.names), df.flags.allows_duplicate_labels))


def _source_of(value) -> tuple | None:
    note = _SOURCES.get(id(value))
    if note is None or note[0]() is not value or value.attrs:
        return None
    then, now = note[3], _state(value)
    if len(then) != len(now) or any(a is not b for a, b in zip(then[:-1], now[:-1], strict=True)) or then[-1] != now[-1]:
        return None
    return note[2]


class SharedCache:
    """Results by key, shared by every session of the process: at most `size`, the least recently used
    dropped first; one computation per key at a time (twenty sessions opening the same page run each
    query once, the others wait for it). A plain dict lookup: Streamlit's cache hashed every argument
    of every call again (~0.3 ms a query on each run)."""

    def __init__(self, size: int):
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict = OrderedDict()
        self._computing: dict = {}  # key -> lock held while its value is computed

    def get(self, key, compute):
        found = self._lookup(key)
        if found is not None:
            return found[0]
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            found = self._lookup(key)  # computed by another session while this one waited
            if found is not None:
                return found[0]
            try:
                value = compute()
                with self._lock:
                    self._values[key] = value
                    while len(self._values) > self.size:
                        self._values.popitem(last=False)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return value

    def _lookup(self, key):
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return (self._values[key],)
        return None

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
