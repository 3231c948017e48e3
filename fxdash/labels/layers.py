"""The map layers: their Chinese names and which are switched on by default (pages/map.py, fxdash.maps)."""

MAP_LAYER_STATIONS = "骑手驿站与服务点位"
MAP_LAYER_DENSITY = "问题上报密度"
MAP_LAYER_COVERAGE = "驿站覆盖范围"
MAP_LAYER_CANDIDATES = "建议新增站址"
MAP_LAYER_SCENES = "友好场景"
MAP_LAYER_BRANCHES = "街区党支部"
MAP_LAYER_MERCHANTS = "积分兑换商户"
MAP_LAYER_SITES = "企业站点"
MAP_LAYER_LABELS = {
    "stations": MAP_LAYER_STATIONS, "density": MAP_LAYER_DENSITY, "coverage": MAP_LAYER_COVERAGE,
    "candidates": MAP_LAYER_CANDIDATES, "scenes": MAP_LAYER_SCENES, "branches": MAP_LAYER_BRANCHES,
    "merchants": MAP_LAYER_MERCHANTS, "sites": MAP_LAYER_SITES,
}
MAP_LAYERS_ON = ("stations", "density", "coverage", "candidates")
