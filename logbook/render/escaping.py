"""One escaping module for every format: stored text stays inert on a terminal, in Markdown, HTML, CSV and JSON.

Each function takes a resident's text and returns it safe for one destination; every renderer calls
these and nothing else, so a control character, a bidi override or a spreadsheet formula is handled
the same way in every report.
"""

from __future__ import annotations

import html
import re

from logbook.render import language

# C0 controls but newline and tab, DEL, C1 controls (ESC/CSI/OSC start sequences), bidi marks,
# embeddings, overrides and isolates, line/paragraph separators, and lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# A message is one line: newline and tab are escaped too.
_UNSAFE_IN_LINE = re.compile(_UNSAFE.pattern.replace(r"\x0b-\x1f", r"\x09-\x1f"))
# What JSON leaves raw but a terminal could act on: everything above but the C0 range, which JSON escapes.
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Every character that can start inline Markdown, an HTML tag or entity, or end a table cell.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&!#])")
# What turns a Markdown line into a heading, quote, list item, rule or setext underline when it starts one.
_MD_LINE_START = re.compile(r"^([ \t]*)([-+=>]|\d+[.)])", re.MULTILINE)
# A spreadsheet cell starting with one of these is run as a formula (OWASP "CSV injection").
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def inert(text: str | None, one_line: bool = False) -> str:
    """The text with every control character replaced by its visible escape, e.g. ESC as \\x1b."""
    if not text:
        return text or ""
    return (_UNSAFE_IN_LINE if one_line else _UNSAFE).sub(_escape, text)


def inert_json(payload: bytes) -> bytes:
    """JSON with C1 controls and bidi characters written as \\uXXXX: the same data once parsed, safe to print."""
    text = payload.decode("utf-8")
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", text).encode("utf-8")


def json_document(data: object) -> bytes:
    """Indented UTF-8 JSON of `data`, ending in a newline, with terminal-steering characters escaped."""
    import orjson  # fast, and only for the commands that print JSON

    return inert_json(orjson.dumps(data, option=orjson.OPT_INDENT_2)) + b"\n"


def markdown(value: object, block: bool = True) -> str:
    """User text as inert Markdown: specials backslash-escaped, control characters made visible.

    In a block (a paragraph) a line that starts like a heading, list or quote is escaped too; a table
    cell holds inline text only, where "55.5" or "- x" need nothing.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return language.number(value)
    escaped = _MD_INLINE.sub(r"\\\1", inert(str(value)))
    return _MD_LINE_START.sub(_escape_line_start, escaped) if block else escaped


def markdown_cell(value: object) -> str:
    """Text for one Markdown table cell: a line break would end the row, so it becomes <br>."""
    return markdown(value, block=False).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def html_text(value: object) -> str:
    """User text for HTML: control characters made visible, then every markup character escaped."""
    if value is None:
        return ""
    if isinstance(value, float):
        return language.number(value)
    return html.escape(inert(str(value)))


def pdf_text(value: object) -> str:
    """User text for a PDF paragraph (ReportLab's XML-like markup): controls made visible, <, > and & escaped, lines kept."""
    if value is None:
        return ""
    if isinstance(value, float):
        return language.number(value)
    return html.escape(inert(str(value)), quote=False).replace("\n", "<br/>")


def rich_markup(text: str) -> str:
    """Text for a place that reads Rich markup from a plain string (Typer's completion help): brackets escaped."""
    from rich.markup import escape  # only completion needs it; screens hand Rich `Text`, never markup

    return escape(text)


def csv_cell(value: object) -> object:
    """User text for a spreadsheet cell: controls made visible, a leading formula character quoted with '."""
    if not isinstance(value, str):
        return "" if value is None else value
    text = inert(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _escape_line_start(m: re.Match[str]) -> str:
    indent, marker = m[1], m[2]
    # "1." stays readable as "1\."; "-", "+", "=", ">" get a backslash before them.
    return indent + (marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker)


def _escape(m: re.Match[str]) -> str:
    if m[0] in _NAMED:
        return _NAMED[m[0]]
    code = ord(m[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
