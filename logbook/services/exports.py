"""The JSON export (schema_version 1): building it from a logbook and reading it back for import."""

from __future__ import annotations

from datetime import date
from typing import Callable, Iterable

from logbook.domain.dates import WORKING_WEEK, parse_working_days, working_days_text
from logbook.domain.entries import MAX_HOURS_PER_DAY, in_date_order, instant, now_stamp
from logbook.domain.stored import check_stored
from logbook.errors import InvalidValue, LogbookError
from logbook.domain.internship import check_internship, same_internship
from logbook.domain.involvement import crosswalk
from logbook.domain.reflections import check_stored_reflection
from logbook.domain.targets import check_stored_target, key

FORMAT = "internship-logbook"
SCHEMA_VERSION = 1


def export_document(internship: dict | None, entries: list[dict], targets: list[dict] = (), reflections: list[dict] = (),
                    synonyms: list[dict] = (), working_days: str | None = None) -> dict:
    """The export: the internship and its entries in date order, with the levels' crosswalk.

    `targets`, `reflections` and `synonyms` are optional keys added within schema 1: readers that do not know
    them ignore them, and an export without them imports as having none. `synonyms` is written only when the
    logbook has some, so that an export of a logbook without them is as it always was. `working_days` (the
    config's week, e.g. "mon-sat") likewise only when it is not Monday to Friday: a cohort counts clinical days by it.
    """
    extra = {"synonyms": list(synonyms)} if synonyms else {}
    if working_days is not None and (week := working_days_text(parse_working_days(working_days))) != WORKING_WEEK:
        extra["working_days"] = week
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now_stamp(),
        "internship": internship,
        "involvement_levels": crosswalk(),
        "entries": in_date_order(entries),
        "targets": list(targets),
        "reflections": sorted(reflections, key=lambda r: r["date"]),
        **extra,
    }


def read_document(document: object, source: str, track: Callable[[list], Iterable] = iter) -> tuple[dict, list[dict]]:
    """Validate a whole export before anything is written; the error names the entry and field.

    `track` wraps the entries as they are checked (the CLI passes one that shows a progress bar).
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise LogbookError(f"{source} is not a logbook export (no \"format\": \"{FORMAT}\")")
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        newer = isinstance(version, int) and version > SCHEMA_VERSION
        raise LogbookError(
            f"{source} has schema_version {version!r}; this logbook reads version {SCHEMA_VERSION}"
            + (" (upgrade logbook to read newer exports)" if newer else "")
        )
    profile = document.get("internship")
    if not isinstance(profile, dict):
        raise LogbookError(f"{source}: \"internship\" must be the internship profile (resident, specialty, "
                           f"host_institution, start, end), not {_json_kind(profile)}; nothing was imported")
    try:
        internship = check_internship(profile)
    except InvalidValue as err:
        raise LogbookError(f"{source}: internship, {err.message}; nothing was imported") from None
    raw_entries = document.get("entries")
    if not isinstance(raw_entries, list):
        raise LogbookError(f"{source}: \"entries\" must be a list")
    entries, seen = [], set()
    for position, raw in enumerate(track(raw_entries), start=1):
        ident = raw.get("id") if isinstance(raw, dict) else None
        where = f"entry {position}" + (f" (id {ident})" if isinstance(ident, str) else "")
        try:
            entry = check_stored(raw, where)
        except InvalidValue as err:
            raise LogbookError(f"{source}: {err.message}") from None
        if entry["id"] in seen:
            raise LogbookError(f"{source}: {where} repeats an id already in the file")
        seen.add(entry["id"])
        entries.append(entry)
    return internship, entries


def _json_kind(value: object) -> str:
    """What a JSON value is, in words: 'null', 'a list', 'a number' …"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(type(value), "an object")


def read_additions(document: dict, source: str) -> tuple[list[dict], list[dict]]:
    """The export's optional targets and reflections, validated whole; absent keys mean none."""
    found = []
    for name, check, ident in (("targets", check_stored_target, key), ("reflections", check_stored_reflection, _day)):
        raw = document.get(name, [])
        if not isinstance(raw, list):
            raise LogbookError(f"{source}: \"{name}\" must be a list")
        items, seen = [], set()
        for position, item in enumerate(raw, start=1):
            where = f"{name[:-1]} {position}"
            try:
                clean = check(item, where)
            except InvalidValue as err:
                raise LogbookError(f"{source}: {err.message}") from None
            if ident(clean) in seen or (name == "targets" and clean["id"] in seen):
                raise LogbookError(f"{source}: {where} repeats a {name[:-1]} already in the file")
            seen.update({ident(clean), clean.get("id")} - {None})
            items.append(clean)
        found.append(items)
    return found[0], found[1]


def read_synonyms(document: dict, source: str) -> list[dict]:
    """The export's optional synonyms (the logbook's own spellings), validated whole; an absent key means none."""
    from logbook.domain.synonyms import check_stored_synonym, one_name_each

    raw = document.get("synonyms", [])
    if not isinstance(raw, list):
        raise LogbookError(f"{source}: \"synonyms\" must be a list")
    synonyms = []
    for position, item in enumerate(raw, start=1):
        try:
            synonyms.append(check_stored_synonym(item, f"synonym {position}"))
        except InvalidValue as err:
            raise LogbookError(f"{source}: {err.message}") from None
    if twice := one_name_each(synonyms):
        raise LogbookError(f"{source}: {twice[0][0].lower()}{twice[0][1:]}; nothing was imported")
    return synonyms


def plan_synonyms(mine: list[dict], incoming: list[dict]) -> list[dict]:
    """The file's synonyms this logbook lacks. A spelling it already remembers keeps its own name: a rename here
    is the resident's latest word on it."""
    from logbook.domain.synonyms import spelling_of

    _check_not_ahead([(f"synonym {s['spelling']!r}", s) for s in incoming])
    present = {spelling_of(s) for s in mine} | {s["id"] for s in mine}
    return [s for s in incoming if spelling_of(s) not in present and s["id"] not in present]


def _day(reflection: dict) -> str:
    return reflection["date"]


def plan_additions(targets: list[dict], reflections: list[dict], incoming_targets: list[dict], incoming_reflections: list[dict]):
    """Targets and reflections to store: new ones, and newer versions (later updated_at) of ones present.

    A target is the same target when its id or what it aims at (procedure and level, or site) match;
    an updated one keeps this logbook's id. A reflection is the same when it is of the same day.
    """
    _check_not_ahead([(f"target {t['id']}", t) for t in incoming_targets]
                     + [(f"the reflection of {r['date']}", r) for r in incoming_reflections])
    by_id = {t["id"]: t for t in targets}
    by_key = {key(t): t for t in targets}
    # By the id each is stored under: two of the file's targets can be versions of one of mine (one by its id,
    # one by what it aims at); only the newest is kept, and only what is kept is counted.
    put: dict[str, dict] = {}
    for target in incoming_targets:
        mine = by_id.get(target["id"]) or by_key.get(key(target))
        if mine is None:
            put[target["id"]] = target
            continue
        version = {**target, "id": mine["id"]}
        if not newer(version, mine, f"target {target['id']}"):
            continue
        if mine["id"] not in put or instant(version["updated_at"]) > instant(put[mine["id"]]["updated_at"]):
            put[mine["id"]] = version
    put_targets = list(put.values())
    _refuse_one_aim_twice([t for i, t in by_id.items() if i not in put], put_targets)
    by_day = {r["date"]: r for r in reflections}
    put_reflections = [
        r for r in incoming_reflections
        if r["date"] not in by_day or newer(r, by_day[r["date"]], f"the reflection of {r['date']}")
    ]
    return put_targets, put_reflections


def _refuse_one_aim_twice(kept: list[dict], put: list[dict]) -> None:
    """A newer version of one target may aim at what another target here aims at: the logbook would hold both."""
    from logbook.domain.targets import label

    aims = {key(t): t["id"] for t in kept}
    for target in put:
        if (other := aims.setdefault(key(target), target["id"])) != target["id"]:
            raise LogbookError(
                f"target {target['id']}: its newer version in the file aims at {label(target)}, as target {other} "
                "here does, and a logbook holds one target for each aim; remove one of them (`logbook target remove "
                "ID`) and import again; nothing was imported")


def _check_not_ahead(items: list[tuple[str, dict]], then: str = "; nothing was imported") -> None:
    """Refuse a stamp later than tomorrow: it would win every later merge against the resident's own edits."""
    from logbook.domain.entries import stamp_limit, stamps_ahead

    limit = stamp_limit()
    for what, item in items:
        if ahead := stamps_ahead(item, limit):
            stamp = ahead[0]
            raise LogbookError(
                f"{what}, {stamp}: {item[stamp]!r} is in the future, so it would always count as the newer "
                f"version; check the clock of the machine that wrote the file{then}"
            )


def check_not_ahead(source: str, exported_at: object, entries: list[dict], then: str) -> None:
    """Refuse an export whose stamps (its own, its entries') are later than tomorrow, naming the file."""
    try:  # an export stamp that is no timestamp at all only loses its say in which copy is the newest
        export = [(source, {"exported_at": exported_at})] if instant(exported_at, "exported_at") else []
    except LogbookError:
        export = []
    _check_not_ahead(export + [(f"{source}: entry {e['id']}", e) for e in entries], then)


def newer(theirs: dict, mine: dict, what: str) -> bool:
    """Whether the file's version of something replaces this logbook's: the later updated_at wins, as an instant.

    The same content is no change, whatever the stamps say; different content changed at the same
    instant is refused, because nobody can tell which version is the newer one.
    """
    if {**theirs, "updated_at": None} == {**mine, "updated_at": None}:
        return False
    their_time, my_time = instant(theirs["updated_at"]), instant(mine["updated_at"])
    if their_time == my_time:
        raise LogbookError(
            f"{what} differs from this logbook's, yet both were last changed at {mine['updated_at']}, so neither is "
            "newer; nothing was imported. Remove it from the file to keep this logbook's, or delete it here to take the file's"
        )
    return their_time > my_time


def plan_import(current: dict | None, existing: list[dict], internship: dict, incoming: list[dict],
                outside: bool = False, today: date | None = None):
    """What an import would do: (entries to add, entries to update, how many are unchanged).

    An entry already present is replaced only by a newer version of itself (later updated_at). An entry
    written keeps `add`'s rules on its day: not after `today` (None: no such check), and within the internship
    unless `outside`.
    """
    if current is not None and not same_internship(current, internship):
        raise LogbookError(
            "this export is of a different internship "
            f"({internship['resident']}, {internship['host_institution']}, {internship['start']} to {internship['end']}) "
            f"than this logbook ({current['resident']}, {current['host_institution']}, "
            f"{current['start']} to {current['end']}); nothing was imported"
        )
    _check_not_ahead([(f"entry {e['id']}", e) for e in incoming])
    by_id = {e["id"]: e for e in existing}
    to_add, to_update, unchanged = [], [], 0
    for entry in incoming:
        mine = by_id.get(entry["id"])
        if mine is None:
            to_add.append(entry)
        elif newer(entry, mine, f"entry {entry['id']}"):
            to_update.append(entry)
        else:
            unchanged += 1
    _check_day_hours(by_id, to_add + to_update)
    check_days([(f"entry {e['id']}", e["date"]) for e in to_add + to_update], current or internship, outside, today)
    return to_add, to_update, unchanged


def check_days(items: list[tuple[str, str]], internship: dict, outside: bool, today: date | None) -> None:
    """Refuse what `add` and `reflect` refuse: a day after today, or outside the internship without --outside."""
    for what, day in items:
        if today is not None and day > today.isoformat():
            raise LogbookError(f"{what}, date: {day} is in the future (today is {today.isoformat()}), and `add` would "
                               "refuse it too; nothing was imported")
        if not outside and not internship["start"] <= day <= internship["end"]:
            raise LogbookError(f"{what}, date: {day} is outside the internship ({internship['start']} to "
                               f"{internship['end']}); add --outside to import it anyway; nothing was imported")


def _check_day_hours(by_id: dict[str, dict], written: list[dict]) -> None:
    """Refuse an import that would give a day more clinical hours than a day has, as `add` does."""
    new = {e["id"]: e for e in written}
    for day in sorted({e["date"] for e in written if e["kind"] == "clinical"}):
        kept = sum(e["hours"] for i, e in by_id.items() if i not in new and e["kind"] == "clinical" and e["date"] == day)
        brought = sum(e["hours"] for e in written if e["kind"] == "clinical" and e["date"] == day)
        # Rounded: hours have two decimals, and 17.19 + 0.42 + 6.39 is 24.000000000000004 in floating point.
        if round(kept + brought, 2) > MAX_HOURS_PER_DAY:
            raise LogbookError(
                f"{day} would have {round(kept + brought, 2):g} clinical hours ({round(brought, 2):g} from the file, "
                f"{round(kept, 2):g} already logged); a day holds at most {MAX_HOURS_PER_DAY:g}; nothing was imported"
            )


_BOM = b"\xef\xbb\xbf"


def as_utf8(data: bytes, source: str) -> bytes:
    """The bytes of a UTF-8 file without its byte-order mark; UTF-16 or UTF-32 text (with or without one) is refused."""
    # JSON text starts with an ASCII character, so a NUL among the first four bytes means two- or four-byte units.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        raise LogbookError(f"{source} is not valid JSON: it looks like UTF-16 or UTF-32 text; save it as UTF-8 "
                           "(as `logbook export` writes it) and try again")
    # Some Windows editors start UTF-8 files with a byte-order mark; it is not part of the JSON.
    return data.removeprefix(_BOM)


def document_of(data: bytes, source: str) -> dict:
    """The export a file holds, as JSON (`export`) or JSON Lines (`export --format jsonl`), with or without a BOM."""
    import orjson

    data = as_utf8(data, source)
    if not data or data.isspace():  # e.g. the JSON Lines export of a logbook with no entries (no copy of the file made)
        raise LogbookError(f"{source} is empty: it holds no export; nothing was imported")
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as err:
        if _looks_like_lines(data):
            return _from_lines(data, source)
        raise LogbookError(f"{source} is not valid JSON ({err}); nothing was imported") from None
    # A one-entry JSON Lines export is one JSON object: an entry with the internship's fields beside it.
    if isinstance(document, dict) and "format" not in document and "kind" in document and "schema_version" in document:
        return _from_lines(data, source)
    return document


def _looks_like_lines(data: bytes) -> bool:
    from logbook.services.jsonl import lines

    # The first line only: stripping or splitting the whole buffer would copy the file.
    first = next((line.strip() for _, line in lines(data) if line.strip()), b"")
    return first.startswith(b"{") and first.endswith(b"}")


def _from_lines(data: bytes, source: str) -> dict:
    from logbook.services.jsonl import document_from_lines

    return document_from_lines(data, source)


def export_of(logbook, working_days: str | None = None) -> dict:
    """The whole logbook as an export document: one `import` reads back (so never one without a profile).

    A path that holds no logbook (a mistyped --db) is refused, not exported as an empty logbook.
    """
    from logbook.services.log import need_internship

    book = logbook.read()
    if not book.exists:
        raise LogbookError(f"there is no logbook at {logbook.path} (check --db, $LOGBOOK_DB or the config file's db); "
                           "nothing was exported")
    need_internship(book)
    return export_document(book.internship, book.entries(), book.targets(), book.reflections(), book.synonyms(),
                           working_days)


def read_export_file(path) -> object:
    """The JSON document in an export file, or a one-line refusal naming what is wrong."""
    from logbook.services.inputs import read_input

    return document_of(read_input(path, "logbook export"), str(path))
