"""Levels of involvement in a procedure, and their crosswalk to the UK eLogbook and ACGME roles."""

from __future__ import annotations

from logbook.domain.names import name_key, suggest
from logbook.errors import UnknownWord

# Ordered from hands-off to most hands-on; teaching ranks with independent for targets.
LEVELS: dict[str, dict[str, str]] = {
    "observed": {
        "short": "obs",
        "meaning": "present, hands off",
        "elogbook": "O",
        "acgme": "Observer (not credited as a case)",
    },
    "assisted": {
        "short": "asst",
        "meaning": "helped; the supervisor did the key steps",
        "elogbook": "A",
        "acgme": "First Assistant",
    },
    "supervised": {
        "short": "sup",
        "meaning": "did the key steps with the supervisor present",
        "elogbook": "S-TS",
        "acgme": "Surgeon, attending present",
    },
    "independent": {
        "short": "indep",
        "meaning": "did it; supervisor absent or only available",
        "elogbook": "P",
        "acgme": "Surgeon",
    },
    "teaching": {
        "short": "teach",
        "meaning": "supervised someone more junior",
        "elogbook": "T",
        "acgme": "Teaching Assistant",
    },
}


def forms(name: str) -> str:
    """A level with its other accepted forms: 'assisted (asst, A)'."""
    return f"{name} ({LEVELS[name]['short']}, {LEVELS[name]['elogbook']})"


# One vocabulary everywhere: options, prompts, completion and help accept the word, the report's short form
# (the summary's column headers) and the eLogbook code, in any case.
ACCEPTED = ", ".join(forms(name) for name in LEVELS)
HELP = "; ".join(f"{forms(name)} = {info['meaning']}" for name, info in LEVELS.items())
_WORDS = {name_key(form): name for name, info in LEVELS.items() for form in (name, info["short"], info["elogbook"])}


def parse_level(text: object, field: str = "role") -> str:
    """Accept a level by name, by the report's short form or by its UK eLogbook code, in any case."""
    if isinstance(text, str):
        if (name := _WORDS.get(name_key(text.strip()))) is not None:
            return name
        if (meant := suggest(text, _WORDS)) is not None:
            raise UnknownWord(field, f"{text!r} is not a level; did you mean {meant}? Levels: {ACCEPTED}", meant)
    raise UnknownWord(field, f"{text!r} is not a level; use one of {ACCEPTED}")


def rank(level: str) -> int:
    """How hands-on a level is: teaching counts as independent."""
    return min(list(LEVELS).index(level), list(LEVELS).index("independent"))


def crosswalk() -> list[dict[str, str]]:
    """The levels with their eLogbook codes and ACGME roles, as the export carries them."""
    return [{"role": name, **{k: v for k, v in info.items() if k != "short"}} for name, info in LEVELS.items()]
