"""A report narrowed to one base or one kind never calls a day "not logged" when the resident logged it elsewhere.

The demo's resident spent 2024-12-05 and 06 at the children's hospital, the other weekdays at three other
bases, the weekend on cultural visits, and logged nothing on Friday 2024-12-13.
"""

from __future__ import annotations

import json

import pytest

from logbook.render.files.wording import CALENDAR_MARK
from logbook.render.terminal.console import ASCII_MARKS
from tests.conftest import succeed
from tests.test_pdf_report import pdftotext

CHILDREN = "Bukhara Regional Children's Hospital"
PERINATAL = "Bukhara Regional Perinatal Center"
OTHER_DAYS = ["2024-12-02", "2024-12-03", "2024-12-04", "2024-12-07", "2024-12-08", "2024-12-09", "2024-12-10",
              "2024-12-11", "2024-12-12"]


def _summary(run, *args) -> dict:
    return json.loads(succeed(run, "summary", *args, "--json").out)


def test_a_site_reports_days_at_other_bases_are_logged_elsewhere_naming_the_base(demo, run):
    s = _summary(run, "--site", "children")
    days = {d["date"]: d for d in s["calendar"]}
    assert days["2024-12-03"]["status"] == "left out"
    assert days["2024-12-03"]["elsewhere"] == [PERINATAL]
    assert days["2024-12-07"]["status"] == "left out"  # a Saturday of cultural visits: logged, not at a base
    assert days["2024-12-07"]["elsewhere"] == []
    assert days["2024-12-05"]["status"] == "logged"
    assert days["2024-12-05"]["elsewhere"] == []
    assert days["2024-12-13"]["status"] == "not logged"  # the one day nothing at all was logged
    assert s["days"]["without_entries"] == ["2024-12-13"]
    assert s["days"]["with_left_out_entries_only"] == OTHER_DAYS


def test_the_whole_report_has_no_left_out_days(demo, run):
    s = _summary(run)
    assert [d["date"] for d in s["calendar"] if d["status"] == "left out"] == []
    assert s["days"]["with_left_out_entries_only"] == []
    assert all(d["elsewhere"] == [] for d in s["calendar"])


def test_a_kind_report_marks_the_days_of_other_kinds_as_left_out_not_absent(demo, run):
    s = _summary(run, "--kind", "procedure")
    statuses = {d["date"]: d["status"] for d in s["calendar"]}
    assert statuses["2024-12-02"] == "left out"  # clinical work that day, no procedure
    assert statuses["2024-12-07"] == "left out"
    assert statuses["2024-12-13"] == "not logged"
    assert s["days"]["without_entries"] == ["2024-12-13"]


def test_the_terminal_says_days_without_entries_only_of_days_with_none(demo, run):
    out = succeed(run, "summary", "--site", "children").out
    assert "Days without entries: 2024-12-13\n" in out
    assert "◇ logged, not in this report" in out
    assert "logged, not in this report" not in succeed(run, "summary").out  # a legend names only what the calendar shows


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_every_file_names_the_other_base_on_its_day_and_says_not_logged_once(demo, run, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    succeed(run, "summary", "--site", "children", "--format", fmt, "-o", out)
    shown = " ".join((pdftotext(out) if fmt == "pdf" else out.read_text(encoding="utf-8")).split())
    assert f"at {PERINATAL}" in shown
    assert shown.count("not logged") == (1 if fmt == "md" else 2)  # 2024-12-13's cell, and the legend's words
    if fmt != "md":  # Markdown has no legend: each cell says its words
        assert "logged, not in this report" in shown
    if fmt == "html":
        assert shown.count('class="left-out"') == len(OTHER_DAYS)
        assert f'<span class="state">at {PERINATAL}</span>' in shown  # the cell says it in those words
        assert '<span class="state">7.5 h</span>' in shown  # a day at this base says its hours


def test_the_russian_report_says_it_in_russian(demo, run):
    out = succeed(run, "summary", "--site", "children", "--lang", "ru").out
    assert "записано, но не в этом отчёте" in out


def test_an_ascii_terminal_gets_a_stand_in_for_every_calendar_mark():
    assert all(ord(mark.translate(ASCII_MARKS)) < 128 for mark in CALENDAR_MARK.values())


def test_a_day_at_two_other_bases_names_both(demo, run, tmp_path):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Bukhara Emergency Medical Care Hospital", "-H", "2",
            "-a", "Handover")
    out = tmp_path / "report.html"
    succeed(run, "summary", "--site", "children", "--format", "html", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert f'<span class="state">at {PERINATAL}, at Bukhara Emergency Medical Care Hospital</span>' in page
