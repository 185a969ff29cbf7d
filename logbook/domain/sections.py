"""The sections a report can hold, in the order it shows them, and the `--sections` list that chooses some of them."""

from __future__ import annotations

from logbook.errors import UsageError

# "signoff" as the command that prints one base's sheet is named (a hyphen would let help text break the word).
SECTIONS = ("attendance", "hours", "procedures", "targets", "culture", "notes", "reflections", "signoff")
# Other spellings a resident may type for a section.
ALSO = {"cultural": "culture", "sign-off": "signoff", "sign_off": "signoff",
        "procedure": "procedures", "target": "targets", "note": "notes", "reflection": "reflections"}


def parse_sections(text: str) -> tuple[str, ...]:
    """A comma list of section names, in any case, as the report's sections in report order; an unknown name refused."""
    chosen = set()
    for word in text.split(","):
        name = word.strip().casefold()
        name = ALSO.get(name, name)
        if name not in SECTIONS:
            what = f"{word.strip()!r} is not a section" if word.strip() else "an empty name is not a section"
            raise UsageError(f"--sections: {what}; give a comma list of: {', '.join(SECTIONS)}")
        chosen.add(name)
    return tuple(name for name in SECTIONS if name in chosen)

# What `verify` reads back from a fingerprinted report's pages: the attendance lines, the bases, the procedures.
VERIFIED = ("attendance", "hours", "procedures")


def refuse_unverifiable(chosen: tuple[str, ...]) -> None:
    """A fingerprinted report must show what `verify` checks it by; one cut down without it could never verify."""
    if missing := [name for name in VERIFIED if name not in chosen]:
        raise UsageError(f"--fingerprint needs the sections verify reads back ({', '.join(VERIFIED)}); add "
                         f"{', '.join(missing)} to --sections, or leave --fingerprint out")
