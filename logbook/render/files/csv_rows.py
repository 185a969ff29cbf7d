"""The report's entries as CSV for spreadsheets: one row per entry, user text made formula-safe."""

from __future__ import annotations

import csv
import io
from datetime import date

from logbook.domain.dates import WEEKDAYS
from logbook.domain.entries import title
from logbook.render import language
from logbook.render.escaping import csv_cell
from logbook.render.language import NP_, pgettext

COLUMNS = ("date", "weekday", "kind", "id", "what", "site", "department", "hours", "procedure", "role", "count",
           "place", "category", "supervisor", "note")
# The columns' names in a report asked for in another language (--lang); the English names above stay the default.
HEADERS = {
    "date": NP_("csv column", "date"), "weekday": NP_("csv column", "weekday"), "kind": NP_("csv column", "kind"),
    "id": NP_("csv column", "id"), "what": NP_("csv column", "what"), "site": NP_("csv column", "site"),
    "department": NP_("csv column", "department"), "hours": NP_("csv column", "hours"),
    "procedure": NP_("csv column", "procedure"), "role": NP_("csv column", "role"), "count": NP_("csv column", "count"),
    "place": NP_("csv column", "place"), "category": NP_("csv column", "category"),
    "supervisor": NP_("csv column", "supervisor"), "note": NP_("csv column", "note"),
}


def render_csv(s: dict) -> str:
    """Header, one row per entry of the report; a signed report ends with one row of kind "signature"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    code = language.current().code
    if code == "en":
        writer.writerow(COLUMNS)
    else:  # a first row saying which language the headers and the logbook's own words are in
        writer.writerow([f"# {code}: {language.LANGUAGES[code]}"])
        writer.writerow(pgettext("csv column", HEADERS[c]) for c in COLUMNS)
    ours = ("date", "weekday", "kind", "id", "hours", "count", "role")  # values the logbook wrote, not free text
    for e in s["log"]:
        if code == "en":
            row = {**e, "what": title(e), "weekday": WEEKDAYS[date.fromisoformat(e["date"]).weekday()][:3].title()}
        else:
            row = {**e, "what": title(e), "weekday": language.weekday(e["date"]), "kind": language.kind(e["kind"]),
                   "role": language.level(e["role"]) if e.get("role") else None,
                   "category": language.category(e.get("category")) or None}
        writer.writerow([row.get(c) if c in ours else csv_cell(row.get(c)) for c in COLUMNS])
    signature = s.get("signature")
    if signature:
        writer.writerow({"kind": "signature", "id": signature["digest"], "note": signature["token"]}.get(c, "") for c in COLUMNS)
    return buffer.getvalue()
