"""A procedure inside a longer phrase ("Emergency LSCS"): which catalogue procedure it names, and the words about it.

A phrase is a procedure plus words about it: urgency, side, approach, indication, device, guidance. The
catalogue's procedure found in it is counted; the other words are kept beside it as the entry's details.
Where the catalogue counts approaches apart (open and laparoscopic appendectomy), the approach word decides,
and a phrase is never counted under the other approach; where two procedures could be meant, the phrase
is `Ambiguous` and the resident is asked, never guessed for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from logbook.domain.catalogue import Catalogue
from logbook.domain.names import name_key

# Words residents shorten inside a phrase, read as the word they stand for before the catalogue is searched
# ("neonatal resus", "pelvic USS", "lap ovarian cystectomy"). Only words no specialty uses otherwise.
WORD_ABBREVIATIONS = {
    "lap": "laparoscopic", "lapro": "laparoscopic", "laparoscopically": "laparoscopic", "lsc": "laparoscopic",
    "resus": "resuscitation", "uss": "ultrasound", "u/s": "ultrasound", "usg": "ultrasound",
    "ultrasonography": "ultrasound", "sono": "ultrasound", "appy": "appendectomy", "appendicectomy": "appendectomy",
    "appendisectomy": "appendectomy", "chole": "cholecystectomy", "lscs": "caesarean section",
    "c-section": "caesarean section", "csection": "caesarean section", "cesarean": "caesarean",
    "caesarian": "caesarean", "cesarian": "caesarean", "hyst": "hysterectomy", "paed": "paediatric",
    "peds": "paediatric", "paeds": "paediatric", "ped": "paediatric", "pediatric": "paediatric", "neonate": "neonatal",
    "newborn": "neonatal", "anesthesia": "anaesthesia", "anaesthetic": "anaesthesia", "anesthetic": "anaesthesia",
    "catheterization": "catheterisation", "haemorrhage": "haemorrhage", "hemorrhage": "haemorrhage",
    "inj": "injection", "bx": "biopsy", "ex": "exploratory", "expl": "exploratory",
}
# Approach words: where the catalogue counts approaches apart, these decide which procedure a phrase is.
LAPAROSCOPIC = frozenset({"laparoscopic", "laparoscopy-assisted", "laparoscopically-assisted", "keyhole", "minimally-invasive"})
OPEN = frozenset({"open", "conventional"})
# Words about a procedure that may stand inside its name ("laparoscopic left salpingectomy", "spinal for elective
# LSCS"): the name is found around them, and they are kept as details.
MODIFIERS = frozenset({
    "left", "right", "bilateral", "unilateral", "lt", "rt", "re", "le", "be", "emergency", "elective", "urgent",
    "emergent", "repeat", "primary", "secondary", "redo", "re-do", "loop", "difficult", "uncomplicated",
})
# Words that make the phrase another operation than the name in it: "removal of Hickman line" is no insertion.
UNDOING = frozenset({"removal", "remove", "removed", "reversal", "reversed", "closure", "takedown", "take-down",
                     "revision", "explant", "explantation", "extraction"})
# An operation's own word beside the name found ("and polypectomy"): a second procedure the catalogue cannot place.
_OPERATION_WORD = re.compile(r".{3,}(ectomy|otomy|ostomy|plasty|pexy|rrhaphy)", re.IGNORECASE)
# Words that join a phrase's parts; never kept on their own as details.
JOINERS = frozenset({"-", "–", "—", ",", ";", ":", "+", "&", "/", "and", "with", "of", "the", "a", "an", "for", "in", "under", "by"})
# Catalogue abbreviations that are also English words ("arm", "tap", "fast"): inside a longer phrase they name a
# procedure only when typed in capitals, as an abbreviation is written.
_CAPITALS_ONLY = re.compile(r"[A-Z0-9/&]{1,4}")
_WORDS = re.compile(r"\S+")
_PUNCTUATION = "()[]{},;:.!?\"“”«»"


@dataclass(frozen=True)
class Found:
    """The procedure a phrase names, and the phrase's other words, kept as typed ('' when there are none)."""

    procedure: str
    details: str


@dataclass(frozen=True)
class Ambiguous:
    """A phrase that could name two or more procedures: the resident chooses, the logbook never guesses."""

    candidates: tuple[str, ...]
    details: dict[str, str]  # for each candidate, the words kept beside it if it is chosen


@dataclass(frozen=True)
class _Index:
    names: dict[str, str]  # key of every catalogue name and synonym (after word abbreviations) -> canonical name
    capitals_only: frozenset[str]  # keys that inside a phrase count only when typed in capitals
    families: dict[str, tuple[str, ...]]  # key of an approach-less name ("appendectomy") -> the procedures it could be
    longest: int  # the most words a catalogue name has


def find_in_phrase(phrase: str, catalogue: Catalogue) -> Found | Ambiguous | None:
    """The catalogue procedure named inside `phrase`, its details, or the candidates when two could be meant."""
    index = _index(catalogue)
    words = _WORDS.findall(phrase)
    spans = _spans(words, index)
    if not spans:
        return None
    used = {i for start, end, _ in spans for i in range(start, end)}
    # What the phrase says of the operation itself; an indication ("for angle closure") is about the patient.
    indication = next((i for i, w in enumerate(words) if _expand(w).casefold() == "for" and i not in used), len(words))
    left = [_expand(w) for i, w in enumerate(words[:indication]) if i not in used]
    if any(_OPERATION_WORD.fullmatch(w) for w in left):
        return None  # "diagnostic hysteroscopy and polypectomy": a second operation, kept as typed rather than half-counted
    # A name inside a longer one is part of it ("spinal for LSCS" holds "LSCS"): only the outermost names count.
    outer = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]
    if len({options for _, _, options in outer}) > 1:  # two procedures named side by side ("LSCS and BTL")
        return _ambiguous(words, [(start, end, p) for start, end, options in outer for p in options])
    start, end, options = outer[0]
    approach = _approach({_expand(w).casefold() for w in words[:start] + words[end:]})
    if len(options) > 1:  # an approach-less name ("appendectomy"): the approach word decides, or the resident
        chosen = [p for p in options if _approach_of(p) == approach] if approach else []
        if len(chosen) == 1:
            return Found(chosen[0], _details(words, start, end, chosen[0]))
        return _ambiguous(words, [(start, end, p) for p in options])
    procedure = options[0]
    if {w.casefold() for w in left} & UNDOING and not _undoes(procedure):
        return None  # "removal of Hickman line": not the insertion the name in it counts
    own = _approach_of(procedure)
    other = next((p for p in _counterparts(procedure, catalogue) if _approach_of(p) == approach), None) if approach else None
    if other is not None and own is not None and own != approach:  # "lap chole converted to open": both are named
        return _ambiguous(words, [(start, end, procedure), (start, end, other)])
    if other is not None and own is None:  # the approach word names the counterpart the catalogue counts apart
        procedure = other
    return Found(procedure, _details(words, start, end, procedure))


def _ambiguous(words: list[str], spans: list[tuple[int, int, str]]) -> Ambiguous:
    details = {p: _details(words, start, end, p) for start, end, p in spans}
    return Ambiguous(tuple(sorted(details)), details)


def _spans(words: list[str], index: _Index) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every run of words that is a catalogue name, modifiers inside it skipped: (first word, past the last, what it can be)."""
    found = []
    expanded = [_expand(w) for w in words]
    for start in range(len(words)):
        named: list[int] = []  # positions of the run's words that are not modifiers
        for end in range(start + 1, len(words) + 1):
            if expanded[end - 1].casefold() in MODIFIERS and named:
                continue
            named.append(end - 1)
            if len(named) > index.longest:
                break
            key = name_key(" ".join(expanded[i] for i in named))
            options = (index.names[key],) if key in index.names else index.families.get(key)
            if options is None:
                continue
            if key in index.capitals_only and len(words) > 1 and not all(_CAPITALS_ONLY.fullmatch(words[i]) for i in named):
                continue
            found.append((start, end, options))
    return found


def _undoes(procedure: str) -> bool:
    return any(word.casefold() in UNDOING for word in procedure.split())


def _expand(word: str) -> str:
    """The word as the catalogue spells it: punctuation around it dropped ("(sevoflurane),"), an abbreviation read out."""
    bare = word.strip(_PUNCTUATION) or word
    return WORD_ABBREVIATIONS.get(bare.casefold(), bare)


def _approach(words: set[str]) -> str | None:
    expanded = {_expand(w).casefold() for w in words}
    lap, opened = bool(expanded & LAPAROSCOPIC), bool(expanded & OPEN)
    return None if lap == opened else "laparoscopic" if lap else "open"


def _approach_of(procedure: str) -> str | None:
    first = procedure.split()[0].casefold()
    return "laparoscopic" if first in LAPAROSCOPIC else "open" if first in OPEN else None


def _counterparts(procedure: str, catalogue: Catalogue) -> list[str]:
    """The same operation by the other approach, where the catalogue counts it apart."""
    words = procedure.split()
    base = " ".join(words[1:]) if _approach_of(procedure) and len(words) > 1 else procedure
    options = (f"Laparoscopic {base}", f"Open {base}", base[:1].upper() + base[1:])
    # Canonical names only: a synonym ("open splenectomy") is the same procedure, not its counterpart.
    return [name for name in options if name != procedure and name in catalogue.synonyms]


def _details(words: list[str], start: int, end: int, procedure: str) -> str:
    """The words of the phrase about the procedure, as typed: those around its name and the modifiers inside it.

    Words the name already says are dropped ("endometrial pipelle biopsy" is an Endometrial biopsy, no details).
    """
    said = {name_key(_expand(w)) for w in procedure.split()}
    inside = [w for w in words[start:end] if _expand(w).casefold() in MODIFIERS]
    parts = []
    for part, follows_name in ((words[:start], False), (inside, False), (words[end:], True)):
        kept = [w for w in part if name_key(_expand(w)) not in said]
        # Joining words left at either end ("-", "and") say nothing on their own, but "for ectopic" after the name says why.
        while kept and _expand(kept[-1]).casefold() in JOINERS | {""}:
            kept.pop()
        while kept and _expand(kept[0]).casefold() in JOINERS | {""} and not follows_name:
            kept.pop(0)
        parts.extend(kept)
    return " ".join(parts)


_INDEXES: dict[int, tuple[Catalogue, _Index]] = {}


def _index(catalogue: Catalogue) -> _Index:
    """The catalogue's names read as phrases are (word abbreviations expanded), built once per catalogue."""
    if (held := _INDEXES.get(id(catalogue))) is not None and held[0] is catalogue:
        return held[1]
    names: dict[str, str] = {}
    capitals: set[str] = set()
    spelled_out: set[str] = set()
    longest = 1
    for canonical, synonyms in catalogue.synonyms.items():
        for name in (canonical, *synonyms):
            words = [_expand(w) for w in name.split()]
            longest = max(longest, len(words))
            key = name_key(" ".join(words))
            names.setdefault(key, canonical)
            (capitals if len(words) == 1 and _CAPITALS_ONLY.fullmatch(name) and words[0] == name else spelled_out).add(key)
    families: dict[str, set[str]] = {}
    for canonical, synonyms in catalogue.synonyms.items():
        if not (_approach_of(canonical) or f"Laparoscopic {canonical[:1].lower()}{canonical[1:]}" in catalogue.synonyms):
            continue  # only an operation the catalogue counts by approach has a family
        group = {canonical, *_counterparts(canonical, catalogue)}
        if len(group) < 2:
            continue
        for name in (canonical, *synonyms):
            words = [_expand(w) for w in name.split()]
            if len(words) > 1 and words[0].casefold() in LAPAROSCOPIC | OPEN:
                bare = name_key(" ".join(words[1:]))
                if bare not in names:  # a bare name the catalogue gives to one procedure keeps it ("splenectomy")
                    families.setdefault(bare, set()).update(group)
    index = _Index(names, frozenset(capitals - spelled_out), {k: tuple(sorted(v)) for k, v in families.items()}, longest)
    _INDEXES[id(catalogue)] = (catalogue, index)
    return index


def procedures_meant(text: str, catalogue: Catalogue) -> frozenset[str]:
    """The catalogue procedures a search for `text` means: its name, a synonym, or a phrase holding one ("lscs")."""
    if (canonical := catalogue.canonical(text)) is not None:
        return frozenset({canonical})
    found = find_in_phrase(text, catalogue)
    if isinstance(found, Found):
        return frozenset({found.procedure})
    return frozenset(found.candidates) if isinstance(found, Ambiguous) else frozenset()
