"""Spotting text that looks like a patient identifier, so it never enters a logbook by accident.

The patterns follow what UK (Caldicott/GMC) guidance and the SCATA logbook standard count as
identifiers: names, dates of birth, NHS, hospital and record numbers, ID and passport numbers,
phone numbers, e-mail and postal addresses. Each needs a label or a shape that ordinary clinical
text does not have, so "3.5 kg baby, Apgar 8/9" or "12 mm port" pass.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from logbook.errors import PrivacyRefusal

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁЎҚҒҲІЇЄ"
_NAME = rf"[{_UPPER}][\w'ʻʼ’-]+"
_INITIAL = rf"[{_UPPER}]\."
# Capitalised words that follow "Patient" in clinical phrases and are not a name ("Patient Controlled Analgesia").
_NOT_A_NAME = (
    "admin|admission|admitted|advocacy|and|assessment|at|bay|bed|blood|care|case|centered|centred|chart|comfort|"
    "consent|controlled|data|demographics|details|discharge|discharged|education|experience|feedback|file|flow|"
    "group|handover|had|has|history|id|identification|in|information|is|journey|leaflet|list|management|"
    "monitor|monitoring|name|notes|number|of|on|outcomes?|pathway|positioning|preparation|records?|recovery|"
    "reported|review|room|rounds?|safety|satisfaction|seen|selection|services?|side|simulation|support|the|"
    "transfer|transport|triage|unit|ward|warming|was|with"
)
_PERSON = (
    rf"(?!(?i:{_NOT_A_NAME})\b)(?:{_NAME}\s+(?!(?i:{_NOT_A_NAME})\b){_NAME}"
    rf"|{_NAME}\s+{_INITIAL}(?:\s?{_INITIAL})?|{_INITIAL}\s?(?:{_INITIAL}\s?)?{_NAME})"
)
# Surnames common in the internship's region (Karimova, Ivanov, Petrenko, Ivanovsky): one is enough after a label.
_SURNAME = rf"[{_UPPER}][\w'ʻʼ’-]{{2,}}(?:ov|ova|ev|eva|yev|yeva|enko|sky|skaya|ов|ова|ев|ева|ёв|ёва|ин|ина|енко|ский|ская)\b"
# Small-letter surnames, with the endings ordinary words rarely have (not -ин: "витамин", nor -ский: "хирургический").
_SMALL_SURNAME = r"[a-zа-яё][\w'ʻʼ’-]{2,}(?:ov|ova|ev|eva|enko|ов|ова|ев|ева|ёв|ёва|енко|ович|овна|евич|евна)\b"
# Words that end like a surname and follow "пациент" in ordinary notes ("пациент готов", "пациентка здорова").
_LIKE_A_SURNAME = r"(?:не)?здоров\w*|готов\w*|кесарев\w*|родов|плодов|швов|часов|суставов|сосудов"
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|(?:янв|фев|мар|апр|ма|июн|июл|авг|сен|окт|ноя|дек)[а-я]*\.?"
    r"|(?:yanvar|fevral|mart|aprel|iyun|iyul|avgust|sentabr|oktabr|noyabr|dekabr)"
)
# Roman numerals in Latin letters or their Cyrillic twins (І, Х), longest first.
_ROMAN_MONTH = r"xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i".replace("i", "[iі]").replace("x", "[xх]")
_DATE = (
    rf"\d{{1,4}}\s?[./-]\s?\d{{1,2}}\s?[./-]\s?\d{{2,4}}|\d{{1,2}}\s\d{{1,2}}\s\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[\s-]+(?:{_MONTH})[\s,-]+\d{{2,4}}"
    rf"|(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    # A month in Roman numerals, as Russian and Uzbek forms write it: "12/III/1990", "12.XII.1990".
    rf"|\d{{1,2}}\s?[./\s-]\s?(?:{_ROMAN_MONTH})\s?[./\s-]\s?\d{{2,4}}"
)
# What a label is followed by before its value: "MRN: ", "No. ", "#", "№ ", "= ".
_THEN = r"\s*(?:no\.?|number|num\.?|#|№|id)?\s*(?:[:#№=.\-–]\s*){0,3}"
# A number worth hiding: at least four digits, maybe after a letter prefix, maybe grouped ("AA 123 4567", "1,234,567").
_NUMBER = r"[A-Za-zА-Яа-я]{0,3}[\s/-]?\d(?:[\s.,'/-]?\d){3,}"
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

EMAIL = "an e-mail address"
DATE_OF_BIRTH = "a date of birth"
RECORD_NUMBER = "a medical record or hospital number"
NHS_NUMBER = "an NHS number"
ID_NUMBER = "a national ID or passport number"
PHONE = "a phone number"
ADDRESS = "an address or postcode"
PATIENT_NAME = "a patient's name"
TITLED_NAME = "a name with a title (Mr, Mrs, Ms, Miss)"

class _Lazy:
    """A regular expression compiled when first used: a note without digits never needs the number patterns."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def finditer(self, text: str):
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled.finditer(text)


def _lazy(pattern: str, flags: int = 0) -> _Lazy:
    return _Lazy(pattern, flags)


# Each pattern: what it looks like, and the regular expression that finds it.
PATTERNS: tuple[tuple[str, _Lazy], ...] = (
    # The domain ends in letters, so "infusion@5.5" is not an address; "name [at] example [dot] com" is.
    (EMAIL, _lazy(r"[\w.+-]+(?:@|\s*(?:\[at\]|\(at\))\s*)[\w-]+(?:\s*(?:\.|\[dot\]|\(dot\))\s*[\w-]+)*"
                       r"\s*(?:\.|\[dot\]|\(dot\))\s*[a-z]{2,}\b", re.I)),
    (DATE_OF_BIRTH, _lazy(
        r"(?<!\w)(?:dob|d\s?\.\s?o\s?\.\s?b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?|"
        r"д\s?\.\s?р\.?|дата\s+рожд\w*|родил(?:ся|ась)|туғилган(?:\s+сана\w*)?|tug['ʻʼ’‘]?ilgan(?:\s+sana\w*)?|tavallud(?:\s+sana\w*)?|таваллуд(?:\s+сана\w*)?)"
        rf"\s*[:=\-–]?\s*(?:{_DATE})", re.I)),
    (RECORD_NUMBER, _lazy(
        r"(?<!\w)(?:№\s*)?(?:m[\s.-]?r[\s.-]?n\.?|med(?:ical)?\.?\s*rec(?:ord)?s?\.?|health\s*records?|uhid|"
        r"(?:hospital|hosp\.?|case|record|history|chart|unit|patient|pt\.?|ur|emr|ehr|file|(?:hospital\s+)?reg(?:istration)?\.?|"
        r"ip|op|ipd|opd|cr)\s*(?:no\b\.?|number|num\.?|#|№|id\b)|"
        r"urn|nhs|chi|ист(?:\.|ори\w*)?\s*бол\w*|и\s?/\s?б|иб|(?:мед\w*\.?\s*)?карт(?:а|ы|у|е|ой|очк\w*)\b|"
        r"kasallik\s+tarix\w*|tibbiy\s+karta\w*)"
        rf"{_THEN}{_NUMBER}"
        # A bare "№" numbers wards and hospitals too ("hospital №1"), so it needs a longer number.
        r"|№\s*\d{5,}", re.I)),
    (ID_NUMBER, _lazy(
        r"(?<!\w)(?:passport|pasport|паспорт\w*|id\s*card|id|national\s+(?:id|insurance)|ni|pinfl|пинфл|jshshir|"
        r"жшшир|ssn|social\s+security|снилс|инн|driv\w*(?:['’]s)?\s+licen[cs]e|водительск\w*(?:\s+удостоверени\w*)?)"
        rf"{_THEN}{_NUMBER}", re.I)),
    # Shapes without a label: US SSN, 14-digit PINFL, Uzbek passport (AA1234567), UK National Insurance number.
    (ID_NUMBER, _lazy(
        r"\b\d{3}-\d{2}-\d{4}\b|\b\d{14}\b|\b[A-Z]{2}\s?\d{7}\b"
        r"|\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")),
    (NHS_NUMBER, _lazy(r"(?<![\d.])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d.])")),
    (PHONE, _lazy(
        r"(?<![\w.])\+?\d[\d ()-]{7,}\d\b"
        r"|(?<!\w)(?:tel|phone|mob|mobile|cell|тел|телефон|моб)\.?\s*[:.]?\s*\+?\d[\d ()-]{4,}\d\b", re.I)),
    (ADDRESS, _lazy(
        r"(?<!\w)(?:(?i:address|addr\.?)\s*[:\-]|адрес\w*|прожива\w*|(?i:manzil\w*))\s*[:\-]?\s*\S[^\n]{0,40}?\d+"
        r"|(?<!\w)(?i:lives|resides)\s+at\s+\d+\w*(?:\s+\w+)?"
        r"|\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][ABD-HJLNP-UW-Z]{2}\b"
        rf"|\b\d{{1,4}}[A-Za-z]?,?\s+(?:{_NAME}\s+){{1,3}}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Crescent|Close|Terrace)\b"
        rf"|(?<!\w)(?:ул\.|улица|проспект|пр-т|переулок|мкр\.?|микрорайон)\s*[{_UPPER}][\w-]+,?\s*(?:д\.|дом)?\s*\d+")),
    (PATIENT_NAME, _lazy(
        rf"(?<!\w)(?i:patient|pt\.?|pat\.|client|пациент\w*|больн(?:ой|ая|ого|ому|ую|ым)|б-н(?:ой|ая|ого)|бемор\w*|bemor\w*)"
        # Markdown's ** or _ around the label does not hide the name after it.
        rf"(?:(?i:\s*name)?[*_]*\s*[:=,(\-–—]\s*[*_]*\s*|[*_]*\s+)(?:{_PERSON}|{_SURNAME})"
        rf"|(?<!\w)(?i:(?:patient|pt\.?)\s*name|name\s+of\s+(?:the\s+)?patient|ф\.?\s?и\.?\s?о\.?|имя\s+пациент\w*|"
        rf"bemor(?:ning)?\s+ismi)\s*[:=\-–]?\s*[{_UPPER}][\w'ʻʼ’.-]*"
        # After a Russian or Uzbek label a surname is a name in small letters too ("пациент иванов").
        rf"|(?<!\w)(?i:пациент\w*|больн(?:ой|ая|ого|ому|ую|ым)|б-н(?:ой|ая|ого)|бемор\w*|bemor\w*)"
        rf"[*_]*\s*[:=,(\-–—]?\s*[*_]*\s*(?!{_LIKE_A_SURNAME}\b){_SMALL_SURNAME}")),
    (TITLED_NAME, _lazy(rf"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+{_NAME}|(?<!\w)(?:гр\.|г-н|г-жа|гражданин\w*)\s*{_NAME}")),
)
# The supervisor and the resident are named by design, and UK surgeons are "Mr" or "Miss": a title there is expected.
_EXPECTED = {("supervisor", TITLED_NAME), ("resident", TITLED_NAME)}
# Hospitals, departments and museums have street addresses of their own.
_EXPECTED |= {(field, ADDRESS) for field in ("site", "department", "place", "home_institution", "host_institution")}
# Letters that look alike in Cyrillic and Latin: a word mixing the two is read as Latin when every letter can be
# ("МRN" with a Cyrillic М, "РАТІЕNТ"), else as Cyrillic when every letter can be ("пaспорт" with a Latin a),
# else in the script most of it is in.
_CYRILLIC, _LATIN = "АВЕКМНОРСТХЅІЈԚԜаеорсухѕіјԛԝ", "ABEKMHOPCTXSIJQWaeopcyxsijqw"
_TO_LATIN, _TO_CYRILLIC = str.maketrans(_CYRILLIC, _LATIN), str.maketrans(_LATIN, _CYRILLIC)
# Greek capitals and a few small letters are Latin to the eye ("ΜRΝ", "Ρatient"); no logbook text is Greek.
_GREEK_TO_LATIN = str.maketrans("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹαεικνορτυχϲϳ", "ABEZHIKMNOPTYXCaeikvoptuxcj")
_MIXED = re.compile(r"[A-Za-zА-Яа-яЁё\u0400-\u052f]*(?:[A-Za-z][\u0400-\u052f]|[\u0400-\u052f][A-Za-z])[A-Za-z\u0400-\u052f]*")
_LATIN_LOOKING, _CYRILLIC_LOOKING = set(_CYRILLIC), set(_LATIN)
# Every dash a keyboard or a word processor makes is a hyphen to the patterns ("NHS 943–476–5919").
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))
# Characters that show nothing and are not format characters (Cf): a combining grapheme joiner, Hangul fillers,
# variation selectors, Mongolian and Khmer fillers; Unicode's default-ignorable code points.
_INVISIBLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
                        "\U0001bca0-\U0001bca3\U000e0000-\U000e0fff]")


# Characters a reader sees as they are (NFKC keeps them, none is invisible or a mark): ASCII, Latin-1's letters and
# signs, Cyrillic letters, Uzbek's modifier letters, dashes and quotes, "№". A note of only these skips the clusters.
SETTLED = "\x00-\x7f¡-§©«¬®°±¶·»¿-ÿʻʼ\u0400-\u0482\u048a-\u052f‐‒-―‘-‟•№"
_ALL_SETTLED = re.compile(f"[{SETTLED}]*")


def _one_script(word: str) -> str:
    if all(c.isascii() or c in _LATIN_LOOKING for c in word):
        return word.translate(_TO_LATIN)
    if all(not c.isascii() or c in _CYRILLIC_LOOKING for c in word):
        return word.translate(_TO_CYRILLIC)
    latin = sum(c.isascii() for c in word)
    return word.translate(_TO_LATIN if 2 * latin >= len(word) else _TO_CYRILLIC)


# Letters any text a name pattern can match must hold: the label's first letters.
_NAME_MARKS = {
    PATIENT_NAME: ("pat", "pt", "client", "name", "пациент", "больн", "б-н", "бемор", "bemor", "ф", "имя"),
    TITLED_NAME: ("mr", "ms", "mx", "miss", "гр", "г-"),
}


def _shown(ch: str) -> bool:
    return not (unicodedata.category(ch) in ("Cf", "Mn", "Me") or _INVISIBLE.match(ch))


def _plain(text: str) -> tuple[str, Sequence[int], Sequence[int]]:
    """The text as a reader sees it, and where each of its characters starts and ends in `text`.

    The text is read in clusters, a letter with the marks that follow it, so NFKC can compose what NFD took
    apart ("и" + U+0306 is "й"). Compatibility forms are folded ("ＭＲＮ" is "MRN"), invisible characters and
    leftover marks dropped ("M\u200bRN", "M\u034fRN"), dashes made hyphens, and lookalike letters read in one
    script ("МRN" with a Cyrillic М, "ΜRΝ" with Greek ones).
    """
    if text.isascii():  # most text: nothing to fold, and each character stays where it was
        return text, range(len(text)), range(1, len(text) + 1)
    if _ALL_SETTLED.fullmatch(text):  # most other text: one character for one, only dashes and twins to fold
        return _MIXED.sub(lambda m: _one_script(m[0]), text.translate(_DASHES)), range(len(text)), range(1, len(text) + 1)
    clusters: list[list] = []  # [start, end, characters]
    for i, ch in enumerate(text):
        if clusters and unicodedata.category(ch) in ("Mn", "Me"):
            clusters[-1][1], clusters[-1][2] = i + 1, clusters[-1][2] + ch
        else:
            clusters.append([i, i + 1, ch])
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end, cluster in clusters:
        # "№" stays itself: NFKC would make it "No", and it labels record numbers in Russian and Uzbek.
        folded = cluster if cluster == "№" or cluster.isascii() else unicodedata.normalize("NFKC", cluster)
        folded = "".join(ch for ch in folded if _shown(ch))
        out.append(folded)
        starts.extend([start] * len(folded))
        ends.extend([end] * len(folded))
    plain = "".join(out).translate(_DASHES).translate(_GREEK_TO_LATIN)
    return _MIXED.sub(lambda m: _one_script(m[0]), plain), starts, ends


def _nhs_checksum(number: str) -> bool:
    digits = [int(d) for d in number if d.isdigit()]
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
    return len(digits) == 10 and (check % 11) == digits[9] and check != 10


def findings(values: dict) -> list[tuple[str, str, str]]:
    """(field, what it looks like, the matching text) for every suspicious text value."""
    return [(field, label, text) for field, value in values.items() if isinstance(value, str)
            for label, text in _scan(value) if (field, label) not in _EXPECTED]


# Sites, supervisors and activities repeat across thousands of entries: an import scans each once.
@functools.lru_cache(maxsize=4096)
def _scan(value: str) -> tuple[tuple[str, str], ...]:
    """(what it looks like, the matching text) for the first match of each pattern in one text."""
    text, starts, ends = _plain(value)
    # A range of ISO dates ("2024-12-02 - 2024-12-06") has the digits of a phone number.
    undated = _ISO_DATE.sub(lambda m: "_" * len(m[0]), text)
    found = []
    lower, has_digit = text.lower(), any(c.isdigit() for c in text)
    for label, pattern in PATTERNS:
        # Cheap tests first: every pattern but a name's needs a digit, and each needs its own marks.
        if label == EMAIL and not any(mark in lower for mark in ("@", "(at)", "[at]")):
            continue
        if label not in (EMAIL, PATIENT_NAME, TITLED_NAME) and not has_digit:
            continue
        if label in _NAME_MARKS and not any(mark in lower for mark in _NAME_MARKS[label]):
            continue
        for m in pattern.finditer(text if label == DATE_OF_BIRTH else undated):
            if label == PHONE and sum(c.isdigit() for c in m[0]) < 9 and not m[0][:1].isalpha():
                continue
            if label == NHS_NUMBER and not _nhs_checksum(m[0]):
                continue
            found.append((label, value[starts[m.start()]:ends[m.end() - 1]].strip()))
            break
    return tuple(found)


def refuse_identifiers(values: dict, where: str = "") -> None:
    """Refuse text that looks like a patient identifier, naming the field and what matched."""
    found = findings(values)
    if found:
        field, label, text = found[0]
        # `where` names the file and the record when the text comes from an import, which then stops whole.
        raise PrivacyRefusal(
            f"{where}{field}: {text!r} looks like {label}; a logbook must not hold patient-identifiable data. "
            f"Remove it, or add --allow-identifiers if it identifies no patient{'; nothing was imported' if where else ''}"
        )
