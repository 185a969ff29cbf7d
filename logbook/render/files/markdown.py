"""The report as Markdown (GitHub-flavoured tables); user text is escaped so it stays text."""

from __future__ import annotations

from logbook.domain.involvement import LEVELS
from logbook.render.escaping import markdown, markdown_cell
from logbook.render.files.wording import (
    CALENDAR_MARK, CALENDAR_WORDS, SIGN_OFF_TEXT, STATUS_MARK, bar_label, clinical_days, days_with_entries, entries_by_kind,
    pace_line, plural, selection, sign_off_heading, weeks,
)


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
    out = [f"# Internship logbook: {md(i['resident'])}", ""]
    out += table(["", ""], [[Raw(f"**{label}**"), value] for label, value in (
        ("Resident", i["resident"]), ("Specialty", i["specialty"]),
        ("Home institution", i.get("home_institution")), ("Host institution", i["host_institution"]),
        ("Internship", f"{i['start']} to {i['end']}"),
        ("Report of", f"{s['period']['from']} to {s['period']['to']}" + selection(s)),
    )])

    out += ["## Attendance", "", f"{clinical_days(s)}. {days_with_entries(s)}. {entries_by_kind(s)}.", ""]
    mark = {status: f"{CALENDAR_MARK[status]} {CALENDAR_WORDS[status]}" for status in CALENDAR_MARK}
    mark["not logged"] = f"{CALENDAR_MARK['not logged']} **{CALENDAR_WORDS['not logged']}**"
    mark["weekend"] = f"{CALENDAR_MARK['weekend']} weekend"
    out += table(["Week of", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], [
        [next(d for d in week if d)["date"], *[Raw(f"{d['date'][8:]} {mark[d['status']]}") if d else "" for d in week]]
        for week in weeks(s["calendar"])
    ])

    over_time = s["hours_over_time"]
    top = _top(over_time["bars"], "hours")
    out += [f"### Hours per {over_time['by']}", ""]
    out += table([over_time["by"].title(), "Hours", ""],
                 [[bar_label(b, over_time["by"]), b["hours"], _bar(b["hours"], top)] for b in over_time["bars"]], {1})

    out += ["## Hours by clinical base", ""]
    out += table(["Site", "Days", "Hours"],
                 [[r["site"], r["days"], r["hours"]] for r in s["hours_by_site"]] + [["Total", "", s["total_hours"]]], {1, 2})
    out += ["## Hours by department", ""]
    out += table(["Site", "Department", "Days", "Hours"],
                 [[r["site"], r["department"] or "—", r["days"], r["hours"]] for r in s["hours_by_department"]], {2, 3})

    if s["sign_off"]:
        out += ["## Supervisors by clinical base", ""]
        out += table(["Site", "Supervisors"], [[b["site"], ", ".join(b["supervisors"]) or "—"] for b in s["sign_off"]])

    out += ["## Procedures by level of involvement", ""]
    out += table(["Procedure", *LEVELS, "Total"],
                 [[r["procedure"], *[r["by_role"][lv] or "" for lv in LEVELS], r["total"]] for r in s["procedures"]]
                 + [["Total", *[s["procedures_by_role"][lv] for lv in LEVELS], s["total_procedures"]]],
                 set(range(1, len(LEVELS) + 2)))
    top = max(s["procedures_by_role"].values(), default=0)
    out += ["### Procedures per level", ""]
    out += table(["Level", "Count", ""], [[lv, n, _bar(n, top)] for lv, n in s["procedures_by_role"].items()], {1})

    if s["targets"]:
        pace = s["pace"]
        out += ["## Targets", "", pace_line(pace), ""]
        out += table(["Target", "Done", "Target", "%", "Pace"],
                     [[t["label"], t["achieved"], t["target"], f"{t['percent']:g}%", STATUS_MARK[t["status"]]] for t in s["targets"]],
                     {1, 2, 3})

    out += ["## Cultural programme", ""]
    out += table(["Date", "Place", "Category", "Note"], [[c["date"], c["place"], c["category"], c["note"]] for c in s["cultural"]])
    if s["notes"]:
        out += ["## Notes", ""]
        out += table(["Date", "About", "Note"], [[n["date"], n["about"], n["note"]] for n in s["notes"]])
    if s["reflections"]:
        out += ["## Reflections", ""]
        for r in s["reflections"]:
            out += [f"**{r['date']}**", "", paragraph(r["text"]), ""]

    out += ["## Sign-off", ""]
    for base in s["sign_off"] or [None]:
        out += [f"### {md(sign_off_heading(base))}", ""]
        if base and base["supervisors"]:
            out += [f"Supervisors: {md(', '.join(base['supervisors']))}", ""]
        out += [SIGN_OFF_TEXT, "", "Supervisor (name): ______________________ Position: ______________________", "",
                "Signature: ______________________ Date: ____________ Stamp:", ""]
    signature = s.get("signature")
    if signature:
        out += [f"Report digest (SHA-256 of the internship and its {plural(signature['entries'], 'entry', 'entries')}): "
                f"`{signature['digest']}`. Check it with `logbook verify REPORT-FILE`.", "",
                f"<!-- {signature['token']} -->", ""]
    return "\n".join(out)


def _top(rows: list[dict], field: str) -> float:
    return max((r[field] for r in rows), default=0)


def _bar(value: float, top: float, width: int = 20) -> str:
    return "█" * round(value / top * width) if top and value else ""
