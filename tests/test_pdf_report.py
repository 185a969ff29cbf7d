"""The PDF report, read back as a reader would: its text extracted, its pages counted, drawn and verified."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import INTERNSHIP, digest

UZBEK = "Oʻgʻiloy Toʻxtayeva"  # U+02BB, the Uzbek Latin oʻ and gʻ
CYRILLIC_SITE = "Бухарский областной перинатальный центр"
SECTIONS = ("Attendance", "Hours by clinical base", "Procedures by level of involvement", "Targets", "Cultural programme",
            "Notes", "Reflections", "Sign-off")


def pages_of(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def need(tool: str) -> None:
    if shutil.which(tool):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} missing on CI: .ci/run installs poppler-utils")
    pytest.skip(f"{tool} not installed here (apt-get install poppler-utils); CI installs it")


def pdftotext(pdf: Path) -> str:
    need("pdftotext")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def demo_pdf(run, tmp_path) -> Path:
    pdf = tmp_path / "demo.pdf"
    result = run("demo", "--output", pdf)
    assert result.code == 0, result.err
    return pdf


def test_the_demo_pdf_is_a4_with_the_html_reports_sections_in_order(demo_pdf):
    reader = PdfReader(demo_pdf)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    text = "\n".join(pages_of(demo_pdf))
    places = [text.find(name) for name in SECTIONS]
    assert -1 not in places, dict(zip(SECTIONS, places))
    assert places == sorted(places), dict(zip(SECTIONS, places))
    assert "Days with entries: 11 of 12" in text
    assert "55.5" in text  # clinical hours in total
    assert re.search(r"Total\s+5\s+8\s+5\s+4\s+1\s+23", text)  # procedures per level and in total


def test_every_page_has_the_resident_and_period_above_and_page_n_of_m_below(demo_pdf):
    pages = pages_of(demo_pdf)
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
        assert "Internship logbook: Madina Sultanova" in page
        assert "2024-12-02 to 2024-12-13" in page


def test_the_demo_pdf_is_small_and_embeds_a_subset_of_its_font(demo_pdf):
    assert demo_pdf.stat().st_size < 300_000
    fonts = {f["/BaseFont"] for page in PdfReader(demo_pdf).pages for f in page["/Resources"]["/Font"].values()}
    assert any(re.fullmatch(r"/[A-Z]{6}\+DejaVuSans", str(f)) for f in fonts), fonts  # XXXXXX+: a subset


def test_latin_cyrillic_and_uzbek_text_reads_back_exactly_as_typed(run, tmp_path):
    init = [*INTERNSHIP]
    init[init.index("--resident") + 1] = UZBEK
    assert run(*init).code == 0
    assert run("add", "clinical", "-s", CYRILLIC_SITE, "-H", "6", "-a", "Обход", "-d", "2024-12-03",
               "--supervisor", "Д-р Н. Исмоилова", "-n", "Sogʻliqni saqlash vazirligi: gʻoʻza").code == 0
    assert run("add", "procedure", "Endotracheal intubation", "-r", "assisted", "-d", "2024-12-03").code == 0
    pdf = tmp_path / "r.pdf"
    assert run("summary", "--format", "pdf", "--output", pdf).code == 0
    for text in ("\n".join(pages_of(pdf)), pdftotext(pdf)):
        for typed in (UZBEK, CYRILLIC_SITE, "Sogʻliqni saqlash vazirligi: gʻoʻza", "Endotracheal intubation"):
            assert typed in text, typed


def _export_of_400_entries(path: Path) -> None:
    entries = []
    for n in range(400):
        day = f"2024-12-{2 + (n // 2) % 12:02d}"  # about 17 clinical hours a day, within the 24 a day holds
        stamp = "2024-12-14T10:00:00.000+00:00"
        base = {"id": hashlib.md5(str(n).encode()).hexdigest(), "date": day, "created_at": stamp, "updated_at": stamp}
        # Half an hour each: about 33 clinical entries fall on one day, and an import keeps a day to 24 hours.
        if n % 2:
            entries.append({**base, "kind": "clinical", "site": f"Clinical base {n % 5}", "department": "Ward",
                            "hours": 0.5, "activity": "Ward round", "role": "assisted", "supervisor": "Dr. Rakhimov",
                            "note": f"Note number {n}: a longer line of what was learned that day, to wrap in its cell"})
        else:
            entries.append({**base, "kind": "procedure", "procedure": f"Procedure {n % 40}", "role": "observed",
                            "count": 1, "site": "Clinical base 1", "supervisor": None, "note": f"Procedure note {n}"})
    internship = {"resident": "Dilnoza Karimova", "specialty": "Pediatric surgery", "home_institution": None,
                  "host_institution": "Bukhara", "start": "2024-12-02", "end": "2024-12-13"}
    path.write_text(json.dumps({"format": "internship-logbook", "schema_version": 1, "internship": internship,
                                "entries": entries}))


def test_a_report_of_400_entries_runs_over_pages_repeating_each_tables_header(run, tmp_path, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-31")  # after the internship: every entry is in the past
    _export_of_400_entries(tmp_path / "big.json")
    assert run("import", tmp_path / "big.json").code == 0
    pdf = tmp_path / "big.pdf"
    assert run("summary", "-o", pdf).code == 0
    pages = pages_of(pdf)
    assert len(pages) >= 8
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    text = "\n".join(pages)
    assert "Note number 399" in text
    assert "Procedure note 398" in text
    notes = [p for p in pages if "Note number" in p]
    assert len(notes) >= 5
    assert all(re.search(r"Date\s+About\s+Note", p) for p in notes)  # the header on every page


def test_a_table_longer_than_a_page_starts_under_its_heading_not_on_a_new_page(run, tmp_path, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-31")  # after the internship: every entry is in the past
    _export_of_400_entries(tmp_path / "big.json")
    assert run("import", tmp_path / "big.json").code == 0
    pdf = tmp_path / "big.pdf"
    assert run("summary", "-o", pdf).code == 0
    # The 400 entries' notes (many pages) follow the short Cultural programme on the same page.
    (page,) = [p for p in pages_of(pdf) if re.search(r"^Notes$", p, re.MULTILINE)]
    assert "Cultural programme" in page
    assert "Procedure note 0" in page


def test_a_signed_report_of_400_entries_puts_the_digest_in_its_qr_code_and_still_verifies(run, tmp_path, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-31")  # after the internship: every entry is in the past
    _export_of_400_entries(tmp_path / "big.json")
    assert run("import", tmp_path / "big.json").code == 0
    pdf = tmp_path / "big.pdf"
    assert run("summary", "--sign", "-o", pdf).code == 0
    assert "the QR code holds the digest" in pages_of(pdf)[-1]
    result = run("verify", pdf)
    assert result.code == 0
    assert result.out.startswith("Match:")


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_no_page_ends_with_a_heading_or_the_line_that_introduces_a_table(run, tmp_path, monkeypatch, lang):
    from logbook.render import language
    from logbook.render.files.pdf_words import WORDS

    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")  # the day after the internship, as in the README
    path = tmp_path / "demo.json"
    assert run("demo", "--keep", path, "--format", "json").code == 0
    plain, signed = tmp_path / "plain.pdf", tmp_path / "signed.pdf"
    assert run("--db", path, "summary", "--lang", lang, "-o", plain).code == 0  # ru: Reflections start near a page end
    assert run("--db", path, "summary", "--lang", lang, "--sign", "-o", signed).code == 0  # en: so do the Targets
    was = language.current()
    language.use(lang)
    try:
        headings, pace = {language._(name) for name in SECTIONS}, WORDS["pace"].split("{")[0]
        running = tuple(WORDS[key].split(" {")[0] for key in ("made_on", "title", "page"))
    finally:
        language.use(was.code)
    for page in pages_of(plain) + pages_of(signed):
        lines = [line for line in page.splitlines() if line.strip() and not line.startswith(running)]
        assert lines[-1] not in headings, lines[-3:]
        assert not lines[-1].startswith(pace), lines[-3:]


def test_the_sign_off_block_of_each_base_is_whole_on_one_page(demo_pdf):
    pages = pages_of(demo_pdf)
    blocks = [p for p in pages if "Supervisor's confirmation" in p]
    assert blocks
    assert all(p.count("Supervisor's confirmation") == p.count("Stamp") for p in blocks)
    assert all(label in blocks[-1] for label in ("Supervisor (name)", "Position", "Signature", "Date", "Stamp"))


def test_a_signed_pdf_prints_digest_and_token_on_its_last_page_and_verifies(run, tmp_path):
    path = tmp_path / "demo.json"
    assert run("demo", "--keep", path, "--format", "json").code == 0
    pdf = tmp_path / "signed.pdf"
    assert run("--db", path, "summary", "--sign", "-o", pdf).code == 0
    last = pages_of(pdf)[-1]
    token = PdfReader(pdf).metadata["/Keywords"]
    assert token.startswith("logbook-signature:v2:")
    assert "Report digest" in last
    assert "QR code holds the verification token" in last
    assert re.sub(r"\s", "", last).count(token) == 1  # the token printed, broken over lines
    before = digest(path)
    result = run("--db", path, "verify", pdf)
    assert result.code == 0
    assert result.out.startswith("Match:")
    assert digest(path) == before
    assert run("--db", path, "add", "cultural", "Lyabi-Hauz", "-d", "2024-12-09").code == 0
    changed = run("--db", path, "verify", pdf)
    assert changed.code == 1
    assert "1 added" in changed.err


def test_the_qr_code_on_the_last_page_reads_back_as_the_token_at_100_dpi(run, tmp_path):
    import zxingcpp
    from PIL import Image

    need("pdftoppm")
    path = tmp_path / "demo.json"
    assert run("demo", "--keep", path, "--format", "json").code == 0
    pdf = tmp_path / "signed.pdf"
    assert run("--db", path, "summary", "--sign", "-o", pdf).code == 0
    last = len(PdfReader(pdf).pages)
    # 100 dpi: a phone's camera sees a printed page about as sharply.
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", str(last), "-l", str(last), str(pdf), str(tmp_path / "last")],
                   check=True, timeout=60)
    (image,) = tmp_path.glob("last-*.png")
    codes = zxingcpp.read_barcodes(Image.open(image))
    assert [c.text for c in codes if c.format == zxingcpp.BarcodeFormat.QRCode] == [PdfReader(pdf).metadata["/Keywords"]]


@pytest.mark.parametrize("lang, wording", [
    ("en", {1: "its 1 entry:", 2: "its 2 entries:", 5: "its 5 entries:"}),
    ("ru", {1: "(1 запись)", 2: "(2 записи)", 5: "(5 записей)"}),  # Russian's three plural forms
])
def test_the_digest_line_counts_the_entries_in_the_languages_plural_forms(run, tmp_path, lang, wording):
    assert run(*INTERNSHIP).code == 0
    logged = 0
    for n, expected in wording.items():
        while logged < n:
            logged += 1
            assert run("add", "cultural", f"Place {logged}", "-d", "2024-12-03").code == 0
        pdf = tmp_path / f"{n}.pdf"
        assert run("summary", "--sign", "--lang", lang, "-o", pdf).code == 0
        assert expected in " ".join(pages_of(pdf)[-1].split()), expected


def test_verify_refuses_a_pdf_without_a_token_or_one_that_is_broken(run, demo_pdf, internship, tmp_path):
    unsigned = run("verify", demo_pdf)
    assert unsigned.code == 1
    assert "holds no logbook fingerprint" in unsigned.err
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"\x00" * 50)
    result = run("verify", broken)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_the_pages_render_to_images_with_pdftoppm(demo_pdf, tmp_path):
    need("pdftoppm")
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(demo_pdf), str(tmp_path / "page")], check=True, timeout=60)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(PdfReader(demo_pdf).pages)
    assert all(img.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and img.stat().st_size > 2000 for img in images)


def test_the_cohort_report_prints_to_pdf(run, internship, tmp_path):
    assert run("add", "procedure", "Caudal block", "-r", "observed", "-d", "2024-12-04").code == 0
    assert run("export", "-o", tmp_path / "dilnoza.json").code == 0
    pdf = tmp_path / "cohort.pdf"
    result = run("cohort", tmp_path / "dilnoza.json", "-o", pdf)
    assert result.code == 0, result.err
    text = "\n".join(pages_of(pdf))
    assert "Cohort report" in text
    assert "Dilnoza Karimova" in text
    assert "Caudal block" in text
    assert "Page 1 of" in text


def test_a_cohort_pdf_keeps_each_cohorts_opening_line_with_its_tables_and_uzbek_headers_whole(run, tmp_path, monkeypatch):
    monkeypatch.setenv("LOGBOOK_TODAY", "2024-12-14")
    path = tmp_path / "demo.json"
    assert run("demo", "--keep", path, "--format", "json").code == 0
    assert run("--db", path, "export", "-o", tmp_path / "madina.json").code == 0
    _export_of_400_entries(tmp_path / "dilnoza.json")
    pdf, uz = tmp_path / "cohort.pdf", tmp_path / "cohort-uz.pdf"
    assert run("cohort", tmp_path / "madina.json", tmp_path / "dilnoza.json", "-o", pdf).code == 0
    for page in pages_of(pdf):
        body = [line for line in page.splitlines() if line.strip() and not re.match(r"(Made with|Page \d|Cohort report)", line)]
        assert not body[-1].startswith(("Cohort 2", "1 resident")), body[-3:]  # the second cohort began at a page's foot
    assert run("cohort", tmp_path / "madina.json", tmp_path / "dilnoza.json", "--lang", "uz", "-o", uz).code == 0
    assert "maqsadlar" in pdftotext(uz)  # "Bajarilgan maqsadlar": its column as wide as its widest word, not its longest


def test_a_running_header_too_long_for_the_page_is_cut_at_a_word_not_drawn_over_the_title():
    from logbook.render.files.pdf_parts import WIDTH, fitted, register_fonts, text_width

    register_fonts()
    where = "Abu Ali ibn Sina Bukhara State Medical Institute, 2-dekabr 2024 – 13-dekabr 2024; Bukhara, 2-dekabr 2024 – 13-dekabr 2024"
    room = WIDTH - text_width("Guruh hisoboti") - 20
    cut = fitted(where, room)
    assert text_width(cut) <= room
    assert cut.endswith(" …")
    assert where.startswith(cut[:-2])
    assert fitted("Bukhara, 2024-12-02 to 2024-12-13", room) == "Bukhara, 2024-12-02 to 2024-12-13"


@pytest.mark.parametrize("command", [("summary",), ("demo",), ("cohort", "EXPORT")])
def test_an_output_name_that_says_no_format_is_refused_and_nothing_is_written(run, internship, tmp_path, command):
    assert run("export", "-o", tmp_path / "x.json").code == 0
    args = [tmp_path / "x.json" if a == "EXPORT" else a for a in command]
    before = digest(internship)
    for name in ("report.docx", "report"):
        result = run(*args, "--output", tmp_path / name)
        assert result.code == 2
        assert not (tmp_path / name).exists()
        assert ".txt, .md, .html, .csv, .json or .pdf" in result.err
        assert len(result.err.strip().splitlines()) == 1
    assert digest(internship) == before


def test_a_pdf_goes_whole_to_a_pipe_and_is_refused_on_a_terminal(internship):
    import sys

    import pexpect

    piped = subprocess.run([sys.executable, "-m", "logbook", "summary", "--format", "pdf"], capture_output=True, timeout=60)
    assert piped.returncode == 0
    assert piped.stdout.startswith(b"%PDF-")
    assert piped.stdout.rstrip().endswith(b"%%EOF")
    child = pexpect.spawn(sys.executable, ["-m", "logbook", "summary", "--format", "pdf"], encoding="utf-8", timeout=60)
    child.expect("a PDF is not for the terminal")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_only_the_pdf_path_imports_the_pdf_libraries(internship, tmp_path):
    import sys

    code = ("import atexit, sys\n"
            "atexit.register(lambda: print(sorted(m for m in ('reportlab', 'segno', 'pypdf') if m in sys.modules)))\n"
            "from logbook.launch import run\nrun()\n")

    def loaded(*args: object) -> str:
        result = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()[-1]

    assert loaded("summary") == loaded("summary", "-o", tmp_path / "r.html") == "[]"
    assert loaded("summary", "-o", tmp_path / "r.pdf") == "['reportlab']"
    assert loaded("summary", "--sign", "-o", tmp_path / "s.pdf") == "['reportlab', 'segno']"
