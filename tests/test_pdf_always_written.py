"""A PDF is always written: rows taller than a page go on over the next one, or are cut with where the rest is."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

DRUGS = "\n".join(f"{n}. Aspirin 75 mg" for n in range(1, 81))  # an 80-line drug list, 1,300 characters
STAMP = "2024-12-14T10:00:00.000+00:00"


@pytest.fixture(autouse=True)
def after_the_internship(monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-31")  # every entry of the internship is in the past


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def written(run, *args: object) -> Path:
    """Runs a command that writes a PDF (its -o the last argument) and checks the file is a whole, valid PDF."""
    result = run(*args)
    assert result.code == 0, result.err
    pdf = Path(args[-1])
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert len(PdfReader(pdf).pages) >= 1
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    return pdf


def entry(n: int, day: str = "2024-12-03", **fields) -> dict:
    return {"id": hashlib.md5(str(n).encode()).hexdigest(), "date": day, "created_at": STAMP, "updated_at": STAMP, **fields}


def export(path: Path, entries: list[dict], reflections: list[dict] | None = None, **internship) -> Path:
    profile = {"resident": "Dilnoza Karimova", "specialty": "Pediatric surgery", "home_institution": None,
               "host_institution": "Bukhara", "start": "2024-12-02", "end": "2024-12-13", **internship}
    path.write_text(json.dumps({"format": "internship-logbook", "schema_version": 1, "internship": profile,
                                "entries": entries, "reflections": reflections or []}))
    return path


def test_a_note_holding_an_80_line_drug_list_goes_on_over_the_next_page(run, internship, tmp_path):
    assert run("add", "clinical", "-s", "Perinatal center", "-H", "6", "-a", "Ward round", "-d", "2024-12-03", "-n", DRUGS).code == 0
    pdf = written(run, "summary", "-o", tmp_path / "r.pdf")
    text = text_of(pdf)
    assert "1. Aspirin 75 mg" in text
    assert "80. Aspirin 75 mg" in text  # whole: 80 lines are not too long to print


def test_200_supervisors_at_one_base_are_all_in_the_pdf(run, tmp_path):
    entries = [entry(n, f"2024-12-{2 + n % 12:02d}", kind="clinical", site="Children's hospital", department="Surgery",
                     hours=0.1, activity="Ward round", role="assisted", supervisor=f"Dr. Supervisor {n:03d}", note=None)
               for n in range(200)]
    assert run("import", export(tmp_path / "x.json", entries)).code == 0
    text = text_of(written(run, "summary", "-o", tmp_path / "r.pdf"))
    assert "Dr. Supervisor 000" in text
    assert "Dr. Supervisor 199" in text


def test_a_name_of_many_lines_does_not_stop_the_summary_or_the_cohort(run, tmp_path):
    lines = ("a\n" * 100)[:199] + "z"  # 200 characters, the most a name holds, 100 of them line breaks
    entries = [entry(1, kind="clinical", site=lines, department=lines, hours=6.0, activity=lines, role="assisted",
                     supervisor=lines, note=None)]
    path = export(tmp_path / "x.json", entries, resident=lines, specialty=lines, host_institution=lines)
    assert run("import", path).code == 0
    written(run, "summary", "-o", tmp_path / "r.pdf")
    written(run, "cohort", path, "-o", tmp_path / "cohort.pdf")
    written(run, "signoff", "--all", "-o", tmp_path / "sheets.pdf")


def test_one_residents_extreme_export_does_not_stop_the_cohort_pdf_of_the_group(run, internship, tmp_path):
    assert run("add", "procedure", "Caudal block", "-r", "observed", "-d", "2024-12-04").code == 0
    assert run("export", "-o", tmp_path / "dilnoza.json").code == 0
    lines = ("b\n" * 100)[:200]
    others = [entry(n, f"2024-12-{2 + n % 12:02d}", kind="procedure", procedure=f"Procedure {n}\n{lines}"[:200],
                    role="observed", count=1, site=lines, supervisor=None, note=DRUGS) for n in range(60)]
    other = export(tmp_path / "other.json", others, resident="Madina\n" * 20, specialty=lines)
    pdf = written(run, "cohort", tmp_path / "dilnoza.json", other, "-o", tmp_path / "cohort.pdf")
    assert "Caudal block" in text_of(pdf)


def test_a_note_longer_than_two_pages_is_cut_saying_how_much_is_left_and_where_it_is(run, internship, tmp_path):
    note = "\n".join(f"Line {n}" for n in range(1, 1001))
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-07", "-n", note).code == 0
    text = " ".join(text_of(written(run, "summary", "-o", tmp_path / "r.pdf")).split())
    assert "Line 100" in text
    assert "Line 101 " not in text
    left = len(note) - len("\n".join(f"Line {n}" for n in range(1, 101)))
    assert f"… {left} more characters; the whole text: logbook day 2024-12-07" in text


def _extreme(shape: str, most: int) -> str:
    """A text of `most` characters in one of the shapes that strain a layout."""
    unit = {"line breaks": "x\n", "one word": "W", "words": "Word ", "cyrillic": "Принимающее учреждение\n"}[shape]
    return (unit * (most // len(unit) + 1))[:most - 1] + "z"


@pytest.mark.parametrize("shape", ["line breaks", "one word", "words", "cyrillic"])
def test_every_field_at_its_longest_still_makes_a_valid_pdf_summary_and_cohort(run, tmp_path, shape):
    from logbook.domain.entries import MAX_LONG_TEXT, MAX_TEXT
    from logbook.domain.reflections import MAX_LENGTH

    name, note = _extreme(shape, MAX_TEXT), _extreme(shape, MAX_LONG_TEXT["note"])
    entries = [entry(1, "2024-12-13", kind="clinical", site=name, department=name, hours=24.0, activity=name, role="assisted",
                     supervisor=name, note=note),
               entry(2, kind="procedure", procedure=name, role="teaching", count=10_000, site=name, supervisor=name, note=note),
               entry(3, kind="cultural", place=name, category="landmark", note=note)]
    entries += [entry(10 + n, f"2024-12-{2 + n % 11:02d}", kind="clinical", site=name, department=name, hours=0.1,
                      activity="Round", role="observed", supervisor=f"{n} {name}"[:MAX_TEXT], note=None) for n in range(200)]
    reflection = {"date": "2024-12-03", "text": _extreme(shape, MAX_LENGTH), "created_at": STAMP, "updated_at": STAMP}
    path = export(tmp_path / "x.json", entries, [reflection], resident=name, specialty=name, host_institution=name,
                  home_institution=name)
    assert run("import", path).code == 0
    for lang in ("en", "ru"):
        written(run, "summary", "--lang", lang, "--sign", "-o", tmp_path / f"r-{lang}.pdf")
    written(run, "cohort", path, "-o", tmp_path / "cohort.pdf")
    written(run, "signoff", "--all", "-o", tmp_path / "sheets.pdf")



def test_200_long_supervisor_names_are_cut_in_their_cell_saying_the_html_report_holds_them_all(run, tmp_path):
    entries = [entry(n, f"2024-12-{2 + n % 12:02d}", kind="clinical", site="Children's hospital", department="Surgery",
                     hours=0.1, activity="Ward round", role="assisted", supervisor=f"Dr. Supervisor {n:03d} " + "x" * 40,
                     note=None) for n in range(200)]
    assert run("import", export(tmp_path / "x.json", entries)).code == 0
    text = " ".join(text_of(written(run, "summary", "-o", tmp_path / "r.pdf")).split())
    assert "Dr. Supervisor 000" in text
    assert "more characters; the whole text: --format html" in text
    html = tmp_path / "r.html"
    assert run("summary", "-o", html).code == 0
    assert "Dr. Supervisor 199" in html.read_text(encoding="utf-8")
