"""The gazetteer shipped in places.toml: Bukhara's sights, each under one canonical name and in its category."""

from __future__ import annotations

import functools

from logbook.domain.nameslist import NamesList, load_names, read_names

GAZETTEER_FILE = "places.toml"
INDEX_FILE = "places.index.json"  # the TOML parsed, read instead of it as procedures.index.json is (catalogue.py)
GROUPS = "category"


@functools.cache
def gazetteer() -> NamesList:
    """The gazetteer the package ships (read once per run); a place's group is its category."""
    from pathlib import Path

    return load_gazetteer(Path(__file__).parent)


def load_gazetteer(folder) -> NamesList:
    return load_names(folder, GAZETTEER_FILE, INDEX_FILE, GROUPS)


def read_gazetteer(text: str) -> NamesList:
    return read_names(text, GROUPS)


if __name__ == "__main__":  # after editing places.toml: python -m logbook.domain.places
    from pathlib import Path

    from logbook.domain.nameslist import write_index

    write_index(Path(__file__).parent, GAZETTEER_FILE, INDEX_FILE, GROUPS)
