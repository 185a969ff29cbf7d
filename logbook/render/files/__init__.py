"""The report written to files, one module per format: Markdown, HTML, CSV, JSON, PDF, SVG charts, plain text."""

from __future__ import annotations

from importlib import import_module

# Each format's module and function, imported only when that format is asked for.
RENDERERS = {
    "text": ("text", "render_text"),
    "md": ("markdown", "render_markdown"),
    "html": ("html_page", "render_html"),
    "csv": ("csv_rows", "render_csv"),
    "json": ("json_data", "render_json"),
    "pdf": ("pdf", "render_pdf"),  # ReportLab, ~0.1 s to import: only the PDF pays
}


def render_report(s: dict, fmt: str) -> bytes:
    """The report `s` in one format, as the bytes of a file."""
    module, function = RENDERERS[fmt]
    rendered = getattr(import_module(f"logbook.render.files.{module}"), function)(s)
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered
