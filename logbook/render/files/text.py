"""The report as a plain text file: what the terminal shows, without colour, 80 columns wide as on a terminal, nothing left out."""

from __future__ import annotations


def render_text(s: dict) -> str:
    from logbook.render.terminal.report import report_text  # Rich lays the text out, as on the terminal

    return report_text(s)
