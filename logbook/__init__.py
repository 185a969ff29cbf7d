"""logbook: an internship logbook for medical residents, kept from the terminal."""

__version__ = "0.1.0"
