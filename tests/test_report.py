"""The end-of-internship report in every format: complete, consistent with its JSON, and escaping user text."""

from __future__ import annotations

from tests.conftest import succeed

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from logbook.cli.app import typer_app
from logbook.domain.involvement import LEVELS

FORMATS = ("text", "md", "html", "csv", "json")


class Page(HTMLParser):
    """The parts of an HTML report the tests read: tables by id, tags seen, attributes that load things."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.tags: list[str] = []
        self.loads: list[str] = []
        self.meta: dict[str, str] = {}
        self.text: list[str] = []
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        self.loads += [v for k, v in attrs.items() if k in ("src", "href") and v]
        if tag == "link" or tag == "script":
            self.loads.append(f"<{tag}>")
        if tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs.get("content", "")
        if tag == "table" and attrs.get("id"):
            self._table = attrs["id"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._table:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _number(cell: str) -> float:
    return float(cell) if cell else 0.0


def test_the_demo_produces_a_complete_report_in_every_format(run, tmp_path):
    for fmt in FORMATS:
        out = tmp_path / f"report.{fmt}"
        result = run("demo", "--format", fmt, "--output", out)
        assert result.code == 0, result.err
        body = out.read_text(encoding="utf-8")
        expected = ["Endotracheal intubation", "Ark of Bukhara", "Bukhara Regional Perinatal Center"]
        if fmt == "json":
            expected += ["Madina Sultanova", '"targets"', '"reflections"', "Taught the airway drill"]
        elif fmt != "csv":  # CSV is one row per entry; the other formats hold every section
            expected += ["Madina Sultanova", "Targets", "Taught the airway drill", "Supervisor", "Hours per day"]
        for text in expected:
            assert text in body, (fmt, text)


def test_json_report_has_the_documented_keys(demo, run):
    s = json.loads(run("summary", "--format", "json").out)
    assert s["format"] == "internship-logbook-report"
    assert s["report_version"] == 1
    for key in ("internship", "period", "selection", "days", "calendar", "entries", "hours_by_site", "hours_by_department",
                "total_hours", "procedures", "procedures_by_role", "total_procedures", "targets", "pace", "cultural",
                "notes", "reflections", "log", "signature", "generated_on"):
        assert key in s, key
    assert s["total_hours"] == 55.5
    assert s["total_procedures"] == 23
    assert s["days"]["with_entries"] == 11
    day = s["calendar"][5]
    assert day == {"date": "2024-12-07", "weekday": "Sat", "weekend": True, "status": "cultural only", "entries": 3, "hours": 0.0,
                   "elsewhere": []}
    assert s["calendar"][-1]["status"] == "not logged"
    assert {t["status"] for t in s["targets"]} >= {"met", "behind"}
    assert s["pace"] == {"as_of": "2024-12-09", "days_elapsed": 8, "days_total": 12}
    assert len(s["log"]) == sum(s["entries"].values()) == 32


def test_html_figures_match_the_json_summary(demo, run):
    s = json.loads(run("summary", "--format", "json").out)
    page = Page(run("summary", "--format", "html").out)
    sites = page.tables["hours-by-site"]
    assert sites[0] == ["Site", "Days", "Hours"]
    assert [[r[0], int(r[1]), float(r[2])] for r in sites[1:-1]] == [
        [r["site"], r["days"], r["hours"]] for r in s["hours_by_site"]]
    assert float(sites[-1][2]) == s["total_hours"]
    procedures = page.tables["procedures"]
    assert procedures[0] == ["Procedure", *LEVELS, "Total"]
    for row, expected in zip(procedures[1:-1], s["procedures"]):
        assert row[0] == expected["procedure"]
        assert [_number(c) for c in row[1:-1]] == [expected["by_role"][lv] for lv in LEVELS]
        assert int(row[-1]) == expected["total"]
    assert [int(c) for c in procedures[-1][1:]] == [*s["procedures_by_role"].values(), s["total_procedures"]]
    targets = page.tables["targets"]
    assert [(r[0], float(r[2]), float(r[3])) for r in targets[1:]] == [
        (t["label"], t["achieved"], t["target"]) for t in s["targets"]]
    assert len(page.tables["cultural"]) - 1 == len(s["cultural"])
    assert [len(row) for row in page.tables["calendar"]] == [7, 7, 7]  # the weekdays' heads, then a row a week
    calendar = [cell for row in page.tables["calendar"][1:] for cell in row if cell]
    assert len(calendar) == s["days"]["total"]
    assert sum(1 for cell in calendar if "not logged" in cell) == len(s["days"]["without_entries"])
    assert page.tags.count("svg") == 2
    assert "rect" in page.tags  # hours per day, procedures per level


def test_html_is_self_contained(demo, run):
    page = Page(run("summary", "--format", "html", "--sign").out)
    assert page.loads == []  # no src, href, <link> or <script>: nothing is fetched, nothing runs
    assert "style" in page.tags
    assert "logbook-signature" in page.meta


def test_csv_has_one_row_per_entry_matching_the_json(demo, run):
    s = json.loads(run("summary", "--format", "json").out)
    rows = list(csv.DictReader(io.StringIO(run("summary", "--format", "csv").out)))
    assert [r["id"] for r in rows] == [e["id"] for e in s["log"]]
    assert sum(float(r["hours"]) for r in rows if r["kind"] == "clinical") == s["total_hours"]
    assert sum(int(r["count"]) for r in rows if r["kind"] == "procedure") == s["total_procedures"]
    for level in LEVELS:
        assert sum(int(r["count"]) for r in rows if r["role"] == level and r["kind"] == "procedure") == s["procedures_by_role"][level]
    assert {r["place"] for r in rows if r["kind"] == "cultural"} == {c["place"] for c in s["cultural"]}
    assert rows[0]["weekday"] == "Mon"
    assert rows[0]["what"].startswith("Introduction")


def test_the_text_report_has_the_calendar_charts_targets_and_sign_off(demo, run):
    out = run("summary").out
    for expected in ("Attendance", "■ clinical", "○ cultural visits only", "Hours per day", "Procedures per level", "Targets", "⚑ behind pace",
                     "Reflections", "Supervisor's confirmation", "Hours by department"):
        assert expected in out, expected
    line = next(line for line in out.splitlines() if line.startswith("Mon 2024-12-09"))
    assert line.count("█") == 40
    assert line.rstrip().endswith("8 h")  # the longest day has the full bar
    assert "assisted    " + "█" * 40 in out  # 8 assisted, the most of any level


def test_on_a_narrow_screen_the_charts_shrink_in_proportion_instead_of_being_cut(demo, run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    lines = run("summary").out.splitlines()
    longest = next(line for line in lines if line.startswith("Mon 2024-12-09"))  # 8 h
    half = next(line for line in lines if line.startswith("Mon 2024-12-02"))  # 4 h
    assert len(longest) <= 40
    assert "…" not in longest
    assert half.count("█") > 0
    assert abs(longest.count("█") - 2 * half.count("█")) <= 1


HOSTILE = "<script>alert(1)</script> | *bold* [x](http://e.vil) `c` \x1b[31m # \\ &amp;"


def test_user_text_stays_text_in_html_markdown_csv_and_text(run, internship):
    succeed(run, "add", "procedure", HOSTILE, "-d", "2024-12-03", "-r", "observed", "--note", "- item\n1. two\n> q")
    succeed(run, "add", "cultural", "=HYPERLINK(\"http://e.vil\")", "-d", "2024-12-04", "--note", "@SUM(A1)")
    succeed(run, "reflect", "<img src=x onerror=alert(1)>\n# not a heading", "-d", "2024-12-03")

    page = Page(run("summary", "--format", "html").out)
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert page.loads == []
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text
    assert "\\x1b[31m" in text
    assert "\x1b" not in text
    row = page.tables["procedures"][1]
    assert row[0] == HOSTILE.replace("\x1b", "\\x1b")
    assert len(row) == len(LEVELS) + 2

    from markdown_it import MarkdownIt

    markdown = run("summary", "--format", "md").out
    assert "\x1b" not in markdown
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    parsed = Page(rendered)
    assert "script" not in parsed.tags
    assert "img" not in parsed.tags
    assert "a" not in parsed.tags
    assert "em" not in parsed.tags
    assert parsed.tags.count("h1") == 1  # only the report's own title
    cells = _markdown_table(rendered, "Procedure")
    assert cells[1][0] == HOSTILE.replace("\x1b", "\\x1b")
    assert len(cells[1]) == len(LEVELS) + 2
    assert "<script>alert(1)</script>" in "".join(parsed.text)

    rows = list(csv.DictReader(io.StringIO(run("summary", "--format", "csv").out)))
    assert rows[1]["place"] == "'=HYPERLINK(\"http://e.vil\")"
    assert rows[1]["note"] == "'@SUM(A1)"
    assert "\x1b" not in rows[0]["procedure"]

    out = run("summary").out
    assert "\x1b" not in out
    assert "<script>alert(1)</script>" in out


def _markdown_table(rendered_html: str, first_header: str) -> list[list[str]]:
    """The rows of the rendered Markdown table whose first header is `first_header`."""
    import itertools
    import re

    counter = itertools.count()
    page = Page(re.sub("<table>", lambda _: f'<table id="t{next(counter)}">', rendered_html))
    return next(rows for rows in page.tables.values() if rows[0][0] == first_header)


def test_filters_apply_to_every_format(demo, run):
    args = ("--from", "2024-12-03", "--to", "2024-12-06", "--site", "children", "--kind", "procedure")
    s = json.loads(run("summary", *args, "--format", "json").out)
    assert s["period"] == {"from": "2024-12-03", "to": "2024-12-06"}
    assert s["selection"] == {"site": "children", "kind": "procedure", "sites": ["Bukhara Regional Children's Hospital"]}
    names = {p["procedure"] for p in s["procedures"]}
    assert names == {"Inhalational induction", "Caudal block", "Endotracheal intubation",
                     "Central venous catheterisation"}
    assert s["total_hours"] == 0
    assert s["cultural"] == []
    assert len(s["calendar"]) == 4
    rows = list(csv.DictReader(io.StringIO(run("summary", *args, "--format", "csv").out)))
    assert {r["kind"] for r in rows} == {"procedure"}
    assert len(rows) == len(s["log"]) == 4
    assert all("2024-12-03" <= r["date"] <= "2024-12-06" and "Children" in r["site"] for r in rows)
    page = Page(run("summary", *args, "--format", "html").out)
    assert {r[0] for r in page.tables["procedures"][1:-1]} == names
    for fmt in ("md", "text"):
        out = run("summary", *args, "--format", fmt).out
        assert "Caudal block" in out
        assert "Rapid sequence induction" not in out
        assert "Ark of Bukhara" not in out


def test_the_format_follows_the_output_suffix_and_an_unknown_format_is_a_usage_error(demo, run, tmp_path):
    assert run("summary", "-o", tmp_path / "r.html").code == 0
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert run("summary", "-o", tmp_path / "r.txt").code == 0
    assert "Days with entries" in (tmp_path / "r.txt").read_text()
    assert "\x1b" not in (tmp_path / "r.txt").read_text()
    result = run("summary", "--format", "docx")
    assert result.code == 2
    assert "text, md, html, csv, json, pdf" in result.err
    assert run("summary", "--kind", "lunch").code == 2  # like an unknown format: a word outside its list


def test_every_report_command_has_help_ending_with_an_example(run):
    for command in (("target", "add"), ("target", "list"), ("target", "remove"), ("targets",), ("reflect",), ("day",),
                    ("summary",), ("verify",), ("demo",)):
        result = run(*command, "--help")
        assert result.code == 0, command
        assert "Example: logbook " in result.out, command
    names = {c.name or c.callback.__name__ for c in typer_app().registered_commands}
    assert {"targets", "reflect", "day", "summary", "verify"} <= names


def test_hours_over_time_are_per_day_then_per_week_then_per_month_as_the_period_grows():
    from datetime import date

    from logbook.domain.summary import summarize

    def over(start: str, end: str) -> dict:
        internship = {"resident": "R", "specialty": "S", "host_institution": "H", "start": start, "end": end}
        entry = {"id": "a" * 32, "kind": "clinical", "date": "2024-03-05", "created_at": "2024-03-05T10:00:00+00:00",
                 "updated_at": "2024-03-05T10:00:00+00:00", "site": "X", "department": None, "hours": 6.5,
                 "activity": "Round", "role": None, "supervisor": None, "note": None}
        return summarize(internship, [entry], today=date(2025, 1, 1))["hours_over_time"]

    days = over("2024-03-01", "2024-03-31")
    assert days["by"] == "day"
    assert len(days["bars"]) == 31
    assert days["bars"][4]["hours"] == 6.5
    weeks = over("2024-03-01", "2024-05-31")  # starts on a Friday: the first bar is a short week
    assert weeks["by"] == "week"
    assert weeks["bars"][0] == {"from": "2024-03-01", "to": "2024-03-03", "weekday": "Fri", "hours": 0.0,
                                "days": 3, "working_days": 1, "clinical_days": 0, "clinical_days_off": 0}
    assert weeks["bars"][1]["clinical_days"] == 1
    assert weeks["bars"][1]["days"] == 7
    assert weeks["bars"][1]["from"] == "2024-03-04"
    assert weeks["bars"][1]["hours"] == 6.5
    months = over("2024-01-15", "2025-06-30")
    assert months["by"] == "month"
    assert [b["from"][:7] for b in months["bars"]][:3] == ["2024-01", "2024-02", "2024-03"]
    assert sum(b["hours"] for b in months["bars"]) == 6.5
