"""A report never hides an entry: what it leaves out, it counts and names, in every format; a filter that matches
nothing is refused; init and doctor say when the internship's dates leave entries outside."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import digest, succeed
from tests.test_pdf_report import pdftotext

# The demo logs 32 entries from 2024-12-02 to 2024-12-12; ending the internship on the 10th leaves 6 outside.
TYPO_END = "2024-12-10"
OUTSIDE = "6 entries dated outside the internship"


def report(run, tmp_path, fmt: str, *args: str) -> str:
    """The report as a reader of that format sees its words (a PDF through pdftotext, its lines joined)."""
    if fmt == "terminal":
        result = run("summary", *args)
        assert result.code == 0, result.err
        return " ".join(result.out.split())
    out = tmp_path / f"report.{'txt' if fmt == 'text' else fmt}"
    result = run("summary", *args, "-o", out)
    assert result.code == 0, result.err
    return " ".join((pdftotext(out) if fmt == "pdf" else out.read_text(encoding="utf-8")).split())


def test_init_that_moves_the_end_says_how_many_entries_now_fall_outside(demo, run):
    result = run("init", "--end", TYPO_END)
    assert result.code == 0, result.err
    assert "Note: 6 entries now fall outside the internship (2024-12-02 to 2024-12-10)" in result.err
    assert "reports leave them out" in result.err
    again = run("init", "--end", "2024-12-13")
    assert "Every entry now falls within the internship (6 outside its old dates)." in again.err


def test_init_that_leaves_every_entry_inside_says_nothing_more(demo, run):
    result = run("init", "--resident", "Madina Sultanova")
    assert result.code == 0, result.err
    assert result.err.count("\n") == 1, result.err


@pytest.mark.parametrize("fmt", ["terminal", "text", "md", "html", "pdf"])
def test_a_report_says_how_many_entries_lie_outside_the_internship(demo, run, tmp_path, fmt):
    succeed(run, "init", "--end", TYPO_END)
    shown = report(run, tmp_path, fmt)
    assert f"Not in this report: {OUTSIDE}; logbook list shows them" in shown


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_a_file_says_what_it_leaves_out_before_its_first_section_once(demo, run, tmp_path, fmt):
    succeed(run, "init", "--end", TYPO_END)
    shown = report(run, tmp_path, fmt)
    said = f"Not in this report: {OUTSIDE}; logbook list shows them"
    assert shown.count(said) == 1
    assert shown.index(said) < shown.index("Attendance")  # read first, not inside the attendance figures


def test_the_json_report_counts_what_it_leaves_out_and_why(demo, run):
    succeed(run, "init", "--end", TYPO_END)
    s = json.loads(run("summary", "--json").out)
    assert s["left_out"] == {"outside_internship": 6, "outside_period": 0, "other_kinds": 0, "other_sites": 0, "total": 6}
    assert len(s["log"]) + s["left_out"]["total"] == 32


def test_a_whole_report_of_every_entry_leaves_nothing_out_and_says_nothing(demo, run):
    s = json.loads(run("summary", "--json").out)
    assert s["left_out"]["total"] == 0
    assert "Not in this report" not in run("summary").out


def test_an_entry_logged_with_outside_is_counted_as_left_out(demo, run):
    added = run("add", "clinical", "-d", "2024-11-29", "-s", "Perinatal center", "-H", "4", "-a", "Orientation", "--outside")
    assert added.code == 0, added.err
    assert "Not in this report: 1 entry dated outside the internship" in " ".join(run("summary").out.split())


def test_from_to_kind_and_site_each_give_their_reason(demo, run):
    s = json.loads(run("summary", "--json", "--from", "2024-12-03", "--to", "2024-12-06", "--kind", "procedure",
                       "--site", "children").out)
    left = s["left_out"]
    assert left["outside_internship"] == 0
    assert left["outside_period"] > 0
    assert left["other_kinds"] > 0
    assert left["other_sites"] > 0
    assert len(s["log"]) + left["total"] == 32
    out = " ".join(run("summary", "--from", "2024-12-03", "--to", "2024-12-06", "--kind", "procedure",
                       "--site", "children").out.split())
    assert re.search(r"Not in this report: \d+ entries outside the report's dates, \d+ entries of other kinds, "
                     r"\d+ entr(y|ies) at (another site|other sites) or none; logbook list shows them", out), out


def test_a_site_that_matches_nothing_is_refused_naming_the_logged_sites(demo, run, db):
    before = digest(demo)
    result = run("summary", "--site", "perinatl", "-o", demo.parent / "empty.pdf")
    assert result.code == 1
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert "--site: 'perinatl' matches no site of the entries from 2024-12-02 to 2024-12-13" in result.err
    assert "Bukhara Regional Perinatal Center" in result.err
    assert "University Clinic of the Medical Institute" in result.err
    assert not (demo.parent / "empty.pdf").exists()
    assert digest(demo) == before


def test_a_kind_that_matches_nothing_in_the_period_is_refused_naming_the_kinds_logged(demo, run):
    result = run("summary", "--kind", "cultural", "--from", "2024-12-03", "--to", "2024-12-05")
    assert result.code == 1
    assert result.out == ""
    assert "--kind: no cultural entry is logged from 2024-12-03 to 2024-12-05; logged then: clinical, procedure" in result.err


def test_a_site_logged_in_cyrillic_is_found_by_its_latin_letters(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Бухарский областной перинатальный центр", "-H", "6", "-a", "Обход")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Children's hospital", "-H", "5", "-a", "Ward round")
    s = json.loads(run("summary", "--json", "--site", "perinatal").out)
    assert [e["site"] for e in s["log"]] == ["Бухарский областной перинатальный центр"]
    assert s["days"]["with_clinical"] == 1


def test_the_header_names_the_sites_a_filter_matched_not_the_typed_text(demo, run):
    out = " ".join(run("summary", "--site", "PERINATAL", "--kind", "procedure").out.split())
    assert "(only procedures, base: Bukhara Regional Perinatal Center)" not in out  # the Russian wording, not here
    assert "(only procedures at Bukhara Regional Perinatal Center)" in out
    assert "site contains" not in out
    assert "PERINATAL" not in out


def test_doctor_lists_entries_outside_the_internship_as_a_warning_not_damage(demo, run, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-20")  # after the demo's last day: no entry is in the future
    succeed(run, "init", "--end", TYPO_END)
    result = run("doctor")
    assert result.code == 0, result.out
    out = " ".join(result.out.split())
    assert "warning 6 entries are dated outside the internship (2024-12-02 to 2024-12-10)" in out
    assert "problem" not in out
    assert len(re.findall(r"· 2024-12-1[12] [0-9a-f]{8} (clinical|procedure|cultural):", result.out)) == 6
    assert "the warnings above are about what its reports show, not damage" in out


def test_list_finds_a_cyrillic_site_by_its_latin_letters_as_summary_does(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Бухарский областной перинатальный центр", "-H", "6", "-a", "Обход")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Children's hospital", "-H", "5", "-a", "Ward round")
    listed = json.loads(run("list", "--site", "Perinatal", "--json").out)
    assert [e["site"] for e in listed] == ["Бухарский областной перинатальный центр"]


@pytest.mark.parametrize("fmt", ["terminal", "text", "md", "html", "pdf"])
def test_a_report_without_its_attendance_section_still_says_what_it_leaves_out(demo, run, tmp_path, fmt):
    assert run("init", "--end", TYPO_END).code == 0
    shown = report(run, tmp_path, fmt, "--sections", "procedures")
    assert OUTSIDE in shown, shown[:400]
