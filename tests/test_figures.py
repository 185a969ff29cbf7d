"""Figures a reader trusts: chart axes on round steps in every format; clinical days against the working days;
and the small things seen on the way (one pace date, 80-column text files, copyable paths, dated cohort PDFs)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest

from tests.conftest import succeed
from tests.test_pdf_report import pdftotext


@pytest.fixture
def uneven_hours(run, internship):
    """A week whose longest day is 6.5 hours: quarters of it would be 1.62 / 3.25 / 4.88."""
    for day, hours in (("2024-12-02", "6.5"), ("2024-12-03", "3"), ("2024-12-04", "5")):
        assert run("add", "clinical", "-d", day, "-s", "Perinatal center", "-H", hours, "-a", "Theatre").code == 0
    assert run("add", "procedure", "Caesarean section", "-d", "2024-12-03", "-r", "assisted", "-c", "3").code == 0
    return internship


def test_the_axis_steps_are_round(run):
    from logbook.render.axis import ticks

    assert ticks(6.5) == [0, 2, 4, 6, 8]
    assert ticks(181.5) == [0, 50, 100, 150, 200]
    assert ticks(12) == [0, 2.5, 5, 7.5, 10, 12.5]
    assert ticks(3, whole=True) == [0, 1, 2, 3]
    assert ticks(1, whole=True) == [0, 1]
    for top in (0.3, 1, 6.5, 7.5, 45.38, 181.5, 999, 123456):
        marks = ticks(top)
        step = marks[1]
        mantissa = step / 10 ** __import__("math").floor(__import__("math").log10(step))
        assert round(mantissa, 9) in (1, 2, 2.5, 5), (top, marks)
        assert marks[-1] >= top, (top, marks)
        assert len(marks) <= 6, (top, marks)


def test_the_html_chart_is_drawn_on_round_steps(run, uneven_hours):
    html = run("summary", "--format", "html").out
    hours_chart = html.split('<svg class="chart"')[1]
    assert re.findall(r'class="axis"[^>]*>([^<]*)<', hours_chart) == ["0", "2", "4", "6", "8"]
    counts_chart = html.split('<svg class="chart"')[2]
    assert re.findall(r'class="axis"[^>]*>([^<]*)<', counts_chart) == ["0", "1", "2", "3"]


def test_the_pdf_charts_are_drawn_on_round_steps(run, uneven_hours, tmp_path):
    pdf = tmp_path / "report.pdf"
    assert run("summary", "-o", pdf).code == 0
    text = pdftotext(pdf)
    for quarter in ("1.62", "1.63", "3.25", "4.88", "4.87"):
        assert quarter not in text


def test_the_terminal_bars_stand_on_a_round_scale(run, uneven_hours, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("summary").out
    chart = out.split("Hours per day")[1].split("\n\n")[0].splitlines()
    assert chart[-1].split() == ["0", "2", "4", "6", "8"]
    assert all(len(line) <= 80 for line in out.splitlines())
    scale_end = len(chart[-1].rstrip())  # the "8" at the axis's end
    longest = next(line for line in chart if line.rstrip().endswith("6.5 h"))
    assert longest.rindex("█") < scale_end - 3  # 6.5 of 8: the bar stops short of the axis's end


def test_clinical_days_are_counted_against_the_working_days(demo, run):
    out = run("summary").out
    assert "Clinical days: 9 of 10 working days (12 calendar days)" in out
    s = json.loads(run("summary", "--json").out)
    assert s["days"]["working"] == 10
    assert s["days"]["total"] == 12
    assert s["days"]["with_clinical"] == 9


def test_the_config_chooses_the_working_days(demo, run):
    result = run("config", "set", "working_days", "Mon-Sat")
    assert result.code == 0
    assert "working_days = mon-sat" in result.err
    s = json.loads(run("summary", "--json").out)
    assert s["days"]["working"] == 11
    assert [d["weekend"] for d in s["calendar"] if d["date"] in ("2024-12-07", "2024-12-08")] == [False, True]
    assert "Clinical days: 9 of 11 working days (12 calendar days)" in run("summary").out


def test_a_clinical_day_off_is_counted_beside_the_working_days(run, internship):
    succeed(run, "add", "clinical", "-d", "2024-12-07", "-s", "Emergency hospital", "-H", "6", "-a", "Night duty")
    succeed(run, "add", "clinical", "-d", "2024-12-09", "-s", "Emergency hospital", "-H", "6", "-a", "Ward round")
    out = run("summary").out
    assert "Clinical days: 1 of 10 working days and 1 day off (12 calendar days)" in out


def test_working_days_that_name_no_day_are_refused_in_one_line(run, internship):
    result = run("config", "set", "working_days", "funday")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "'funday' is not a day of the week or a range of them" in result.err
    assert "mon-fri" in result.err


def test_a_working_week_over_the_weekend_is_kept_as_a_range(run, internship):
    assert "working_days = sun-thu" in run("config", "set", "working_days", "sun-thu").err


def test_targets_and_summary_state_the_pace_against_the_same_day(demo, run, monkeypatch):
    for today in ("2024-12-06", "2025-03-01"):
        monkeypatch.setenv("LOGBOOK_TODAY", today)
        targets = json.loads(run("targets", "--json").out)["pace"]
        summary = json.loads(run("summary", "--json").out)["pace"]
        assert targets == summary, today
    assert summary["as_of"] == "2024-12-13"  # after the internship: its last day, for both


def test_a_text_report_wraps_at_80_columns_as_the_terminal_does(demo, run, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    path = tmp_path / "report.txt"
    assert run("summary", "-o", path).code == 0
    written = path.read_text(encoding="utf-8")
    assert max(map(len, written.splitlines())) == 80
    screen = "\n".join(line.rstrip() for line in run("summary").out.splitlines())
    # The same lines as on an 80-column terminal, up to where the screen starts capping long lists.
    assert written.split("Notes")[0] == screen.split("Notes")[0]


def test_doctor_prints_every_file_path_whole_on_a_narrow_screen(run, internship, tmp_path, monkeypatch):
    deep = tmp_path / ("a-folder-with-a-long-name-" * 3) / "logbook-of-the-bukhara-internship.json"
    deep.parent.mkdir(parents=True)
    monkeypatch.setenv("LOGBOOK_DB", str(deep))
    from tests.conftest import INTERNSHIP

    assert run(*INTERNSHIP).code == 0
    assert run("add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "-a", "Theatre").code == 0
    monkeypatch.setenv("COLUMNS", "40")
    out = run("doctor").out
    assert str(deep) in out.splitlines()
    assert f"    {deep}.bak" in out.splitlines()


def test_the_cohort_pdf_footer_carries_its_generation_day(run, internship, tmp_path):
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "-a", "Theatre")
    exported, pdf = tmp_path / "one.json", tmp_path / "cohort.pdf"
    assert run("export", "-o", exported).code == 0
    assert run("cohort", exported, "-o", pdf).code == 0
    today = datetime.now(timezone.utc).date().isoformat()
    assert f"Made with logbook {__import__('logbook').__version__} on {today}" in pdftotext(pdf)


def test_the_readmes_config_set_reference_names_every_key(run):
    from pathlib import Path

    from logbook.config import KEYS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    reference = readme.split("### `logbook config set [OPTIONS] {key} {value}`", 1)[1].split("\n\n", 1)[0]
    settings = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    for key in KEYS:
        assert f"`{key}`" in reference, key
        assert f"| `{key}` |" in settings, key
    assert all(key in run("config", "set", "--help").out for key in KEYS)


def test_a_weeks_clinical_days_are_counted_against_its_working_days(run, internship, monkeypatch):
    assert run("init", "--end", "2025-02-28").code == 0  # three months: attendance by week
    succeed(run, "add", "clinical", "-d", "2024-12-07", "-s", "Emergency hospital", "-H", "6", "-a", "Night duty")
    succeed(run, "add", "clinical", "-d", "2024-12-09", "-s", "Emergency hospital", "-H", "6", "-a", "Ward round")
    monkeypatch.setenv("COLUMNS", "80")
    rows = {line.split()[0]: line for line in run("summary").out.splitlines() if re.match(r"2024-12-0[29] ", line)}
    assert rows["2024-12-02"].split()[1:5] == ["0", "of", "5", "+1"]  # Saturday's duty, beside the five working days
    assert rows["2024-12-09"].split()[1:4] == ["1", "of", "5"]


def test_a_week_row_counts_clinical_days_of_working_days_in_the_pdf_as_on_the_terminal(run, tmp_path):
    succeed(run, "init", "--resident", "Dilnoza Karimova", "--specialty", "Pediatric surgery", "--host", "Bukhara",
            "--start", "2024-11-04", "--end", "2024-12-22")  # seven weeks: one row per week
    for day in ("2024-11-04", "2024-11-05", "2024-11-09"):  # Monday, Tuesday, and the Saturday
        succeed(run, "add", "clinical", "-d", day, "-s", "Emergency hospital", "-H", "6", "-a", "Ward round")
    terminal = succeed(run, "summary").out
    assert "2 of 5 +1" in terminal  # 2 of the week's 5 working days, and 1 day off
    pdf = tmp_path / "weeks.pdf"
    succeed(run, "summary", "--format", "pdf", "-o", pdf)
    assert "2 of 5 +1" in pdftotext(pdf)  # never "3 of 7": a week has 5 working days, whatever it holds
