"""A report in Russian or Uzbek, read as its reader reads it: no English word of ours left, the resident's text untouched.

The logbook here is written in Greek, so every Latin word in a Russian report is one the logbook forgot to
translate; in an Uzbek (Latin-script) report, the words of our English messages are looked for instead.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from logbook.render import language
from tests.conftest import GREEK

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "logbook" / "render" / "locale"
# Words of ours that stay as they are in every language: the program, its command, the language codes, a format.
KEPT = {"logbook", "verify", "SHA", "ru", "uz", "JSON", "QR"}  # ru, uz: the CSV says its language by code; QR-код is Russian
FORMATS = ("text", "md", "html", "csv", "pdf")


class _Text(HTMLParser):
    """The words a reader sees on the page: text outside <style>, plus titles and alt texts."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)


def seen(path: Path, fmt: str) -> str:
    if fmt == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(path)
        text = "\n".join(page.extract_text() for page in reader.pages)
        # The token's lines are for `logbook verify`, not for people; a page break can split them from their start.
        token = str((reader.metadata or {}).get("/Keywords") or "")
        return "\n".join(line for line in text.splitlines() if not (token and line.strip() and line.strip() in token))
    text = path.read_text(encoding="utf-8")
    if fmt == "html":
        parser = _Text()
        parser.feed(text)
        text = " ".join(parser.words)
    return text


def english_words(code: str) -> set[str]:
    """The words of our English messages that the language's own translations never use."""
    with open(LOCALES / code / "LC_MESSAGES" / "logbook.po", "rb") as po:
        catalogue = read_po(po, locale=code)
    ours, theirs = set(), set()
    for m in catalogue:
        for text in ([m.id] if isinstance(m.id, str) else m.id):
            ours.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w*\}", " ", text)))
        for text in ([m.string] if isinstance(m.string, str) else m.string):
            theirs.update(w.lower() for w in re.findall(r"[A-Za-zʻʼ]{3,}", re.sub(r"\{\w*\}", " ", text)))
    return ours - theirs - {w.lower() for w in KEPT}


def left_in_english(report: str, code: str) -> list[str]:
    # ids, digests, the fingerprint's token, the report's statement of what it shows and the CSV's marker of its row
    # (read by `logbook verify`, not by people); the PDF breaks a token into lines: the lines of nothing but its
    # letters that follow its start are its own
    report = re.sub(r"logbook verify [A-ZА-ЯЁ\-]+|logbook list\b|logbook [0-9.]+|\b[0-9a-f]{8,}\b|^,,signature,"
                    r"|logbook-(?:signature|report):v[12]:[A-Za-z0-9+/=_-]+(?:\n[A-Za-z0-9+/=_-]+$)*", " ", report, flags=re.M)
    words = re.findall(r"[A-Za-z]{2,}", report)
    if code == "ru":  # Cyrillic report, Greek user text: any Latin word is ours
        return sorted({w for w in words if w not in KEPT})
    english = english_words(code)
    return sorted({w for w in words if w.lower() in english})


@pytest.mark.parametrize("code", ["ru", "uz"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_english_word_is_left_in_a_translated_report(run, greek_logbook, tmp_path, code, fmt):
    out = tmp_path / f"report.{fmt}"
    result = run("summary", "--lang", code, "--format", fmt, "--output", out)
    assert result.code == 0, result.err
    report = seen(out, fmt)
    assert GREEK["procedure"] in report
    assert fmt == "csv" or GREEK["resident"] in report  # the resident's text, as typed
    assert left_in_english(report, code) == []


@pytest.mark.parametrize("code, entries, one", [("ru", "4 записи", "1 запись"), ("uz", "4 ta yozuv", "1 ta yozuv")])
@pytest.mark.parametrize("fmt", [*FORMATS, "terminal"])
def test_a_fingerprinted_report_says_its_digest_lines_in_the_language(run, greek_logbook, tmp_path, code, fmt, entries, one,
                                                                       monkeypatch):
    """The digest, the token's and the check's lines, and the count of entries they cover in its plural form."""
    monkeypatch.setenv("COLUMNS", "80")
    for chosen, count in (((), entries), (("--kind", "cultural"), one)):
        out = tmp_path / f"report.{fmt}"
        where = () if fmt == "terminal" else ("--format", fmt, "--output", out)
        result = run("summary", "--fingerprint", "--lang", code, *chosen, *where)
        assert result.code == 0, result.err
        report = result.out if fmt == "terminal" else seen(out, fmt)
        assert left_in_english(report, code) == []
        if fmt != "csv":  # the CSV carries the digest in its signature row, without words
            assert count in " ".join(report.split()), count


@pytest.mark.parametrize("code", ["ru", "uz"])
def test_no_english_word_is_left_on_the_terminal(run, greek_logbook, code, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("summary", "--lang", code)
    assert result.code == 0, result.err
    assert left_in_english(result.out, code) == []
    assert max(len(line) for line in result.out.splitlines()) <= 80


def test_the_russian_report_speaks_of_residents_levels_and_bases(run, greek_logbook, tmp_path):
    out = tmp_path / "report.md"
    assert run("summary", "--lang", "ru", "--output", out).code == 0
    report = out.read_text(encoding="utf-8")
    for words in ("Ординатор", "выполнял под контролем", "наблюдал", "клиническ", "2 декабря 2024", "6,5"):
        assert words in report, words


def test_the_uzbek_report_writes_its_own_letters(run, greek_logbook, tmp_path):
    out = tmp_path / "report.html"
    assert run("summary", "--lang", "uz", "--output", out).code == 0
    report = seen(out, "html")
    for words in ("Ordinator", "nazorat ostida bajardi", "kuzatdi", "Klinik baza", "2-dekabr 2024"):
        assert words in report, words
    assert "o'" not in report
    assert "g'" not in report
    assert "o‘" not in report


def test_json_keeps_english_keys_and_iso_dates_whatever_the_language(run, greek_logbook):
    english = run("summary", "--format", "json")
    russian = run("summary", "--format", "json", "--lang", "ru")
    assert russian.code == 0
    assert russian.out == english.out


def test_csv_translates_its_headers_only_when_lang_is_given(run, greek_logbook, monkeypatch):
    english = run("summary", "--format", "csv").out
    monkeypatch.setenv("LOGBOOK_LANGUAGE", "ru")
    assert run("summary", "--format", "csv").out == english  # a spreadsheet's columns do not move under a script
    russian = run("summary", "--format", "csv", "--lang", "ru").out.splitlines()
    assert russian[0].startswith("#")
    assert "ru" in russian[0]
    assert russian[1].split(",")[:3] == ["дата", "день недели", "вид записи"]


def test_option_beats_environment_beats_config(run, greek_logbook, monkeypatch):
    assert run("config", "set", "language", "uz").code == 0
    assert "Ordinator" in run("summary").out
    monkeypatch.setenv("LOGBOOK_LANGUAGE", "ru")
    assert "Ординатор" in run("summary").out
    assert "Resident" in run("summary", "--lang", "en").out


def test_a_signed_report_verifies_in_every_language(run, greek_logbook, tmp_path):
    digests = set()
    for code in ("en", "ru", "uz"):
        out = tmp_path / f"report-{code}.html"
        result = run("summary", "--sign", "--lang", code, "--output", out)
        assert result.code == 0, result.err
        digests.add(re.search(r'id="digest">([0-9a-f]+)<', out.read_text(encoding="utf-8"))[1])
        assert run("verify", out).code == 0
    assert len(digests) == 1


def test_english_is_the_default_and_unchanged(run, greek_logbook):
    assert "Resident" in run("summary").out
    assert language.current().code == "en"


@pytest.mark.parametrize("code, words", [
    ("ru", ["Дневник стажировки", "Ординатор", "2 декабря 2024", "выполнял под контролем", "Страница 1 из", "М. П."]),
    ("uz", ["Stajirovka kundaligi", "Ordinator", "2-dekabr 2024", "nazorat ostida bajardi", "sahifadan 1-sahifa", "M.Oʻ."]),
])
def test_the_pdf_reads_back_exactly_in_its_language(run, greek_logbook, tmp_path, code, words):
    """The text extracted from the PDF is the report's own words and the resident's, letter for letter."""
    out = tmp_path / "report.pdf"
    assert run("summary", "--lang", code, "--output", out).code == 0
    text = seen(out, "pdf")
    for word in [*words, *GREEK.values()]:
        assert word in text, word
    from pypdf import PdfReader

    n = len(PdfReader(out).pages)
    for page in range(1, n + 1):
        expected = f"Страница {page} из {n}" if code == "ru" else f"{n} sahifadan {page}-sahifa"
        assert expected in text


@pytest.mark.parametrize("code", ["ru", "uz"])
@pytest.mark.parametrize("fmt", ["text", "md", "html", "pdf"])
def test_the_cohort_report_speaks_the_language_too(run, greek_logbook, tmp_path, code, fmt):
    exports = tmp_path / "exports"
    exports.mkdir()
    assert run("export", "--output", exports / "greek.json").code == 0
    out = tmp_path / f"cohort.{fmt}"
    result = run("cohort", exports, "--lang", code, "--format", fmt, "--output", out)
    assert result.code == 0, result.err
    report = seen(out, fmt)
    assert GREEK["resident"] in report
    assert left_in_english(report, code) == []
