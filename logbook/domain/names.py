"""When two spellings name the same thing: one rule for procedures, sites, places and people."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=8192)  # a residency repeats a few hundred names across thousands of entries
def same_name(name: str) -> str:
    """The form in which two spellings of one name compare equal ("Caesarean  section " and "caesarean section")."""
    return " ".join(name.casefold().split())


def named_by_part(typed: str, names: list[str]) -> list[str]:
    """The names `typed` stands for, as `summary --site` matches: the one it spells whole (any case or spacing), else
    every name it is part of (any case)."""
    wanted = same_name(typed)
    if whole := [n for n in names if same_name(n) == wanted]:
        return whole[:1]
    part = typed.casefold()
    return [n for n in names if part in n.casefold()]


# Characters that do not make two spellings different names: "C-section" is "C section", "Hartmann's" is "Hartmanns",
# and Uzbek's modifier-letter apostrophes are the ones typed ("Ulugʻbek" is "Ulug'bek").
_IGNORED = str.maketrans("", "", " \t\n\r\f\v\u00a0-\u2010\u2011\u2012\u2013\u2014'\u2019\u02bb\u02bc.")


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The form in which a typed name is looked up: any case, any spacing, hyphens, apostrophes and full stops ignored."""
    return name.casefold().translate(_IGNORED)


SHORTEST_TYPO = 5  # below this a one-letter difference is another abbreviation (CVC, CVS), not a slip


def typo_distance(key: str) -> int:
    """How many edits (a transposed pair counts as one) still read as a slip of the keyboard, for a key this long."""
    if len(key) < SHORTEST_TYPO:
        return 0
    # Short medical words one or two letters apart are often two things (vasectomy, mastectomy): one edit only.
    return 1 if len(key) < 12 else 2 if len(key) < 24 else 3


def closest(typed: str, keys: list[str], nested_are_other_names: bool = True) -> str | None:
    """The key among `keys` within typo distance of `typed`'s key (the nearest, the first on a tie), or None.

    Among names, one inside another is another name; in a short vocabulary ("procedur") it is a slip.
    """
    key = name_key(typed)
    most = typo_distance(key)
    if not most or not keys:
        return None
    # ~8-18 ms to import (bench machine, under load); only a name with no exact match gets here.
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extractOne

    # Names that differ in a number are two things ("Ward 3", "Ward 5"; "Visit 1", "Visit 0"), never a slip;
    # nor is a name inside another (paracentesis, AC paracentesis): one is the more specific.
    digits = _digits(key)
    choices = [k if len(k) >= SHORTEST_TYPO and _digits(k) == digits
               and not (nested_are_other_names and (key in k or k in key)) else "" for k in keys]
    found = extractOne(key, choices, scorer=OSA.distance, score_cutoff=most)
    return keys[found[2]] if found else None


def near_by_part(typed: str, names: list[str]) -> list[str]:
    """The names with a run of words one slip from `typed` ("Perinatl" in "Perinatal center"), in the order given."""
    key = name_key(typed)
    most = typo_distance(key)
    if not most:
        return []
    from rapidfuzz.distance import OSA

    width, digits = max(1, len(typed.split())), _digits(key)
    found = []
    for name in names:
        words = name.split()
        runs = {name_key(" ".join(words[i:i + width])) for i in range(max(1, len(words) - width + 1))}
        if any(_digits(run) == digits and OSA.distance(key, run, score_cutoff=most) <= most for run in runs):
            found.append(name)
    return found


def _digits(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


def suggest(typed: str, words: dict[str, str]) -> str | None:
    """The word meant by a slip of the keyboard: `words` maps each accepted form's name_key to the word it means."""
    near = closest(typed, list(words), nested_are_other_names=False)
    return words[near] if near is not None else None


# Cyrillic letters (Russian and Uzbek) in Latin, as a name is commonly transliterated: so a site logged as
# "Перинатальный центр" is found by "perinatal", the word a resident types on a Latin keyboard.
_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h",
})


@functools.lru_cache(maxsize=8192)
def _latin(name: str) -> str:
    return same_name(name).translate(_LATIN)


@functools.lru_cache(maxsize=8192)  # a residency's 100,000 entries name a few dozen sites: each pair is worked out once
def name_contains(name: str | None, part: str) -> bool:
    """Whether `part` is in `name` in any case and spacing, or in its Latin letters ("perinatal" in "Перинатальный")."""
    if not name:
        return False
    wanted = same_name(part)
    return wanted in same_name(name) or _latin(part) in _latin(name)


def whole_name_of(part: str, names: list[str]) -> str | None:
    """The one name among `names` holding `part` as whole words ("perinatal" in "Perinatal center"), else None.

    Only ever said, never stored: a name inside another may be another thing (ICU, Paediatric ICU).
    """
    words = same_name(part).split()
    found: dict[str, str] = {}
    for name in names:
        theirs = same_name(name).split()
        if len(theirs) > len(words) and any(theirs[i:i + len(words)] == words for i in range(len(theirs) - len(words) + 1)):
            found.setdefault(" ".join(theirs), name)
    return next(iter(found.values())) if len(found) == 1 else None
