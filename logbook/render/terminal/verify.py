"""What `logbook verify` found, drawn with Rich: a match, or the entries added, changed and removed since."""

from __future__ import annotations

from rich.text import Text

from logbook.domain.entries import plural, title
from logbook.render.terminal.console import screen_table, show, text


def print_verification(result: dict, report: str, source: str, payload: dict) -> None:
    """A match, or a table of what changed; ids and dates never wrap, the entry's words wrap whole."""
    digest = payload["digest"]
    if result["matches"]:
        show([text(f"OK: {source} holds exactly {plural(len(payload['entries']), 'entry')} and the internship "
                   f"that {report} was signed with (SHA-256 {digest}).")])
        return
    parts = [text(f"Changed since {report} was signed (SHA-256 {digest}):")]
    if result["internship_changed"]:
        parts.append(text("  the internship profile (resident, institutions or dates) differs"))
    table = screen_table()
    for name in ("Change", "ID", "Date", "Kind"):
        table.add_column(name, no_wrap=True)
    table.add_column("What", overflow="fold")
    for change in ("added", "changed"):
        for e in result[change]:
            table.add_row(change, text(e["id"][:8]), text(e["date"]), text(e["kind"]), text(title(e)))
    for r in result["removed"]:
        table.add_row("removed", text(r["id"][:8]), text(r["date"]), "", Text("no longer in ", style="dim") + text(source, "dim"))
    if table.row_count:
        parts.append(table)
    show(parts)
