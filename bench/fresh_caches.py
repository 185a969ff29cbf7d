"""A pytest plugin for bench/mutation.py: empty the logbook's functools caches before each test.

mutmut runs each mutant in a process forked after the clean run, so a cache filled then (domain/privacy.py's
_scan) would answer for the mutated code and hide it; each test starts from empty caches instead.
"""

from __future__ import annotations

import sys


def pytest_runtest_setup(item):
    for name, module in list(sys.modules.items()):
        if name.startswith("logbook") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                    value.cache_clear()
