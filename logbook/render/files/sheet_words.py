"""A sign-off sheet's words, shared by the terminal and every file format so each thing is said one way."""

from __future__ import annotations

from logbook.domain.signoff import ELSEWHERE, HERE, WEEKEND_DAY
from logbook.render import language, report_words
from logbook.render.language import N_, _, pgettext

SHEET_TITLE = N_("Clinical base sign-off sheet")
DAY_BY_DAY = N_("Day by day")
WORK_COLUMN = N_("Clinical work")
SHEET_CONFIRM = N_("I confirm that the resident worked at this clinical base as recorded on this sheet.")
ON_THE_SHEET = N_("This sheet holds the clinical work and procedures logged at this base; reflections, cultural "
                  "visits and the work at other bases are not on it.")


def sheet_heading(sheet: dict) -> str:
    return _("Sign-off sheet: {site}").format(site=sheet["site"])


def facts(s: dict, sheet: dict, date_format: str = "iso", named: bool = True) -> list[tuple[str, str]]:
    """The profile and the base's figures as (label, value) rows, the same in every format; `named`: with the base's name."""
    i = s["internship"]
    here = language.days(sheet["days_here"])
    if sheet["first_day"]:
        here += ": " + report_words.period(sheet["first_day"], sheet["last_day"], date_format)
    return [
        (_("Resident"), i["resident"]), (_("Specialty"), i["specialty"]), (_("Home institution"), i.get("home_institution")),
        (_("Host institution"), i["host_institution"]), (_("Internship"), report_words.period(i["start"], i["end"], date_format)),
        *([(_("Clinical base"), sheet["site"])] if named else []), (_("Days at this base"), here),
        (_("Clinical hours at this base"), language.hours(sheet["total_hours"])),
        (_("Procedures at this base"), language.procedures(sheet["total_procedures"])),
    ]


def days_table(sheet: dict, day=lambda iso: iso) -> dict:
    """The sheet's days as every format lays them out: each day (runs of like days away from the base as one row) up
    to a month, else per week or month; {title, headers, numeric_from, rows: [(cells, at this base)]}."""
    by = sheet["over_time"]["by"]
    if by == "day":
        return {"title": _(DAY_BY_DAY), "headers": [_("Date"), _(WORK_COLUMN), _("Hours")], "numeric_from": 2,
                "rows": [([dates(row, day), where(row), day_hours(row)], row["status"] == HERE) for row in sheet["days"]]}
    return {"title": _("Days at this base per week") if by == "week" else _("Days at this base per month"),
            "headers": [_("Week of") if by == "week" else _("Month"), _("Days at this base"), _("Hours"),
                        _("Days at other bases"), _("Days without clinical work")], "numeric_from": 1,
            "rows": [([day(row["from"]) if by == "week" else language.month(row["from"]), str(row["days_here"]),
                       language.hours(row["hours"]) if row["hours"] else "", str(row["days_elsewhere"]),
                       str(row["days_without_clinical"])], row["days_here"] > 0) for row in sheet["over_time"]["rows"]]}


def dates(row: dict, day=lambda iso: iso) -> str:
    """One day, or a run of like days: 2024-12-07 – 2024-12-08."""
    return day(row["from"]) if row["from"] == row["to"] else f"{day(row['from'])} – {day(row['to'])}"


def where(row: dict) -> str:
    """What a day was from this base's side; a day at another base says where, never "absent"."""
    if row["status"] == HERE:
        said = ", ".join(row["departments"]) or _("at this base")
        if row["elsewhere"]:
            said += "; " + _("also {where}").format(where=report_words.at_sites(row["elsewhere"]))
        return said
    if row["status"] == ELSEWHERE:
        return report_words.at_sites(row["elsewhere"])
    return pgettext("sheet day", "weekend") if row["status"] == WEEKEND_DAY else pgettext("sheet day", "no clinical entry")


def day_hours(row: dict) -> str:
    return language.hours(row["hours"]) if row["status"] == HERE and row["hours"] else ""


def left_out(sheet: dict) -> str | None:
    """The line saying which of the base's entries the sheet leaves out (outside the internship's dates)."""
    if not sheet["outside_dates"]:
        return None
    return language.how_many(sheet["outside_dates"],
                             "{n} entry logged at this base falls outside the internship's dates and is not on this sheet.",
                             "{n} entries logged at this base fall outside the internship's dates and are not on this sheet.")


def confirm() -> str:
    """What the base's supervisor signs: this base's work, as the sheet records it."""
    return _(SHEET_CONFIRM)


def on_the_sheet() -> str:
    return _(ON_THE_SHEET)


def digest_lines(signature: dict) -> tuple[str, str]:
    """The fingerprint's digest and how to check it, worded as the summary words them."""
    digest = _("Report digest (SHA-256 of the internship and its {entries}):").format(
        entries=language.entries(signature["entries"]))
    return digest, _("Check it with: {command}").format(command=report_words.verify_command())
