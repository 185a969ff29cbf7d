"""Which names an entry is stored under: the catalogue's, the logbook's own spelling, or as typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from logbook.domain.catalogue import catalogue, resolve_name
from logbook.domain.entries import known_values, parse_category
from logbook.domain.names import name_key, whole_name_of
from logbook.domain.nameslist import NamesList
from logbook.errors import LikelyTypo, TwoProcedures

# Names that split a count when spelt two ways. A slip in a person's name is not guessed at: "Dr. A. Karimov"
# and "Dr. B. Karimov" are one letter apart and two people, so a supervisor only takes the logbook's spelling.
CHECKED_FOR_SLIPS = ("procedure", "site", "place")
SPELLED_AS_LOGGED = ("supervisor",)
# A new name that is part of one logged name ("perinatal", "Perinatal center") is said after the entry, with the
# rename that joins them: stored as typed, since a name inside another may be another place or person.
PARTS_SAID = ("site", "supervisor")


# Whose spelling a name is stored under when a shipped list knows it.
WHOSE = {"procedure": "the catalogue", "place": "the gazetteer"}


def names_list(field_name: str) -> NamesList | None:
    """The shipped list a field's names are looked up in: procedures in the catalogue, places in the gazetteer."""
    if field_name == "procedure":
        return catalogue()
    if field_name == "place":
        from logbook.domain.places import gazetteer

        return gazetteer()
    return None


@dataclass
class Named:
    """The values to store, and each name stored otherwise than typed: (field, typed, stored, whose name it is)."""

    values: dict
    renamed: list[tuple[str, str, str, str]] = field(default_factory=list)
    defaults: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (value, where it came from)
    parts: list[tuple[str, str, str]] = field(default_factory=list)  # (field, new name, the logged name it is part of)


def settle_names(logged_entries: Callable[[], list[dict]], values: dict, *, as_typed: bool = False,
                 kept: frozenset[str] = frozenset(), day_entries: list[dict] | None = None, phrases: bool = False,
                 new_entry: bool = False, synonyms: list[dict] = ()) -> Named:
    """Store each name as the catalogue or the logbook spells it; raise LikelyTypo for a likely slip.

    `as_typed` keeps every name as typed; `kept` names the fields the resident has confirmed as typed.
    `phrases`: a procedure inside a longer phrase is found, its other words kept as details (an entry has them;
    a target counts by name alone, so it takes no phrase).
    `new_entry`: a place the gazetteer knows gives a new entry its category when none was given (`defaults` says so).
    `logged_entries` gives every entry of the logbook, asked for only when the catalogue and `day_entries`
    (that day's entries) leave a name unsettled. `synonyms` are the logbook's own (`rename --remember`): a spelling
    the resident renamed away stands for its name before the catalogue is asked.
    """
    named = Named(dict(values))
    if as_typed:
        return named
    if synonyms:
        kept = kept | _own_spellings(named, synonyms, kept)
    logged: dict[str, list[str]] | None = None
    for name in (*CHECKED_FOR_SLIPS, *SPELLED_AS_LOGGED, "category"):
        typed = values.get(name)
        if name in kept or not isinstance(typed, str) or not typed.strip():
            continue
        if name == "category":
            named.values[name] = stored = parse_category(typed)
            if stored != typed:
                named.renamed.append((name, typed, stored, "the list of categories"))
            continue
        if (listed := names_list(name)) is not None and (canonical := listed.canonical(typed)) is not None:
            named.values[name] = canonical
            if canonical != typed:
                named.renamed.append((name, typed, canonical, WHOSE[name]))
            if (name == "place" and new_entry and not values.get("category") and "category" not in kept
                    and (category := listed.group_of(canonical))):
                named.values["category"] = category
                named.defaults["category"] = (category, "from the gazetteer")
            continue
        # A slip in a catalogue name is asked about first: "Caesarean sectoin" is no Caesarean section "sectoin".
        if (name == "procedure" and phrases and resolve_name(typed, (), catalogue()).how != "typo"
                and _counted_from_phrase(named, typed)):
            continue
        if typed in {e.get(name) for e in day_entries or ()}:
            continue  # spelt as earlier that day
        if logged is None:  # read once, and only for a name the catalogue and that day do not settle
            everything = logged_entries()
            logged = {f: known_values(everything, f) for f in (*CHECKED_FOR_SLIPS, *SPELLED_AS_LOGGED)}
        if name in SPELLED_AS_LOGGED:
            same = next((n for n in logged[name] if name_key(n) == name_key(typed)), typed)
            resolution_name, how = same, "logbook" if same != typed else "as typed"
        else:
            resolution = resolve_name(typed, logged[name], names_list(name))
            if resolution.how == "typo":
                raise LikelyTypo(name, typed, resolution.suggestion)
            resolution_name, how = resolution.name, resolution.how
        named.values[name] = resolution_name
        if how == "as typed" and name in PARTS_SAID and (whole := whole_name_of(typed, logged[name])):
            named.parts.append((name, typed, whole))  # said, so that two spellings of one base are joined while in mind
        if resolution_name != typed:
            named.renamed.append((name, typed, resolution_name, WHOSE[name] if how == "catalogue" else "your logbook"))
    return named


def _own_spellings(named: Named, synonyms: list[dict], kept: frozenset[str]) -> set[str]:
    """Put each name the logbook remembers as another's spelling under that name; the fields so settled."""
    from logbook.domain.synonyms import by_field

    settled = set()
    for name, spellings in by_field(synonyms).items():
        typed = named.values.get(name)
        if name not in kept and isinstance(typed, str) and (meant := spellings.get(name_key(typed))) is not None:
            named.values[name] = meant
            named.renamed.append((name, typed, meant, "your logbook"))
            settled.add(name)
    return settled


def _counted_from_phrase(named: Named, typed: str) -> bool:
    """A catalogue procedure inside a longer phrase ("Emergency LSCS"): counted under it, the other words kept as details.

    Two procedures the phrase could be are a question for the resident (TwoProcedures), never a guess.
    """
    from logbook.domain.phrases import Ambiguous, find_in_phrase

    found = find_in_phrase(typed, catalogue())
    if found is None:
        return False
    if isinstance(found, Ambiguous):
        raise TwoProcedures(typed, found.candidates, found.details)
    named.values["procedure"] = found.procedure
    if found.details and not named.values.get("details"):  # details typed with --details win over the phrase's words
        named.values["details"] = found.details
    named.renamed.append(("procedure", typed, found.procedure, "the catalogue"))
    return True
