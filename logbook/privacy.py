"""Spotting text that looks like a patient identifier, so it never enters a logbook by accident."""

from __future__ import annotations

import re

from logbook.errors import PrivacyRefusal

_NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЁЎҚҒҲ][\w'ʻʼ’-]+"
# Each pattern: what it looks like, and the regular expression that finds it.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an e-mail address", re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")),
    (
        "a date of birth",
        re.compile(
            r"\b(dob|d\.o\.b\.?|date of birth|born( on)?|д\.?\s?р\.?|дата рождения)\s*[:\-]?\s*"
            r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}",
            re.IGNORECASE,
        ),
    ),
    (
        "a medical record or hospital number",
        re.compile(
            r"\b(mrn|nhs|hospital\s*(no|number|#)|record\s*(no|number|#)|case\s*(no|number|#)|"
            r"history\s*(no|number|#)|chart\s*(no|number|#)|patient\s*(id|no|number|#)|"
            r"№|ист\.?\s*бол\w*|карт\w*)\s*[:#№.]?\s*[A-Za-z]{0,3}[-/]?\d{3,}",
            re.IGNORECASE,
        ),
    ),
    ("a national ID or passport number", re.compile(r"\b(\d{3}-\d{2}-\d{4}|\d{14}|[A-Z]{2}\d{7})\b")),
    ("a phone number", re.compile(r"(?<![\w.])\+?\d[\d ()-]{7,}\d\b")),
    ("an NHS-style 10-digit number", re.compile(r"\b\d{3} \d{3} \d{4}\b")),
    (
        "a patient's name",
        re.compile(
            rf"\b(?i:patient|pt\.?|пациент(ка)?|больн(ой|ая)|bemor)\s+{_NAME}\s+{_NAME}"
            rf"|\b(?:Mr|Mrs|Ms|Miss)\.?\s+{_NAME}",
        ),
    ),
)


def findings(values: dict) -> list[tuple[str, str, str]]:
    """(field, what it looks like, the matching text) for every suspicious text value."""
    found = []
    for field, value in values.items():
        if not isinstance(value, str):
            continue
        for label, pattern in PATTERNS:
            if m := pattern.search(value):
                if label == "a phone number" and sum(c.isdigit() for c in m[0]) < 9:
                    continue
                found.append((field, label, m[0]))
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
