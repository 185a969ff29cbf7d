"""init asks for what the profile still lacks on a terminal; without one, one line names every missing field."""

from __future__ import annotations

import pexpect

from tests.conftest import digest, export
from tests.terminal import piped, spawn


def test_without_a_terminal_one_line_names_every_missing_field_in_words(run, db):
    result = run("init", "--resident", "Dilnoza Karimova")
    assert result.code == 2
    assert result.err.splitlines() == [
        "Error: missing: specialty, host institution, start date, end date; give --specialty, --host, --start, --end "
        "(see `logbook init --help`)"]
    assert digest(db) is None  # nothing written


def test_a_piped_init_never_waits(db):
    result = piped("init", "--resident", "Dilnoza Karimova", "--specialty", "Ophthalmology", stdin="")
    assert result.returncode == 2
    assert "missing: host institution, start date, end date" in result.stderr


def test_on_a_terminal_init_asks_for_each_missing_field_and_checks_dates_as_typed(run, db):
    child = spawn("init", "--resident", "Dilnoza Karimova", "--home", "Home State Medical University")
    child.expect("Specialty")
    child.sendline("Pediatric surgery")
    child.expect("Host institution")
    child.sendline("Abu Ali ibn Sina Bukhara State Medical Institute")
    child.expect("Start date")
    child.sendline("the second")
    child.expect("not a date|is not")  # explained, then asked again
    child.expect("Start date")
    child.sendline("02.12.2024")
    child.expect("End date")
    child.sendline("2024-12-13")
    child.expect("Created the internship")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    profile = export(run)["internship"]
    assert (profile["specialty"], profile["start"], profile["end"]) == ("Pediatric surgery", "2024-12-02", "2024-12-13")


def test_an_existing_profile_is_updated_without_questions(run, internship):
    result = run("init", "--specialty", "Ophthalmology")
    assert result.code == 0
    assert "Updated" in result.err


def test_a_blank_required_field_is_named_in_words_with_the_others_missing(run, db):
    result = run("init", "--resident", "Dilnoza Karimova", "--specialty", "Ophthalmology", "--host", " ",
                 "--start", "2024-12-02")
    assert result.code == 2
    assert result.err.splitlines() == [
        "Error: missing: host institution, end date; give --host, --end (see `logbook init --help`)"]
    assert digest(db) is None


def test_clearing_a_required_field_of_a_profile_names_it_in_words(run, internship):
    before = digest(internship)
    result = run("init", "--host", "")
    assert result.code == 2
    assert result.err.splitlines() == ["Error: missing: host institution; give --host (see `logbook init --help`)"]
    assert digest(internship) == before


def test_on_a_terminal_init_explains_in_words_and_asks_again_for_an_end_before_the_start(run, db):
    child = spawn("init", "--resident", "Dilnoza Karimova", "--specialty", "Ophthalmology", "--start", "2024-12-02")
    child.expect("Host institution")
    child.sendline("")
    child.expect("Host institution is required")  # in words, not host_institution
    child.expect("Host institution")
    child.sendline("Abu Ali ibn Sina Bukhara State Medical Institute")
    child.expect("End date")
    child.sendline("2024-12-01")
    child.expect("is before the start date 2024-12-02")  # asked again, the answers so far kept
    child.expect("End date")
    child.sendline("2024-12-13")
    child.expect("Created the internship")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert export(run)["internship"]["end"] == "2024-12-13"
