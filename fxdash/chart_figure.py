"""The plotly Figure the chart builders (fxdash.charts, fxdash.report_charts) draw on: built without
plotly validating each property as it is set.

Measured on the pages' real inputs (the reports page's seven charts at scale 1: 39 ms, 16 ms unchecked):
after style() was fixed (fxdash.charts), building a chart was mostly plotly checking it: every add_bar
validated the trace twice (once built, once re-built into the figure), every array went through
narwhals' dataframe detection, and each update_layout parsed property paths and ran its relayout
machinery (2-3 ms a call, three or four calls a chart). The builders' inputs are our own query results
of known types, so the figure is built unchecked, with the conversions validation made that change the
JSON: a pandas Series or Index becomes its numpy array (what plotly stores, and encodes as a typed
array), a title given as text becomes {"text": ...}. tests/test_chart_style_fast.py builds every chart
the pages and their tabs draw both ways (VALIDATE on and off) and compares the JSON, keys sorted.
"""

import base64
import copy
import inspect

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from _plotly_utils.basevalidators import (
    CompoundArrayValidator,
    CompoundValidator,
    DataArrayValidator,
    is_homogeneous_array,
)
from _plotly_utils.utils import to_typed_array_spec
from plotly.basedatatypes import BaseTraceType
from plotly.validator_cache import ValidatorCache

VALIDATE = False  # True: plotly validates every property as set, as before (the tests compare the two)


def _as_plotly_stores(value):
    """A trace argument as plotly's validators would store it, where that changes the JSON."""
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy()
    if isinstance(value, dict):  # a title given as text is plotly's {"text": ...} (axes, colour bars)
        return {k: {"text": v} if k == "title" and isinstance(v, str) else _as_plotly_stores(v)
                for k, v in value.items()}
    return value


def _args(kwargs: dict) -> dict:
    if VALIDATE:
        return kwargs
    return {**{k: _as_plotly_stores(v) for k, v in kwargs.items()}, "_validate": False}


class Figure(go.Figure):
    """go.Figure, unchecked unless VALIDATE (its layout too, until style() sets its validated parts)."""

    def __init__(self, data=None, **kwargs):
        if VALIDATE:
            super().__init__(data, **kwargs)
            return
        # no default template: plotly copies in Streamlit's whole default, and style() replaces it
        super().__init__(data, layout={"template": {}}, **kwargs, _validate=False)
        self._data_validator = _BuiltTraces(self._data_validator)

    def update_layout(self, dict1=None, overwrite=False, **kwargs):
        """Properties the layout does not hold yet are set directly (what update_layout makes of
        them on an empty property, without its path parsing and relayout machinery: 2-3 ms a call,
        most of building a chart once traces were unchecked); any other goes through plotly's update."""
        parts = {**(dict1 or {}), **kwargs}
        if VALIDATE or overwrite:
            return super().update_layout(parts, overwrite)
        layout = self.layout
        rest = {}
        for key, value in parts.items():
            if "_" in key or key in layout._props:
                rest[key] = value
            else:
                layout[key] = _as_plotly_stores(value)
        return super().update_layout(rest) if rest else self

    def _add(self, kind: str, kwargs: dict):
        if VALIDATE or not _NOT_PROPERTIES.isdisjoint(kwargs):
            return getattr(super(), f"add_{kind}")(**_args(kwargs))
        # the trace given as its properties, built once: plotly's add_<kind> builds the trace, then
        # add_traces builds it again from the first one's properties (~0.2 ms a bar; 13 bars on 友好场景)
        props = {k: _as_plotly_stores(v) for k, v in kwargs.items()}
        trace = _checked_trace(kind, props)
        return self.add_traces([trace if trace is not None else {"type": kind, **props}])

    def add_bar(self, **kwargs):
        return self._add("bar", kwargs)

    def add_scatter(self, **kwargs):
        return self._add("scatter", kwargs)

    def add_heatmap(self, **kwargs):
        return self._add("heatmap", kwargs)

    def add_box(self, **kwargs):
        return self._add("box", kwargs)


def _checked_trace(kind: str, props: dict):
    """The trace `kind` of `props` holding what plotly's validated constructor stores, in its order: each
    value checked and coerced by its property's own validator; the constructor's own properties in the
    order it sets them (its signature's), then "type", then one-level nested ones (marker_color) in the
    order given, as its keyword processing adds them. Without the constructor's machinery (a lookup and a
    __setitem__ for each of its ~60 properties, path parsing, a compound object per nested property:
    ~0.35 ms a bar, most of building 友好场景's 13 bars). None for anything else (a dict, a deeper path,
    a compound property): built by plotly as before. tests/test_chart_traces.py compares every chart
    the pages draw, byte for byte, with the traces plotly builds."""
    named = _NAMED.get(kind)
    if named is None or not DIRECT_TRACES:
        return None
    own, nested = {}, {}
    try:
        for key, value in props.items():
            head, _, name = key.partition("_")
            if key in _NAMED_SET[kind]:
                path, name = kind, key
            elif name and "_" not in name and head in _NAMED_SET[kind]:
                path = f"{kind}.{head}"
            else:
                return None
            validator = ValidatorCache.get_validator(path, name)
            if isinstance(value, dict) or value is None or isinstance(validator, _COMPOUND_VALIDATORS):
                return None
            coerced = _data_array(value) if type(validator) is DataArrayValidator else None
            if coerced is None:
                coerced = validator.validate_coerce(value)
            if coerced is None:
                return None
            if path == kind:
                own[key] = coerced
            else:
                nested.setdefault(head, {})[name] = coerced
    except (KeyError, TypeError, ValueError):
        return None
    if not nested.keys().isdisjoint(own):
        return None
    cls = _TRACE_CLASSES[kind]
    trace = cls.__new__(cls)
    BaseTraceType.__init__(trace, kind)
    trace._skip_invalid, trace._validate = False, True
    trace._orphan_props.update({k: own[k] for k in named if k in own})
    trace._orphan_props["type"] = kind
    trace._orphan_props.update(nested)
    trace._fx_built = True
    return trace


def _data_array(value):
    """What DataArrayValidator.validate_coerce stores for a numpy array or a list of plain values, without
    its generic probes (narwhals asks every array whether it is a frame: ~30 us an array, 40 arrays on
    友好场景): a numpy array as copy_to_readonly_numpy_array copies it (numeric: contiguous; text and others
    as objects; read-only), a list of plain values as to_scalar_or_list leaves it (a new list of the same
    values). None for anything else (plotly's validator then): tests/test_chart_traces.py compares."""
    if type(value) is np.ndarray:
        kind = value.dtype.kind
        out = np.ascontiguousarray(value.copy()) if kind in "uif" else value.copy()
        if out.dtype.kind not in "uifOM":
            out = np.array(value, dtype="object")
        out.flags["WRITEABLE"] = False
        return out
    if type(value) is list and all(type(v) in _PLAIN for v in value):
        return list(value)
    return None


class _BuiltTraces:
    """The figure's data validator, handing traces _checked_trace built (checked already) over as they
    are; anything else to plotly's validator (add_traces would build them again)."""

    def __init__(self, validator):
        self._validator = validator

    def validate_coerce(self, v, skip_invalid=False, _validate=True):
        if isinstance(v, list) and v and all(getattr(t, "_fx_built", False) for t in v):
            return v
        return self._validator.validate_coerce(v, skip_invalid=skip_invalid, _validate=_validate)

    def __getattr__(self, name):  # present(), set_uid, ...: the validator's own
        return getattr(self._validator, name)


DIRECT_TRACES = True  # False: every trace built by plotly's validated constructor (the tests compare the two)
_TRACE_CLASSES = {"bar": go.Bar, "scatter": go.Scatter, "heatmap": go.Heatmap, "box": go.Box}
# each constructor's own properties in the order it sets them (its signature's; checked by the tests)
_NAMED = {kind: tuple(p for p in inspect.signature(cls.__init__).parameters if p not in ("self", "arg", "kwargs"))
          for kind, cls in _TRACE_CLASSES.items()}
_NAMED_SET = {kind: frozenset(names) for kind, names in _NAMED.items()}
_COMPOUND_VALIDATORS = (CompoundValidator, CompoundArrayValidator)
_NOT_PROPERTIES = frozenset(("row", "col", "secondary_y", "type"))  # add_<kind> arguments that are not trace properties


def figure_dict(fig: go.Figure) -> dict:
    """go.Figure.to_dict(fig), the same dict, in one pass: to_dict deep-copies the figure's properties,
    then plotly's convert_to_base64 walks the copy and encodes each array (a generic type check and a
    narwhals probe per value, most of a chart's template and every label of its traces: ~0.45 ms of a
    town chart's 0.6 ms); here each value is copied and, where the walk would encode it, encoded as it
    is copied. Plain values are shared (immutable), numpy arrays encoded by plotly's own
    to_typed_array_spec, anything else deep-copied and treated as the walk treats it.
    tests/test_figure_dict.py compares it with to_dict (and with copy-then-walk) for every chart the pages draw."""
    res = {"data": _encoded_items(fig._data), "layout": _encoded(fig._layout)}
    frames = _encoded_items([frame._props for frame in fig._frame_objs])
    if frames:
        res["frames"] = frames
    return res


_PLAIN = (str, int, float, bool, type(None))
_CONTAINERS = (dict, list, tuple)
_SKIPPED = ("geojson", "layer", "layers", "range")  # keys convert_to_base64 leaves as they are (is_skipped_key)


def _encoded(props: dict) -> dict:
    """A dict's copy as convert_to_base64 leaves a deep copy of it: an array under any key but the skipped
    ones as its typed-array spec, dicts in containers converted in turn."""
    out = {}
    for key, value in props.items():
        kind = type(value)
        if kind in _PLAIN:
            out[key] = value
        elif key in _SKIPPED:
            out[key] = copied(value)
        elif kind is dict:
            out[key] = _encoded(value)
        elif kind is list or kind is tuple:
            out[key] = _encoded_items(value)
        elif kind is np.ndarray:
            out[key] = _typed_array(value)
        else:
            value = copy.deepcopy(value)
            out[key] = to_typed_array_spec(value) if is_homogeneous_array(value) else value
    return out


def _encoded_items(items):
    """A list's or tuple's copy as convert_to_base64 leaves a deep copy of it: dicts (and containers) in it
    converted, anything else (an array too) copied as it is."""
    out = [v if type(v) in _PLAIN else _encoded(v) if type(v) is dict else
           _encoded_items(v) if type(v) in _CONTAINERS else copy.deepcopy(v) for v in items]
    return out if type(items) is list else tuple(out)


def _typed_array(value: np.ndarray):
    """plotly's to_typed_array_spec of a numpy array (its copy_to_readonly_numpy_array as _data_array makes
    it, without the narwhals probe): int64 narrowed to the smallest type holding its values, then the
    types plotly.js reads encoded as base64; anything else the read-only copy."""
    v = _data_array(value)
    if v.size == 0:
        return v
    if v.dtype == np.int64 or v.dtype == np.uint64:
        low, high = v.min(), v.max()
        for small in _NARROWER[v.dtype.name]:
            info = np.iinfo(small)
            if low >= info.min and high <= info.max:
                v = v.astype(small)
                break
        else:
            return v
    short = _SHORT_TYPES.get(v.dtype.name)
    if short is None:
        return v
    spec = {"dtype": short, "bdata": base64.b64encode(v).decode("ascii")}
    if v.ndim > 1:
        spec["shape"] = str(v.shape)[1:-1]
    return spec


_NARROWER = {"int64": ("int8", "int16", "int32"), "uint64": ("uint8", "uint16", "uint32")}
_SHORT_TYPES = {"int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4", "uint32": "u4",
                "float32": "f4", "float64": "f8"}  # _plotly_utils.utils.plotlyjsShortTypes


def copied(value):
    """A deep copy of JSON-like data (dicts, lists, tuples, plain values; anything else through
    copy.deepcopy), without copy.deepcopy's memo and dispatch per node (~3x faster on the template)."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _PLAIN else copied(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _PLAIN else copied(v) for v in value]
    if kind is tuple:
        return tuple(copied(v) for v in value)
    if kind in _PLAIN:
        return value
    return copy.deepcopy(value)


def funnel(**kwargs) -> go.Funnel:
    """A funnel trace for Figure(...), unchecked unless VALIDATE."""
    return go.Funnel(**_args(kwargs))
