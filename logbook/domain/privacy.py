"""Spotting text that looks like a patient identifier, so it never enters a logbook by accident."""

from __future__ import annotations

import re

from logbook.errors import PrivacyRefusal

_NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЁЎҚҒҲ][\w'ʻʼ’-]+"
# Capitalised words that follow "Patient" in clinical phrases and are not a name ("Patient Controlled Analgesia").
_NOT_A_NAME = (
    "admission|admitted|and|assessment|care|centered|centred|consent|controlled|discharge|discharged|education|"
    "experience|flow|group|handover|had|has|history|identification|in|information|is|journey|list|monitoring|notes|"
    "of|on|outcomes?|pathway|positioning|preparation|records?|recovery|reported|review|rounds?|safety|satisfaction|"
    "seen|selection|simulation|support|the|transfer|triage|warming|was|with"
)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
PHONE = "a phone number"
TITLED_NAME = "a name with a title (Mr, Mrs, Ms, Miss)"

# Each pattern: what it looks like, and the regular expression that finds it.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an e-mail address", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    (
        "a date of birth",
        re.compile(
            r"\b(dob|d\.o\.b\.?|date of birth|born( on)?|д\.?\s?р\.?|дата рождения|tug'?ilgan|туғилган)\s*[:\-]?\s*"
            rf"(\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})",
            re.IGNORECASE,
        ),
    ),
    (
        "a medical record or hospital number",
        re.compile(
            r"\b(mrn|nhs|hospital\s*(no|number|#)|record\s*(no|number|#)|case\s*(no|number|#)|"
            r"history\s*(no|number|#)|chart\s*(no|number|#)|patient\s*(id|no|number|#)|"
            r"ист(\.|ори\w*)?\s*бол\w*|карт(а|ы|у|е|ой|очк\w*)\b)\s*[:#№.]?\s*[A-Za-z]{0,3}[-/]?\d{3,}(?:[ -]\d{3,})*"
            # A bare "№" numbers wards and hospitals too ("hospital №1"), so it needs a longer number.
            r"|№\s*\d{5,}",
            re.IGNORECASE,
        ),
    ),
    ("a national ID or passport number", re.compile(r"\b(\d{3}-\d{2}-\d{4}|\d{14}|[A-Z]{2}\d{7})\b")),
    (PHONE, re.compile(r"(?<![\w.])\+?\d[\d ()-]{7,}\d\b")),
    ("an NHS-style 10-digit number", re.compile(r"\b\d{3} \d{3} \d{4}\b")),
    (
        "a patient's name",
        re.compile(
            rf"\b(?i:patient|pt\.?|пациент\w*|больн(ой|ая|ого|ому|ую)|bemor\w*|бемор\w*)\s+"
            rf"(?!(?i:{_NOT_A_NAME})\b){_NAME}\s+{_NAME}"
        ),
    ),
    (TITLED_NAME, re.compile(rf"\b(?:Mr|Mrs|Ms|Miss)\.?\s+{_NAME}")),
)
# A supervisor is named by design, and UK surgeons are "Mr" or "Miss": a title there is expected.
_EXPECTED = {("supervisor", TITLED_NAME)}


def findings(values: dict) -> list[tuple[str, str, str]]:
    """(field, what it looks like, the matching text) for every suspicious text value."""
    found = []
    for field, value in values.items():
        if not isinstance(value, str):
            continue
        # A range of ISO dates ("2024-12-02 - 2024-12-06") has the digits of a phone number.
        undated = _ISO_DATE.sub(lambda m: "_" * len(m[0]), value)
        for label, pattern in PATTERNS:
            if (field, label) in _EXPECTED:
                continue
            for m in pattern.finditer(undated if label == PHONE else value):
                if label == PHONE and sum(c.isdigit() for c in m[0]) < 9:
                    continue
                found.append((field, label, value[m.start():m.end()]))
                break
    return found


def refuse_identifiers(values: dict) -> None:
    """Refuse text that looks like a patient identifier, naming the field and what matched."""
    found = findings(values)
    if found:
        field, label, text = found[0]
        raise PrivacyRefusal(
            f"{field}: {text!r} looks like {label}; a logbook must not hold patient-identifiable data. "
            "Remove it, or add --allow-identifiers if it identifies no patient"
        )
