"""The report and other outputs as files: Markdown, HTML, CSV, JSON, SVG charts, plain text."""

from __future__ import annotations

from importlib import import_module

# Each format's module and function, imported only when that format is asked for.
RENDERERS = {
    "text": ("text", "render_text"),
    "md": ("markdown", "render_markdown"),
    "html": ("html_page", "render_html"),
    "csv": ("csv_rows", "render_csv"),
    "json": ("json_data", "render_json"),
}


def render_report(s: dict, fmt: str) -> str:
    """The report `s` in one format, as the text of a file."""
    module, function = RENDERERS[fmt]
    return getattr(import_module(f"logbook.render.files.{module}"), function)(s)
