"""The console script: sets the output's encoding, answers `logbook --version` before loading the CLI, then hands over to it."""

from __future__ import annotations

import sys


def run() -> None:
    utf8_out()
    # `--version` alone needs none of Typer's start-up, most of a command's time.
    if sys.argv[1:] == ["--version"]:
        from logbook import version_line

        print(version_line())
        sys.exit(0)
    import gc

    from logbook.cli.app import run as run_cli

    # Start-up's objects (Typer, the commands) live until exit: collections while reading a big logbook skip them.
    gc.freeze()
    run_cli()


def utf8_out() -> None:
    """Text to a pipe or a file is UTF-8 whatever the locale says; a terminal keeps its own encoding.

    A Windows `logbook summary > report.txt` would otherwise be written in cp1252, every Cyrillic letter a `?`.
    A terminal's encoding is what it can show (Rich draws ASCII boxes for an ASCII one): a character it cannot
    show is replaced there, never a crash.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            terminal = stream.isatty()
        except (AttributeError, OSError, ValueError):  # closed, or replaced by something that is not a stream
            continue
        if not hasattr(stream, "reconfigure"):
            continue
        if not terminal:
            # backslashreplace: a lone surrogate (undecodable bytes in argv) is shown as \udcff, not a crash.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        elif stream.errors == "strict":
            stream.reconfigure(errors="replace")
