"""One behaviour for every slip: "Did you mean …?" takes Enter as yes, a misspelt word exits 2, -d goes either side of the kind."""

from __future__ import annotations

import pexpect
import pytest

from tests.conftest import digest, export
from tests.terminal import spawn

PERINATAL = "Bukhara Regional Perinatal Center"
CHILDREN = "Bukhara Regional Children's Hospital"


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


@pytest.fixture
def two_sites(run, internship):
    for site in (PERINATAL, CHILDREN):
        assert run("add", "clinical", "-s", site, "-H", "6", "-a", "Ward round", "-d", "2024-12-03").code == 0
    return internship


@pytest.mark.parametrize("args, meant, field, stored", [
    (("add", "procedure", "Caesarean sectoin", "-r", "observed"), "Caesarean section", "procedure", "Caesarean section"),
    (("add", "cultural", "Toqi Sarrofon", "--category", "bazar"), "bazaar", "category", "bazaar"),
    (("add", "procedure", "Lumbar puncture", "-r", "asisted"), "assisted", "role", "assisted"),
    (("add", "procedur", "Lumbar puncture", "-r", "observed"), "procedure", "kind", "procedure"),
], ids=["name", "category", "level", "kind"])
def test_enter_takes_what_a_slip_on_the_command_line_meant(run, internship, args, meant, field, stored):
    child = spawn(*args, "-d", "2024-12-07")
    child.expect(rf'Did you mean "{meant}"\?.*\[y/n\].*\(y\)')
    child.sendline("")
    child.expect("Added")
    assert finish(child) == 0
    assert export(run)["entries"][-1][field] == stored


def test_enter_takes_the_kind_and_the_level_a_slip_meant_in_the_step_by_step_questions(run, internship):
    child = spawn("add", "-d", "2024-12-04")
    child.expect("Kind of entry")
    child.sendline("procedur")
    child.expect('Did you mean "procedure"')
    child.sendline("")
    child.expect("Procedure")
    child.sendline("Lumbar puncture")
    child.expect("Level of involvement")
    child.sendline("asisted")
    child.expect('Did you mean "assisted"')
    child.sendline("")
    child.expect("Added procedure")
    assert finish(child) == 0
    (entry,) = export(run)["entries"]
    assert (entry["procedure"], entry["role"], entry["date"]) == ("Lumbar puncture", "assisted", "2024-12-04")


def test_no_keeps_the_name_as_typed(run, internship):
    child = spawn("add", "procedure", "Caesarean sectoin", "-r", "observed", "-d", "2024-12-03")
    child.expect("Did you mean")
    child.sendline("n")
    assert finish(child) == 0
    assert export(run)["entries"][-1]["procedure"] == "Caesarean sectoin"


@pytest.mark.parametrize("args, words", [
    (("add", "procedure", "Lumbar puncture", "-r", "asisted"), "did you mean assisted?"),
    (("add", "procedur", "Lumbar puncture", "-r", "observed"), "did you mean procedure?"),
    (("list", "--kind", "procedur"), "did you mean procedure?"),
    (("add", "cultural", "Toqi Sarrofon", "--category", "bazar"), "did you mean 'bazaar'?"),
    (("add", "procedure", "Caesarean sectoin", "-r", "observed"), "did you mean 'Caesarean section'?"),
    (("add", "clinical", "-s", "Bukhara Regional Perinatal Centr", "-H", "3", "-a", "Round"), f"did you mean '{PERINATAL}'?"),
    (("target", "add", "--site", "Perinatl", "--hours", "30"), f"did you mean '{PERINATAL}'?"),
    (("signoff", "Perinatl"), f"did you mean '{PERINATAL}'?"),
], ids=["level", "kind", "kind-in-list", "category", "procedure", "site", "target-site", "signoff-site"])
def test_a_misspelt_level_kind_category_name_or_site_exits_2_alike(run, two_sites, args, words):
    before = digest(two_sites)
    result = run(*args, "-d", "2024-12-03") if args[0] == "add" else run(*args)
    assert result.code == 2, result
    assert words in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert digest(two_sites) == before


@pytest.mark.parametrize("args", [
    ("add", "procedure", "Lumbar puncture", "-r", "boss"),
    ("add", "surgery", "Lumbar puncture"),
    ("add", "cultural", "Hammam", "--category", "bathhouse"),
    ("rename", "note", "a", "b"),
], ids=["level", "kind", "category", "field"])
def test_a_word_outside_its_fixed_list_exits_2(run, internship, args):
    before = digest(internship)
    result = run(*args)
    assert result.code == 2, result
    assert len(result.err.strip().splitlines()) == 1, result
    assert digest(internship) == before


@pytest.mark.parametrize("args", [
    ("add", "-d", "2024-12-05", "procedure", "LSCS", "-r", "observed"),
    ("add", "procedure", "LSCS", "-r", "observed", "-d", "2024-12-05"),
    ("add", "-d", "2024-12-05", "procedure", "LSCS", "-r", "observed", "-d", "05.12.2024"),
], ids=["before", "after", "the-same-day-both-sides"])
def test_the_date_may_come_before_the_kind_as_after_it(run, internship, args):
    result = run(*args)
    assert result.code == 0, result.err
    (entry,) = export(run)["entries"]
    assert (entry["date"], entry["procedure"]) == ("2024-12-05", "Caesarean section")


def test_two_different_days_either_side_of_the_kind_are_a_usage_error(run, internship):
    before = digest(internship)
    result = run("add", "-d", "2024-12-05", "procedure", "LSCS", "-r", "observed", "-d", "2024-12-06")
    assert result.code == 2
    assert "two days given ('2024-12-05' before the kind, '2024-12-06' after it)" in result.err
    assert digest(internship) == before


def test_add_with_a_date_alone_asks_the_kind_then_logs_on_that_day(run, internship):
    child = spawn("add", "-d", "2024-12-05")
    child.expect("Kind of entry")
    child.sendline("cultural")
    child.expect("Place")
    child.sendline("Ark of Bukhara")
    child.expect("Added cultural")
    assert finish(child) == 0
    (entry,) = export(run)["entries"]
    assert (entry["date"], entry["place"]) == ("2024-12-05", "Ark of Bukhara")


def test_add_with_an_unreadable_date_alone_is_refused_before_the_kind_is_asked(internship):
    child = spawn("add", "-d", "2024-02-30")
    assert finish(child) == 1
    assert "not a day of the calendar" in child.before
    assert "Kind of entry" not in child.before


@pytest.mark.parametrize("typed", ["perinatal", "PERINATAL center", "Bukhara regional perinatal center"])
def test_a_target_site_is_any_part_of_a_logged_site_in_any_case_stored_as_logged(run, two_sites, typed):
    result = run("target", "add", "--site", typed, "--hours", "30")
    assert result.code == 0, result.err
    assert f"Hours at {PERINATAL}: 30 h" in result.err
    assert export(run)["targets"][-1]["site"] == PERINATAL


def test_a_target_site_that_is_part_of_several_logged_sites_is_refused_naming_them(run, two_sites):
    before = digest(two_sites)
    result = run("target", "add", "--site", "bukhara regional", "--hours", "30")
    assert result.code == 2
    assert "is part of 2 logged sites" in result.err
    assert PERINATAL in result.err
    assert CHILDREN in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert digest(two_sites) == before


def test_a_target_site_slip_near_several_sites_names_them_all(run, two_sites):
    result = run("target", "add", "--site", "Regionl", "--hours", "30")
    assert result.code == 2
    assert "'Regionl' is not part of any logged site; did you mean" in result.err
    assert PERINATAL in result.err
    assert CHILDREN in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_a_target_site_slip_is_asked_about_and_enter_takes_it(run, two_sites):
    child = spawn("target", "add", "--site", "Perinatl", "--hours", "30")
    child.expect(f'Did you mean "{PERINATAL}"')
    child.sendline("")
    assert finish(child) == 0
    assert export(run)["targets"][-1]["site"] == PERINATAL


def test_a_target_site_nobody_logged_yet_is_kept_as_typed(run, two_sites):
    result = run("target", "add", "--site", "Eye clinic", "--hours", "10")
    assert result.code == 0
    assert "no site named 'Eye clinic' is logged yet" in result.err
    assert export(run)["targets"][-1]["site"] == "Eye clinic"


def test_as_typed_keeps_a_target_site_that_is_part_of_a_logged_one(run, two_sites):
    assert run("target", "add", "--site", "Perinatal", "--hours", "30", "--as-typed").code == 0
    assert export(run)["targets"][-1]["site"] == "Perinatal"


@pytest.mark.parametrize("args", [("edit", "ID", "-r", "asisted"), ("target", "add", "Lumbar puncture", "-c", "2", "-r", "asisted")],
                         ids=["edit", "target-add"])
def test_a_level_slip_is_asked_about_in_edit_and_target_add_too(run, internship, args):
    assert run("add", "procedure", "Lumbar puncture", "-r", "observed", "-d", "2024-12-03").code == 0
    entry_id = export(run)["entries"][0]["id"]
    child = spawn(*(entry_id if a == "ID" else a for a in args))
    child.expect('Did you mean "assisted"')
    child.sendline("")
    assert finish(child) == 0
    book = export(run)
    assert (book["entries"][0] if args[0] == "edit" else book["targets"][0])["role"] == "assisted"


def test_a_misspelt_name_to_rename_exits_2_naming_the_near_one(run, two_sites):
    before = digest(two_sites)
    result = run("rename", "site", "Bukhara Regional Perinatl Center", "X")
    assert result.code == 2
    assert f"did you mean '{PERINATAL}'?" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert digest(two_sites) == before
