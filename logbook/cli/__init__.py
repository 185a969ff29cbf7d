"""The `logbook` command line: Typer only, one module per group of commands, built by logbook.cli.app."""


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit code (tests and the console script come through here)."""
    from logbook.cli.app import main as run_command  # imported here so `logbook.cli.completion` stays light

    return run_command(argv)
