"""The report's words and marks, shared by the terminal and every file format so a thing is named one way.

Kept together (and out of the domain) so that they can be translated in one place.
"""

from __future__ import annotations

from datetime import date

from logbook.domain.involvement import LEVELS

STATUS_MARK = {"met": "✓ met", "on pace": "on pace", "behind": "⚑ behind pace", "not met": "✗ not met"}
# Each day's state on the attendance calendar: its mark and what it means.
CALENDAR_MARK = {"logged": "■", "cultural only": "○", "not logged": "□", "weekend": "·"}
CALENDAR_WORDS = {"logged": "clinical", "cultural only": "cultural visits only", "not logged": "not logged",
                  "weekend": "weekend, nothing logged"}
CALENDAR_LEGEND = "   ".join(f"{CALENDAR_MARK[k]} {CALENDAR_WORDS[k]}" for k in CALENDAR_MARK)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Short level words, so a level never wraps in a narrow column; spelled out once under each table.
ABBREVIATIONS = {"observed": "obs", "assisted": "asst", "supervised": "sup", "independent": "indep", "teaching": "teach"}
LEVELS_CAPTION = ", ".join(f"{ABBREVIATIONS[level]}={level}" for level in LEVELS)  # no spaces: a pair never splits

SIGN_OFF_TITLE = "Supervisor's confirmation"
SIGN_OFF_TEXT = "I confirm that the resident took part in the internship as recorded in this report."
PACE_TEXT = "Pace: {elapsed} of {total} internship days completed by {as_of}; a target is behind when less than that share is done."
ELSEWHERE = "logbook summary --format html, md or pdf"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def hours(value: float) -> str:
    """Hours without float noise or exponents: 7.5, 12, 1234567.25."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def sign_off_heading(base: dict | None) -> str:
    """Whom a sign-off block is for: a clinical base, or the whole report when it has none."""
    return f"{SIGN_OFF_TITLE}: {base['site']}" if base else SIGN_OFF_TITLE


def pace_line(pace: dict) -> str:
    return PACE_TEXT.format(elapsed=pace["days_elapsed"], total=pace["days_total"], as_of=pace["as_of"])


def selection(s: dict) -> str:
    """" (only kind procedure, site contains 'perinatal')", or nothing for a whole report."""
    chosen = [f"site contains {v!r}" if k == "site" else f"{k} {v}" for k, v in s["selection"].items() if v]
    return f" (only {', '.join(chosen)})" if chosen else ""


def clinical_days(s: dict) -> str:
    return f"Clinical days: {s['days']['with_clinical']} of {s['days']['total']}"


def days_with_entries(s: dict) -> str:
    days = s["days"]
    cultural_only = days["with_entries"] - days["with_clinical"]
    return (f"Days with entries: {days['with_entries']} of {days['total']}"
            + (f" ({cultural_only} with cultural visits only)" if cultural_only else ""))


def entries_by_kind(s: dict) -> str:
    counts = s["entries"]
    return (f"Entries: {counts['clinical']} clinical, {plural(counts['procedure'], 'procedure')}, "
            f"{plural(counts['cultural'], 'cultural visit')}")


def bar_label(bar: dict, by: str, day=lambda iso: iso) -> str:
    """How a bar of hours over time is named: "Mon 2024-12-02", "week of 2024-12-02", "2024-12"."""
    return {"day": f"{bar['weekday']} {day(bar['from'])}", "week": f"week of {day(bar['from'])}", "month": bar["from"][:7]}[by]


def weeks(days: list[dict]) -> list[list[dict | None]]:
    """The days laid out Monday to Sunday, one list per week, None where the period has no day."""
    out: list[list[dict | None]] = []
    for day in days:
        weekday = date.fromisoformat(day["date"]).weekday()
        if not out or weekday == 0:
            out.append([None] * 7)
        out[-1][weekday] = day
    return out


def more(shown: int, total: int, what: str, where: str) -> str:
    """The line under a capped list: how many more there are and where to see every one."""
    return f"{plural(total - shown, 'more ' + what, 'more ' + what + 's')} not shown here: every one is in {where}."
