"""What one run of the command knows: the --db and --debug options, the settings and the logbook they name."""

from pathlib import Path

state: dict = {"db": None, "debug": False, "settings": None}


def start(db: Path | None, debug: bool) -> None:
    """A new run: forget the settings read by the last one."""
    state.update(db=db, settings=None, debug=debug or state["debug"])


def settings():
    """Options, environment and config file; the file is read the first time a setting needs it."""
    from logbook.config import Settings

    if state["settings"] is None:
        state["settings"] = Settings(options={"db": str(state["db"]) if state["db"] else None})
    return state["settings"]


def logbook():
    """The logbook the options, environment or config file name (else the one in the data folder)."""
    from logbook.services.log import open_logbook

    return open_logbook(settings().get("db"))


def date_format() -> str:
    return settings().get("date_format")


def report_language(given: str | None, fmt: str | None) -> str:
    """Speak the report in --lang, else LOGBOOK_LANGUAGE, else the config file's language, else English.

    JSON stays English (a machine format); CSV too unless --lang asks, so a spreadsheet's columns stay put.
    """
    from logbook.render import language

    if given is not None:
        try:
            code = language.check_language(given, "--lang")
        except Exception as refused:
            from logbook.errors import UsageError

            raise UsageError(refused.args[0]) from None
    else:
        code = "en" if fmt in ("csv", "json") else settings().get("language")
    language.use("en" if fmt == "json" else code)
    return code


def date_option(text: str | None, field: str) -> str | None:
    """A --from/--to style option as an ISO day, or None when not given."""
    from logbook.services.choices import day

    return day(text, field) if text is not None else None
