"""`summary --sections` chooses what a report holds; an unknown section is refused naming the ones there are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import digest, succeed
from test_pdf_report import pdftotext
from test_pdf_residency import pages

NAMES = "attendance, hours, procedures, targets, culture, notes, reflections, signoff"


@pytest.fixture
def demo(run, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")
    path = tmp_path / "demo.json"
    assert run("demo", "--keep", path, "--format", "json").code == 0
    monkeypatch.setenv("LOGBOOK_DB", str(path))
    return path


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    return " ".join(path.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("suffix", ["txt", "md", "html", "pdf"])
def test_sections_choose_what_a_report_holds_in_every_format_and_it_still_verifies(run, demo, tmp_path, suffix):
    report = tmp_path / f"report.{suffix}"
    result = run("summary", "--sections", "attendance,hours,Procedures, sign-off", "--fingerprint", "-o", report)
    assert result.code == 0, result.err
    text = text_of(report)
    assert "Madina Sultanova" in text
    assert "Procedures by level of involvement" in text
    assert "Stamp" in text
    for left_out in ("Cultural programme", "Reflections", "Targets"):
        assert left_out not in text, left_out
    verified = run("verify", report)
    assert verified.code == 0
    assert verified.out.startswith("Match:")


def test_the_terminal_summary_shows_only_the_sections_chosen(run, demo):
    result = run("summary", "--sections", "notes")
    assert result.code == 0
    assert "Notes" in result.out
    assert "Epidural analgesia in labour" in result.out
    assert "Attendance" not in result.out
    assert "Sign-off" not in result.out


@pytest.mark.parametrize("given", ["notes,signatures", "notes,", "attendence"])
def test_an_unknown_section_is_refused_in_one_line_naming_the_sections_and_nothing_is_written(run, demo, tmp_path, given):
    before = digest(demo)
    result = run("summary", "--sections", given, "-o", tmp_path / "r.pdf")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert "--sections" in result.err
    assert NAMES in result.err
    assert not (tmp_path / "r.pdf").exists()
    assert digest(demo) == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_sections_are_refused_for_json_and_csv_which_hold_every_entry(run, demo, fmt):
    result = run("summary", "--sections", "notes", "--format", fmt)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "holds every entry" in result.err


def test_a_section_named_is_shown_whole_even_in_a_residencys_pdf(run, tmp_path, monkeypatch):
    whole = " ".join(pages(run, tmp_path, date(2019, 9, 2), date(2024, 8, 30), "--sections", "notes"))
    assert "not shown here" not in whole
    assert "Note of day 2019-09-02" in whole
    assert "Note of day 2024-08-" in whole
    assert "Attendance" not in whole
    assert "Sign-off" not in whole


@pytest.mark.parametrize("suffix", ["txt", "md", "html", "pdf"])
def test_a_report_cut_down_by_sections_says_which_it_holds(run, demo, tmp_path, suffix):
    report = tmp_path / f"report.{suffix}"
    assert run("summary", "--sections", "notes,procedures", "-o", report).code == 0
    assert ("This report holds only: Procedures by level of involvement, Notes (summary --sections)."
            in text_of(report).replace("&#x27;", "'"))
    whole = tmp_path / f"whole.{suffix}"
    assert run("summary", "-o", whole).code == 0
    assert "This report holds only" not in text_of(whole)


def test_the_line_naming_the_sections_is_in_the_reports_language(run, demo, tmp_path):
    report = tmp_path / "report.pdf"
    assert run("summary", "--sections", "notes", "--lang", "ru", "-o", report).code == 0
    assert "В отчёте только разделы: Примечания (summary --sections)." in text_of(report)


def test_a_fingerprint_is_refused_for_sections_that_verify_could_not_read_back(run, demo, tmp_path):
    before = digest(demo)
    result = run("summary", "--sections", "procedures,signoff", "--fingerprint", "-o", tmp_path / "r.pdf")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "add attendance, hours to --sections, or leave --fingerprint out" in result.err
    assert not (tmp_path / "r.pdf").exists()
    assert digest(demo) == before


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_a_section_with_nothing_in_it_says_so_in_one_line_not_with_empty_tables(demo, run, tmp_path, fmt):
    cultural = tmp_path / f"cultural.{fmt}"
    succeed(run, "summary", "--kind", "cultural", "--format", fmt, "-o", cultural)
    shown = " ".join((pdftotext(cultural) if fmt == "pdf" else cultural.read_text(encoding="utf-8")).split())
    assert "No clinical hours in this report." in shown
    assert "No procedures in this report." in shown
    assert "Hours per day" not in shown  # no chart of twelve zeros
    assert "Procedures per level" not in shown
    assert "By department" not in shown
    assert "Hours by department" not in shown
    assert "Lyabi-Hauz" in shown  # what the report does hold is there
    site = tmp_path / f"site.{fmt}"
    succeed(run, "summary", "--site", "children", "--format", fmt, "-o", site)
    shown = " ".join((pdftotext(site) if fmt == "pdf" else site.read_text(encoding="utf-8")).split())
    assert "No cultural visits in this report." in shown
    assert "No clinical hours in this report." not in shown


def test_a_procedure_report_keeps_the_bases_supervisors_under_its_no_hours_line(demo, run, tmp_path):
    out = tmp_path / "procedures.md"
    succeed(run, "summary", "--kind", "procedure", "--format", "md", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert "No clinical hours in this report." in page
    assert "| Bukhara Regional Children's Hospital | Dr. B. Jurayev, Dr. D. Nazarova |" in page


def test_the_russian_report_says_a_section_is_empty_in_russian(demo, run, tmp_path):
    out = tmp_path / "cultural.md"
    succeed(run, "summary", "--kind", "cultural", "--lang", "ru", "--format", "md", "-o", out)
    assert "В этом отчёте нет процедур." in out.read_text(encoding="utf-8")
