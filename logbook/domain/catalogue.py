"""The procedure catalogue shipped in procedures.toml, and which name a typed procedure is stored under."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable

from logbook.domain.names import closest, name_key

CATALOGUE_FILE = "procedures.toml"
# The TOML parsed once, shipped beside it: json loads ~5x faster than tomllib imports and parses the TOML,
# which `add procedure` paid on every run. The TOML stays the one source: `python -m logbook.domain.catalogue`
# writes the index, tests/test_catalogue.py checks it matches, and an index not made from the TOML as it is
# (its CRC differs) is ignored.
INDEX_FILE = "procedures.index.json"


@dataclass(frozen=True)
class Catalogue:
    specialties: dict[str, tuple[str, ...]]  # specialty -> its canonical procedure names, in the file's order
    synonyms: dict[str, tuple[str, ...]]  # canonical name -> its synonyms and abbreviations
    names: dict[str, str]  # name_key of every canonical name and synonym -> the canonical name

    def canonical(self, typed: str) -> str | None:
        """The canonical name for a catalogue name, synonym or abbreviation in any case or spacing, else None."""
        return self.names.get(name_key(typed))

    def all_names(self) -> list[str]:
        """Every canonical name once, in the file's order (what completion offers)."""
        return list(self.synonyms)


def read_catalogue(text: str) -> Catalogue:
    """Build the catalogue from the TOML text; refuses a synonym that two procedures share."""
    import tomllib

    return build_catalogue(tomllib.loads(text)["specialty"])


def build_catalogue(by_specialty: dict[str, dict[str, list[str]]]) -> Catalogue:
    """The catalogue from each specialty's {canonical name: [synonyms]}; refuses a synonym that two procedures share."""
    specialties: dict[str, tuple[str, ...]] = {}
    synonyms: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for specialty, procedures in by_specialty.items():
        specialties[specialty] = tuple(procedures)
        for canonical, others in procedures.items():
            known = synonyms.setdefault(canonical, [])
            for name in (canonical, *others):
                owner = names.setdefault(name_key(name), canonical)
                if owner != canonical:
                    raise ValueError(f"{name!r} names both {owner!r} and {canonical!r}")
                if name != canonical and name not in known:
                    known.append(name)
    return Catalogue(specialties, {c: tuple(s) for c, s in synonyms.items()}, names)


def index_of(toml: bytes) -> bytes:
    """The index shipped beside the TOML: the TOML's CRC and its specialties, as JSON."""
    import json
    import tomllib
    import zlib

    specialties = tomllib.loads(toml.decode("utf-8"))["specialty"]
    build_catalogue(specialties)  # an index is only made of a catalogue that is valid
    return json.dumps({"toml_crc32": zlib.crc32(toml), "specialty": specialties}, ensure_ascii=False,
                      indent=0).encode("utf-8") + b"\n"


@functools.cache
def catalogue() -> Catalogue:
    """The catalogue the package ships (read once per run)."""
    from pathlib import Path

    return load_catalogue(Path(__file__).parent)


def load_catalogue(folder) -> Catalogue:
    """The catalogue in `folder`: from its index when that was made from the TOML as it is, else from the TOML."""
    import zlib

    import orjson

    toml = (folder / CATALOGUE_FILE).read_bytes()
    try:
        index = orjson.loads((folder / INDEX_FILE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        index = None
    if isinstance(index, dict) and index.get("toml_crc32") == zlib.crc32(toml):
        return build_catalogue(index["specialty"])
    return read_catalogue(toml.decode("utf-8"))  # the TOML edited since the index was written: it wins


@dataclass(frozen=True)
class Resolution:
    """What a typed name becomes: stored as `name`; `how` says why; `suggestion` is a likely meant name."""

    typed: str
    name: str
    how: str  # "catalogue", "logbook", "as typed", or "typo" (then `suggestion` is set and `name` is as typed)
    suggestion: str | None = None


def resolve_name(typed: str, logged: Iterable[str], catalogue: Catalogue | None = None) -> Resolution:
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

    here = Path(__file__).parent
    (here / INDEX_FILE).write_bytes(index_of((here / CATALOGUE_FILE).read_bytes()))
