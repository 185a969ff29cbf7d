"""Rich screens for the terminal: lists, the report, targets, the cohort, doctor, verify, prompts, progress.

Each module imports Rich when it is loaded; the CLI loads them only in the commands that draw.
"""
