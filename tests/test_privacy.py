"""A logbook must not hold patient-identifiable data: text that looks like an identifier is refused,
naming the field and what matched, unless the resident confirms with --allow-identifiers."""

from __future__ import annotations

import pytest

from tests.conftest import digest, export

IDENTIFIERS = [
    ("Reviewed MRN 1234567 with the team", "MRN 1234567", "medical record"),
    ("hospital number: 00451234", "hospital number: 00451234", "medical record"),
    ("история болезни № 1234", "история болезни № 1234", "medical record"),
    ("Newborn, DOB 01.02.1990", "DOB 01.02.1990", "date of birth"),
    ("date of birth: 3 March 1990", "date of birth: 3 March 1990", "date of birth"),
    ("Family reachable on +998 90 123 45 67", "+998 90 123 45 67", "phone number"),
    ("results sent to name@example.com", "name@example.com", "e-mail address"),
    ("NHS 943 476 5919", "NHS 943 476 5919", "medical record"),
    ("NHS number 943 476 5919", "943 476 5919", "phone number"),
    ("passport AA1234567", "AA1234567", "passport"),
    ("PINFL 31234567890123", "31234567890123", "national ID"),
    ("SSN 123-45-6789", "123-45-6789", "national ID"),
    ("Intubated patient John Smith", "patient John Smith", "patient's name"),
    ("пациент Иван Иванов, 45 лет", "пациент Иван Иванов", "patient's name"),
    ("осмотр пациентки Анны Петровой", "пациентки Анны Петровой", "patient's name"),
    ("bemor Aziz Karimov", "bemor Aziz Karimov", "patient's name"),
    ("Spoke with Mrs Karimova", "Mrs Karimova", "title"),
]

# Realistic clinical and cultural text that must go through without a flag.
ORDINARY = [
    "Ward round with Dr. Rakhimov",
    "Transfused 2 units of packed red cells",
    "Epidural: ropivacaine 0.1% 10 ml, then 8 ml/h",
    "Room 12, bed 4",
    "Clinical hospital №1, ward № 312",
    "Rotation 2024-12-02 - 2024-12-06 at the perinatal center",
    "Seen on 2024-12-03 and 03.12.2024",
    "Patient Controlled Analgesia set-up; Patient Safety briefing",
    "Patient was stable; patients seen: 12",
    "BP 120/80, SpO2 98%, HR 120, GCS 15, Hb 110 g/L",
    "Apgar 8/9, 3.2 kg, 38 weeks, born at 38 weeks",
    "Night shift 20:00-08:00, 3 cases",
    "Year of birth 1990 (allowed: ACGME keeps it)",
    "Outpatient Clinic Visit",
    "Картина 1890 года в музее",
    "Oʻzbekiston, Buxoro — Chor Minor, بخارا",
]


@pytest.fixture
def logbook(run, internship):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-03").code == 0
    return internship


@pytest.mark.parametrize("note,matched,label", IDENTIFIERS, ids=[i[2] + ":" + i[1] for i in IDENTIFIERS])
def test_identifiers_are_refused_naming_the_field_and_the_match_unless_allowed(run, logbook, note, matched, label):
    args = ("add", "procedure", "Intubation", "-d", "2024-12-05", "-r", "observed", "--note", note)
    before = digest(logbook)
    result = run(*args)
    assert result.code == 1
    (line,) = result.err.splitlines()
    assert line.startswith("Error: note: ") and repr(matched) in line and label in line
    assert "--allow-identifiers" in line and "Traceback" not in result.err
    assert digest(logbook) == before

    assert run(*args, "--allow-identifiers").code == 0
    assert export(run)["entries"][-1]["note"] == note


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_clinical_text_is_not_taken_for_an_identifier(run, logbook, text):
    result = run("add", "clinical", "-d", "2024-12-05", "-s", "Perinatal center", "-H", "4", "-a", text, "--note", text)
    assert result.code == 0, result.err
    assert export(run)["entries"][-1]["note"] == text


def test_every_free_text_field_is_checked(run, logbook):
    for args, field in (
        (("add", "clinical", "-s", "Ward, tel. +998 90 123 45 67", "-H", "2", "-a", "Round"), "site"),
        (("add", "clinical", "-s", "ER", "-H", "2", "-a", "Round", "--department", "MRN 1234567"), "department"),
        (("add", "clinical", "-s", "ER", "-H", "2", "-a", "Round", "--supervisor", "a@b.uz"), "supervisor"),
        (("add", "procedure", "Biopsy of patient Ali Valiyev", "-r", "observed"), "procedure"),
        (("add", "cultural", "Museum", "--category", "DOB 01.02.1990"), "category"),
    ):
        before = digest(logbook)
        result = run(*args, "-d", "2024-12-05")
        assert result.code == 1 and result.err.startswith(f"Error: {field}: "), result.err
        assert digest(logbook) == before


def test_edit_checks_the_text_it_changes(run, logbook):
    ident = export(run)["entries"][0]["id"]
    before = digest(logbook)
    result = run("edit", ident, "--note", "guide: name@example.com")
    assert result.code == 1 and "note" in result.err and "'name@example.com'" in result.err
    assert digest(logbook) == before
    assert run("edit", ident, "--note", "guide: name@example.com", "--allow-identifiers").code == 0
    assert export(run)["entries"][0]["note"] == "guide: name@example.com"


def test_a_supervisor_may_be_mr_or_miss_as_uk_surgeons_are(run, logbook):
    result = run("add", "procedure", "Hernia repair", "-d", "2024-12-05", "-r", "assisted", "--supervisor", "Mr Jurayev")
    assert result.code == 0, result.err
    assert run("add", "procedure", "Hernia repair", "-d", "2024-12-05", "-r", "assisted", "--note", "Mr Jurayev").code == 1
