"""`logbook rename`: one name put right across every entry and target that holds it, in one checked write."""

from __future__ import annotations

from dataclasses import dataclass, field

from logbook.domain import entries as rules
from logbook.domain.ids import short_id_length
from logbook.domain.names import same_name
from logbook.errors import InvalidValue, NotOneName, UnknownWord
from logbook.storage.database import Logbook

# The names a resident may rename, and the kinds of target that name them.
FIELDS = ("procedure", "site", "department", "supervisor", "place")
TARGET_FIELDS = {"procedure": "procedure", "site": "hours"}


@dataclass
class Renaming:
    """What a rename changes (or would change, on a dry run): each entry and target before and after."""

    field: str
    old: str
    new: str
    entries: list[tuple[dict, dict]] = field(default_factory=list)
    targets: list[tuple[dict, dict]] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)  # the spellings of OLD found, as logged
    catalogue_name: bool = False  # NEW was taken as the catalogue (a place: the gazetteer) spells it
    synonyms: list[dict] = field(default_factory=list)  # the logbook's synonyms stored: remembered, or following OLD
    dropped: list[str] = field(default_factory=list)  # ids of synonyms whose spelling NEW now is a name
    remember: bool = False  # OLD's spellings are remembered as synonyms of NEW
    id_length: int = rules.SHORT_ID  # how many id characters tell the logbook's entries apart


def parse_field(text: str) -> str:
    if text.strip().casefold() in FIELDS:
        return text.strip().casefold()
    raise UnknownWord("field", f"{text!r} cannot be renamed; rename one of {', '.join(FIELDS)}")


def rename(logbook: Logbook, field_name: str, old: str, new: str, *, dry_run: bool = False, as_typed: bool = False,
           allow_identifiers: bool = False, remember: bool = False) -> Renaming:
    """Rename `old` (in any case or spacing) to `new` in `field` of every entry and target; a dated copy is kept first.

    With `remember`, OLD's spellings are kept as the logbook's synonyms of NEW, so that typing OLD again stores NEW.
    On a dry run nothing is written. A name no entry holds is refused, naming the ones logged.
    """
    name = parse_field(field_name)
    new = rules.parse_text(name, new, True)
    renaming = Renaming(name, old, new, remember=remember)
    if not as_typed:
        from logbook.services.names import names_list

        if (listed := names_list(name)) is not None and (canonical := listed.canonical(new)) is not None:
            renaming.catalogue_name, renaming.new = canonical != new, canonical
    if not allow_identifiers:
        from logbook.services.log import check_privacy

        check_privacy({name: renaming.new}, False)
    if dry_run:
        return _planned(logbook.read(), renaming)
    with logbook.change(backup_reason="before-rename") as book:
        _planned(book, renaming)
        if renaming.entries:
            book.replace([after for _, after in renaming.entries])
        if renaming.targets:
            book.put_targets([after for _, after in renaming.targets])
        book.remove_synonyms(renaming.dropped)
        if renaming.synonyms:
            book.put_synonyms(renaming.synonyms)
    return renaming


def _planned(book, renaming: Renaming) -> Renaming:
    """Fill in what the rename changes in this logbook; refuses a name nobody logged and targets it would merge."""
    name, wanted = renaming.field, same_name(renaming.old)
    everything = book.entries()
    renaming.id_length = short_id_length(everything)
    for entry in rules.in_date_order(everything):
        value = entry.get(name)
        if isinstance(value, str) and same_name(value) == wanted:
            if value not in renaming.spellings:
                renaming.spellings.append(value)
            if value != renaming.new:
                renaming.entries.append((entry, rules.edited(entry, None, {name: renaming.new})))
    if not renaming.spellings:  # a name to choose among those logged, like signoff's SITE: a slip is a usage error
        from logbook.domain.names import near_by_part

        logged = rules.known_values(everything, name)
        listed = ", ".join(repr(v) for v in logged[:12]) + (f" and {len(logged) - 12} more" if len(logged) > 12 else "")
        near = near_by_part(renaming.old, logged)[:3]
        hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
        raise NotOneName(f"no entry has the {name} {renaming.old!r}; {hint}"
                         + (f"the {name}s logged: {listed}" if logged else f"no entry has a {name} yet"))
    if (kind := TARGET_FIELDS.get(name)) is not None:
        _plan_targets(book.targets(), kind, renaming)
    from logbook.domain.synonyms import after_rename

    remembered = [renaming.old, *renaming.spellings] if renaming.remember else []
    renaming.synonyms, renaming.dropped = after_rename(book.synonyms(), name, renaming.old, renaming.new, remembered)
    return renaming


def _plan_targets(targets: list[dict], kind: str, renaming: Renaming) -> None:
    from logbook.domain.targets import key, label

    name, wanted = renaming.field, same_name(renaming.old)
    afters = {t["id"]: t for t in targets}
    for target in targets:
        if target["kind"] == kind and same_name(target[name]) == wanted and target[name] != renaming.new:
            after = {**target, name: renaming.new, "updated_at": rules.now_stamp()}
            renaming.targets.append((target, after))
            afters[target["id"]] = after
    seen: dict[tuple, dict] = {}
    for target in afters.values():
        if (twin := seen.setdefault(key(target), target)) is not target:
            raise InvalidValue(name, f"renaming {renaming.old!r} to {renaming.new!r} would make two targets one "
                                     f"({label(twin)}); remove one with `logbook target remove ID` first")
