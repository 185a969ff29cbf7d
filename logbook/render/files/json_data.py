"""JSON for programs: the report under documented keys, and every command's --json output.

All of it goes through escaping.json_document: the data on stdout, messages on stderr, bidi overrides
and C1 controls written as \\uXXXX so that printing the JSON cannot steer a terminal.
"""

from __future__ import annotations

import sys

from logbook.render.escaping import json_document

FORMAT = "internship-logbook-report"
REPORT_VERSION = 1


def render_json(s: dict) -> str:
    """The report as one JSON document: the same figures as every other format (README, "Report")."""
    return json_document({"format": FORMAT, "report_version": REPORT_VERSION, **s}).decode("utf-8")


def json_bytes(data: object) -> bytes:
    """Indented JSON with terminal-steering characters escaped (still the same data once parsed)."""
    return json_document(data)


def print_json(data: object) -> None:
    sys.stdout.buffer.write(json_document(data))
    sys.stdout.flush()
