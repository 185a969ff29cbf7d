"""Clean documents: PDF fonts all embedded, no page half blank before a table, labels beside their values, header
words whole; HTML with a main landmark, a caption on every table, scoped header cells and a strict parse."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import succeed
from test_pdf_report import need


@pytest.fixture
def demo(run, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")  # the day after the internship, as in the README
    path = tmp_path / "demo.json"
    assert run("demo", "--keep", path, "--format", "json").code == 0
    return path


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_every_font_of_the_summary_cohort_and_sign_off_pdfs_is_embedded_and_helvetica_is_never_named(run, demo, tmp_path, lang):
    need("pdffonts")
    assert run("--db", demo, "export", "-o", tmp_path / "madina.json").code == 0
    pdfs = [tmp_path / "signed.pdf", tmp_path / "cohort.pdf", tmp_path / "sheets.pdf"]
    assert run("--db", demo, "summary", "--sign", "--lang", lang, "-o", pdfs[0]).code == 0
    assert run("cohort", tmp_path / "madina.json", "--lang", lang, "-o", pdfs[1]).code == 0
    assert run("--db", demo, "signoff", "--all", "--lang", lang, "-o", pdfs[2]).code == 0
    for pdf in pdfs:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts, fonts
        assert all(re.match(r"[A-Z]{6}\+DejaVuSans", line) and line.split()[-5] == "yes" for line in fonts), fonts
        assert b"Helvetica" not in pdf.read_bytes()


def page_fill(pdf: Path) -> list[float]:
    """How far down each page its text reaches, as a share of the text column (0: empty, 1: full)."""
    need("pdftotext")
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    top, bottom = 20 / 25.4 * 72, 841.9 - 18 / 25.4 * 72  # the margins of the text column, in points
    fills = []
    for page in html.split("<page ")[1:]:
        ends = [float(end) for start, end in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)
                if top - 5 < float(start) < bottom]  # the body, not the running header and footer
        fills.append((max(ends, default=top) - top) / (bottom - top))
    return fills


def test_a_table_that_does_not_fit_starts_on_the_page_rather_than_leave_it_more_than_half_blank(run, internship, tmp_path):
    succeed(run, "add", "clinical", "-d", "2024-12-02", "-s", "Children's hospital", "-H", "6", "-a", "Ward round")
    succeed(run, "add", "procedure", "Pyloromyotomy", "-d", "2024-12-02", "-r", "observed", "-s", "Children's hospital")
    for n in range(25):  # the cultural programme: most of a page, after a page only started
        note = f"Note {n} about the place, long enough to wrap once in its narrow column of the table"
        assert run("add", "cultural", f"Place {n}", "-d", f"2024-12-{2 + n % 9:02d}", "-n", note).code == 0
    pdf = tmp_path / "r.pdf"
    assert run("summary", "-o", pdf).code == 0
    fills = page_fill(pdf)
    assert all(fill > 0.5 for fill in fills[:-1]), fills
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    (first,) = [n for n, page in enumerate(pages) if "Cultural programme" in page]
    assert "Procedures per level of involvement" in pages[first]
    assert "Place 0" in pages[first]
    assert all(re.search(r"Date\s+Place\s+Category\s+Note", page) for page in pages if "Place 24" in page)  # header repeated


@pytest.mark.parametrize("lang, label", [("ru", "Принимающее"), ("uz", "Qabul qiluvchi")])
def test_a_label_that_wraps_keeps_its_value_on_its_first_line(run, demo, tmp_path, lang, label):
    need("pdftotext")
    pdf = tmp_path / "r.pdf"
    assert run("--db", demo, "summary", "--lang", lang, "-o", pdf).code == 0
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    (line,) = [line for line in text.splitlines() if label in line]
    assert "Abu Ali ibn Sina Bukhara State Medical Institute" in line, line


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_a_long_site_name_never_splits_a_header_word(run, internship, tmp_path, lang):
    from logbook.render import language
    from logbook.render.files.pdf_words import WORDS

    site = ("Bukhara Regional Multidisciplinary Children's Medical Center named after the heroes of the independence "
            "of the Republic of Uzbekistan")
    assert run("add", "clinical", "-s", site, "--department", "ICU", "-H", "6", "-a", "Ward round", "-d", "2024-12-03",
               "--supervisor", "Dr. A. Karimov").code == 0
    pdf = tmp_path / "r.pdf"
    assert run("summary", "--lang", lang, "-o", pdf).code == 0
    language.use(lang)
    try:
        heads = [WORDS[key] for key in ("department", "days", "hours_col", "supervisors_col")]
    finally:
        language.use("en")
    words = set(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for head in heads:
        assert set(head.split()) <= words, head


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_html_summary_and_cohort_have_a_main_a_caption_per_table_scoped_headers_and_parse_strictly(run, demo, tmp_path,
                                                                                                      lang):
    import html5lib

    assert run("--db", demo, "export", "-o", tmp_path / "madina.json").code == 0
    pages = [tmp_path / "summary.html", tmp_path / "cohort.html"]
    assert run("--db", demo, "summary", "--sign", "--lang", lang, "-o", pages[0]).code == 0
    assert run("cohort", tmp_path / "madina.json", "--lang", lang, "-o", pages[1]).code == 0
    for page in pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        tree = parser.parse(page.read_text(encoding="utf-8"))  # strict: raises at the first parse error
        assert not parser.errors
        assert len(tree.findall(".//main")) == 1
        tables = tree.findall(".//table")
        assert len(tables) >= 5
        for table in tables:
            caption = table.find("caption")
            assert table[0] is caption, table.attrib
            assert "".join(caption.itertext()).strip(), table.attrib  # the first child, not empty
        heads = tree.findall(".//th")
        assert heads
        assert all(th.get("scope") == "col" for th in heads)


def test_the_cohort_pdfs_footer_says_the_day_it_was_made_like_the_summarys(run, demo, tmp_path):
    from datetime import datetime

    assert run("--db", demo, "export", "-o", tmp_path / "madina.json").code == 0
    before = datetime.now().astimezone().date().isoformat()
    assert run("cohort", tmp_path / "madina.json", "-o", tmp_path / "cohort.pdf").code == 0
    days = {before, datetime.now().astimezone().date().isoformat()}  # the same day, unless run across midnight
    pages = [page.extract_text() for page in PdfReader(tmp_path / "cohort.pdf").pages]
    assert pages
    assert all(any("Made with logbook" in page and f"on {day}" in page for day in days) for page in pages)
