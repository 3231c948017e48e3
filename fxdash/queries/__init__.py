"""Query functions: (con, filters) -> pandas DataFrame, parameterised SQL only.

One module per page area (overview, map, reports, people, community, weekly); shared SQL pieces
live in `common`.
"""
