"""The Streamlit side of fxdash as pages see it: one name, `ui`, for the pieces in
fxdash.ui_data (settings, connection, cached queries, writes), ui_filters (the shared filters),
ui_widgets (banners, downloads, captions) and ui_chrome (projector mode, CSS).

Those modules never import this one (imports point one way: pages → ui → ui_* → core); the core
modules (db, demo, queries, ingest) never import streamlit.
"""

# ruff: noqa: F401 - re-exports for pages
from fxdash.login import ensure_frame
from fxdash.ui_chrome import PRESENT_KEY, apply_base_css, apply_presentation, controls, presentation_mode
from fxdash.ui_data import (
    boundaries,
    connection,
    current_user,
    data_version,
    deferred,
    derived,
    ensure_database,
    is_demo,
    ops_store,
    publish,
    run,
    run_page,
    settings,
    user_scope,
    username,
)
from fxdash.ui_filters import (
    current_filters,
    filters_without_widgets,
    forget_view,
    page_filters,
    record_view,
    seed,
    show_view_scope,
    sidebar_filters,
    stored_filters,
    use_preset,
)
from fxdash.ui_widgets import (
    MAX_TABLE_ROWS,
    capped,
    compact,
    deck,
    demo_banner,
    downloads,
    figure,
    filter_notes,
    grid_height,
    kept,
    lazy_tabs,
    map_base,
    period_caption,
    plain,
    projected,
    table_downloads,
)
