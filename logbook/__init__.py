"""logbook: an internship logbook for medical residents, kept from the terminal."""

__version__ = "0.1.0"


def version_line() -> str:
    return f"logbook {__version__}"
