"""What a resident may type where: kinds, levels, categories, days, and the names a logbook or the catalogue knows.

The command line reads its options' help, its checks and its shell completion from here. Loaded at start-up
by every command, so it imports only the levels until a function needs more.
"""

from __future__ import annotations

from collections.abc import Iterator

from logbook.domain.involvement import HELP as LEVELS_HELP, LEVELS

__all__ = ["LEVELS_HELP", "categories", "day", "entry_ids", "kind", "kinds", "known_names", "level", "levels", "place_names",
           "procedure_names"]


def kind(text: str) -> str:
    """The kind of entry `text` names in any case ('Clinical' is clinical); another word is refused, naming the kinds."""
    from logbook.domain.entries import parse_kind

    return parse_kind(text)


def kinds() -> list[str]:
    from logbook.domain.entries import KINDS

    return list(KINDS)


def levels() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Each level with its meaning; then each short form and eLogbook code with the level it stands for."""
    return ([(name, info["meaning"]) for name, info in LEVELS.items()],
            [(info[form], name) for form in ("short", "elogbook") for name, info in LEVELS.items()])


def level(text: str) -> str:
    """The level `text` names (the word, its short form or eLogbook code, any case); another word is refused."""
    from logbook.domain.involvement import parse_level

    return parse_level(text)


def categories() -> list[str]:
    from logbook.domain.entries import CATEGORIES

    return list(CATEGORIES)


def day(text: str, field: str) -> str:
    """A day as typed in an option (2024-12-05, 05.12.2024, yesterday, 'last monday'…) as YYYY-MM-DD."""
    from logbook.domain.dates import parse_date, today

    return parse_date(text, today(), field, future=True).isoformat()


def known_names(entries: list[dict], field: str) -> list[str]:
    """Every value logged for a text field, most recently logged first, each spelling of a name once."""
    from logbook.domain.entries import known_values

    return known_values(entries, field)


def procedure_names(entries: list[dict]) -> tuple[list[str], list[tuple[str, str]]]:
    """Names logged before (latest first) then the catalogue's; and each catalogue synonym with '= the name'."""
    from logbook.domain.catalogue import catalogue

    return _listed_names(entries, "procedure", catalogue())


def place_names(entries: list[dict]) -> tuple[list[str], list[tuple[str, str]]]:
    """Places logged before (latest first) then the gazetteer's; and each other spelling with '= the place'."""
    from logbook.domain.places import gazetteer

    return _listed_names(entries, "place", gazetteer())


def _listed_names(entries: list[dict], field: str, listed) -> tuple[list[str], list[tuple[str, str]]]:
    from logbook.domain.entries import known_values
    from logbook.domain.names import name_key

    logged = known_values(entries, field)
    seen = {name_key(name) for name in logged}
    names = [*logged, *(name for name in listed.all_names() if name_key(name) not in seen)]
    return names, [(synonym, f"= {name}") for name, synonyms in listed.synonyms.items() for synonym in synonyms]


def entry_ids(entries: list[dict], typed: str) -> Iterator[tuple[str, str]]:
    """Ids starting with `typed`, newest first, as long as it takes to tell them apart, each with what it is.

    Given lazily: completion takes only the first few hundred of 100,000."""
    from logbook.domain.entries import in_date_order, title
    from logbook.domain.ids import short_id_length

    ordered = in_date_order(entries)
    wanted = typed.lower()
    shown = max(short_id_length(ordered), len(wanted))
    return ((e["id"][:shown], f"{e['date']} {e['kind']}: {title(e)}") for e in reversed(ordered) if e["id"].startswith(wanted))
