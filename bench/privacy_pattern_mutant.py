"""A pytest plugin for bench/privacy_patterns.py: puts one mutated pattern in domain/privacy.py's PATTERNS."""

from __future__ import annotations

import json
import os


def pytest_configure(config):
    mutant = json.loads(os.environ["LOGBOOK_PATTERN_MUTANT"])
    from logbook.domain import privacy

    patterns = list(privacy.PATTERNS)
    label, lazy = patterns[mutant["index"]]
    patterns[mutant["index"]] = (label, type(lazy)(mutant["pattern"], lazy.flags))
    privacy.PATTERNS = tuple(patterns)
    privacy._scan.cache_clear()
