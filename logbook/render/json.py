"""The report as JSON: the same figures as every other format, under documented keys (README, "Report")."""

from __future__ import annotations

import orjson

FORMAT = "internship-logbook-report"
REPORT_VERSION = 1


def render_json(s: dict) -> str:
    document = {"format": FORMAT, "report_version": REPORT_VERSION, **s}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
