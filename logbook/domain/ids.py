"""Finding an entry (or a target) by its id or the first characters of it, as git resolves abbreviated hashes."""

from __future__ import annotations

import re

from logbook.domain.entries import SHORT_ID, plural, title
from logbook.errors import NotFound


def find(entries: list[dict], given: str, what: str = "entry", lister: str = "logbook list") -> dict:
    """The entry (or target) whose id is `given` or starts with it, as git resolves abbreviated hashes."""
    wanted = id_prefix(given, what, lister)
    matches = [e for e in entries if e["id"].replace("-", "").startswith(wanted)]
    if not matches:
        raise NotFound(f"id: no {what} has the id {given!r}; `{lister}` shows the ids")
    if len(matches) > 1:
        # Enough of each id to tell the candidates apart, and what each one is, so the next try can be the right one.
        ids = sorted(e["id"] for e in matches)
        length = max(len(wanted), *(_common(a, b) for a, b in zip(ids, ids[1:]))) + 1
        shown = "; ".join(f"{e['id'][:length]} {_described(e)}" for e in matches[:5])
        more = f"; and {len(matches) - 5} more" if len(matches) > 5 else ""
        raise NotFound(f"id: {given!r} is ambiguous, {plural(len(matches), what)} start with it: {shown}{more}; "
                       "give more characters")
    return matches[0]


def _described(item: dict) -> str:
    """An entry as '(2024-12-05 procedure: Caesarean section, assisted ×1)'; a target as '(procedure: Caesarean section)'.

    Two entries of one day often share a name: the level and count, or the hours and site, tell them apart.
    """
    about = title(item) or item.get("site") or ""
    if "date" not in item:
        return f"({item['kind']}: {about})"
    if item["kind"] == "procedure" and item.get("role"):
        about += f", {item['role']} ×{item.get('count', 1)}"
    elif item["kind"] == "clinical" and isinstance(item.get("hours"), (int, float)):
        about += f", {item['hours']:g} h at {item.get('site')}"
    return f"({item['date']} {item['kind']}: {about})"


def id_prefix(given: str, what: str = "entry", lister: str = "logbook list") -> str:
    """The hex digits of an id or of its first characters; a UUID's hyphens are ignored, as in the id itself."""
    wanted = given.strip().lower().replace("-", "")
    if len(wanted) < 4 or not re.fullmatch(r"[0-9a-f]+", wanted):
        article = "an" if what[0] in "aeiou" else "a"
        raise NotFound(f"id: {given!r} is not {article} {what} id; use the id shown by `{lister}` (at least 4 hex characters)")
    return wanted


def short_id_length(entries: list[dict]) -> int:
    """The shortest prefix length, at least 8, that tells every entry of this logbook apart."""
    ids = sorted(e["id"] for e in entries)
    longest = max((_common(a, b) for a, b in zip(ids, ids[1:])), default=0)
    return max(SHORT_ID, longest + 1)


def _common(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n
