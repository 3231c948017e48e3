"""Read the decks a page was sent, as the browser got them: Streamlit's websocket messages, decoded.

The deck JSON is not in the DOM; it travels in a ForwardMsg (delta.new_element.deck_gl_json_chart).
Recording the frames from the start of a page's session gives every deck with its view state, layers
and data, which tests compare with what the canvas shows.
"""

import json

from fxdash import map_view

# layers drawn round a point rather than at it (a radius in metres): not "points" of the map
DECORATIONS = {"coverage", "candidate-rings", "town-labels", "town-boundaries", "rivers", "town-centres"}


def record_decks(page) -> list[str]:
    """Start recording deck JSON sent to `page` (call before its first goto); returns the live list."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    decks: list[str] = []
    by_hash: dict[str, str] = {}

    def on_frame(payload) -> None:
        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        if msg.WhichOneof("type") == "ref_hash":  # a message the browser has cached: sent by reference
            if msg.ref_hash in by_hash:
                decks.append(by_hash[msg.ref_hash])
            return
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        if element.WhichOneof("type") == "deck_gl_json_chart":
            spec = element.deck_gl_json_chart.json
            by_hash[msg.hash] = spec
            decks.append(spec)

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return decks


def view_of(spec: dict) -> map_view.View:
    v = spec["initialViewState"]
    return map_view.View(latitude=v["latitude"], longitude=v["longitude"], zoom=v["zoom"])


def layer(spec: dict, layer_id: str) -> dict | None:
    return next((x for x in spec["layers"] if x.get("id") == layer_id), None)


def _coords(rows: list) -> tuple[list, list]:
    lon, lat = [], []
    for row in rows:
        if "lon" in row and "lat" in row:
            lon.append(row["lon"])
            lat.append(row["lat"])
        for pt in row.get("polygon") or []:
            lon.append(pt[0])
            lat.append(pt[1])
    return lon, lat


def points_bounds(spec: dict) -> map_view.Bounds | None:
    """The box round every point and cell the deck draws (decorations and the base left out)."""
    boxes = []
    for lay in spec["layers"]:
        if lay.get("id") in DECORATIONS or not isinstance(lay.get("data"), list):
            continue
        boxes.append(map_view.Bounds.of_points(*_coords(lay["data"])))
    return map_view.union(*boxes)


def boundary_bounds(spec: dict, codes: set | None = None) -> map_view.Bounds | None:
    """The box round the town polygons of the deck's boundary layer (only `codes` when given)."""
    from fxdash import geo

    base = layer(spec, "town-boundaries")
    if base is None:
        return None
    feats = [ft for ft in base["data"]["features"] if codes is None or ft["properties"].get("code") in codes]
    coords = [pt for ft in feats for ring in geo.feature_rings(ft) for pt in ring]
    return map_view.Bounds.of_points([p[0] for p in coords], [p[1] for p in coords])


def last_deck(decks: list[str]) -> dict:
    assert decks, "no deck was sent to the page"
    return json.loads(decks[-1])
