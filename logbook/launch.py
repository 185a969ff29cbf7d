"""The console script: sets the output's encoding, answers `logbook --version` before loading the CLI, then hands over to it."""

from __future__ import annotations

import os
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
            stream.reconfigure(encoding=_pipe_encoding(), errors="backslashreplace")
        elif stream.errors in ("strict", "surrogateescape"):  # a C locale's ASCII terminal raises on any other letter
            stream.reconfigure(errors="replace")


def _pipe_encoding() -> str:
    """UTF-8; but PowerShell reads a completer's output in its console's code page, so completions go out in that."""
    if os.environ.get("_LOGBOOK_COMPLETE", "").endswith(("_powershell", "_pwsh")):
        code_page = console_code_page()
        if code_page:
            import codecs

            try:
                return codecs.lookup(code_page).name
            except LookupError:
                pass
    return "utf-8"


def console_code_page() -> str | None:
    """The Windows console's output code page (what PowerShell's [Console]::OutputEncoding is), e.g. cp866."""
    if sys.platform != "win32":
        return None
    import ctypes

    page = ctypes.windll.kernel32.GetConsoleOutputCP()  # 0 without a console
    return f"cp{page}" if page else None
