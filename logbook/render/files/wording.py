"""The report's words and marks, shared by the terminal and every file format so a thing is named one way.

Kept together (and out of the domain) so that they can be translated in one place.
"""

from __future__ import annotations

from datetime import date

from logbook.domain.involvement import LEVELS
from logbook.domain.summary import LEFT_OUT_DAY
from logbook.render import language, report_words
from logbook.render.language import N_, _


class _Translated(dict):
    """A table of the logbook's words, each read in the report's language (one process may print several)."""

    def __init__(self, words: dict, translate):
        super().__init__(words)
        self.translate = translate

    def __getitem__(self, key: str) -> str:
        return self.translate(key, super().__getitem__(key))

    def get(self, key, default=None):
        return self[key] if key in self else default


STATUS_MARK = _Translated({"met": "✓ ", "on pace": "", "behind": "⚑ ", "not met": "✗ "},
                          lambda name, mark: mark + language.status(name))
# Each day's state on the attendance calendar: its mark and what it means.
CALENDAR_MARK = {"logged": "■", "cultural only": "○", "left out": "◇", "not logged": "□", "weekend": "·"}
CALENDAR_WORDS = _Translated(dict.fromkeys(CALENDAR_MARK), lambda name, _word: report_words.calendar_word(name))
# Short level words, so a level never wraps in a narrow column; spelled out once under each table.
ABBREVIATIONS = _Translated(dict.fromkeys(LEVELS), lambda level, _word: language.level_abbreviation(level))
SIGN_OFF_TITLE = N_("Supervisor's confirmation")
SIGN_OFF_TEXT = N_("I confirm that the resident took part in the internship as recorded in this report.")
PACE_TEXT = N_("Pace: {elapsed} of {total} internship days completed by {as_of}; a target is behind when less than that share is done.")


def about(note: dict) -> str:
    """What a note is about: its procedure as the catalogue names it in the reader's language, with the details typed."""
    if not note.get("procedure"):
        return note["about"]
    named = language.procedure_name(note["procedure"])
    return f"{named} — {note['details']}" if note.get("details") else named


def week_days(bar: dict) -> str:
    """"4 of 5": a week's or month's clinical days of its working days; "5 of 5 +1" when a day off was clinical too."""
    off = bar["clinical_days_off"]
    done = _("{done} of {total}").format(done=bar["clinical_days"] - off, total=bar["working_days"])
    return f"{done} +{off}" if off else done


def legend_states(days: list[dict]) -> list[str]:
    """Every state of a day, but "logged, not in this report" only on a calendar that has such a day (a --site report)."""
    return [k for k in CALENDAR_MARK if k != LEFT_OUT_DAY or any(d["status"] == LEFT_OUT_DAY for d in days)]


def day_state(day: dict) -> str:
    """What a calendar cell says under its date: the hours, the entries, the other bases it was spent at, or its state."""
    if day["hours"]:
        return language.hours(day["hours"])
    if day["entries"]:
        return language.entries(day["entries"])
    if day.get("elsewhere"):
        return report_words.at_sites(day["elsewhere"])
    return report_words.calendar_word(day["status"])


def weekday_names() -> list[str]:
    return language.weekdays()


def levels_caption() -> str:
    """"obs=observed, asst=assisted, …" under a table whose columns are the levels' short forms (no spaces: a pair never splits)."""
    return ", ".join(_("{abbreviation}={level}").format(abbreviation=ABBREVIATIONS[lv], level=language.level(lv))
                     for lv in LEVELS)


def sign_off_text() -> str:
    return _(SIGN_OFF_TEXT)


def elsewhere() -> str:
    """Where every row of a capped list is."""
    return _("logbook summary --format html, md or pdf")


def hours(value: float) -> str:
    """Hours without float noise or exponents: 7.5, 12, 1234567.25 (6,5 in Russian and Uzbek)."""
    return language.number(value)


def sign_off_heading(base: dict | None) -> str:
    """Whom a sign-off block is for: a clinical base, or the whole report when it has none."""
    return _("Supervisor's confirmation: {site}").format(site=base["site"]) if base else _(SIGN_OFF_TITLE)


def pace_line(pace: dict) -> str:
    return _(PACE_TEXT).format(elapsed=pace["days_elapsed"], total=pace["days_total"], as_of=language.long_date(pace["as_of"]))


def selection(s: dict) -> str:
    """" (only procedures at Bukhara Regional Perinatal Center)", or nothing for a whole report."""
    return report_words.selection(s["selection"])


def clinical_days(s: dict) -> str:
    return report_words.clinical_days(s["days"])


def left_out(s: dict) -> str | None:
    """How many entries the report leaves out and why (outside its dates, another kind or site), or None."""
    return report_words.left_out(s.get("left_out"))


def days_with_entries(s: dict) -> str:
    return report_words.attendance_lines(s["days"], s["entries"])[1]


def entries_by_kind(s: dict) -> str:
    return report_words.attendance_lines(s["days"], s["entries"])[2]


def bar_label(bar: dict, by: str, day=lambda iso: iso) -> str:
    """How a bar of hours over time is named: "Mon 2024-12-02", "week of 2024-12-02", "2024-12"."""
    if by == "day":
        return f"{language.weekday(bar['from'])} {day(bar['from'])}"
    return _("week of {day}").format(day=day(bar["from"])) if by == "week" else language.month(bar["from"])


def weeks(days: list[dict]) -> list[list[dict | None]]:
    """The days laid out Monday to Sunday, one list per week, None where the period has no day."""
    out: list[list[dict | None]] = []
    for day in days:
        weekday = date.fromisoformat(day["date"]).weekday()
        if not out or weekday == 0:
            out.append([None] * 7)
        out[-1][weekday] = day
    return out


MORE = {
    "place": lambda n: language.how_many(n, "{n} more place", "{n} more places"),
    "note": lambda n: language.how_many(n, "{n} more note", "{n} more notes"),
    "reflection": lambda n: language.how_many(n, "{n} more reflection", "{n} more reflections"),
    "row": lambda n: language.how_many(n, "{n} more row", "{n} more rows"),
    "cohort": lambda n: language.how_many(n, "{n} more cohort", "{n} more cohorts"),
}


def more(shown: int, total: int, what: str, where: str) -> str:
    """The line under a capped list: how many more there are and where to see every one."""
    return _("{more} not shown here: every one is in {where}.").format(more=MORE[what](total - shown), where=where)


def places(visits: list[dict]) -> list[dict]:
    """The cultural visits (in date order) as one row per place (any case or spacing of its name), in the order first
    visited: the first visit's fields, with `visits` and the `last` date."""
    found: dict[tuple, dict] = {}
    for visit in visits:  # in date order, so the first visit seen is the earliest
        place = found.setdefault(tuple(visit["place"].casefold().split()), {**visit, "visits": 0})
        place["visits"] += 1
        place["last"] = visit["date"]
    return list(found.values())


# What a file report's section says when the report holds nothing for it (a --kind or --site report, a first day),
# instead of empty tables, a Total of 0 and a chart of zeros; the terminal leaves such a section out.
NOTHING = {"hours": N_("No clinical hours in this report."), "procedures": N_("No procedures in this report."),
           "culture": N_("No cultural visits in this report.")}


def nothing_in(s: dict, section: str) -> str | None:
    """The line a section says when it has nothing to show, else None."""
    empty = {"hours": not s["hours_by_site"], "procedures": not s["procedures"], "culture": not s["cultural"]}[section]
    return _(NOTHING[section]) if empty else None


def holds(s: dict, section: str) -> bool:
    """Whether the report holds a section: every one, unless `summary --sections` chose some."""
    return not s.get("sections") or section in s["sections"]


def named(s: dict, section: str) -> bool:
    """Whether `--sections` named the section: then it is shown whole, never capped."""
    return section in (s.get("sections") or ())


# Each section `summary --sections` names, by the heading the report gives it.
SECTION_TITLES = {"attendance": N_("Attendance"), "hours": N_("Hours by clinical base"),
                  "procedures": N_("Procedures by level of involvement"), "targets": N_("Targets"),
                  "culture": N_("Cultural programme"), "notes": N_("Notes"), "reflections": N_("Reflections"),
                  "signoff": N_("Sign-off")}


def sections_line(s: dict) -> str | None:
    """The line under the profile of a report that `--sections` cut down: it says what it holds, so nothing is hidden."""
    if not s.get("sections"):
        return None
    return _("This report holds only: {sections} (summary --sections).").format(
        sections=", ".join(_(SECTION_TITLES[name]) for name in s["sections"]))


def procedure_as_shown(name: str) -> list[str]:
    """A procedure as each language's report shows it (Caesarean section, Кесарево сечение, Kesar kesish), each once.

    `verify` accepts any of them: a Russian report shows the procedure by its Russian name.
    """
    said = []
    for code in language.LANGUAGES:
        with language.speaking(code):
            if (shown := language.procedure_name(name)) not in said:
                said.append(shown)
    return said


def what_it_shows(s: dict) -> list[list[str]]:
    """The phrases any report of this summary shows, once per language: its attendance lines in each.

    `verify` looks for them in a report's visible text, so a token pasted into a report of other entries is caught.
    """
    said = []
    for code in language.LANGUAGES:
        with language.speaking(code):
            # Not the clinical days: they are counted against the working days of the config the report was made with.
            said.append(report_words.attendance_lines(s["days"], s["entries"])[1:])
    return said
