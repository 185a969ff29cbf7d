"""Names as the resident meant them: the catalogue's or the logbook's spelling, a likely slip asked about on a terminal."""

import sys
from typing import Callable

from logbook import errors


def settle_word(parse: Callable[[str], str], typed: str, field: str) -> str:
    """A word of a fixed list (a kind, a level) as `parse` reads it; a slip is asked about on a terminal, else refused."""
    try:
        return parse(typed)
    except errors.UnknownWord as slip:
        if slip.meant is None or not sys.stdin.isatty():
            raise
        from logbook.render.terminal.prompts import did_you_mean

        if did_you_mean(slip.meant, typed, field):
            return slip.meant
        raise


def settle_level(values: dict) -> dict:
    """`values` with the level of involvement as `-r` reads it; a slip in it is asked about as a slip in a name is."""
    if not isinstance(values.get("role"), str):
        return dict(values)
    from logbook.services.choices import level

    return {**values, "role": settle_word(level, values["role"], "level of involvement")}


def settle_names(logbook, values: dict, as_typed: bool, day_entries: list[dict] | None = None,
                 settled: set[str] | None = None, phrases: bool = False, new_entry: bool = False):
    """Names as the catalogue or the logbook spell them; a likely slip is asked about on a terminal, else refused.

    `settled` collects the fields already settled, so that settling more values later leaves them as they are.
    """
    from logbook.services import names

    values, kept = settle_level(values), settled if settled is not None else set()
    synonyms = [] if as_typed else logbook.read().synonyms()
    while True:
        try:
            named = names.settle_names(lambda: logbook.read().entries(), values, as_typed=as_typed,
                                       kept=frozenset(kept), day_entries=day_entries, phrases=phrases,
                                       new_entry=new_entry, synonyms=synonyms)
            kept.update(f for f, v in values.items() if isinstance(v, str) and v.strip())
            return named
        except errors.TwoProcedures as two:
            if not sys.stdin.isatty():
                raise
            from logbook.render.terminal.prompts import ask_choice

            chosen = ask_choice(f'"{two.typed}" could be more than one procedure; which one is this entry?', two.candidates)
            values["procedure"] = chosen
            if two.details[chosen] and not values.get("details"):
                values["details"] = two.details[chosen]
        except errors.LikelyTypo as slip:
            if not sys.stdin.isatty():
                raise
            from logbook.render.terminal.prompts import did_you_mean

            if did_you_mean(slip.meant, slip.typed, slip.field):
                values[slip.field] = slip.meant
            else:
                kept.add(slip.field)


def settle_site(logbook, typed: str, settled: set[str]) -> str:
    """The logged site `typed` names (any part, any case); a slip is asked about on a terminal, else refused.

    A site kept as typed after the question is added to `settled`, so that settle_names does not ask again.
    """
    from logbook.services import records

    try:
        return records.logged_site(logbook, typed)
    except errors.LikelyTypo as slip:
        if not sys.stdin.isatty():
            raise
        from logbook.render.terminal.prompts import did_you_mean

        if did_you_mean(slip.meant, slip.typed, slip.field):
            return slip.meant
        settled.add("site")
        return typed
