"""The console script: answers `logbook --version` before loading the CLI, then hands over to it."""

from __future__ import annotations

import sys


def run() -> None:
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
