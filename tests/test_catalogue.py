"""The procedure catalogue: one canonical name per procedure, synonyms that never name two, typos caught."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from logbook.domain import catalogue as cat
from logbook.domain.names import name_key

SPECIALTIES = ("Anesthesiology and resuscitation", "Pediatric surgery", "General surgery", "Obstetrics and gynecology",
               "Ophthalmology")


def test_the_five_specialties_of_the_internship_each_list_the_procedures_their_residents_log():
    catalogue = cat.catalogue()
    assert tuple(catalogue.specialties) == SPECIALTIES
    for specialty, names in catalogue.specialties.items():
        assert 45 <= len(names) <= 90, (specialty, len(names))


def test_no_synonym_names_two_procedures():
    catalogue = cat.catalogue()
    owners: dict[str, set[str]] = {}
    for canonical, synonyms in catalogue.synonyms.items():
        for name in (canonical, *synonyms):
            owners.setdefault(name_key(name), set()).add(canonical)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared


def test_a_catalogue_that_gives_one_synonym_to_two_procedures_is_refused():
    text = '[specialty.A]\n"Caesarean section" = ["CS"]\n[specialty.B]\n"Coronary stenting" = ["cs"]\n'
    with pytest.raises(ValueError, match="names both"):
        cat.read_catalogue(text)


def test_a_procedure_listed_in_two_specialties_keeps_one_set_of_synonyms():
    text = '[specialty.A]\n"Circumcision" = ["circ"]\n[specialty.B]\n"Circumcision" = []\n'
    catalogue = cat.read_catalogue(text)
    assert catalogue.synonyms == {"Circumcision": ("circ",)}
    assert catalogue.specialties == {"A": ("Circumcision",), "B": ("Circumcision",)}


def test_the_shipped_index_is_the_toml_as_it_is():
    folder = Path(cat.__file__).parent
    assert (folder / cat.INDEX_FILE).read_bytes() == cat.index_of((folder / cat.CATALOGUE_FILE).read_bytes()), (
        "procedures.toml changed: run `python -m logbook.domain.catalogue` to write its index")
    assert cat.load_catalogue(folder) == cat.read_catalogue((folder / cat.CATALOGUE_FILE).read_text(encoding="utf-8"))


def test_a_toml_edited_after_its_index_was_written_wins_over_the_index(tmp_path):
    (tmp_path / cat.CATALOGUE_FILE).write_text('[specialty.A]\n"Caesarean section" = ["LSCS"]\n', encoding="utf-8")
    (tmp_path / cat.INDEX_FILE).write_bytes(cat.index_of((tmp_path / cat.CATALOGUE_FILE).read_bytes()))
    assert cat.load_catalogue(tmp_path).canonical("lscs") == "Caesarean section"
    (tmp_path / cat.CATALOGUE_FILE).write_text('[specialty.A]\n"Caesarean section" = ["LSCS", "CS"]\n', encoding="utf-8")
    assert cat.load_catalogue(tmp_path).canonical("cs") == "Caesarean section"
    (tmp_path / cat.INDEX_FILE).write_bytes(b"{damaged")
    assert cat.load_catalogue(tmp_path).canonical("cs") == "Caesarean section"


@pytest.mark.parametrize("module, read", [("catalogue", "catalogue().canonical('LSCS')"),
                                          ("places", "gazetteer().canonical('Lyabi Hauz')")])
def test_logging_a_procedure_or_a_visit_reads_the_index_and_does_not_parse_the_toml(module, read):
    loaded = subprocess.run([sys.executable, "-c", f"import sys; from logbook.domain.{module} import *; {read}; "
                             "print('tomllib' in sys.modules)"],
                            capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"


def test_the_file_names_its_sources_in_its_header():
    header = (Path(cat.__file__).parent / cat.CATALOGUE_FILE).read_text(encoding="utf-8").split("\n[", 1)[0]
    for source in ("eLogbook", "ACGME", "Royal College of Anaesthetists", "Royal College of Obstetricians",
                   "Royal College of Ophthalmologists", "ISCP"):
        assert source in header


@pytest.mark.parametrize("typed, canonical", [
    ("LSCS", "Caesarean section"), ("C-section", "Caesarean section"), ("c section", "Caesarean section"),
    ("lap appy", "Laparoscopic appendectomy"), ("LAP  APPY", "Laparoscopic appendectomy"),
    ("ETT", "Endotracheal intubation"), ("intubation", "Endotracheal intubation"),
    ("phaco", "Phacoemulsification"), ("CVC", "Central venous catheterisation"),
    ("central venous catheterization", "Central venous catheterisation"), ("hartmanns reversal", "Reversal of Hartmann's procedure"),
])
def test_a_synonym_or_abbreviation_in_any_case_or_spacing_names_its_procedure(typed, canonical):
    resolved = cat.resolve_name(typed, [], cat.catalogue())
    assert (resolved.name, resolved.how) == (canonical, "catalogue")


def test_every_canonical_name_resolves_to_itself():
    catalogue = cat.catalogue()
    assert all(catalogue.canonical(name) == name for name in catalogue.synonyms)


@pytest.mark.parametrize("typed, meant", [
    ("Endotracheal intubaton", "Endotracheal intubation"),
    ("Laparoscopic apendectomy", "Laparoscopic appendectomy"),
    ("Phacoemulsfication", "Phacoemulsification"),
    ("Caesarean sectoin", "Caesarean section"),  # a transposed pair is one slip
])
def test_a_near_miss_of_a_catalogue_name_is_a_likely_typo(typed, meant):
    resolved = cat.resolve_name(typed, [], cat.catalogue())
    assert (resolved.name, resolved.how, resolved.suggestion) == (typed, "typo", meant)


def test_a_name_the_logbook_has_in_another_case_or_spacing_is_stored_as_the_logbook_has_it():
    resolved = cat.resolve_name("difficult  airway drill", ["Difficult airway drill"], cat.catalogue())
    assert (resolved.name, resolved.how) == ("Difficult airway drill", "logbook")


def test_a_near_miss_of_a_logbook_name_is_a_likely_typo():
    resolved = cat.resolve_name("Dificult airway drill", ["Difficult airway drill"], cat.catalogue())
    assert (resolved.how, resolved.suggestion) == ("typo", "Difficult airway drill")


@pytest.mark.parametrize("typed", ["Inhalational induction (sevoflurane), child", "Appendicectomy", "CVP", "Lscc",
                                   "Vasectomy", "Colpotomy",  # real operations two letters from mastectomy, colostomy
                                   "Paracentesis"])  # inside "AC paracentesis": the less specific name, not a slip
def test_a_name_far_from_every_known_one_is_kept_as_typed(typed):
    resolved = cat.resolve_name(typed, ["Difficult airway drill"], cat.catalogue())
    assert (resolved.name, resolved.how, resolved.suggestion) == (typed, "as typed", None)
