"""Fonts and palettes shared by charts (plotly) and maps (pydeck): one look, and no import circle.

Colours are RGB tuples where a map needs them as numbers, hex strings where plotly takes them as is.
"""

FONT = "WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif"

# colour-blind-safe palette (Okabe-Ito), in the order categories are usually listed
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999", "#000000")
GOOD, BAD, NEUTRAL = "#009E73", "#D55E00", "#0072B2"

# Station host types: colour-blind-safe (Okabe-Ito based); party-mass stations in the party's red.
HOST_COLOURS = {
    "党群服务站": (200, 16, 46),
    "公共法律服务站": (0, 114, 178),
    "社区卫生服务中心": (0, 158, 115),
    "银行网点": (230, 159, 0),
    "街区商铺": (204, 121, 167),
    "商圈综合体": (86, 180, 233),
    "企业站点": (90, 90, 90),
}
# Friendly-scene types: the same colour on the maps and in the charts
SCENE_COLOURS = {
    "社区": (0, 158, 115), "街区": (213, 94, 0), "园区": (0, 114, 178),
    "商圈": (204, 121, 167), "楼宇": (86, 180, 233), "阵地": (200, 16, 46),
}
OTHER_RGB = (90, 90, 90)  # a type no palette knows
PLACE_COLOURS = {"branches": (160, 0, 40), "merchants": (120, 70, 20), "sites": (40, 40, 40)}
COVER_COLOUR = (0, 114, 178)
CANDIDATE_COLOUR = (123, 44, 191)
DENSITY_RAMP = ((255, 237, 160), (254, 141, 60), (189, 0, 38))  # YlOrRd: the maps' and the playback's colours


def scene_rgb(scene_type: str) -> str:
    """A scene type's colour as plotly takes it ("rgb(r,g,b)")."""
    r, g, b = SCENE_COLOURS.get(scene_type, OTHER_RGB)
    return f"rgb({r},{g},{b})"
