"""Chinese UI strings and vocabularies, one module per area.

Code and identifiers are English; every word a user reads comes from a module here, imported as
`from fxdash.labels import <area> as LX`: `vocab` (the domain vocabularies), `common` (shared
words and units), `pages` (page titles and routes), `layers` (map layers), `filters`, one module per
page or area (`overview`, `map`, `reports`, `people`, `community`, `weekly`, `data`, `ingest`, ...).
The import contract (column headers of each importable table) lives in `fxdash.ingest.contract`.
"""
