"""Shell completion of option values: kinds, levels, settings, and the sites, names and ids of the current logbook.

Imported by the CLI at start-up, so it imports nothing heavy until a shell asks for completions.

A logbook's text is data from anywhere (an import, a colleague's file): it reaches the shells only in a form
their completion scripts cannot run or draw as escape sequences (see `_inert`).
"""

import os
import re
import unicodedata

_UNSAFE_FOR_BASH = re.compile(r"[^\w@%+=:,./-]")
# Typer's zsh script evals its answer twice, inside quotes it doubles: a quote or the second of two spaces would
# vanish. Each arrives instead as a fixed zsh expansion of its character code (never of logbook text).
_LOST_IN_ZSH = re.compile(r"['\"]|(?<= ) ")
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
    from logbook.render.escaping import rich_markup

    plain = "".join(" " if _unprintable(c) else c for c in text).replace("\\", "/")
    plain = " ".join(plain.split())
    if len(plain) > DESCRIPTION_LENGTH:
        plain = plain[: DESCRIPTION_LENGTH - 1].rstrip() + "…"
    # Typer renders zsh's and fish's help through Rich markup: a `[/x]` in an entry would stop completion.
    return rich_markup(plain)


def _inert(candidates) -> list:
    """Candidates (text or (text, help)) as the shells may receive them; values no shell can carry are left out."""
    shell = os.environ.get("_LOGBOOK_COMPLETE", "")
    bash, zsh = shell.endswith("bash"), shell.endswith("zsh")
    found = []
    for candidate in candidates:
        value, help_text = candidate if isinstance(candidate, tuple) else (candidate, None)
        if not _carried_intact(value):
            continue
        if bash:
            # Bash inserts a candidate as it is: a space or quote in a name must arrive escaped.
            value = _UNSAFE_FOR_BASH.sub(r"\\\g<0>", value)
        elif zsh:
            value = _for_zsh(value)
        # Bash shows no descriptions; the others get them inert.
        help_text = _description(help_text) if help_text and not bash else None
        if help_text and zsh:
            help_text = _for_zsh(help_text)  # the description travels the same evals as the value
        found.append((value, help_text) if help_text else value)
    return found


def _for_zsh(value: str) -> str:
    """The value as Typer's zsh script must receive it to insert it exactly: "Children's" as Children\\${(#)…-39}s.

    The backslash is ours (values holding one are left out): Typer escapes the `$` after it, zsh's second eval
    leaves our backslash before the expansion's result, and compdescribe removes it.
    """
    return _LOST_IN_ZSH.sub(lambda m: "\\${(#)_logbook_char-%d}" % ord(m[0]), value)


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
    from logbook.services.choices import known_names

    return _matching(known_names(_entries(ctx), field), incomplete, any_case=True)


def complete_kind(incomplete: str) -> list:
    from logbook.services.choices import kinds

    return _matching(kinds(), incomplete, any_case=True)


def complete_level(incomplete: str) -> list:
    from logbook.services.choices import levels

    names, other_forms = levels()
    # The report's short forms and the eLogbook codes are accepted too: offered once the typed text fits only them.
    return _matching(names, incomplete, any_case=True) or _matching(other_forms, incomplete, any_case=True)


def complete_category(incomplete: str) -> list:
    from logbook.services.choices import categories

    return _matching(categories(), incomplete, any_case=True)


def complete_site(ctx, incomplete: str) -> list:
    return _known(ctx, "site", incomplete)


def complete_supervisor(ctx, incomplete: str) -> list:
    return _known(ctx, "supervisor", incomplete)


def complete_procedure(ctx, incomplete: str) -> list:
    """Names logged before (latest first), then the catalogue's; a synonym only once no name fits what was typed."""
    from logbook.services.choices import procedure_names

    names, synonyms = procedure_names(_entries(ctx))
    # Through the same inert path as the logbook's own names: the catalogue is data too.
    return _matching(names, incomplete, any_case=True) or _matching(synonyms, incomplete, any_case=True)


def complete_place(ctx, incomplete: str) -> list:
    return _known(ctx, "place", incomplete)


def complete_id(ctx, incomplete: str) -> list:
    from logbook.services.choices import entry_ids

    return _inert(entry_ids(_entries(ctx), incomplete or ""))


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
    if key == "working_days":
        return _matching(["mon-fri", "mon-sat", "sun-thu"], incomplete)
    return []
