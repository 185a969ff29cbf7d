"""The report as Markdown (GitHub-flavoured tables); user text is escaped so it stays text."""

from __future__ import annotations

from logbook.domain.involvement import LEVELS
from logbook.domain.fingerprint import statement
from logbook.render.escaping import markdown, markdown_cell
from logbook.render import language, report_words
from logbook.render.files.wording import (
    CALENDAR_MARK, CALENDAR_WORDS, STATUS_MARK, bar_label, clinical_days, days_with_entries, entries_by_kind, holds,
    about, day_state, left_out, nothing_in, pace_line, sections_line, selection, sign_off_heading, sign_off_text, weeks,
)
from logbook.render.language import _


class Raw(str):
    """Markdown written by the renderer itself (bold labels), which must not be escaped."""


def md(value: object) -> str:
    """User text as inert Markdown (escaping.markdown); the renderer's own Markdown passes as it is."""
    return value if isinstance(value, Raw) else markdown(value)


def paragraph(text: str) -> str:
    """Free text as Markdown paragraphs: its line breaks kept, leading indentation (a code block) dropped."""
    lines = [md(line.strip()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "  \n".join(lines).replace("  \n  \n", "\n\n")


def cell(value: object) -> str:
    """Text for one table cell: a line break would end the row, so it becomes <br>."""
    return value if isinstance(value, Raw) else markdown_cell(value)


def table(headers: list[str], rows: list[list[object]], right: set[int] = frozenset()) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def render_markdown(s: dict) -> str:
    i = s["internship"]
    out = ["# " + _("Internship logbook: {resident}").format(resident=md(i["resident"])), "",
           f"<!-- {statement(s)} -->", ""]  # what it shows, for `logbook verify`; base64, so no "--" inside
    out += table(["", ""], [[Raw(f"**{label}**"), value] for label, value in (
        (_("Resident"), i["resident"]), (_("Specialty"), i["specialty"]),
        (_("Home institution"), i.get("home_institution")), (_("Host institution"), i["host_institution"]),
        (_("Internship"), report_words.period(i["start"], i["end"])),
        (_("Report of"), report_words.period(s["period"]["from"], s["period"]["to"]) + selection(s)),
    )])
    if only := sections_line(s):
        out += [md(only), ""]

    if said := left_out(s):  # whatever sections the report holds, it says what it leaves out
        out += [f"**{md(said)}.**", ""]
    if holds(s, "attendance"):
        out += ["## " + _("Attendance"), "", f"{clinical_days(s)}. {days_with_entries(s)}. {entries_by_kind(s)}.", ""]
        mark = {status: f"{CALENDAR_MARK[status]} {CALENDAR_WORDS[status]}" for status in CALENDAR_MARK}
        mark["not logged"] = f"{CALENDAR_MARK['not logged']} **{CALENDAR_WORDS['not logged']}**"
        mark["weekend"] = f"{CALENDAR_MARK['weekend']} {report_words.calendar_word('weekend')}"
        out += table([_("Week of"), *language.weekdays()], [
            [next(d for d in week if d)["date"], *[Raw(f"{d['date'][8:]} {_day_mark(d, mark)}") if d else "" for d in week]]
            for week in weeks(s["calendar"])
        ])

        over_time = s["hours_over_time"]
        top = _top(over_time["bars"], "hours")
        if s["total_hours"]:  # a chart of zeros says nothing the Hours section does not
            out += ["### " + {"day": _("Hours per day"), "week": _("Hours per week"), "month": _("Hours per month")}[over_time["by"]], ""]
            out += table([{"day": _("Day"), "week": _("Week"), "month": _("Month")}[over_time["by"]], _("Hours"), ""],
                         [[bar_label(b, over_time["by"]), b["hours"], _bar(b["hours"], top)] for b in over_time["bars"]], {1})

    if holds(s, "hours"):
        out += ["## " + _("Hours by clinical base"), ""]
        if said := nothing_in(s, "hours"):
            out += [said, ""]
        else:
            out += table([_("Site"), _("Days"), _("Hours")],
                         [[r["site"], r["days"], r["hours"]] for r in s["hours_by_site"]] + [[_("Total"), "", s["total_hours"]]], {1, 2})
            out += ["## " + _("Hours by department"), ""]
            out += table([_("Site"), _("Department"), _("Days"), _("Hours")],
                         [[r["site"], r["department"] or "—", r["days"], r["hours"]] for r in s["hours_by_department"]], {2, 3})

        if s["sign_off"]:
            out += ["## " + _("Supervisors by clinical base"), ""]
            out += table([_("Site"), _("Supervisors")], [[b["site"], ", ".join(b["supervisors"]) or "—"] for b in s["sign_off"]])

    if holds(s, "procedures"):
        out += ["## " + _("Procedures by level of involvement"), ""]
        out += [nothing, ""] if (nothing := nothing_in(s, "procedures")) else _procedures(s)

    if s["targets"] and holds(s, "targets"):
        pace = s["pace"]
        out += ["## " + _("Targets"), "", pace_line(pace), ""]
        out += table([_("Target"), _("Done"), _("Target"), "%", _("Pace")],
                     [[language.target_label(t), t["achieved"], t["target"], f"{language.number(t['percent'])}%",
                       STATUS_MARK[t["status"]]] for t in s["targets"]],
                     {1, 2, 3})

    if holds(s, "culture"):
        out += ["## " + _("Cultural programme"), ""]
        if said := nothing_in(s, "culture"):
            out += [said, ""]
        else:
            out += table([_("Date"), _("Place"), _("Category"), _("Note")],
                         [[c["date"], language.place_name(c["place"]), language.category(c["category"]), c["note"]]
                          for c in s["cultural"]])

    if s["notes"] and holds(s, "notes"):
        out += ["## " + _("Notes"), ""]
        out += table([_("Date"), _("About"), _("Note")], [[n["date"], about(n), n["note"]] for n in s["notes"]])
    if s["reflections"] and holds(s, "reflections"):
        out += ["## " + _("Reflections"), ""]
        for r in s["reflections"]:
            out += [f"**{r['date']}**", "", paragraph(r["text"]), ""]

    if holds(s, "signoff"):
        out += ["## " + _("Sign-off"), ""]
        for base in s["sign_off"] or [None]:
            out += [f"### {md(sign_off_heading(base))}", ""]
            if base and base["supervisors"]:
                out += [md(_("Supervisors: {names}").format(names=", ".join(base["supervisors"]))), ""]
            out += [sign_off_text(), "", f"{_('Supervisor (name)')}: ______________________ {_('Position')}: ______________________", "",
                    f"{_('Signature')}: ______________________ {_('Date')}: ____________ {_('Stamp')}:", ""]

    signature = s.get("signature")
    if signature:
        digest = _("Report digest (SHA-256 of the internship and its {entries}):").format(
            entries=language.entries(signature["entries"]))
        check = _("Check it with: {command}").format(command=f"`{report_words.verify_command()}`")
        out += [f"{digest} `{signature['digest']}`. {check}.", "",
                f"<!-- {signature['token']} -->", ""]
    return "\n".join(out)


def _procedures(s: dict) -> list[str]:
    out = table([_("Procedure"), *(language.level(lv) for lv in LEVELS), _("Total")],
                [[language.procedure_name(r["procedure"]), *[r["by_role"][lv] or "" for lv in LEVELS], r["total"]] for r in s["procedures"]]
                + [[_("Total"), *[s["procedures_by_role"][lv] for lv in LEVELS], s["total_procedures"]]],
                set(range(1, len(LEVELS) + 2)))
    top = max(s["procedures_by_role"].values(), default=0)
    out += ["### " + _("Procedures per level"), ""]
    return out + table([_("Level"), _("Count"), ""],
                       [[language.level(lv), n, _bar(n, top)] for lv, n in s["procedures_by_role"].items()], {1})


def _day_mark(day: dict, mark: dict) -> str:
    """A calendar cell's mark and word; a --site report's day at another base names it, escaped as any user text."""
    if day["elsewhere"] and not day["entries"]:
        return f"{CALENDAR_MARK[day['status']]} {markdown_cell(day_state(day))}"
    return mark[day["status"]]


def _top(rows: list[dict], field: str) -> float:
    return max((r[field] for r in rows), default=0)


def _bar(value: float, top: float, width: int = 20) -> str:
    return "█" * round(value / top * width) if top and value else ""
