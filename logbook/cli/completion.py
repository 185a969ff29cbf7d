"""Shell completion of option values: kinds, levels, settings, and the sites, names and ids of the current logbook.

Imported by the CLI at start-up, so it imports nothing heavy until a shell asks for completions.

A logbook's text is data from anywhere (an import, a colleague's file): it reaches the shells only in a form
their completion scripts cannot run or draw as escape sequences (see `_inert`).
"""

import os
import re
import unicodedata

_UNSAFE_FOR_BASH = re.compile(r"[^\w@%+=:,./-]")
_GLOB = re.compile(r"[*?\[]")
# PowerShell places a completer's text on the command line as it is: only a word starting with a letter (no number
# literal such as 1e3 or 0x10) and holding none of its operators goes bare; anything else is single-quoted.
_BARE_IN_POWERSHELL = re.compile(r"[^\W\d][\w.:/+=%-]*")
# PowerShell reads each of these as a single quote; inside single quotes each is written twice.
_POWERSHELL_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
_POWERSHELL_QUOTES = _POWERSHELL_SINGLE_QUOTES + '"\u201c\u201d\u201e'
# Typer's zsh script evals its answer twice, inside quotes it doubles: a quote or the second of two spaces would
# vanish. Each arrives instead as a fixed zsh expansion of its character code (never of logbook text).
_LOST_IN_ZSH = re.compile(r"['\"]|(?<= ) ")
# The longest description shown beside a candidate: one line in a menu, never wrapped into a new candidate.
DESCRIPTION_LENGTH = 60
# The most candidates offered at once: the first that match. 100,000 places froze zsh for most of a minute.
MOST_CANDIDATES = 200


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


class _Matched(str):
    """A candidate already matched against what was typed, in the form its shell must receive.

    Typer keeps only candidates that start with the typed text as it is; a value escaped or quoted for the shell
    (`Children\\'s`, `'Children''s hospital'`) does not, once that text holds a quote or a space, and would be lost.
    """

    def startswith(self, *args) -> bool:
        return True


def _shell() -> str:
    """bash, zsh, fish or powershell: the shell asking for completions."""
    shell = os.environ.get("_LOGBOOK_COMPLETE", "").rpartition("_")[2]
    return "powershell" if shell == "pwsh" else shell


def _inert(candidates) -> list:
    """Candidates (text or (text, help)) as the shells may receive them; values no shell can carry are left out."""
    shell = _shell()
    bash_quote = _bash_opening_quote() if shell == "bash" else ""
    found = []
    for candidate in candidates:
        value, help_text = candidate if isinstance(candidate, tuple) else (candidate, None)
        if not _carried_intact(value) or (shell == "powershell" and not _carried_by_powershell(value)):
            continue
        if bash_quote and _GLOB.search(value):  # bash expands Typer's answer as a pattern: inside quotes it stays one
            continue
        if shell == "bash":
            value = _for_bash(value, bash_quote)
        elif shell == "zsh":
            value = _for_zsh(value)
        elif shell == "powershell":
            value = _for_powershell(value)
        # Bash shows no descriptions; the others get them inert.
        help_text = _description(help_text) if help_text and shell != "bash" else None
        if help_text and shell == "zsh":
            help_text = _for_zsh(help_text)  # the description travels the same evals as the value
        found.append((_Matched(value), help_text) if help_text else _Matched(value))
        if len(found) == MOST_CANDIDATES:
            break
    return found


def _bash_opening_quote() -> str:
    """The quote the word being completed opens with in bash, if any: bash inserts a candidate after it."""
    words = os.environ.get("COMP_WORDS", "")  # Typer's script joins the words with newlines
    try:
        word = words.split("\n" if "\n" in words else " ")[int(os.environ.get("COMP_CWORD", ""))]
    except (ValueError, IndexError):
        return ""
    return word[:1] if word[:1] in ("'", '"') else ""


def _for_bash(value: str, quote: str) -> str:
    """The value as bash must insert it: inside the quote it opened, or with a backslash before each special character.

    Inside double quotes `"`, `$` and the backtick are escaped, and `!` (history expansion) is stepped out to as `"\\!"`;
    inside single quotes only a single quote ends them, stepped out of as `'\\''`.
    """
    if quote == "'":
        return value.replace("'", "'\\''")
    if quote == '"':
        return re.sub(r'(["$`])', r"\\\1", value).replace("!", '"\\!"')
    return _UNSAFE_FOR_BASH.sub(r"\\\g<0>", value)


def _carried_by_powershell(value: str) -> bool:
    """Typer's PowerShell script splits each line at ":::", and reads it in the encoding its output was given."""
    import sys

    try:
        value.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return ":::" not in value


def _for_powershell(value: str) -> str:
    """The value as PowerShell must find it on the command line: bare when it can be, else single-quoted.

    In single quotes nothing is expanded (no `$`, backtick or subexpression); only a quote ends them, so each is doubled.
    """
    if _BARE_IN_POWERSHELL.fullmatch(value):
        return value
    return "'" + "".join(c * 2 if c in _POWERSHELL_SINGLE_QUOTES else c for c in value) + "'"


def _typed(incomplete: str | None) -> str:
    """What was typed of the value: PowerShell hands over the word as typed, with a quote it opens with."""
    typed = incomplete or ""
    if _shell() == "powershell" and typed and typed[0] in _POWERSHELL_QUOTES:
        opening, typed = typed[0], typed[1:]
        if opening in _POWERSHELL_SINGLE_QUOTES:
            typed = re.sub(f"([{_POWERSHELL_SINGLE_QUOTES}])\\1", r"\1", typed)
    return typed


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
    typed = _typed(incomplete)

    def fitting():  # lazily, so _inert stops looking at the first MOST_CANDIDATES
        for candidate in candidates:
            value, rest = (candidate[0], candidate[1:]) if isinstance(candidate, tuple) else (candidate, ())
            if not value.startswith(typed):
                if not (any_case and value[:len(typed)].casefold() == typed.casefold()):
                    continue
                value = typed + value[len(typed):]
            yield (value, *rest) if rest else value

    return _inert(fitting())


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

    return _listed(procedure_names(_entries(ctx)), incomplete)


def complete_place(ctx, incomplete: str) -> list:
    """Places logged before (latest first), then the gazetteer's; another spelling only once no name fits."""
    from logbook.services.choices import place_names

    return _listed(place_names(_entries(ctx)), incomplete)


def _listed(names_and_spellings: tuple[list[str], list[tuple[str, str]]], incomplete: str) -> list:
    names, synonyms = names_and_spellings
    # Through the same inert path as the logbook's own names: the catalogue and the gazetteer are data too.
    return _matching(names, incomplete, any_case=True) or _matching(synonyms, incomplete, any_case=True)


def complete_id(ctx, incomplete: str) -> list:
    from logbook.services.choices import entry_ids

    return _inert(entry_ids(_entries(ctx), _typed(incomplete)))


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
