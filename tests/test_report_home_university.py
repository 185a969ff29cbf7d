"""What a home university needs from the report: clinical days, supervisors and a sign-off per clinical base."""

from __future__ import annotations

import json
import re

import pytest

from tests.test_report import Page

PERINATAL, CHILDREN = "Bukhara Regional Perinatal Center", "Bukhara Regional Children's Hospital"
EMERGENCY, CLINIC = "Bukhara Emergency Medical Care Hospital", "University Clinic of the Medical Institute"
# The demo's clinical bases in the order the resident first worked there, with who supervised at each.
BASES = [
    {"site": CLINIC, "supervisors": ["Prof. Sh. Rakhimov"]},
    {"site": PERINATAL, "supervisors": ["Dr. N. Ismoilova", "Dr. F. Hamroyeva"]},
    {"site": CHILDREN, "supervisors": ["Dr. B. Jurayev", "Dr. D. Nazarova"]},
    {"site": EMERGENCY, "supervisors": ["Dr. U. Sobirov"]},
]


def test_json_has_a_sign_off_per_clinical_base_in_first_seen_order(demo, run):
    s = json.loads(run("summary", "--json").out)
    assert s["sign_off"] == BASES


def test_a_day_with_only_cultural_visits_is_not_a_clinical_day(demo, run):
    s = json.loads(run("summary", "--json").out)
    assert s["days"]["with_clinical"] == 9
    assert s["days"]["with_entries"] == 11
    weekend = {d["date"]: d["status"] for d in s["calendar"]}
    assert weekend["2024-12-07"] == weekend["2024-12-08"] == "cultural only"
    assert weekend["2024-12-06"] == "logged"


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_readable_format_counts_clinical_days(demo, run, fmt):
    out = run("summary", "--format", fmt).out
    assert "Clinical days: 9 of 10 working days (12 calendar days)" in re.sub(r"<[^>]+>", "", out)


def test_the_text_report_has_one_sign_off_block_per_base_naming_its_supervisors(demo, run):
    out = run("summary").out
    sign_off = out[out.index("Sign-off"):]
    blocks = re.findall(r"Supervisor's confirmation: ([^│\n]+?)\s*│?\n", sign_off)
    assert blocks == [b["site"] for b in BASES]
    for base in BASES:
        assert ", ".join(base["supervisors"]) in sign_off
    assert sign_off.count("Stamp") == len(BASES)


def test_the_markdown_report_has_one_sign_off_block_per_base(demo, run):
    out = run("summary", "--format", "md").out
    assert re.findall(r"^### Supervisor's confirmation: (.+)$", out, re.MULTILINE) == [b["site"] for b in BASES]
    assert out.count("Stamp:") == len(BASES)
    assert "Supervisors: Dr. N. Ismoilova, Dr. F. Hamroyeva" in out


def test_the_html_report_has_a_supervisors_table_and_a_sign_off_per_base(demo, run):
    html = run("summary", "--format", "html").out
    page = Page(html)
    assert page.tables["supervisors"][1:] == [[b["site"], ", ".join(b["supervisors"])] for b in BASES]
    assert re.findall(r'<div class="signoff" data-site="([^"]+)">', html) == [
        b["site"].replace("'", "&#x27;") for b in BASES]
    assert html.count('class="stamp"') == len(BASES)


def test_a_report_without_clinical_bases_keeps_one_sign_off_block(demo, run):
    s = json.loads(run("summary", "--kind", "cultural", "--json").out)
    assert s["sign_off"] == []
    out = run("summary", "--kind", "cultural").out
    assert out.count("Supervisor's confirmation") == 1
    assert out.count("Stamp") == 1


@pytest.mark.parametrize("kind, kept", [("procedure", {"procedure"}), ("clinical", {"hours"}), ("cultural", set())])
def test_a_report_of_one_kind_shows_only_the_targets_it_can_count(demo, run, kind, kept):
    s = json.loads(run("summary", "--kind", kind, "--json").out)
    assert {t["kind"] for t in s["targets"]} == kept
    text = run("summary", "--kind", kind).out
    assert ("Hours at" in text) == ("hours" in kept)
    assert ("Endotracheal intubation (supervised" in text) == ("procedure" in kept)


def test_a_report_of_one_site_drops_hours_targets_at_other_sites(demo, run):
    s = json.loads(run("summary", "--site", "perinatal", "--json").out)
    hours = [t["label"] for t in s["targets"] if t["kind"] == "hours"]
    assert hours == [f"Hours at {PERINATAL}"]
    assert s["sign_off"] == [BASES[1]]
    assert "behind" not in {t["status"] for t in s["targets"] if t["kind"] == "hours"}
