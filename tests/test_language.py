"""The report's languages: catalogues that match the code, Russian and Uzbek words, dates and plurals done right."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from logbook.render import language

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "logbook" / "render" / "locale"
TRANSLATED = [code for code in language.LANGUAGES if code != "en"]


@pytest.fixture
def speak():
    """Switch the report's language for one test, and back to English after it."""
    yield language.use
    language.use("en")


def catalogue(code: str):
    with open(LOCALES / code / "LC_MESSAGES" / "logbook.po", "rb") as po:
        return read_po(po, locale=code)


def marked_in_code() -> set[tuple[str | None, str]]:
    """Every (context, message) the code marks, found the way `pybabel extract -F babel.cfg` finds them."""
    from babel.messages.extract import DEFAULT_KEYWORDS
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, **language.EXTRACT_KEYWORDS}
    found = set()
    for _path, _line, message, _comments, context in extract_from_dir(ROOT, method_map, options_map, keywords):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


def test_babel_cfg_finds_the_glossary():
    marked = marked_in_code()
    assert ("level", "assisted") in marked
    assert ("pace", "behind pace") in marked
    assert (None, "{n} entry") in marked


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_marked_word_is_in_the_catalogue_and_translated(code):
    po = catalogue(code)
    in_po = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in po if m.id}
    missing, stale = marked_in_code() - in_po, in_po - marked_in_code()
    hint = "run pybabel extract and update as the README's 'Adding a language' says"
    assert not missing, f"{code}: not in the catalogue ({hint}): {sorted(missing, key=str)}"
    assert not stale, f"{code}: in the catalogue but no longer in the code ({hint}): {sorted(stale, key=str)}"
    untranslated = [m.id for m in po if m.id and (m.fuzzy or not all(m.string if m.pluralizable else [m.string]))]
    assert not untranslated, f"{code}: untranslated or fuzzy: {untranslated}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_shipped_mo_is_the_po_compiled(code):
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(code))
    shipped = (LOCALES / code / "LC_MESSAGES" / "logbook.mo").read_bytes()
    assert shipped == compiled.getvalue(), f"{code}: logbook.mo is stale; run pybabel compile -d logbook/render/locale -D logbook"


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_survive_translation(code):
    """A translation keeps every {name} of its English message, or the report would crash or lose a figure."""
    import re

    for m in catalogue(code):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        wanted = set(re.findall(r"\{\w*\}", ids[-1]))
        for string in strings:
            assert set(re.findall(r"\{\w*\}", string)) == wanted, (code, m.id, string)


def test_uzbek_writes_o_and_g_with_the_turned_comma():
    for m in catalogue("uz"):
        for string in [m.string] if isinstance(m.string, str) else m.string:
            for letter in "oOgG":
                for wrong in ("'", "‘", "’", "`"):
                    assert letter + wrong not in string, (m.id, string)


def test_russian_counts_take_three_plural_forms(speak):
    speak("ru")
    assert [language.entries(n) for n in (1, 2, 5, 11, 21, 22, 25, 112)] == [
        "1 запись", "2 записи", "5 записей", "11 записей", "21 запись", "22 записи", "25 записей", "112 записей"]
    assert [language.residents(n) for n in (1, 3, 7)] == ["1 ординатор", "3 ординатора", "7 ординаторов"]


def test_uzbek_counts_keep_the_noun_singular(speak):
    speak("uz")
    assert [language.entries(n) for n in (1, 2, 5)] == ["1 ta yozuv", "2 ta yozuv", "5 ta yozuv"]


def test_english_counts(speak):
    assert [language.entries(n) for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]


def test_dates_and_hours_in_each_language(speak):
    assert (language.long_date("2024-12-02"), language.hours(6.5), language.number(1234.25)) == ("2024-12-02", "6.5 h", "1234.25")
    assert language.long_date("2024-12-02", "dd.mm.yyyy") == "02.12.2024"
    speak("ru")
    assert (language.long_date("2024-12-02"), language.hours(6.5), language.hours(12.0)) == ("2 декабря 2024\u00a0г.", "6,5 ч", "12 ч")
    assert language.weekdays() == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    assert language.month("2024-12-02") == "Декабрь 2024"
    assert language.number(1234567.25) == "1\u00a0234\u00a0567,25"  # no-break spaces: a figure never wraps
    speak("uz")
    assert (language.long_date("2024-12-02"), language.hours(6.5)) == ("2-dekabr 2024", "6,5 soat")
    assert language.weekday_names()[0] == "dushanba"


def test_levels_keep_their_codes_and_take_the_medical_words(speak):
    from logbook.domain.involvement import LEVELS

    assert set(language.LEVELS) == set(LEVELS)  # every level the logbook knows has its words
    speak("ru")
    assert [language.level(lv) for lv in LEVELS] == [
        "наблюдал", "ассистировал", "выполнял под контролем", "выполнял самостоятельно", "обучал"]
    speak("uz")
    assert [language.level(lv) for lv in LEVELS] == [
        "kuzatdi", "assistentlik qildi", "nazorat ostida bajardi", "mustaqil bajardi", "oʻrgatdi"]
    assert [LEVELS[lv]["elogbook"] for lv in LEVELS] == ["O", "A", "S-TS", "P", "T"]


def test_a_category_typed_as_is_stays_as_typed(speak):
    speak("ru")
    assert (language.category("Mosque"), language.category("Hammam walk"), language.category(None)) == ("мечеть", "Hammam walk", "")


def test_an_unknown_language_is_refused_listing_the_ones_there_are():
    with pytest.raises(Exception) as refused:
        language.check_language("de")
    assert str(refused.value.message).endswith("'de' is not a language of the report; use one of en (English), ru (русский), uz (oʻzbekcha)")
    assert language.check_language(" RU ") == "ru"


def test_english_loads_neither_babel_nor_a_catalogue():
    """The English report must not pay for the other languages: Babel and the .mo files load only on request."""
    probe = ("import sys, logbook.render.language as l; l.use('en'); l._('x'); l.entries(2); l.hours(6.5); l.long_date('2024-12-02');"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'), sorted(l._loaded))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] ['en']"


def test_language_setting_is_checked_and_stored(run, isolated):
    assert run("config", "set", "language", "RU").code == 0
    shown = run("config", "show", "--json")
    assert '"language": {\n' in shown.out or '"language":{' in shown.out.replace(" ", "")
    refused = run("config", "set", "language", "klingon")
    assert refused.code != 0
    assert "use one of en (English), ru (русский), uz (oʻzbekcha)" in refused.err
    assert len(refused.err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["summary"], ["demo"], ["cohort", "exports"]])
def test_an_unknown_lang_option_is_refused_in_one_line_and_nothing_written(run, internship, command, isolated):
    before = internship.read_bytes()
    refused = run(*command, "--lang", "fr", "--output", str(isolated / "report.html"))
    assert refused.code == 2
    assert "'fr' is not a language of the report; use one of en (English), ru (русский), uz (oʻzbekcha)" in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    assert not (isolated / "report.html").exists()
    assert internship.read_bytes() == before


def test_a_bad_language_in_the_environment_is_refused(run, internship, monkeypatch):
    monkeypatch.setenv("LOGBOOK_LANGUAGE", "english")
    refused = run("summary")
    assert refused.code == 1
    assert refused.err.count("\n") == 1
    assert "LOGBOOK_LANGUAGE: 'english' is not a language of the report" in refused.err


def test_the_glossary_knows_every_category_and_short_level_the_logbook_has():
    from logbook.domain.entries import CATEGORIES
    from logbook.domain.involvement import LEVELS

    assert set(language.CATEGORIES) == set(CATEGORIES)
    assert {lv: language.LEVEL_ABBREVIATIONS[lv] for lv in LEVELS} == {lv: info["short"] for lv, info in LEVELS.items()}
