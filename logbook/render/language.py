"""The report's words in the reader's language: English as written, Russian and Uzbek from gettext catalogues.

Renderers mark each word with `_("…")` (or `ngettext`, `pgettext`) and format dates and numbers through
this module. English imports nothing: the catalogues, gettext and Babel load only when `use("ru")` or
`use("uz")` asks for them. Don't use `_` as a throwaway name in a module that translates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from logbook.errors import InvalidValue

# Each language the report speaks, named in itself; Uzbek is written in Latin script.
LANGUAGES = {"en": "English", "ru": "русский", "uz": "oʻzbekcha"}
DEFAULT = "en"
DOMAIN = "logbook"
# The marking functions `pybabel extract` must know beyond its defaults (_, ngettext, pgettext, N_).
EXTRACT_KEYWORDS = {"NP_": ((1, "c"), 2), "how_many": (2, 3)}
LOCALE_DIR = Path(__file__).parent / "locale"


def N_(message: str) -> str:
    """Marks a word for the catalogue where it is defined (a table of labels); `_()` translates it where shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Marks a word with its context (level, kind, …) for the catalogue; `pgettext(context, …)` translates it."""
    return message


def check_language(text: object, field: str = "lang") -> str:
    """A language code as given (any case), or a one-line refusal listing the ones the report speaks."""
    if isinstance(text, str) and text.strip().lower() in LANGUAGES:
        return text.strip().lower()
    accepted = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
    raise InvalidValue(field, f"{text!r} is not a language of the report; use one of {accepted}")


class English:
    """The report as written in the source: no catalogue, no Babel; dates as the resident chose to see them."""

    code = "en"

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return message

    def weekdays(self) -> list[str]:
        return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    def weekday_names(self) -> list[str]:
        return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    def long_date(self, iso: str, date_format: str = "iso") -> str:
        return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}" if date_format == "dd.mm.yyyy" else iso

    def month(self, iso: str) -> str:
        """The month a date falls in, as a chart labels it: 2024-12."""
        return iso[:7]

    def number(self, value: float) -> str:
        """A count or an amount of hours, without float noise: 6.5, 12, 1234567.25."""
        return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


class Translated(English):
    """A language from its compiled catalogue, with Babel's CLDR data for dates and numbers."""

    # Uzbek as the brief and Uzbek style guides write it (2-dekabr 2024); CLDR's long form adds a comma.
    LONG_DATE = {"ru": "long", "uz": "d-MMMM y"}

    def __init__(self, code: str):
        import gettext

        self.code = code
        with open(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as catalogue:
            self.catalogue = gettext.GNUTranslations(catalogue)

    def gettext(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalogue.pgettext(context, message)

    def weekdays(self) -> list[str]:
        from babel.dates import get_day_names

        names = get_day_names("abbreviated", "stand-alone", locale=self.code)
        return [_letters(self.code, names[day][:1].upper() + names[day][1:]) for day in range(7)]

    def weekday_names(self) -> list[str]:
        from babel.dates import get_day_names

        names = get_day_names("wide", "format", locale=self.code)
        return [_letters(self.code, names[day]) for day in range(7)]

    def long_date(self, iso: str, date_format: str = "iso") -> str:
        from datetime import date

        from babel.dates import format_date

        return _letters(self.code, format_date(date.fromisoformat(iso), self.LONG_DATE[self.code], locale=self.code))

    def month(self, iso: str) -> str:
        from datetime import date

        from babel.dates import format_date

        named = format_date(date.fromisoformat(iso), "LLLL y", locale=self.code)
        return _letters(self.code, named[:1].upper() + named[1:])

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        return _letters(self.code, format_decimal(round(value, 2), locale=self.code))


def _letters(code: str, text: str) -> str:
    """Uzbek oʻ and gʻ with the turned comma U+02BB, whichever apostrophe CLDR wrote; CLDR's narrow no-break space
    (U+202F, missing from many fonts and terminals) as the ordinary no-break space."""
    text = text.replace("\u202f", "\u00a0")
    if code != "uz":
        return text
    for mark in ("‘", "’", "'", "`"):
        for letter in "oOgG":
            text = text.replace(letter + mark, letter + "ʻ")
    return text


_current: English = English()
_loaded: dict[str, English] = {"en": _current}


def use(code: str) -> English:
    """Speak this language from now on (one report per process); the catalogue is read once."""
    global _current
    code = check_language(code)
    if code not in _loaded:
        _loaded[code] = Translated(code)
    _current = _loaded[code]
    return _current


@contextmanager
def speaking(code: str) -> Iterator[English]:
    """Speak this language inside a `with` block, then the one spoken before."""
    global _current
    was = _current
    try:
        yield use(code)
    finally:
        _current = was


def current() -> English:
    return _current


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.pgettext(context, message)


def how_many(n: int, singular: str, plural: str) -> str:
    """A number and its noun in the right plural form: 1 entry, 5 entries; 1 запись, 2 записи, 5 записей."""
    return _current.ngettext(singular, plural, n).format(n=n)


# The nouns every report counts, one wording for each everywhere.
def entries(n: int) -> str:
    return how_many(n, "{n} entry", "{n} entries")


def days(n: int) -> str:
    return how_many(n, "{n} day", "{n} days")


def procedures(n: int) -> str:
    return how_many(n, "{n} procedure", "{n} procedures")


def visits(n: int) -> str:
    return how_many(n, "{n} visit", "{n} visits")


def places(n: int) -> str:
    return how_many(n, "{n} place", "{n} places")


def residents(n: int) -> str:
    return how_many(n, "{n} resident", "{n} residents")


# The glossary: the logbook's own words that reach a report, translated by context.
LEVELS = {
    "observed": (NP_("level", "observed"), NP_("level meaning", "present, hands off")),
    "assisted": (NP_("level", "assisted"), NP_("level meaning", "helped; the supervisor did the key steps")),
    "supervised": (NP_("level", "supervised"), NP_("level meaning", "did the key steps with the supervisor present")),
    "independent": (NP_("level", "independent"), NP_("level meaning", "did it; supervisor absent or only available")),
    "teaching": (NP_("level", "teaching"), NP_("level meaning", "supervised someone more junior")),
}
LEVEL_ABBREVIATIONS = {
    "observed": NP_("level abbreviation", "obs"), "assisted": NP_("level abbreviation", "asst"),
    "supervised": NP_("level abbreviation", "sup"), "independent": NP_("level abbreviation", "indep"),
    "teaching": NP_("level abbreviation", "teach"),
}
KINDS = {"clinical": NP_("kind", "clinical"), "procedure": NP_("kind", "procedure"), "cultural": NP_("kind", "cultural")}
CATEGORIES = {
    "landmark": NP_("category", "landmark"), "mosque": NP_("category", "mosque"), "madrasa": NP_("category", "madrasa"),
    "mausoleum": NP_("category", "mausoleum"), "museum": NP_("category", "museum"), "bazaar": NP_("category", "bazaar"),
    "performance": NP_("category", "performance"), "other": NP_("category", "other"),
}
STATUSES = {"met": NP_("pace", "met"), "on pace": NP_("pace", "on pace"), "behind": NP_("pace", "behind pace"),
            "not met": NP_("pace", "not met")}


def level(name: str) -> str:
    """A level of involvement in the reader's words: assisted, ассистировал, assistentlik qildi."""
    return pgettext("level", LEVELS[name][0]) if name in LEVELS else name


def level_meaning(name: str) -> str:
    return pgettext("level meaning", LEVELS[name][1]) if name in LEVELS else ""


def level_abbreviation(name: str) -> str:
    """The level's short form for a table header: asst, ассист, assist."""
    return pgettext("level abbreviation", LEVEL_ABBREVIATIONS[name]) if name in LEVEL_ABBREVIATIONS else name


def kind(name: str) -> str:
    return pgettext("kind", KINDS[name]) if name in KINDS else name


def category(name: str | None) -> str:
    """A cultural category from the documented list in the reader's words; one typed as-is stays as typed."""
    if not name:
        return ""
    known = name.strip().lower()
    return pgettext("category", CATEGORIES[known]) if known in CATEGORIES else name


def status(name: str) -> str:
    """A target's pace: met, on pace, behind pace, not met."""
    return pgettext("pace", STATUSES[name]) if name in STATUSES else name


def weekdays() -> list[str]:
    """Monday to Sunday, abbreviated for a calendar's header."""
    return _current.weekdays()


def weekday_names() -> list[str]:
    """Monday to Sunday in full."""
    return _current.weekday_names()


def week(text: str) -> str:
    """A working week as the config writes it ("mon-sat", "mon,wed,fri") with the reader's day names: "Пн-Сб"."""
    if _current.code == "en":
        return text
    import re

    names = _current.weekdays()
    return re.sub(r"[a-z]{3}", lambda day: names[WEEK_ORDER.index(day.group())], text)


WEEK_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday(iso: str) -> str:
    from datetime import date

    return _current.weekdays()[date.fromisoformat(iso).weekday()]


def long_date(iso: str, date_format: str = "iso") -> str:
    """A date in prose: 2024-12-02 in English (or as date_format says), 2 декабря 2024 г., 2-dekabr 2024."""
    return _current.long_date(iso, date_format)


def month(iso: str) -> str:
    return _current.month(iso)


def number(value: float) -> str:
    """6.5 in English, 6,5 in Russian and Uzbek."""
    return _current.number(value)


def hours(value: float) -> str:
    """An amount of hours with its unit: 6.5 h, 6,5 ч, 6,5 soat."""
    return _("{hours} h").format(hours=number(value))


def procedure_name(name: str) -> str:
    """A procedure as the catalogue names it in the reader's language (Кесарево сечение); one it does not translate,
    or a name kept as typed, as stored. The one place a report's names are translated; exports keep the stored name."""
    return _listed_name("procedure", name)


def place_name(name: str) -> str:
    """A place as the gazetteer names it in the reader's language (Ляби-Хауз); any other place as stored."""
    return _listed_name("place", name)


def _listed_name(kind: str, name: str) -> str:
    if _current.code == "en" or not name:  # English is the lists' own language: nothing to load
        return name
    if kind == "procedure":
        from logbook.domain.catalogue import catalogue as listed
    else:
        from logbook.domain.places import gazetteer as listed
    return listed().in_language(name, _current.code) or name


def target_label(target: dict) -> str:
    """What a target aims at, as the domain's label says it, in the reader's words; a procedure as the catalogue names it."""
    if target.get("kind") == "procedure":
        named = procedure_name(target["procedure"])
        if not target.get("role"):
            return _("{procedure} (any level)").format(procedure=named)
        return _("{procedure} ({level} or more hands-on)").format(procedure=named, level=level(target["role"]))
    return _("Hours at {site}").format(site=target.get("site") or "")
