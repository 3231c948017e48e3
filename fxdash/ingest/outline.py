"""A simplified outline of Fengxian district (WGS-84), drawn by hand for the import check.

Used when no town boundary file is configured, so that coordinates in Jinshan, Songjiang, Minhang,
Pudong/Lingang or out in Hangzhou Bay are refused instead of passing a rough box. The vertices were
placed on a 0.01° grid about half a grid step outside the district's edge (roughly 500 m), so points
on a river bank or the sea wall stay inside; it is a check, not a map, and is never drawn.
"""

from functools import cache

# (lon, lat), clockwise from the north-west, the Huangpu river along the north edge.
VERTICES = (
    (121.355, 30.985), (121.385, 30.995), (121.425, 31.005), (121.455, 31.015), (121.485, 31.015),
    (121.525, 31.005), (121.535, 30.995), (121.565, 30.995), (121.565, 31.005), (121.615, 31.005),
    (121.625, 30.995), (121.675, 30.995), (121.715, 30.985), (121.735, 30.965), (121.755, 30.955),
    (121.775, 30.945), (121.775, 30.885), (121.765, 30.875), (121.765, 30.850), (121.715, 30.845),
    (121.625, 30.835), (121.605, 30.825), (121.565, 30.815), (121.505, 30.805), (121.495, 30.795),
    (121.475, 30.785), (121.455, 30.785), (121.445, 30.805), (121.435, 30.815), (121.425, 30.825),
    (121.395, 30.835), (121.375, 30.845), (121.385, 30.855), (121.375, 30.875), (121.355, 30.885),
    (121.345, 30.925), (121.355, 30.945), (121.355, 30.985),
)


@cache
def shape():
    """The outline as a prepared shapely polygon."""
    import shapely
    from shapely.geometry import Polygon

    polygon = Polygon(VERTICES)
    shapely.prepare(polygon)
    return polygon
