"""Machine-readable output: JSON on stdout, indented, UTF-8, the same bytes on a terminal or in a pipe.

Every `--json` flag prints through here, so all commands share one convention: the data on stdout,
messages on stderr, keys documented in the README and never renamed within a schema_version.
"""

from __future__ import annotations

import sys

import orjson

from logbook.render.safe import inert_json


def json_bytes(data: object) -> bytes:
    """Indented JSON with terminal-steering characters escaped (still the same data once parsed)."""
    return inert_json(orjson.dumps(data, option=orjson.OPT_INDENT_2)) + b"\n"


def print_json(data: object) -> None:
    sys.stdout.buffer.write(json_bytes(data))
    sys.stdout.flush()
