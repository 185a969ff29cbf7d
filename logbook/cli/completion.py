"""Shell completion of option values: kinds, levels, settings, and the sites, names and ids of the current logbook.

Imported by the CLI at start-up, so it imports nothing heavy until a shell asks for completions.

A logbook's text is data from anywhere (an import, a colleague's file): it reaches the shells only in a form
their completion scripts cannot run or draw as escape sequences (see `_inert`).
"""

import os
import re
import unicodedata

_UNSAFE_FOR_BASH = re.compile(r"[^\w@%+=:,./-]")
# The longest description shown beside a candidate: one line in a menu, never wrapped into a new candidate.
DESCRIPTION_LENGTH = 60


def _unprintable(char: str) -> bool:
    """Control, format (bidi, zero-width), separator-of-lines and unassigned characters: never sent to a shell."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _carried_intact(value: str) -> bool:
    """Whether every shell can offer this value as it is.

    Typer's zsh script evals what it is given and escapes `$` and backticks but not the backslash, so a
    backslash could unescape them; a control character would reach the screen.
    """
    return "\\" not in value and not any(_unprintable(c) for c in value)


def _description(text: str) -> str:
    """A candidate's help made inert: one line of printable text without backslashes, Rich markup escaped."""
    from rich.markup import escape

    plain = "".join(" " if _unprintable(c) else c for c in text).replace("\\", "/")
    plain = " ".join(plain.split())
    if len(plain) > DESCRIPTION_LENGTH:
        plain = plain[: DESCRIPTION_LENGTH - 1].rstrip() + "…"
    # Typer renders zsh's and fish's help through Rich markup: a `[/x]` in an entry would stop completion.
    return escape(plain)


def _inert(candidates) -> list:
    """Candidates (text or (text, help)) as the shells may receive them; values no shell can carry are left out."""
    bash = os.environ.get("_LOGBOOK_COMPLETE", "").endswith("bash")
    found = []
    for candidate in candidates:
        value, help_text = candidate if isinstance(candidate, tuple) else (candidate, None)
        if not _carried_intact(value):
            continue
        if bash:
            # Bash inserts a candidate as it is: a space or quote in a name must arrive escaped.
            value = _UNSAFE_FOR_BASH.sub(r"\\\g<0>", value)
        # Bash shows no descriptions; the others get them inert.
        help_text = _description(help_text) if help_text and not bash else None
        found.append((value, help_text) if help_text else value)
    return found


def _matching(candidates, incomplete: str, any_case: bool = False) -> list:
    """Candidates (text or (text, help)) that start with what was typed, made inert for the shell.

    Typer keeps only candidates that start with the typed text. With `any_case` (values the logbook reads in any
    case: kinds, levels, categories, names) a candidate that starts with it in another case is offered completing
    what was typed as typed: "lap" → "laparoscopic appendectomy", stored as "Laparoscopic appendectomy".
    """
    typed = incomplete or ""
    found = []
    for candidate in candidates:
        value, rest = (candidate[0], candidate[1:]) if isinstance(candidate, tuple) else (candidate, ())
        if not value.startswith(typed):
            if not (any_case and value[:len(typed)].casefold() == typed.casefold()):
                continue
            value = typed + value[len(typed):]
        found.append((value, *rest) if rest else value)
    return _inert(found)


def _entries(ctx) -> list[dict]:
    """The current logbook's entries, read without locking, migrating or writing; none if it cannot be read."""
    from logbook.config import Settings
    from logbook.errors import LogbookError

    db = ctx.find_root().params.get("db") if ctx is not None else None
    try:
        chosen = Settings(options={"db": str(db) if db else None}).get("db")
        from logbook.services.records import entries_as_they_are

        return entries_as_they_are(chosen)
    except LogbookError:
        return []


def _known(ctx, field: str, incomplete: str) -> list:
    from logbook.domain.entries import known_values

    return _matching(known_values(_entries(ctx), field), incomplete, any_case=True)


def complete_kind(incomplete: str) -> list:
    from logbook.domain.entries import KINDS

    return _matching(list(KINDS), incomplete, any_case=True)


def complete_level(incomplete: str) -> list:
    from logbook.domain.involvement import LEVELS

    found = _matching([(name, info["meaning"]) for name, info in LEVELS.items()], incomplete, any_case=True)
    # The report's short forms and the eLogbook codes are accepted too: offered once the typed text fits only them.
    return found or _matching([(info[form], name) for form in ("short", "elogbook") for name, info in LEVELS.items()],
                              incomplete, any_case=True)


def complete_category(incomplete: str) -> list:
    from logbook.domain.entries import CATEGORIES

    return _matching(list(CATEGORIES), incomplete, any_case=True)


def complete_site(ctx, incomplete: str) -> list:
    return _known(ctx, "site", incomplete)


def complete_supervisor(ctx, incomplete: str) -> list:
    return _known(ctx, "supervisor", incomplete)


def complete_procedure(ctx, incomplete: str) -> list:
    """Names logged before (latest first), then the catalogue's; a synonym only once no name fits what was typed."""
    from logbook.domain.catalogue import catalogue
    from logbook.domain.entries import known_values
    from logbook.domain.names import name_key

    logged = known_values(_entries(ctx), "procedure")
    seen = {name_key(name) for name in logged}
    names = [*logged, *(name for name in catalogue().all_names() if name_key(name) not in seen)]
    found = _matching(names, incomplete, any_case=True)
    # Through the same inert path as the logbook's own names: the catalogue is data too.
    return found or _matching([(synonym, f"= {name}") for name, synonyms in catalogue().synonyms.items()
                               for synonym in synonyms], incomplete, any_case=True)


def complete_place(ctx, incomplete: str) -> list:
    return _known(ctx, "place", incomplete)


def complete_id(ctx, incomplete: str) -> list:
    from logbook.domain.entries import in_date_order, short_id_length, title

    entries = in_date_order(_entries(ctx))
    wanted = (incomplete or "").lower()
    shown = max(short_id_length(entries), len(wanted))
    return _inert([(e["id"][:shown], f"{e['date']} {e['kind']}: {title(e)}")
                   for e in reversed(entries) if e["id"].startswith(wanted)])


def complete_setting(incomplete: str) -> list:
    from logbook.config import KEYS

    return _matching(list(KEYS.items()), incomplete)


def complete_setting_value(ctx, incomplete: str) -> list:
    from logbook.config import DATE_FORMATS

    key = ctx.params.get("key")
    if key == "date_format":
        return _matching(list(DATE_FORMATS), incomplete)
    if key == "site":
        return complete_site(ctx, incomplete)
    if key == "language":
        from logbook.render.language import LANGUAGES

        return _matching(list(LANGUAGES.items()), incomplete)
    return []
