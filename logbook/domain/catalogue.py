"""The procedure catalogue shipped in procedures.toml, and which name a typed procedure is stored under."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable

from logbook.domain.names import closest, name_key
from logbook.domain.nameslist import NamesList, build_names, load_names, read_names
from logbook.domain.nameslist import index_of as names_index_of

CATALOGUE_FILE = "procedures.toml"
# The TOML parsed once, shipped beside it: json loads ~5x faster than tomllib imports and parses the TOML,
# which `add procedure` paid on every run. The TOML stays the one source: `python -m logbook.domain.catalogue`
# writes the index, tests/test_catalogue.py checks it matches, and an index not made from the TOML as it is
# (its CRC differs) is ignored.
INDEX_FILE = "procedures.index.json"


GROUPS = "specialty"


class Catalogue(NamesList):
    """The procedures by specialty, each under one canonical name (nameslist.NamesList)."""

    @property
    def specialties(self) -> dict[str, tuple[str, ...]]:
        """Specialty -> its canonical procedure names, in the file's order."""
        return self.groups


def _as_catalogue(names: NamesList) -> Catalogue:
    return Catalogue(names.groups, names.synonyms, names.names, names.languages)


def read_catalogue(text: str) -> Catalogue:
    """Build the catalogue from the TOML text; refuses a synonym that two procedures share."""
    return _as_catalogue(read_names(text, GROUPS))


def build_catalogue(by_specialty: dict[str, dict[str, list[str]]], languages: dict | None = None) -> Catalogue:
    """The catalogue from each specialty's {canonical name: [synonyms]}; refuses a synonym that two procedures share."""
    return _as_catalogue(build_names(by_specialty, languages))


def index_of(toml: bytes) -> bytes:
    """The index shipped beside the TOML: the TOML's CRC, its specialties and languages, as JSON."""
    return names_index_of(toml, GROUPS)


@functools.cache
def catalogue() -> Catalogue:
    """The catalogue the package ships (read once per run)."""
    from pathlib import Path

    return load_catalogue(Path(__file__).parent)


def load_catalogue(folder) -> Catalogue:
    """The catalogue in `folder`: from its index when that was made from the TOML as it is, else from the TOML."""
    return _as_catalogue(load_names(folder, CATALOGUE_FILE, INDEX_FILE, GROUPS))


@dataclass(frozen=True)
class Resolution:
    """What a typed name becomes: stored as `name`; `how` says why; `suggestion` is a likely meant name."""

    typed: str
    name: str
    how: str  # "catalogue", "logbook", "as typed", or "typo" (then `suggestion` is set and `name` is as typed)
    suggestion: str | None = None


def resolve_name(typed: str, logged: Iterable[str], catalogue: NamesList | None = None) -> Resolution:
    """Which name to store for `typed`: the catalogue's, the logbook's own spelling, or as typed.

    `logged` are the names the logbook already has for this field. A name within typo distance of a
    catalogue or logbook name is not stored: its Resolution carries the suggestion, for the caller to ask.
    """
    if catalogue is not None and (canonical := catalogue.canonical(typed)) is not None:
        return Resolution(typed, canonical, "catalogue")
    spelled: dict[str, str] = {}
    for name in logged:  # the first spelling of a name wins: known_values lists the latest first
        spelled.setdefault(name_key(name), name)
    if (same := spelled.get(name_key(typed))) is not None:
        return Resolution(typed, same, "logbook")
    # Catalogue names first: on a tie the catalogue's spelling is the better suggestion.
    candidates = {**(catalogue.names if catalogue is not None else {}), **{k: v for k, v in spelled.items()
                                                                          if catalogue is None or k not in catalogue.names}}
    keys = list(candidates)
    if (near := closest(typed, keys)) is not None:
        return Resolution(typed, typed, "typo", candidates[near])
    return Resolution(typed, typed, "as typed")


if __name__ == "__main__":  # after editing procedures.toml: python -m logbook.domain.catalogue
    from pathlib import Path

    from logbook.domain.nameslist import write_index

    write_index(Path(__file__).parent, CATALOGUE_FILE, INDEX_FILE, GROUPS)
