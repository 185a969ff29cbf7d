"""The report's entries as CSV for spreadsheets: one row per entry, user text made formula-safe."""

from __future__ import annotations

import csv
import io
from datetime import date

from logbook.domain.dates import WEEKDAYS
from logbook.domain.entries import title
from logbook.render.escaping import csv_cell

COLUMNS = ("date", "weekday", "kind", "id", "what", "site", "department", "hours", "procedure", "role", "count",
           "place", "category", "supervisor", "note")


def render_csv(s: dict) -> str:
    """Header, one row per entry of the report; a signed report ends with one row of kind "signature"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    ours = ("date", "weekday", "kind", "id", "hours", "count", "role")  # values the logbook wrote, not free text
    for e in s["log"]:
        row = {**e, "what": title(e), "weekday": WEEKDAYS[date.fromisoformat(e["date"]).weekday()][:3].title()}
        writer.writerow([row.get(c) if c in ours else csv_cell(row.get(c)) for c in COLUMNS])
    signature = s.get("signature")
    if signature:
        writer.writerow({"kind": "signature", "id": signature["digest"], "note": signature["token"]}.get(c, "") for c in COLUMNS)
    return buffer.getvalue()
