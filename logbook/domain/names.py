"""When two spellings name the same thing: one rule for procedures, sites, places and people."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=8192)  # a residency repeats a few hundred names across thousands of entries
def same_name(name: str) -> str:
    """The form in which two spellings of one name compare equal ("Caesarean  section " and "caesarean section")."""
    return " ".join(name.casefold().split())
