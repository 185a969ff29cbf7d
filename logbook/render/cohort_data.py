"""The cohort report for programs: JSON as built, and CSV with one row per JSON table row."""

from __future__ import annotations

import csv
import io

import orjson

from logbook.services.cohort.aggregate import TABLES
from logbook.render.safe import inert

# Every column any table has, in a reading order; a row leaves the others empty.
CSV_COLUMNS = (
    "table", "cohort", "host_institution", "start", "end", "internship_days", "home_institutions",
    "specialty", "resident", "home_institution", "site", "procedure", "place", "category", "role",
    "residents", "entries", "days", "hours", "procedures", "cultural", "count",
    "targets", "targets_met", "required", "achieved", "met", "files",
)


def cohort_json(report: dict) -> bytes:
    return orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n"


def cohort_csv(report: dict) -> str:
    """Each table's rows under a `table` column (cohorts, specialties, residents, sites, procedures, …)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for table in TABLES:
        for row in report[table]:
            writer.writerow({"table": table, **{k: _cell(v) for k, v in row.items()}})
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(inert(str(v)) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return inert(value) if isinstance(value, str) else value
