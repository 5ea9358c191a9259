"""The fuzz suite's helper modules (fuzz_strategies, fuzz_checks) sit beside its tests.

pytest runs with `--import-mode=importlib`, which does not put a test's folder on sys.path,
so this folder is added here, before the test modules that import the helpers are collected.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
