"""The sentences and words every format of the report prints, worded once in the reader's language.

Beside render/language.py, which holds the translation machinery and the single words (levels, kinds, dates).
"""

from __future__ import annotations

from logbook.render.language import NP_, _, how_many, long_date, pgettext, procedures

CALENDAR_WORDS = {
    "logged": NP_("calendar", "clinical"), "cultural only": NP_("calendar", "cultural visits only"),
    "not logged": NP_("calendar", "not logged"), "weekend": NP_("calendar", "weekend, nothing logged"),
    "left out": NP_("calendar", "logged, not in this report"),
    "week": NP_("calendar", "week"),
}


def calendar_word(name: str) -> str:
    """What a day's mark on the calendar means: clinical, cultural visits only, not logged, weekend."""
    return pgettext("calendar", CALENDAR_WORDS[name]) if name in CALENDAR_WORDS else name


def period(first: str, last: str, date_format: str = "iso") -> str:
    return _("{first} to {last}").format(first=long_date(first, date_format), last=long_date(last, date_format))


# What a report limited by --kind holds, in the plural a header reads: "only procedures at …".
KIND_ENTRIES = {"clinical": NP_("entries of kind", "clinical work"), "procedure": NP_("entries of kind", "procedures"),
                "cultural": NP_("entries of kind", "cultural visits")}


def selection(chosen: dict) -> str:
    """" (only procedures at Bukhara Regional Perinatal Center)" after the period, or nothing for a whole report.

    The sites are named as logged (those --site matched), not as the text typed to choose them.
    """
    what = pgettext("entries of kind", KIND_ENTRIES[chosen["kind"]]) if chosen.get("kind") in KIND_ENTRIES else None
    sites = ", ".join(chosen.get("sites") or []) or (f"«{chosen['site']}»" if chosen.get("site") else None)
    if what and sites:
        words = _("only {what} at {sites}").format(what=what, sites=sites)
    elif sites:
        words = _("only entries at {sites}").format(sites=sites)
    elif what:
        words = _("only {what}").format(what=what)
    else:
        return ""
    return f" ({words})"


def left_out(counts: dict | None) -> str | None:
    """The line saying how many entries a report leaves out and why, or None when it shows every entry."""
    if not counts or not counts.get("total"):
        return None
    reasons = {
        "outside_internship": lambda n: how_many(n, "{n} entry dated outside the internship",
                                                 "{n} entries dated outside the internship"),
        "outside_period": lambda n: how_many(n, "{n} entry outside the report's dates", "{n} entries outside the report's dates"),
        "other_kinds": lambda n: how_many(n, "{n} entry of another kind", "{n} entries of other kinds"),
        "other_sites": lambda n: how_many(n, "{n} entry at another site or none", "{n} entries at other sites or none"),
    }
    parts = [said(counts[reason]) for reason, said in reasons.items() if counts.get(reason)]
    return _("Not in this report: {reasons}; {command} shows them").format(
        reasons=", ".join(parts), command="logbook list")


def attendance_lines(days: dict, counts: dict, left: dict | None = None) -> list[str]:
    """Clinical days (against the working days), days with entries, entries by kind, and what the report leaves out."""
    with_entries = _("Days with entries: {done} of {total}").format(done=days["with_entries"], total=days["total"])
    cultural_only = days["with_entries"] - days.get("with_clinical", days["with_entries"])
    if cultural_only > 0:
        with_entries += " (" + _("{n} with cultural visits only").format(n=cultural_only) + ")"
    lines = [with_entries, _("Entries: {clinical} clinical, {procedures}, {visits}").format(
        clinical=counts["clinical"], procedures=procedures(counts["procedure"]),
        visits=how_many(counts["cultural"], "{n} cultural visit", "{n} cultural visits"))]
    if "with_clinical" in days:
        lines.insert(0, clinical_days(days))
    if said := left_out(left):
        lines.append(said)
    return lines


def clinical_days(days: dict) -> str:
    """"Clinical days: 10 of 10 working days (12 calendar days)": weekends are not absences."""
    if "working" not in days:  # a report made before working days were counted
        return _("Clinical days: {done} of {total}").format(done=days["with_clinical"], total=days["total"])
    off = days.get("with_clinical_on_days_off", 0)
    done = _("Clinical days: {done} of {working}").format(
        done=days["with_clinical"] - off, working=how_many(days["working"], "{n} working day", "{n} working days"))
    if off:
        done += " " + how_many(off, "and {n} day off", "and {n} days off")
    return done + " (" + how_many(days["total"], "{n} calendar day", "{n} calendar days") + ")"


def verify_command() -> str:
    """The command that checks a signed report, its file named in the reader's language."""
    return "logbook verify " + _("REPORT-FILE")


def at_sites(sites: list[str | None]) -> str:
    """Where a day was spent instead, as a sign-off sheet and a narrowed report's calendar say it: "at …, at …"."""
    return ", ".join(_("at {site}").format(site=site) if site else _("at a site not named") for site in sites)
