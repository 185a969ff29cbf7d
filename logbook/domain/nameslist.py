"""A shipped list of names (the procedure catalogue, the gazetteer of places): one canonical name for every spelling.

Each list is a TOML file of groups (a specialty, a category), each mapping a canonical name to its other
spellings, and a `[language.CODE]` table of the name in the report's other languages. A name in another
language is a spelling too: "Кесарево сечение" is looked up as "Caesarean section".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from logbook.domain.names import name_key

LANGUAGES_TABLE = "language"


@dataclass(frozen=True)
class NamesList:
    groups: dict[str, tuple[str, ...]]  # group (specialty, category) -> its canonical names, in the file's order
    synonyms: dict[str, tuple[str, ...]]  # canonical name -> its other spellings and abbreviations
    names: dict[str, str]  # name_key of every canonical name, spelling and translation -> the canonical name
    languages: dict[str, dict[str, str]] = field(default_factory=dict)  # language code -> canonical name -> its name there

    def canonical(self, typed: str) -> str | None:
        """The canonical name for a listed name, spelling, abbreviation or translation in any case or spacing, else None."""
        return self.names.get(name_key(typed))

    def all_names(self) -> list[str]:
        """Every canonical name once, in the file's order (what completion offers)."""
        return list(self.synonyms)

    def group_of(self, canonical: str) -> str | None:
        """The first group listing a canonical name (a place's category), else None."""
        return next((group for group, names in self.groups.items() if canonical in names), None)

    def in_language(self, name: str, code: str) -> str | None:
        """A stored name as the list writes it in language `code`, else None (a name it does not list, or not translated).

        Only a name stored as the list spells it is translated: a name kept as typed is shown as typed.
        """
        named = self.languages.get(code)
        if not named or (canonical := self.canonical(name)) is None or name_key(canonical) != name_key(name):
            return None
        return named.get(canonical)


def read_names(text: str, groups_table: str) -> NamesList:
    """The list from its TOML text; refuses a spelling that two names share."""
    import tomllib

    data = tomllib.loads(text)
    return build_names(data[groups_table], data.get(LANGUAGES_TABLE, {}))


def build_names(by_group: dict[str, dict[str, list[str]]], languages: dict[str, dict[str, str]] | None = None) -> NamesList:
    """The list from each group's {canonical name: [spellings]} and each language's {canonical name: name in it}.

    Refuses a spelling or translation that two names share, and a translation of a name the list does not have.
    """
    groups: dict[str, tuple[str, ...]] = {}
    synonyms: dict[str, list[str]] = {}
    names: dict[str, str] = {}

    def own(name: str, canonical: str) -> None:
        owner = names.setdefault(name_key(name), canonical)
        if owner != canonical:
            raise ValueError(f"{name!r} names both {owner!r} and {canonical!r}")

    for group, listed in by_group.items():
        groups[group] = tuple(listed)
        for canonical, others in listed.items():
            known = synonyms.setdefault(canonical, [])
            for name in (canonical, *others):
                own(name, canonical)
                if name != canonical and name not in known:
                    known.append(name)
    for code, translated in (languages or {}).items():
        for canonical, name in translated.items():
            if canonical not in synonyms:
                raise ValueError(f"[{LANGUAGES_TABLE}.{code}] translates {canonical!r}, which the list does not have")
            own(name, canonical)
    return NamesList(groups, {c: tuple(s) for c, s in synonyms.items()}, names,
                     {code: dict(translated) for code, translated in (languages or {}).items()})


def index_of(toml: bytes, groups_table: str) -> bytes:
    """The index shipped beside the TOML: the TOML's CRC, its groups and its languages, as JSON."""
    import json
    import tomllib
    import zlib

    data = tomllib.loads(toml.decode("utf-8"))
    groups, languages = data[groups_table], data.get(LANGUAGES_TABLE, {})
    build_names(groups, languages)  # an index is only made of a list that is valid
    return json.dumps({"toml_crc32": zlib.crc32(toml), groups_table: groups, LANGUAGES_TABLE: languages},
                      ensure_ascii=False, indent=0).encode("utf-8") + b"\n"


def load_names(folder, toml_file: str, index_file: str, groups_table: str) -> NamesList:
    """The list in `folder`: from its index when that was made from the TOML as it is, else from the TOML."""
    import zlib

    import orjson

    toml = (folder / toml_file).read_bytes()
    try:
        index = orjson.loads((folder / index_file).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        index = None
    if isinstance(index, dict) and index.get("toml_crc32") == zlib.crc32(toml):
        return build_names(index[groups_table], index.get(LANGUAGES_TABLE, {}))
    return read_names(toml.decode("utf-8"), groups_table)  # the TOML edited since the index was written: it wins


def write_index(folder, toml_file: str, index_file: str, groups_table: str) -> None:
    """After editing a list's TOML: write the index the logbook reads instead."""
    (folder / index_file).write_bytes(index_of((folder / toml_file).read_bytes(), groups_table))
