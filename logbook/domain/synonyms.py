"""The logbook's own synonyms: a spelling a resident renamed away, remembered so it is never typed apart again."""

from __future__ import annotations

import uuid

from logbook.domain.entries import check_id, check_stamp, now_stamp, parse_text
from logbook.domain.names import name_key
from logbook.errors import InvalidValue

# The names a synonym can stand in for: what `logbook rename` renames.
FIELDS = ("procedure", "site", "department", "supervisor", "place")
STORED = ("id", "field", "spelling", "name", "created_at")


def new_synonym(field: str, spelling: str, name: str) -> dict:
    return {"id": uuid.uuid4().hex, "field": field, "spelling": spelling, "name": name, "created_at": now_stamp()}


def check_stored_synonym(raw: object, where: str) -> dict:
    """A synonym as the logbook stores it (and an export carries it); the message names the synonym and the field."""
    try:
        if not isinstance(raw, dict):
            raise InvalidValue("synonym", "is not an object")
        if extra := sorted(set(raw) - set(STORED)):
            raise InvalidValue(extra[0], "is not a field of a synonym")
        check_id(raw.get("id"))
        check_stamp(raw.get("created_at"), "created_at")
        if raw.get("field") not in FIELDS:
            raise InvalidValue("field", f"{raw.get('field')!r} is not a name a synonym stands for; use one of {', '.join(FIELDS)}")
        spelling, name = parse_text("spelling", raw.get("spelling"), True), parse_text("name", raw.get("name"), True)
        if name_key(spelling) == name_key(name):
            raise InvalidValue("spelling", f"{spelling!r} is the name itself, not another spelling of it")
        return {"id": raw["id"], "field": raw["field"], "spelling": spelling, "name": name, "created_at": raw["created_at"]}
    except InvalidValue as err:
        raise InvalidValue(f"{where}, {err.field}", err.message.split(": ", 1)[-1]) from None


def spelling_of(synonym: dict) -> tuple[str, str]:
    """What makes two synonyms one: the field, and the spelling as a typed name is looked up."""
    return synonym["field"], name_key(synonym["spelling"])


def one_name_each(synonyms: list[dict]) -> list[str]:
    """The rule the synonyms keep together: a spelling stands for one name in its field."""
    seen: dict[tuple[str, str], dict] = {}
    found = []
    for synonym in synonyms:
        if (twin := seen.setdefault(spelling_of(synonym), synonym)) is not synonym:
            found.append(f"The {synonym['field']} spelling {synonym['spelling']!r} is remembered twice "
                         f"(as {twin['name']!r} and as {synonym['name']!r}); a spelling stands for one name")
    return found


def by_field(synonyms: list[dict]) -> dict[str, dict[str, str]]:
    """{field: {spelling as looked up: the name it stands for}}, for settling typed names."""
    table: dict[str, dict[str, str]] = {}
    for synonym in synonyms:
        table.setdefault(synonym["field"], {})[name_key(synonym["spelling"])] = synonym["name"]
    return table


def after_rename(synonyms: list[dict], field: str, old: str, new: str, remember: list[str]) -> tuple[list[dict], list[str]]:
    """After renaming OLD to NEW in `field`: the synonyms to store, and the ids of those to drop.

    A synonym that stood for OLD follows it to NEW; one whose spelling is NEW is dropped, NEW being a name now; and
    each spelling in `remember` (OLD's, when the resident asks) now stands for NEW.
    """
    new_key = name_key(new)
    put: dict[tuple[str, str], dict] = {}
    drop = []
    for synonym in synonyms:
        if synonym["field"] != field:
            continue
        if name_key(synonym["spelling"]) == new_key:
            drop.append(synonym["id"])
        elif name_key(synonym["name"]) == name_key(old) and synonym["name"] != new:
            put[spelling_of(synonym)] = {**synonym, "name": new}
    present = {spelling_of(s): s for s in synonyms}
    for spelling in remember:
        if name_key(spelling) == new_key or (field, name_key(spelling)) in put:
            continue
        mine = present.get((field, name_key(spelling)))
        if mine is None:
            put[(field, name_key(spelling))] = new_synonym(field, spelling, new)
        elif mine["name"] != new:
            put[(field, name_key(spelling))] = {**mine, "name": new}
    return list(put.values()), drop
