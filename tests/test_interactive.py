"""On a terminal `logbook add` asks for what is missing; without one it never waits and says what is missing."""

from __future__ import annotations

import pexpect
import pytest

from tests.conftest import digest, export, succeed
from tests.terminal import piped, spawn


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_add_alone_asks_for_the_kind_and_each_required_field(run, internship):
    child = spawn("add")
    child.expect(r"Kind of entry.*clinical/procedure/cultural")
    child.sendline("procedure")
    child.expect("Procedure")
    child.sendline("Caesarean section")
    child.expect(r"assisted \(asst, A\)")  # the levels, each with its short form and eLogbook code
    child.expect("Level of involvement")
    child.sendline("assisted")
    child.expect("Added procedure")
    assert finish(child) == 0
    (entry,) = export(run)["entries"]
    assert (entry["procedure"], entry["role"], entry["count"], entry["date"]) == ("Caesarean section", "assisted", 1, "2024-12-10")


def test_only_the_missing_fields_are_asked_for(run, internship):
    child = spawn("add", "clinical", "-s", "Perinatal center", "-a", "Ward round")
    child.expect("Hours")
    child.sendline("6.5")
    assert finish(child) == 0
    assert "Site" not in child.before
    assert "Activity" not in child.before
    (entry,) = export(run)["entries"]
    assert (entry["site"], entry["hours"], entry["activity"]) == ("Perinatal center", 6.5, "Ward round")


def test_sites_and_procedures_logged_before_are_offered_by_number(run, internship):
    succeed(run, "add", "procedure", "Pyloromyotomy", "-r", "observed", "-s", "Children's hospital", "-d", "2024-12-05")
    succeed(run, "add", "procedure", "Caesarean section", "-r", "observed", "-s", "Perinatal center", "-d", "2024-12-06")
    plain = {"NO_COLOR": "1"}
    child = spawn("add", "clinical", "-H", "5", "-a", "Ward round", env=plain)
    child.expect("1. Perinatal center")  # the latest first
    child.expect("2. Children's hospital")
    child.sendline("2")
    assert finish(child) == 0
    child = spawn("add", "procedure", "-r", "assisted", env=plain)
    child.expect("1. Caesarean section")
    child.expect("2. Pyloromyotomy")
    child.expect("number above, or type a new one")
    child.sendline("3")  # not offered: asked again, never stored as a name
    child.expect("There is no 3 above")
    child.sendline("Open appendectomy")
    assert finish(child) == 0
    stored = export(run)["entries"]
    assert [e for e in stored if e["kind"] == "clinical"][0]["site"] == "Children's hospital"
    assert stored[-1]["procedure"] == "Open appendectomy"


def test_a_wrong_answer_is_explained_and_asked_again(run, internship):
    child = spawn("add", "procedure", "Lumbar puncture")
    child.expect("Level of involvement")
    child.sendline("watched")
    child.expect("Level of involvement")
    child.sendline("observed")
    assert finish(child) == 0
    child = spawn("add", "clinical", "-s", "Perinatal center", "-a", "Theatre")
    child.expect("Hours")
    child.sendline("lots")
    child.expect("not a number of hours")
    child.expect("Hours")
    child.sendline("7:30")
    assert finish(child) == 0
    hours = [e["hours"] for e in export(run)["entries"] if e["kind"] == "clinical"]
    assert hours == [7.5]


def test_the_days_defaults_are_not_asked_for(run, internship):
    succeed(run, "add", "procedure", "Amniotomy", "-r", "observed", "-s", "Perinatal center")
    child = spawn("add", "clinical", "-a", "Ward round")
    child.expect("Hours")
    child.sendline("4")
    child.expect("as earlier that day")
    assert finish(child) == 0
    assert "Site" not in child.before


def test_end_of_input_at_a_prompt_aborts_and_writes_nothing(run, internship, db):
    before = digest(db)
    child = spawn("add", "procedure", "Lumbar puncture")
    child.expect("Level of involvement")
    child.sendeof()
    child.expect("nothing was changed")
    assert finish(child) == 1
    assert digest(db) == before


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        (["add"], "the kind of entry: clinical, procedure or cultural"),
        (["add", "procedure"], "the procedure NAME, --role"),
        (["add", "procedure", "Open appendectomy"], "--role"),
        (["add", "clinical", "-s", "Perinatal center"], "--hours, --activity"),
        (["add", "cultural", "--category", "museum"], "the PLACE"),
    ],
)
def test_without_a_terminal_it_never_waits_and_names_what_is_missing(internship, args, missing):
    before = digest(internship)
    result = piped(*args, timeout=30)
    assert result.returncode == 2
    assert missing in result.stderr
    assert "no terminal" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert digest(internship) == before


def test_answers_piped_in_are_not_read_as_answers(internship):
    result = piped("add", "procedure", stdin="Appendectomy\nobserved\n")
    assert result.returncode == 2
    assert "--role" in result.stderr


def test_add_alone_without_a_profile_says_how_to_create_one_before_asking_anything(db):
    child = spawn("add")
    child.expect("logbook init --resident")
    assert finish(child) == 1
    assert "Kind of entry" not in child.before
    assert not db.exists()


def test_a_long_confirmation_breaks_between_words_on_an_80_column_terminal(internship):
    from tests.terminal import in_terminal

    code, out = in_terminal("add", "procedure", "LSCS", "-r", "observed", "--supervisor", "Dr. Rakhimov",
                            env={"COLUMNS": "80"})
    lines = [line for line in out.replace("\r", "").splitlines() if line.strip()]
    assert code == 0
    assert len(lines) >= 2
    assert all(len(line) <= 80 for line in lines)
    said = " ".join(lines)  # a break between words reads back as one space
    assert "Caesarean section (observed ×1). Named as the catalogue has it: LSCS → Caesarean section." in said


def test_a_phrase_that_could_be_two_procedures_is_asked_about_and_the_choice_keeps_the_words(run, internship):
    child = spawn("add", "procedure", "appendicectomy for perforated appendicitis", "-r", "assisted", env={"NO_COLOR": "1"})
    child.expect("could be more than one procedure")
    child.expect("1. Laparoscopic appendectomy")
    child.expect("2. Open appendectomy")
    child.sendline("3")  # not offered: asked again
    child.expect("Give a number from 1 to 2")
    child.sendline("2")
    child.expect("Added procedure")
    assert finish(child) == 0
    (entry,) = export(run)["entries"]
    assert (entry["procedure"], entry["details"]) == ("Open appendectomy", "for perforated appendicitis")
