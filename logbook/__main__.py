"""Run the logbook CLI as `python -m logbook`."""

from logbook.cli import run

run()
