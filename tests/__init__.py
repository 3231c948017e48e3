"""The test package. Importing it (pytest does, before tests/conftest.py) turns Python's bytecode cache
back on for this run and every process it starts.

Some machines export PYTHONDONTWRITEBYTECODE=1 (this one does). Then no process writes a .pyc. Every one
of them compiles what it imports from fxdash, pages and tests again: each xdist worker, each app server,
each CLI and sandbox child. Each worker also rewrites and compiles the asserts of every test module while
it collects. Measured here (collecting the suite in one process, three runs each): 4.2-5.7 s and 3.8-4.9
user CPU-s without the cache, 2.6-3.0 s and 2.4-2.8 with it; a CLI child's start about 0.1-0.2 s less.
The caches go under __pycache__ (ignored by git), as with a default Python.
"""

import os
import sys

sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the processes the tests start inherit the default
