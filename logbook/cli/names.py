"""Names as the resident meant them: the catalogue's or the logbook's spelling, a likely slip asked about on a terminal."""

import sys

from logbook import errors


def settle_names(logbook, values: dict, as_typed: bool, day_entries: list[dict] | None = None,
                 settled: set[str] | None = None):
    """Names as the catalogue or the logbook spell them; a likely slip is asked about on a terminal, else refused.

    `settled` collects the fields already settled, so that settling more values later leaves them as they are.
    """
    from logbook.services import names

    values, kept = dict(values), settled if settled is not None else set()
    while True:
        try:
            named = names.settle_names(lambda: logbook.read().entries(), values, as_typed=as_typed,
                                       kept=frozenset(kept), day_entries=day_entries)
            kept.update(f for f, v in values.items() if isinstance(v, str) and v.strip())
            return named
        except errors.LikelyTypo as slip:
            if not sys.stdin.isatty():
                raise
            from logbook.render.terminal.prompts import ask_yes_no

            if ask_yes_no(f'Did you mean "{slip.meant}"? (you typed "{slip.typed}" as the {slip.field})'):
                values[slip.field] = slip.meant
            else:
                kept.add(slip.field)


def with_renamed(message: str, stored_otherwise: list[tuple[str, str, str, str]]) -> str:
    """The message, then 'Named as the catalogue has it: LSCS → Caesarean section.' for each name stored otherwise."""
    by_whom: dict[str, list[str]] = {}
    for _field, typed, stored, whose in stored_otherwise:
        by_whom.setdefault(whose, []).append(f"{typed} → {stored}")
    said = [f"Named as {whose} has it: {', '.join(pairs)}." for whose, pairs in by_whom.items()]
    if not said:
        return message
    return f"{message if message.endswith('.') else message + '.'} {' '.join(said)}"
