"""Run the logbook CLI as `python -m logbook`."""

from logbook.launch import run

run()
