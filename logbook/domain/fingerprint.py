"""A report's check digest: SHA-256 of the canonical JSON of the internship and the entries it shows.

The digest proves "this report was made from exactly these entries"; it is not a signature of a person.
Beside it a compact token lists every entry (id prefix, short digest, date), so `logbook verify` can say
which entries were added, changed or removed since.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib

from logbook.domain.entries import in_date_order
from logbook.errors import LogbookError

PREFIX = "logbook-signature:v1:"
# Standard base64 without '-': the token sits inside an HTML/Markdown comment, where '--' may not appear.
TOKEN = re.compile(re.escape(PREFIX) + r"([A-Za-z0-9+/]+=*)")
ID_CHARS, ENTRY_CHARS = 16, 10
# What a token may unpack to: 40 characters an entry, so room for a million entries; a zlib bomb stops here.
MAX_PAYLOAD = 48 * 2**20
# One listed entry as the token stores it: id prefix (hex, a UUID's dashes), short digest, date as 8 digits.
LISTED = re.compile(r"([0-9a-f-]{%d})([0-9a-f]{%d})([0-9]{8})" % (ID_CHARS, ENTRY_CHARS))


def canonical(value: object) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (non-ASCII text kept as is)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def digest(internship: dict, entries: list[dict]) -> str:
    """The report's digest: SHA-256 of {"internship": …, "entries": [… in date order]}."""
    return hashlib.sha256(canonical({"internship": internship, "entries": in_date_order(entries)})).hexdigest()


def _short(value: object) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()[:ENTRY_CHARS]


def sign(internship: dict, entries: list[dict], scope: dict) -> dict:
    """The signature block of a report: digest, the selection it covers, and the verification token."""
    listed = "".join(
        e["id"][:ID_CHARS] + _short(e) + e["date"].replace("-", "") for e in in_date_order(entries)
    )
    payload = {"digest": digest(internship, entries), "internship": _short(internship), "scope": scope,
               "entries": listed}
    token = PREFIX + base64.b64encode(zlib.compress(canonical(payload), 9)).decode("ascii").rstrip("=")
    return {"algorithm": "sha256", "digest": payload["digest"], "entries": len(entries), "scope": scope, "token": token}


def read_token(text: str, source: str) -> dict:
    """The signature payload embedded in a report of any format."""
    found = set(TOKEN.findall(_json_signature(text) or text))
    if not found:
        raise LogbookError(f"{source} holds no logbook fingerprint; make the report with `logbook summary --fingerprint`")
    if len(found) > 1:
        raise LogbookError(f"{source} holds {len(found)} different logbook fingerprints; verify one report at a time")
    raw = found.pop()
    damaged = LogbookError(f"{source}: its fingerprint is damaged (was the report edited?)")
    try:
        unpacker = zlib.decompressobj()
        packed = unpacker.decompress(base64.b64decode(raw + "=" * (-len(raw) % 4)), MAX_PAYLOAD)
        if unpacker.unconsumed_tail:
            raise LogbookError(f"{source}: its fingerprint unpacks to more than {MAX_PAYLOAD // 2**20} MiB; "
                               "no logbook report holds one that large")
        payload = json.loads(packed)
        payload["entries"] = _listed(payload["entries"])
        if not _well_formed(payload):
            raise ValueError
    except (ValueError, KeyError, TypeError, IndexError, RecursionError, zlib.error):
        raise damaged from None
    return payload


def _listed(listed: str) -> dict:
    """The token's list of entries, each part checked, so nothing but ids, digests and dates reaches a screen."""
    step = ID_CHARS + ENTRY_CHARS + 8
    if not isinstance(listed, str) or len(listed) % step:
        raise ValueError
    entries = {}
    for i in range(0, len(listed), step):
        part = LISTED.fullmatch(listed, i, i + step)
        if part is None:
            raise ValueError
        entries[part[1]] = {"digest": part[2], "date": _iso(part[3])}
    return entries


def _well_formed(payload: dict) -> bool:
    """The digest, the profile's short digest and the scope (period, optional site and kind) a report sets."""
    scope = payload.get("scope")
    return (isinstance(payload.get("digest"), str) and re.fullmatch(r"[0-9a-f]{64}", payload["digest"]) is not None
            and isinstance(payload.get("internship"), str) and isinstance(scope, dict)
            and all(isinstance(scope.get(k), str) for k in ("from", "to"))
            and all(scope.get(k) is None or isinstance(scope[k], str) for k in ("site", "kind")))


def _json_signature(text: str) -> str | None:
    """A JSON report's own signature key, so a note quoting a token elsewhere in it cannot interfere."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        token = json.loads(text)["signature"]["token"]
    except (ValueError, KeyError, TypeError, RecursionError):  # a crafted report may nest arrays 100,000 deep
        return None
    return token if isinstance(token, str) else None


# What a report says it shows, in its own words but machine-read: every md, html and pdf report carries it (and a
# fingerprinted text report), apart from the token, so a token pasted in from another report is told apart.
STATEMENT_PREFIX = "logbook-report:v1:"
STATEMENT = re.compile(re.escape(STATEMENT_PREFIX) + r"([A-Za-z0-9+/]+=*)")


def scope_words(scope: dict, entries: int) -> str:
    """A fingerprint's or a report's scope in words: its period and any site or kind it was limited to."""
    from logbook.domain.entries import plural

    words = f"{plural(entries, 'entry')} from {scope['from']} to {scope['to']}"
    limits = [f"site containing '{scope['site']}'" if scope.get("site") else "", f"kind {scope['kind']}" if scope.get("kind") else ""]
    if any(limits):
        words += " (only " + ", ".join(filter(None, limits)) + ")"
    return words


def statement(summary: dict) -> str:
    """The report's statement of its period, site and kind and how many entries it shows (`summarize`'s result)."""
    period, selection = summary["period"], summary["selection"]
    shown = {"from": period["from"], "to": period["to"], "site": selection.get("site"), "kind": selection.get("kind"),
             "entries": len(summary["log"])}
    if summary.get("bases"):  # sign-off sheets: which bases, so one base's fingerprint is not taken for another's
        shown["bases"] = summary["bases"]
    return STATEMENT_PREFIX + base64.b64encode(canonical(shown)).decode("ascii").rstrip("=")


def stated(text: str) -> dict | None:
    """What a report says it shows: {from, to, site, kind, entries, ids (None unless it lists them)}; None if it says nothing.

    A JSON report says it in its period, selection and log; the others in their statement.
    """
    document = _json_report(text)
    if document is not None:
        period, selection, log = document.get("period"), document.get("selection"), document.get("log")
        if not (isinstance(period, dict) and isinstance(selection, dict) and isinstance(log, list)):
            return None
        ids = [e.get("id") for e in log if isinstance(e, dict)]
        return {"from": period.get("from"), "to": period.get("to"), "site": selection.get("site"),
                "kind": selection.get("kind"), "entries": len(log), "ids": [i for i in ids if isinstance(i, str)],
                "bases": document.get("bases")}
    found = set(STATEMENT.findall(text))
    if len(found) != 1:
        return {"damaged": True} if found else None  # two statements: pieces of two reports
    raw = found.pop()
    try:
        shown = json.loads(base64.b64decode(raw + "=" * (-len(raw) % 4)))
        if not (isinstance(shown, dict) and isinstance(shown.get("entries"), int)
                and all(isinstance(shown.get(k), str) for k in ("from", "to"))
                and all(shown.get(k) is None or isinstance(shown[k], str) for k in ("site", "kind"))):
            raise ValueError
    except (ValueError, TypeError, RecursionError):
        return {"damaged": True}
    return {**{k: shown.get(k) for k in ("from", "to", "site", "kind", "entries", "bases")}, "ids": None}


def _json_report(text: str) -> dict | None:
    if not text.lstrip().startswith("{"):
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) and "signature" in document else None


def _iso(compact: str) -> str:
    return f"{compact[:4]}-{compact[4:6]}-{compact[6:]}"


def compare(payload: dict, internship: dict, entries: list[dict]) -> dict:
    """What changed between a signed report and these entries (already selected by the report's scope)."""
    now = {e["id"][:ID_CHARS]: e for e in entries}
    then = payload["entries"]
    return {
        "matches": digest(internship, entries) == payload["digest"],
        "internship_changed": _short(internship) != payload["internship"],
        "added": in_date_order([e for short, e in now.items() if short not in then]),
        "changed": in_date_order([e for short, e in now.items() if short in then and _short(e) != then[short]["digest"]]),
        "removed": sorted(({"id": short, "date": v["date"]} for short, v in then.items() if short not in now),
                          key=lambda r: (r["date"], r["id"])),
    }
