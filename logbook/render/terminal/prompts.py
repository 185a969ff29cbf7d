"""Asking on the terminal for what an entry still needs: Rich prompts on stderr, answers checked as typed."""

from __future__ import annotations

from rich.prompt import Confirm, Prompt
from rich.text import Text

from logbook.domain.entries import KINDS, parse_hours, parse_kind, parse_text
from logbook.errors import InvalidValue, UnknownWord
from logbook.domain.involvement import LEVELS, forms, parse_level
from logbook.render.terminal.console import console, text

LABELS = {
    "site": "Site", "hours": "Hours (e.g. 6, 7.5, 7:30 or 08:00-14:30)", "activity": "Activity", "procedure": "Procedure",
    "role": "Level of involvement", "place": "Place",
}
SUGGESTED = 9  # how many earlier values are offered by number


def ask_yes_no(question: str, default: bool | None = None) -> bool:
    """A yes/no question on stderr; the user text in it is inert. With a `default`, Enter alone answers it."""
    if default is None:
        return Confirm.ask(text(question), console=console(stderr=True))
    return Confirm.ask(text(question), console=console(stderr=True), default=default)


def did_you_mean(meant: str, typed: str, field: str) -> bool:
    """The one question every slip gets, anywhere: "Did you mean …?", Enter being yes."""
    return ask_yes_no(f'Did you mean "{meant}"? (you typed "{typed}" as the {field})', default=True)


def ask_choice(question: str, options: tuple[str, ...]) -> str:
    """One of `options`, chosen by its number; the question and the options are inert user text."""
    out = console(stderr=True)
    out.print(text(question))
    for number, option in enumerate(options, start=1):
        out.print(Text.assemble((f"  {number}. ", "cyan"), text(option)))
    while True:
        answer = Prompt.ask(text(f"Number (1 to {len(options)})"), console=out).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1]
        out.print(text(f"Give a number from 1 to {len(options)}.", style="red"))


def ask_kind() -> str:
    """The kind, read as `logbook add KIND` reads it: a slip ("procedur") gets "did you mean procedure?"."""
    out = console(stderr=True)
    while True:
        answer = Prompt.ask(Text.assemble(text("Kind of entry "), (f"[{'/'.join(KINDS)}]", "bold magenta")), console=out)
        try:
            return parse_kind(answer)
        except UnknownWord as err:
            if err.meant is not None and did_you_mean(err.meant, answer, "kind"):
                return err.meant
            out.print(text(err.message, style="red"))


def ask_profile(missing: list[str], start: str | None = None) -> dict[str, str]:
    """An answer for each missing field of the internship profile; a date is checked as typed.

    `start` is the first day already given (YYYY-MM-DD), so an end before it is asked again, not refused at the end.
    """
    from logbook.domain.dates import parse_date, today
    from logbook.domain.internship import IN_WORDS

    out, answers = console(stderr=True), {}
    for field in missing:
        words = IN_WORDS[field]
        label = words.capitalize() + (" (e.g. 2024-12-02 or 02.12.2024)" if field in ("start", "end") else "")
        while True:
            answer = Prompt.ask(text(label), console=out)
            try:
                if field in ("start", "end"):
                    answers[field] = parse_date(answer, today(), field, future=True).isoformat()
                else:
                    answers[field] = parse_text(field, answer, required=True)
            except InvalidValue as err:
                # The question named the field in words; so does the answer to a wrong reply.
                said = err.message.removeprefix(f"{err.field}: ")
                out.print(text(f"{words.capitalize()} {said}" if said.startswith("is ") else f"{words.capitalize()}: {said}",
                               style="red"))
                continue
            first = answers.get("start", start)
            if field == "end" and first is not None and answers["end"] < first:
                out.print(text(f"End date {answers['end']} is before the start date {first}", style="red"))
                continue
            break
    return answers


def ask_fields(missing: list[str], known: dict[str, list[str]]) -> dict[str, str]:
    """An answer for each missing field, in order; values logged before are offered by number."""
    return {field: _ask(field, known.get(field, [])[:SUGGESTED]) for field in missing}


def _ask(field: str, offered: list[str]) -> str:
    out = console(stderr=True)
    label = LABELS.get(field, field.capitalize())
    if field == "role":
        # The same vocabulary as -r: the word, the report's short form or the eLogbook code, in any case.
        for name, info in LEVELS.items():
            out.print(Text.assemble((f"  {forms(name):<26}", "bold"), text(info["meaning"])))
        while True:
            answer = Prompt.ask(text(label), console=out)
            try:
                return parse_level(answer)
            except UnknownWord as err:
                if err.meant is not None and did_you_mean(err.meant, answer, "level of involvement"):
                    return err.meant
                out.print(text(err.message, style="red"))
    if offered:
        out.print(text(f"{label.split(' (')[0]}: logged before"))
        for number, value in enumerate(offered, start=1):
            out.print(Text.assemble((f"  {number}. ", "cyan"), text(value)))
        label += " (a number above, or type a new one)"
    while True:
        answer = Prompt.ask(text(label), console=out)
        if offered and answer.strip().isdigit():
            if 1 <= int(answer) <= len(offered):
                return offered[int(answer) - 1]
            # A stray number is a slip, not a site called "7".
            out.print(text(f"There is no {answer.strip()} above; give a number from 1 to {len(offered)}, or type a name.", style="red"))
            continue
        try:
            if field == "hours":
                parse_hours(answer)
                return answer
            return parse_text(field, answer, required=True)
        except InvalidValue as err:
            out.print(text(err.message, style="red"))
