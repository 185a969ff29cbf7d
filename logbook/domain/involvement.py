"""Levels of involvement in a procedure, and their crosswalk to the UK eLogbook and ACGME roles."""

from __future__ import annotations

from logbook.errors import InvalidValue

# Ordered from hands-off to most hands-on; teaching ranks with independent for targets.
LEVELS: dict[str, dict[str, str]] = {
    "observed": {
        "meaning": "present, hands off",
        "elogbook": "O",
        "acgme": "Observer (not credited as a case)",
    },
    "assisted": {
        "meaning": "helped; the supervisor did the key steps",
        "elogbook": "A",
        "acgme": "First Assistant",
    },
    "supervised": {
        "meaning": "did the key steps with the supervisor present",
        "elogbook": "S-TS",
        "acgme": "Surgeon, attending present",
    },
    "independent": {
        "meaning": "did it; supervisor absent or only available",
        "elogbook": "P",
        "acgme": "Surgeon",
    },
    "teaching": {
        "meaning": "supervised someone more junior",
        "elogbook": "T",
        "acgme": "Teaching Assistant",
    },
}

HELP = "; ".join(f"{name} = {info['meaning']}" for name, info in LEVELS.items())


def parse_level(text: object, field: str = "role") -> str:
    """Accept a level by name (any case) or by its UK eLogbook code."""
    if isinstance(text, str):
        wanted = text.strip().lower()
        for name, info in LEVELS.items():
            if wanted in (name, info["elogbook"].lower()):
                return name
    raise InvalidValue(field, f"{text!r} is not a level; use one of {', '.join(LEVELS)}")


def rank(level: str) -> int:
    """How hands-on a level is: teaching counts as independent."""
    return min(list(LEVELS).index(level), list(LEVELS).index("independent"))


def crosswalk() -> list[dict[str, str]]:
    """The levels with their eLogbook codes and ACGME roles, as the export carries them."""
    return [{"role": name, **info} for name, info in LEVELS.items()]
