"""Names in the report's language: the catalogue's and the gazetteer's Russian and Uzbek names, the export unchanged."""

from __future__ import annotations

import json

import pytest

from logbook.domain.catalogue import catalogue
from logbook.domain.places import gazetteer
from tests.conftest import succeed


@pytest.fixture
def logged(run, internship):
    for args in (("procedure", "LSCS", "-r", "assisted"), ("procedure", "Difficult airway drill", "-r", "observed"),
                 ("cultural", "Lyab-i Hauz")):
        assert run("add", *args, "-d", "2024-12-05").code == 0
    return internship


def test_every_procedure_of_the_catalogue_has_its_russian_and_uzbek_name():
    for code in ("ru", "uz"):
        missing = [name for name in catalogue().all_names() if name not in catalogue().languages[code]]
        assert not missing, (code, missing[:5])


def test_a_russian_summary_shows_the_catalogues_russian_name(run, logged):
    result = run("summary", "--lang", "ru", "--format", "text")
    assert result.code == 0, result.err
    assert "Кесарево сечение" in result.out
    assert "Caesarean section" not in result.out


def test_the_export_keeps_the_stored_name_after_a_russian_summary(run, logged):
    succeed(run, "summary", "--lang", "ru", "--format", "md")
    assert "Caesarean section" in [e.get("procedure") for e in json.loads(run("export").out)["entries"]]


def test_an_uzbek_summary_shows_the_uzbek_names_of_procedures_and_places(run, logged):
    out = run("summary", "--lang", "uz", "--format", "md").out
    assert "Kesar kesish" in out
    assert "Labi hovuz" in out


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_of_the_summary_speaks_the_names(run, logged, fmt):
    out = run("summary", "--lang", "ru", "--format", fmt).out
    assert "Кесарево сечение" in out
    assert "Ляби-Хауз" in out


def test_the_pdf_summary_speaks_the_names(run, logged, tmp_path):
    from logbook.render.files.pdf_reader import shown_text

    assert run("summary", "--lang", "ru", "-o", tmp_path / "r.pdf").code == 0
    shown = " ".join(shown_text((tmp_path / "r.pdf").read_bytes(), "r.pdf").split())
    assert "Кесарево сечение" in shown
    assert "Ляби-Хауз" in shown


def test_the_terminal_summary_speaks_the_names(run, logged):
    out = run("summary", "--lang", "ru").out
    assert "Кесарево сечение" in out
    assert "Ляби-Хауз" in out


def test_a_procedure_the_catalogue_does_not_know_keeps_its_stored_name(run, logged):
    out = run("summary", "--lang", "ru", "--format", "md").out
    assert "Difficult airway drill" in out


def test_a_name_kept_as_typed_is_shown_as_typed(run, internship):
    assert run("add", "procedure", "LSCS", "--as-typed", "-r", "observed", "-d", "2024-12-05").code == 0
    out = run("summary", "--lang", "ru", "--format", "md").out
    assert "LSCS" in out
    assert "Кесарево сечение" not in out


def test_the_json_summary_stays_english(run, logged):
    document = json.loads(run("summary", "--lang", "ru", "--format", "json").out)
    assert "Caesarean section" in [p["procedure"] for p in document["procedures"]]


def test_a_target_is_named_in_the_reports_language(run, logged):
    assert run("target", "add", "Caesarean section", "--role", "assisted", "--count", "2").code == 0
    out = run("summary", "--lang", "ru", "--format", "md").out
    assert "| Кесарево сечение (не ниже уровня «ассистировал») |" in out


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_a_fingerprinted_russian_report_verifies(run, logged, tmp_path, fmt):
    report = tmp_path / f"report.{fmt}"
    assert run("summary", "--lang", "ru", "--fingerprint", "-o", report).code == 0
    result = run("verify", report)
    assert result.code == 0, result.err


def test_a_russian_report_whose_procedure_was_replaced_does_not_verify(run, logged, tmp_path):
    report = tmp_path / "report.md"
    assert run("summary", "--lang", "ru", "--fingerprint", "-o", report).code == 0
    report.write_text(report.read_text(encoding="utf-8").replace("Кесарево сечение", "Аппендэктомия"), encoding="utf-8")
    result = run("verify", report)
    assert result.code != 0
    assert "'Caesarean section' is not in it" in " ".join(result.err.split())


def test_a_cohort_report_speaks_the_names_and_its_json_keeps_them(run, logged, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    assert run("export", "-o", folder / "one.json").code == 0
    shown = run("cohort", folder, "--lang", "ru", "--format", "md").out
    assert "Кесарево сечение" in shown
    assert "Ляби-Хауз" in shown
    data = json.loads(run("cohort", folder, "--lang", "ru", "--format", "json").out)
    assert [p["procedure"] for p in data["procedures"]].count("Caesarean section") == 1
    assert [p["place"] for p in data["cultural"]] == ["Lyabi-Hauz"]


def test_every_place_of_the_gazetteer_is_named_in_russian_and_uzbek():
    for code in ("ru", "uz"):
        assert set(gazetteer().languages[code]) == set(gazetteer().all_names())


def test_a_sign_off_sheet_names_the_procedure_in_its_language_and_verifies(run, internship, tmp_path):
    assert run("add", "clinical", "-s", "Perinatal center", "-H", "6", "-a", "Theatre", "-d", "2024-12-05").code == 0
    assert run("add", "procedure", "LSCS", "-r", "assisted", "-s", "Perinatal center", "-d", "2024-12-05").code == 0
    sheet = tmp_path / "sheet.md"
    result = run("signoff", "Perinatal center", "--lang", "uz", "--fingerprint", "-o", sheet)
    assert result.code == 0, result.err
    assert "Kesar kesish" in sheet.read_text(encoding="utf-8")
    assert run("verify", sheet).code == 0


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_notes_procedure_is_named_in_the_reports_language_with_its_details_as_typed(run, internship, tmp_path, fmt):
    succeed(run, "add", "procedure", "Emergency LSCS", "-r", "assisted", "-d", "2024-12-05", "-n", "Cord round the neck")
    succeed(run, "add", "procedure", "Caudal block", "-r", "observed", "-d", "2024-12-06", "-n", "Ultrasound first")
    out = tmp_path / f"report.{fmt}"
    succeed(run, "summary", "--lang", "ru", "--format", fmt, "-o", out)
    shown = " ".join(out.read_text(encoding="utf-8").split())
    assert "Кесарево сечение — Emergency" in shown  # the catalogue's name in Russian, the resident's word kept
    assert "Caesarean section" not in shown
    assert "— None" not in shown
    assert "Каудальная блокада" in shown  # no details: the name alone


def test_the_russian_demo_names_its_catalogue_procedures_and_places_in_russian(run, tmp_path):
    out = tmp_path / "demo.md"
    succeed(run, "demo", "--lang", "ru", "--format", "md", "-o", out)
    shown = out.read_text(encoding="utf-8")
    for russian in ("Ингаляционная индукция анестезии", "Блокада бедренного нерва", "Эпидуральная анальгезия в родах",
                    "Ляби-Хауз", "Токи Заргарон", "Медресе Надир Диван-беги"):
        assert russian in shown, russian
    for english in ("Inhalational induction", "Femoral nerve block", "Lyabi-Hauz", "Toki Zargaron"):
        assert english not in shown, english
    assert "Difficult airway drill (simulation)" in shown  # the resident's own procedure, named as typed
