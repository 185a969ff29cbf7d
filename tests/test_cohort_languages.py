"""The cohort report in Russian and Uzbek: its notes, tables and CSV speak the reader's language, every format.

The residents' logbooks here are written in Greek (as in test_report_languages), and so are the folders and
files, so every Latin word left in a Russian report is one the logbook forgot to translate.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from logbook.render import language
from tests.conftest import GREEK
from tests.test_report_languages import left_in_english, seen

FORMATS = ("text", "md", "html", "csv", "pdf")


@pytest.fixture
def speak():
    yield language.use
    language.use("en")


@pytest.fixture
def noted_cohort(run, greek_logbook, tmp_path, monkeypatch):
    """A folder of exports that gives the report every kind of note: a bad file skipped, a logbook exported twice
    (merged, one entry changed), another resident sharing its entry ids, entries outside the dates, a target not understood."""
    monkeypatch.chdir(tmp_path)  # the notes name the files as given: short, and Greek
    folder = tmp_path / "εξαγωγές"
    folder.mkdir()
    assert run("add", "procedure", GREEK["procedure"], "-d", "2024-11-29", "-r", "observed", "--outside").code == 0
    assert run("export", "--output", folder / "α.json").code == 0
    clinical = next(e["id"] for e in json.loads((folder / "α.json").read_text(encoding="utf-8"))["entries"]
                    if e["kind"] == "clinical")
    assert run("edit", clinical[:8], "--hours", "7.5").code == 0
    assert run("export", "--output", folder / "β.json").code == 0
    other = json.loads((folder / "β.json").read_text(encoding="utf-8"))
    other["internship"]["resident"] = "Νίκος Παπαδόπουλος"
    other["targets"] = [*(other.get("targets") or []), {"note": "not a target"}]
    (folder / "γ.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    (folder / "δ.json").write_text("{", encoding="utf-8")
    return "εξαγωγές"


def english_left(report: str, code: str) -> list[str]:
    # File names are the user's; their extension is not a word of ours.
    return left_in_english(re.sub(r"\.jsonl?\b", " ", report), code)


@pytest.mark.parametrize("code", ["ru", "uz"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_word_of_the_cohort_report_and_its_notes_is_in_the_language(run, noted_cohort, tmp_path, code, fmt):
    out = tmp_path / f"cohort.{fmt}"
    result = run("cohort", noted_cohort, "--skip-bad", "--lang", code, "--format", fmt, "--output", out)
    assert result.code == 0, result.err
    report = seen(out, fmt)
    assert GREEK["procedure"] in report
    assert "Νίκος Παπαδόπουλος" in report
    if fmt != "csv":  # the notes: merged, shared ids, skipped, left out, ignored target
        assert report.count("α.json") >= 2
        assert "δ.json" in report
        assert ("объединены 2 экспорта" if code == "ru" else "2 ta eksporti birlashtirildi") in " ".join(report.split())
    assert english_left(report, code) == []
    if fmt == "html":  # browsers hyphenate and screen readers pronounce by it
        assert f'<html lang="{code}">' in out.read_text(encoding="utf-8")
    if fmt == "pdf":
        assert f"/Lang ({code})".encode() in out.read_bytes()


@pytest.mark.parametrize("code", ["ru", "uz"])
def test_the_cohort_on_an_80_column_terminal_keeps_whole_words_in_the_language(run, noted_cohort, code, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("cohort", noted_cohort, "--skip-bad", "--lang", code)
    assert result.code == 0, result.err
    assert english_left(result.out, code) == []
    assert max(len(line) for line in result.out.splitlines()) <= 80
    # stderr repeats the notes in the report's language; what exactly is wrong with a skipped file is an error, in English
    notes = " ".join(result.err.split())
    assert ("Пропущен непригодный файл: εξαγωγές/δ.json" if code == "ru" else "oʻtkazib yuborildi: εξαγωγές/δ.json") in notes
    assert "is not valid JSON" in notes


def test_the_cohort_json_keeps_english_notes_whatever_the_language(run, noted_cohort):
    english = json.loads(run("cohort", noted_cohort, "--skip-bad", "--format", "json").out)
    russian = json.loads(run("cohort", noted_cohort, "--skip-bad", "--format", "json", "--lang", "ru").out)
    assert english["notes"] == russian["notes"]
    assert all(isinstance(note, str) for note in english["notes"])
    assert any(note.startswith("Skipped a bad file: εξαγωγές/δ.json (not valid JSON)") for note in english["notes"])
    assert [s["reason"] for s in english["files"]["skipped"]] == [s["reason"] for s in russian["files"]["skipped"]]


def test_the_cohort_csv_translates_its_headers_and_tables_only_when_lang_is_given(run, noted_cohort, monkeypatch):
    english = run("cohort", noted_cohort, "--skip-bad", "--format", "csv").out
    assert english.splitlines()[0].startswith("table,cohort,host_institution,start,end,")
    monkeypatch.setenv("LOGBOOK_LANGUAGE", "ru")
    assert run("cohort", noted_cohort, "--skip-bad", "--format", "csv").out == english  # a script's columns stay put
    rows = list(csv.reader(io.StringIO(run("cohort", noted_cohort, "--skip-bad", "--format", "csv", "--lang", "ru").out)))
    assert rows[0] == ["# ru: русский"]
    assert rows[1][:5] == ["таблица", "группа", "принимающее учреждение", "первый день", "последний день"]
    assert len(rows[1]) == len(english.splitlines()[0].split(","))
    tables = {row[0] for row in rows[2:]}
    assert {"группы", "ординаторы", "клинические базы", "процедуры", "культурная программа"} <= tables
    levels = {row[rows[1].index("уровень участия")] for row in rows[2:]} - {""}
    assert levels
    assert levels <= {"наблюдал", "ассистировал", "выполнял под контролем", "выполнял самостоятельно", "обучал"}
    assert "2024-12-02" in {row[3] for row in rows[2:]}  # dates stay ISO for a spreadsheet


NOTES = {
    "outside": lambda n: {"note": "outside dates", "resident": "Ελένη", "count": n, "start": "2024-12-02", "end": "2024-12-13"},
    "ignored": lambda n: {"note": "ignored targets", "resident": "Ελένη", "count": n},
    "shared": lambda n: {"note": "shared ids", "count": n, "residents": [{"resident": "Α", "files": ["α"]},
                                                                         {"resident": "Β", "files": ["β"]}]},
    "more": lambda n: {"note": "more shared ids", "count": n},
    "merged": lambda n: {"note": "merged", "resident": "Ελένη", "files": ["α"] * n, "repeated": n, "changed": n},
}


@pytest.mark.parametrize("kind, forms", [
    ("outside", ["1 запись вне дат стажировки (с 2 декабря 2024\u00a0г. по 13 декабря 2024\u00a0г.) не учтена",
                 "2 записи вне", "5 записей вне", "21 запись вне дат стажировки (с 2 декабря 2024\u00a0г. по 13 декабря 2024\u00a0г.) не учтена"]),
    ("ignored", ["пропущена 1 нераспознанная цель", "пропущены 2 нераспознанные цели", "пропущено 5 нераспознанных целей",
                 "пропущена 21 нераспознанная цель"]),
    ("shared", ["1 общий идентификатор", "2 общих идентификатора", "5 общих идентификаторов", "21 общий идентификатор"]),
    ("more", ["ещё 1 пара", "ещё 2 пары", "ещё 5 пар", "ещё 21 пара"]),
    ("merged", ["объединён 1 экспорт", "объединены 2 экспорта", "объединены 5 экспортов", "объединён 21 экспорт"]),
])
def test_russian_notes_take_the_plural_form_of_their_count(speak, kind, forms):
    from logbook.render.files.cohort_notes import note_line

    speak("ru")
    for n, form in zip((1, 2, 5, 21), forms):
        assert form in note_line(NOTES[kind](n)), (n, note_line(NOTES[kind](n)))


def test_every_note_the_services_make_has_its_wording():
    """A note kind added in services without its sentence in render would crash the report: each one is worded."""
    import ast
    from pathlib import Path

    from logbook.render.files.cohort_notes import WORDING

    made = set()
    for module in Path(__file__).parent.parent.joinpath("logbook", "services", "cohort").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                made |= {v.value for k, v in zip(node.keys, node.values)
                         if isinstance(k, ast.Constant) and k.value == "note" and isinstance(v, ast.Constant)}
    assert made
    assert made == set(WORDING)
