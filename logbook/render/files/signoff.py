"""Sign-off sheets written to files: each format's module, imported only when that format is asked for."""

from __future__ import annotations

from importlib import import_module

FORMAT = "internship-logbook-signoff"
SHEETS_VERSION = 1
# Text, Markdown, HTML and PDF lay the sheets out; CSV and JSON are the summary's own, over the sheets' entries.
RENDERERS = {
    "text": ("logbook.render.terminal.signoff", "sheets_text"),
    "md": ("logbook.render.files.signoff_markdown", "render_sheets_markdown"),
    "html": ("logbook.render.files.signoff_html", "render_sheets_html"),
    "csv": ("logbook.render.files.csv_rows", "render_csv"),
    "json": ("logbook.render.files.signoff", "render_sheets_json"),
    "pdf": ("logbook.render.files.signoff_pdf", "render_sheets_pdf"),  # ReportLab: only the PDF pays
}


def render_sheets(s: dict, fmt: str) -> bytes:
    """The sheets `s` (as `domain.signoff.sheets` builds them) in one format, as the bytes of a file."""
    module, function = RENDERERS[fmt]
    rendered = getattr(import_module(module), function)(s)
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered


def render_sheets_json(s: dict) -> str:
    """The sheets under documented keys (README, "Sign-off sheets"); `log` and `signature` as in the summary's JSON."""
    from logbook.render.escaping import json_document

    return json_document({"format": FORMAT, "sheets_version": SHEETS_VERSION, **s}).decode("utf-8")
