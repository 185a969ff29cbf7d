"""`logbook signoff`: the sheet each clinical base signs, in every format, refused when SITE names no one base."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest

from logbook.render.escaping import markdown as md
from tests.conftest import INTERNSHIP, digest
from tests.test_report import Page

PERINATAL = "Bukhara Regional Perinatal Center"
CHILDREN = "Bukhara Regional Children's Hospital"
EMERGENCY = "Bukhara Emergency Medical Care Hospital"
CLINIC = "University Clinic of the Medical Institute"
BASES = [CLINIC, PERINATAL, CHILDREN, EMERGENCY]  # the order the demo's resident first worked there


def _sheet(run, *args: str) -> str:
    result = run("signoff", *args)
    assert result.code == 0, result.err
    return result.out


def _pdf_pages(pdf) -> list[str]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def _ids_at(run, site: str, kind: str = "clinical") -> list[str]:
    result = run("list", "--json", "--site", site, "--kind", kind)
    assert result.code == 0, result.err
    return [e["id"] for e in json.loads(result.out)]


def test_a_sheet_holds_the_bases_dates_hours_departments_procedures_supervisors_and_signature_block(demo, run):
    text = _sheet(run, "perinatal", "--format", "text")
    for expected in (f"Sign-off sheet: {PERINATAL}", "2 days: 2024-12-03 to 2024-12-04", "Clinical hours at this base  13 h",
                     "Obstetric anaesthesia", "Neonatal intensive care", "Spinal anaesthesia for caesarean section",
                     "5 procedures", "Dr. N. Ismoilova, Dr. F. Hamroyeva", "Signature", "Stamp", "Position"):
        assert expected in text, expected
    assert "Dr. B. Jurayev" not in text
    assert "Caudal block" not in text  # the children's hospital's, not this base's


def test_a_day_at_another_base_is_shown_as_such_never_as_absent(demo, run):
    text = _sheet(run, "perinatal", "--format", "text")
    rows = {line.split("  ")[0]: line for line in text.splitlines() if line.startswith("2024-12-")}
    assert f"at {CHILDREN}" in rows["2024-12-05 – 2024-12-06"]
    assert f"at {CLINIC}" in rows["2024-12-02"]
    assert "not logged" not in text
    assert "absent" not in text


def test_weekends_and_weekdays_without_clinical_work_are_said_neutrally(demo, run):
    text = _sheet(run, "perinatal", "--format", "text")
    rows = {line.split("  ")[0]: line for line in text.splitlines() if line.startswith("2024-12-")}
    assert rows["2024-12-07 – 2024-12-08"].split()[-1] == "weekend"
    assert rows["2024-12-13"].endswith("no clinical entry")


def test_reflections_and_cultural_visits_are_not_on_a_sheet(demo, run):
    text = _sheet(run, "clinic", "--format", "md")
    assert "Taught the airway drill" not in text
    assert "Reflections" not in text  # the demo's reflection of 2024-12-12
    assert "Ark of Bukhara" not in text
    assert "Lyabi-Hauz" not in text
    assert "reflections, cultural visits and the work at other bases are not on it" in text


def test_site_matches_any_part_of_the_name_in_any_case(demo, run):
    assert f"Sign-off sheet: {EMERGENCY}" in _sheet(run, "EMERGENCY MEDICAL", "-f", "md")


@pytest.mark.parametrize("site", ["hospital", "BUKHARA"])
def test_a_site_naming_two_logged_sites_is_refused_naming_the_logged_sites(demo, run, site):
    before = digest(demo)
    result = run("signoff", site)
    assert result.code == 2
    assert not result.out
    assert len(result.err.strip().splitlines()) == 1
    assert "give more of the name" in result.err
    assert all(base in result.err for base in BASES)
    assert digest(demo) == before


def test_an_unknown_site_is_refused_naming_the_logged_sites(demo, run):
    result = run("signoff", "Samarkand")
    assert result.code == 2
    assert not result.out
    assert len(result.err.strip().splitlines()) == 1
    assert "'Samarkand' is not part of any logged site" in result.err
    assert all(base in result.err for base in BASES)


@pytest.mark.parametrize("args", [(), ("perinatal", "--all")], ids=["neither", "both"])
def test_site_or_all_is_asked_for_one_of_them(demo, run, args):
    result = run("signoff", *args)
    assert result.code == 2
    assert "name one clinical base as SITE, or give --all" in result.err


def test_the_whole_name_wins_over_a_longer_name_that_holds_it(run, internship):
    for site, hours in (("Clinic", "3"), ("Clinic annex", "5")):
        assert run("add", "clinical", "-s", site, "-H", hours, "-a", "Ward round", "-d", "2024-12-03").code == 0
    text = _sheet(run, "clinic", "-f", "text")
    assert "Clinical hours at this base  3 h" in text
    assert "also at Clinic annex" in text


def test_entries_at_the_base_outside_the_internships_dates_are_counted_not_hidden(run, internship):
    assert run("add", "clinical", "-s", "Clinic", "-H", "4", "-a", "Ward round", "-d", "2024-12-03").code == 0
    assert run("add", "clinical", "-s", "Clinic", "-H", "4", "-a", "Ward round", "-d", "2024-11-29", "--outside").code == 0
    text = _sheet(run, "clinic", "-f", "md")
    assert "1 entry logged at this base falls outside the internship's dates and is not on this sheet." in text


def test_a_site_logged_only_outside_the_internship_is_refused_saying_so(run, internship):
    assert run("add", "clinical", "-s", "Clinic", "-H", "4", "-a", "Ward round", "-d", "2024-12-03").code == 0
    assert run("add", "clinical", "-s", "Old hospital", "-H", "4", "-a", "Ward round", "-d", "2024-11-29", "--outside").code == 0
    result = run("signoff", "old")
    assert result.code == 2
    assert "Old hospital is logged only outside the internship's dates" in result.err


def test_a_logbook_without_clinical_work_has_no_sheet_to_sign(run, internship):
    assert run("add", "cultural", "Ark of Bukhara", "--category", "landmark", "-d", "2024-12-07").code == 0
    result = run("signoff", "--all")
    assert result.code == 1
    assert "no clinical base is logged" in result.err


def test_the_terminal_sheet_keeps_to_80_columns(demo, run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = _sheet(run, "children")
    assert max(map(len, text.splitlines())) <= 80
    assert f"Sign-off sheet: {CHILDREN}" in text
    assert "Supervisor (name)" in text


def test_the_text_file_keeps_to_80_columns(demo, run, tmp_path):
    assert run("signoff", "--all", "-o", tmp_path / "sheets.txt").code == 0
    text = (tmp_path / "sheets.txt").read_text(encoding="utf-8")
    assert max(map(len, text.splitlines())) <= 80
    assert [line.strip("═ ") for line in text.splitlines() if line.startswith("═")] == [f"Sign-off sheet: {b}" for b in BASES]


def test_markdown_sheets_are_separated_by_a_rule_under_their_own_heading(demo, run):
    text = _sheet(run, "--all", "-f", "md")
    headings = [line for line in text.splitlines() if line.startswith("# ")]
    assert headings == [f"# Sign-off sheet: {md(b)}" for b in BASES]
    assert text.count("\n---\n") == len(BASES) - 1


def test_html_sheets_each_start_a_new_printed_page(demo, run, tmp_path):
    assert run("signoff", "--all", "-o", tmp_path / "sheets.html").code == 0
    html = (tmp_path / "sheets.html").read_text(encoding="utf-8")
    page = Page(html)
    assert html.count('<section class="sheet"') == len(BASES)
    assert "break-before: page" in html
    assert "main" in page.tags
    assert not page.loads
    days = page.tables["days-2"]  # the perinatal center's, the second base
    assert ["2024-12-05 – 2024-12-06", f"at {CHILDREN}", ""] in days


def test_csv_lists_the_entries_of_the_sheet_only(demo, run):
    rows = list(csv.DictReader(io.StringIO(_sheet(run, "perinatal", "-f", "csv"))))
    assert len(rows) == 6
    assert {r["site"] for r in rows} == {PERINATAL}


def test_json_holds_each_sheet_under_its_documented_keys(demo, run):
    s = json.loads(_sheet(run, "--all", "-f", "json"))
    assert s["format"] == "internship-logbook-signoff"
    assert s["sheets_version"] == 1
    assert s["bases"] == BASES
    perinatal = s["sheets"][1]
    assert perinatal["site"] == PERINATAL
    assert perinatal["total_hours"] == 13
    assert perinatal["days_here"] == 2
    assert perinatal["supervisors"] == ["Dr. N. Ismoilova", "Dr. F. Hamroyeva"]
    assert {"from": "2024-12-05", "to": "2024-12-06", "status": "elsewhere", "elsewhere": [CHILDREN], "departments": [],
            "hours": 0, "entries": 0} in perinatal["days"]
    assert all(e["kind"] != "cultural" for e in s["log"])
    assert "reflections" not in s


def test_all_as_pdf_puts_each_base_on_pages_of_its_own(demo, run, tmp_path):
    pdf = tmp_path / "sheets.pdf"
    result = run("signoff", "--all", "-o", pdf)
    assert result.code == 0
    assert "4 sign-off sheets" in result.err
    pages = _pdf_pages(pdf)
    starts = [next((b for b in BASES if f"Sign-off sheet: {b}" in " ".join(p.split())), None) for p in pages]
    assert [b for b in starts if b] == BASES  # each sheet's heading on its own page, in the order worked there
    for n, base in enumerate(starts):
        if base:  # the sheet's own figures and signature block on the page it starts
            assert "Day by day" in pages[n]
            assert "Stamp" in pages[n]
            assert f"Supervisor's confirmation: {base}" in " ".join(pages[n].split())


def test_a_fingerprinted_sheet_verifies_and_says_changed_after_an_edit_at_its_base(demo, run, tmp_path):
    pdf = tmp_path / "perinatal.pdf"
    assert run("signoff", "perinatal", "--fingerprint", "-o", pdf).code == 0
    result = run("verify", pdf)
    assert result.code == 0
    assert result.out.startswith("Match:")
    assert "6 entries" in result.out
    assert PERINATAL in " ".join(result.out.split())
    assert run("edit", _ids_at(run, "children")[0], "--hours", "5").code == 0  # another base: not on this sheet
    assert run("verify", pdf).code == 0
    assert run("edit", _ids_at(run, "perinatal")[0], "--hours", "5").code == 0
    result = run("verify", pdf)
    assert result.code == 1
    assert "1 changed" in result.err
    assert "Changed since" in result.out


@pytest.mark.parametrize("fmt", ["text", "md", "html", "csv", "json", "pdf"])
def test_fingerprinted_sheets_verify_in_every_format(demo, run, tmp_path, fmt):
    out = tmp_path / f"sheets.{ {'text': 'txt'}.get(fmt, fmt)}"
    assert run("signoff", "--all", "--fingerprint", "-o", out).code == 0
    result = run("verify", out)
    assert result.code == 0
    assert "Match:" in result.out
    assert "24 entries" in result.out


def test_a_sheet_in_russian(demo, run):
    text = _sheet(run, "perinatal", "--lang", "ru", "-f", "text")
    for expected in (f"Лист подтверждения: {PERINATAL}", "Дни на этой базе", "выходной", "нет клинических записей",
                     f"на другой базе: {CHILDREN}", "Подтверждение руководителя", "Подпись"):
        assert expected in " ".join(text.split()), expected
    assert "Day by day" not in text
    assert "weekend" not in text


def test_a_sheet_in_uzbek_as_pdf(demo, run, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    assert run("signoff", "perinatal", "--lang", "uz", "-o", pdf).code == 0
    text = " ".join(" ".join(_pdf_pages(pdf)).split())
    assert f"Tasdiqlash varaqasi: {PERINATAL}" in text
    assert "dam olish kuni" in text
    assert "Kunma-kun" in text


def test_the_help_example_writes_a_pdf_sheet(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(*INTERNSHIP).code == 0
    assert run("add", "clinical", "--site", "Perinatal center", "--hours", "6", "--activity", "Ward round", "-d", "2024-12-03").code == 0
    assert run("signoff", "perinatal", "--output", "perinatal-signoff.pdf").code == 0
    assert (tmp_path / "perinatal-signoff.pdf").read_bytes().startswith(b"%PDF-")


def test_one_bases_fingerprint_pasted_into_another_bases_sheet_is_refused(demo, run, tmp_path):
    import re

    perinatal, emergency = tmp_path / "perinatal.md", tmp_path / "emergency.md"
    assert run("signoff", "perinatal", "--fingerprint", "-o", perinatal).code == 0
    assert run("signoff", "emergency", "--fingerprint", "-o", emergency).code == 0  # six entries too
    token = re.compile(r"logbook-signature:v2:[A-Za-z0-9+/=]+")
    emergency.write_text(token.sub(token.search(perinatal.read_text())[0], emergency.read_text()))
    result = run("verify", emergency)
    assert result.code == 1
    assert "made for another report" in result.err


def test_the_html_sheets_print_each_base_from_a_new_page_in_a_real_browser(demo, run, tmp_path):
    from tests.test_report_pdf import BROWSER, _need_tools

    _need_tools()
    html, pdf = tmp_path / "sheets.html", tmp_path / "printed.pdf"
    assert run("signoff", "--all", "-o", html).code == 0
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True, timeout=180, check=True,
    )
    firsts = [" ".join(page.split())[:120] for page in _pdf_pages(pdf)]
    started = [b for first in firsts for b in BASES if first.startswith(f"Sign-off sheet: {b}")]
    assert started == BASES, firsts



def _long_internship(run, tmp_path, days: int) -> None:
    """An internship of `days` days, imported: weekdays a week at the clinic, then a week at the hospital, in turn."""
    from datetime import date, timedelta

    start = date(2022, 1, 3)  # a Monday; two years later is still before the tests' today
    end = start + timedelta(days=days - 1)
    assert run("init", "--resident", "R. Resident", "--specialty", "Surgery", "--host", "Host", "--start", start,
               "--end", end).code == 0
    document = json.loads(run("export").out)
    document["entries"] = [
        {"id": f"{k:032x}", "kind": "clinical", "date": day.isoformat(), "created_at": "2023-01-01T00:00:00.000+00:00",
         "updated_at": "2023-01-01T00:00:00.000+00:00", "site": "Clinic" if (k // 7) % 2 == 0 else "Hospital",
         "department": "Ward", "hours": 6.0, "activity": "Ward round", "role": "assisted", "supervisor": "Dr. A", "note": None}
        for k, day in ((k, start + timedelta(days=k)) for k in range(days)) if day.weekday() < 5]
    (tmp_path / "long.json").write_text(json.dumps(document))
    assert run("import", tmp_path / "long.json").code == 0


@pytest.mark.parametrize("days, by, heading", [(90, "week", "Days at this base per week"),
                                               (730, "month", "Days at this base per month")])
def test_beyond_a_month_a_sheet_counts_its_days_per_week_then_per_month(run, tmp_path, days, by, heading):
    _long_internship(run, tmp_path, days)
    s = json.loads(_sheet(run, "clinic", "-f", "json"))["sheets"][0]
    assert s["over_time"]["by"] == by
    assert sum(r["days_here"] for r in s["over_time"]["rows"]) == s["days_here"]
    assert sum(r["days_here"] + r["days_elsewhere"] + r["days_without_clinical"] for r in s["over_time"]["rows"]) == days
    text = _sheet(run, "clinic", "-f", "text")
    assert heading in text
    assert "Day by day" not in text
    assert max(map(len, text.splitlines())) <= 80


def test_a_two_year_sheet_stays_a_few_pages(run, tmp_path):
    _long_internship(run, tmp_path, 730)
    pdf = tmp_path / "clinic.pdf"
    assert run("signoff", "clinic", "-o", pdf).code == 0
    pages = _pdf_pages(pdf)
    assert len(pages) <= 3
    assert "Stamp" in pages[-1]


def test_a_sites_own_text_stays_text_in_every_sheet_format(run, internship, tmp_path):
    site = "<script>x()</script> Ward | 3 *A*"
    assert run("add", "clinical", "-s", site, "-H", "4", "-a", "Ward round", "--as-typed", "-d", "2024-12-03").code == 0
    html = _sheet(run, "ward", "-f", "html")
    assert "<script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt; Ward | 3 *A*" in html
    md = _sheet(run, "ward", "-f", "md")
    row = next(line for line in md.splitlines() if line.startswith("| **Clinical base**"))
    assert row.count(" | ") == 1
    assert "\\<script\\>" in md
    assert "Ward \\| 3 \\*A\\*" in md


def test_every_page_of_a_long_sheet_names_its_base_at_the_top(run, tmp_path):
    _long_internship(run, tmp_path, 730)
    pdf = tmp_path / "sheets.pdf"
    assert run("signoff", "--all", "-o", pdf).code == 0
    pages = _pdf_pages(pdf)
    tops = [page.strip().splitlines()[0].split("  ")[0] for page in pages]
    assert len(pages) > 2
    assert set(tops) == {"Sign-off sheet: Clinic", "Sign-off sheet: Hospital"}
    assert tops == sorted(tops)  # the clinic's pages, then the hospital's: no page headed by the other's name
    assert "Sign-off sheet: Hospital" in pages[tops.index("Sign-off sheet: Hospital")].split("\n", 2)[-1]
