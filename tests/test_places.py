"""The gazetteer: one place however it is spelt, in `add cultural` and across a cohort's exports."""

from __future__ import annotations

import json
from pathlib import Path

import pexpect
import pytest

from logbook.domain import places
from logbook.domain.entries import CATEGORIES
from logbook.domain.names import name_key
from tests.conftest import INTERNSHIP

SIGHTS = ("Ark of Bukhara", "Poi-Kalyan", "Kalyan Minaret", "Kalyan Mosque", "Mir-i-Arab Madrasa", "Lyabi-Hauz",
          "Samanid Mausoleum", "Chor Minor", "Sitorai Mohi-Khosa", "Bolo-Hauz Mosque", "Toki Sarrafon",
          "Toki Tilpak Furushon", "Toki Zargaron", "Tim Abdullah Khan", "Magoki-Attori Mosque", "Chashma-Ayub",
          "Ulugbek Madrasa", "Abdulaziz Khan Madrasa", "Nadir Divan-Begi Madrasa", "Bahouddin Naqshband Complex")


def test_the_gazetteer_lists_bukharas_sights_each_in_a_category_the_logbook_accepts():
    gazetteer = places.gazetteer()
    assert set(SIGHTS) <= set(gazetteer.all_names())
    assert set(gazetteer.groups) <= set(CATEGORIES)
    assert all(gazetteer.group_of(name) is not None for name in gazetteer.all_names())


def test_every_place_has_its_russian_and_uzbek_name():
    gazetteer = places.gazetteer()
    for code in ("ru", "uz"):
        assert set(gazetteer.languages[code]) == set(gazetteer.all_names()), code


def test_no_spelling_names_two_places():
    owners: dict[str, set[str]] = {}
    gazetteer = places.gazetteer()
    for canonical, spellings in gazetteer.synonyms.items():
        for name in (canonical, *spellings, *(gazetteer.languages[c][canonical] for c in ("ru", "uz"))):
            owners.setdefault(name_key(name), set()).add(canonical)
    assert not {key: names for key, names in owners.items() if len(names) > 1}


def test_a_gazetteer_that_gives_one_spelling_to_two_places_is_refused():
    with pytest.raises(ValueError, match="names both"):
        places.read_gazetteer('[category.landmark]\n"Ark of Bukhara" = ["Ark"]\n[category.museum]\n"Ark Museum" = ["ark"]\n')


def test_a_translation_of_a_place_the_gazetteer_does_not_have_is_refused():
    with pytest.raises(ValueError, match="does not have"):
        places.read_gazetteer('[category.landmark]\n"Ark of Bukhara" = []\n[language.ru]\n"Arc" = "Арк"\n')


def test_the_shipped_index_is_the_toml_as_it_is():
    from logbook.domain.nameslist import index_of

    folder = Path(places.__file__).parent
    assert (folder / places.INDEX_FILE).read_bytes() == index_of((folder / places.GAZETTEER_FILE).read_bytes(),
                                                                  places.GROUPS), (
        "places.toml changed: run `python -m logbook.domain.places` to write its index")
    assert places.load_gazetteer(folder) == places.read_gazetteer((folder / places.GAZETTEER_FILE).read_text(encoding="utf-8"))


def test_the_file_names_its_sources_in_its_header():
    header = (Path(places.__file__).parent / places.GAZETTEER_FILE).read_text(encoding="utf-8").split("\n[", 1)[0]
    for source in ("UNESCO", "uzbekistan.travel", "Wikipedia", "Bradt"):
        assert source in header


@pytest.mark.parametrize("typed", ["Lyabi-Hauz", "Lyabi Hauz", "Lyab-i Hauz", "Labi Hovuz", "Ляби-Хауз", "Labi hovuz",
                                   "LYABI HAUZ"])
def test_every_spelling_of_lyabi_hauz_is_one_place(typed):
    assert places.gazetteer().canonical(typed) == "Lyabi-Hauz"


@pytest.mark.parametrize("typed, canonical", [
    ("Poi Kalon", "Poi-Kalyan"), ("Пои-Калян", "Poi-Kalyan"), ("Kalon Minaret", "Kalyan Minaret"),
    ("Masjidi Kalon", "Kalyan Mosque"), ("Toqi Zargaron", "Toki Zargaron"), ("Ulug'bek madrasasi", "Ulugbek Madrasa"),
    ("Ulugʻbek madrasasi", "Ulugbek Madrasa"), ("Медресе Улугбека", "Ulugbek Madrasa"),
    ("Ismail Samani Mausoleum", "Samanid Mausoleum"), ("Chor-Minor", "Chor Minor"), ("Nodir Devonbegi", "Nadir Divan-Begi Madrasa"),
    ("Bahauddin Naqshband", "Bahouddin Naqshband Complex"), ("Ситораи Мохи-Хоса", "Sitorai Mohi-Khosa"),
])
def test_latin_cyrillic_and_uzbek_spellings_name_the_place(typed, canonical):
    assert places.gazetteer().canonical(typed) == canonical


def added(result) -> str:
    return " ".join(result.err.split())  # what a command says when it is done goes to stderr


def test_add_cultural_stores_a_spelling_under_the_gazetteers_name_and_says_so(run, internship):
    result = run("add", "cultural", "Lyab-i Hauz", "-d", "2024-12-07")
    assert result.code == 0, result.err
    assert "Named as the gazetteer has it: Lyab-i Hauz → Lyabi-Hauz." in added(result)
    (entry,) = json.loads(run("export").out)["entries"]
    assert entry["place"] == "Lyabi-Hauz"


def test_add_cultural_takes_the_category_from_the_gazetteer_when_none_is_given(run, internship):
    result = run("add", "cultural", "Ляби-Хауз", "-d", "2024-12-07")
    assert result.code == 0, result.err
    assert 'Defaults used: category "landmark" (from the gazetteer).' in added(result)
    assert json.loads(run("export").out)["entries"][0]["category"] == "landmark"


def test_a_category_given_wins_over_the_gazetteers(run, internship):
    result = run("add", "cultural", "Magoki Attori", "--category", "museum", "-d", "2024-12-07")
    assert result.code == 0, result.err
    assert "Defaults used" not in added(result)
    (entry,) = json.loads(run("export").out)["entries"]
    assert (entry["place"], entry["category"]) == ("Magoki-Attori Mosque", "museum")


def test_a_slip_in_a_place_of_the_gazetteer_is_refused_naming_it(run, internship):
    result = run("add", "cultural", "Lyabi-Haus", "-d", "2024-12-07")
    assert result.code == 2
    assert "did you mean 'Lyabi-Hauz'?" in result.err
    assert json.loads(run("export").out)["entries"] == []


def test_a_place_the_gazetteer_does_not_know_is_kept_as_typed_without_a_category(run, internship):
    result = run("add", "cultural", "Old Bukhara tea house", "-d", "2024-12-07")
    assert result.code == 0, result.err
    assert "gazetteer" not in added(result)
    (entry,) = json.loads(run("export").out)["entries"]
    assert (entry["place"], entry["category"]) == ("Old Bukhara tea house", None)


def test_as_typed_keeps_a_spelling_of_the_gazetteer(run, internship):
    assert run("add", "cultural", "Labi Hovuz", "--as-typed", "-d", "2024-12-07").code == 0
    assert json.loads(run("export").out)["entries"][0]["place"] == "Labi Hovuz"


def test_editing_the_place_of_an_entry_keeps_its_category(run, internship):
    assert run("add", "cultural", "Lyabi-Hauz", "--category", "bazaar", "-d", "2024-12-07").code == 0
    (entry,) = json.loads(run("export").out)["entries"]
    assert run("edit", entry["id"], "--place", "Toqi Zargaron").code == 0
    (entry,) = json.loads(run("export").out)["entries"]
    assert (entry["place"], entry["category"]) == ("Toki Zargaron", "bazaar")


# Three residents whose logbooks kept each name as typed (an older logbook, or --as-typed): the cohort counts by
# the gazetteer and the catalogue as `add` does.
SPELT = [("Kamola Yusupova", "Lyabi-Hauz", "LSCS", "Old Bukhara tea house"),
         ("Aziz Rakhmonov", "Lyabi Hauz", "C-section", "old bukhara tea-house"),
         ("Nigora Tosheva", "Lyab-i Hauz", "Caesarean section", "Old Bukhara Tea House")]


@pytest.fixture
def spelt_apart(run, tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    for n, (resident, place, procedure, other) in enumerate(SPELT):
        db = tmp_path / f"resident-{n}.json"
        profile = [*INTERNSHIP]
        profile[profile.index("--resident") + 1] = resident
        assert run("--db", db, *profile).code == 0
        for args in (("cultural", place), ("cultural", other), ("procedure", procedure, "-r", "assisted")):
            assert run("--db", db, "add", *args, "--as-typed", "-d", "2024-12-05").code == 0
        assert run("--db", db, "export", "-o", folder / f"{n}.json").code == 0
    return folder


def cohort(run, folder: Path) -> dict:
    result = run("cohort", folder, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_a_place_spelt_three_ways_in_three_exports_is_one_place_visited_by_three_residents(run, spelt_apart):
    rows = {row["place"]: row["residents"] for row in cohort(run, spelt_apart)["cultural"]}
    assert rows["Lyabi-Hauz"] == 3
    assert not {"Lyabi Hauz", "Lyab-i Hauz"} & set(rows)


def test_a_place_the_gazetteer_does_not_know_is_one_when_spelt_apart_only_by_case_or_hyphens(run, spelt_apart):
    rows = {row["place"]: row["residents"] for row in cohort(run, spelt_apart)["cultural"]}
    assert rows == {"Lyabi-Hauz": 3, "Old Bukhara tea house": 3}  # shown as first met


def test_a_procedure_spelt_as_a_synonym_in_an_export_counts_under_the_catalogues_name(run, spelt_apart):
    rows = cohort(run, spelt_apart)["procedures"]
    assert [(r["procedure"], r["role"], r["count"], r["residents"]) for r in rows] == [
        ("Caesarean section", "assisted", 3, 3)]


def test_a_target_naming_a_synonym_counts_the_procedure_under_any_spelling(run, spelt_apart, tmp_path):
    path = spelt_apart / "0.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["targets"] = [{"procedure": "C-section", "count": 1, "role": "assisted"}]
    path.write_text(json.dumps(document), encoding="utf-8")
    (target,) = cohort(run, spelt_apart)["targets"]
    assert (target["achieved"], target["met"]) == (1, True)


def test_renaming_a_place_to_a_spelling_of_the_gazetteer_takes_its_name(run, internship):
    assert run("add", "cultural", "Labi Hovuz", "--as-typed", "-d", "2024-12-07").code == 0
    result = run("rename", "place", "Labi Hovuz", "Lyab-i Hauz")
    assert result.code == 0, result.err
    assert "to 'Lyabi-Hauz'" in result.err
    assert "(as the gazetteer spells it)" in result.err
    assert json.loads(run("export").out)["entries"][0]["place"] == "Lyabi-Hauz"


def test_a_place_asked_for_on_a_terminal_takes_the_gazetteers_name_and_category(run, internship):
    from tests.terminal import spawn

    child = spawn("add", "cultural", "-d", "2024-12-07", env={"NO_COLOR": "1"})
    child.expect("Place")
    child.sendline("Labi hovuz")
    child.expect("Added cultural")
    child.expect(r"\(from the gazetteer\)")
    child.expect("Labi hovuz → Lyabi-Hauz")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (entry,) = json.loads(run("export").out)["entries"]
    assert (entry["place"], entry["category"]) == ("Lyabi-Hauz", "landmark")


def test_a_slip_in_a_place_is_asked_about_on_a_terminal(run, internship):
    from tests.terminal import spawn

    child = spawn("add", "cultural", "Lyabi-Haus", "-d", "2024-12-07")
    child.expect('Did you mean "Lyabi-Hauz"')
    child.sendline("y")
    child.expect("Added cultural")
    child.expect(pexpect.EOF)
    child.close()
    (entry,) = json.loads(run("export").out)["entries"]
    assert (entry["place"], entry["category"]) == ("Lyabi-Hauz", "landmark")
