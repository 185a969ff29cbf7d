"""Renderers: the only modules that turn plain data into Rich output and report formats."""
