"""What `logbook verify` found, drawn with Rich: a match for the scope the fingerprint covers, or what changed since."""

from __future__ import annotations

from rich.text import Text

from logbook.domain.entries import title
from logbook.render.terminal.console import screen_table, show, text


def covered(payload: dict, internship: dict | None) -> str:
    """The part of the logbook a fingerprint covers, in words: its period and any site or kind it was limited to."""
    from logbook.domain.fingerprint import scope_words

    words = scope_words(payload["scope"], len(payload["entries"]))
    bases = payload["scope"].get("bases")
    return words + f" on the sign-off sheet{'s' if len(bases) > 1 else ''} of {'; '.join(bases)}" if bases else words


def whole(payload: dict, internship: dict | None) -> bool:
    """Whether the fingerprint covers the whole internship: every day of it, every site and kind."""
    scope = payload["scope"]
    return (internship is not None and not scope.get("site") and not scope.get("kind") and not scope.get("bases")
            and scope["from"] <= internship["start"] and scope["to"] >= internship["end"])


# What an older fingerprint covered that today's does not, said beside its answer.
OLDER = {1: "The fingerprint is version 1, made by logbook before it stopped covering when each entry was last "
            "edited: an entry edited and changed back since shows as changed. A report made again now is version 2."}


def print_verification(result: dict, report: str, source: str, payload: dict, internship: dict | None = None) -> None:
    """A match, or a table of what changed; ids and dates never wrap, the entry's words wrap whole."""
    digest = payload["digest"]
    scope = covered(payload, internship)
    older = OLDER.get(payload.get("version"))
    if result["matches"]:
        answer = (f"Match: {source} holds exactly the internship profile and the {scope} that the fingerprint in "
                  f"{report} covers (SHA-256 {digest}).")
        if not whole(payload, internship):
            answer += (" The fingerprint covers only that part of the internship: it says nothing about anything "
                       "else the report shows.")
        show([text(answer)] + ([text(older)] if older else []))
        return
    parts = [text(f"Changed since the fingerprint in {report} was made ({scope}; SHA-256 {digest}):")]
    if older:
        parts.insert(0, text(older))
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
