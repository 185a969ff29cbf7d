"""Every word the PDF report prints, in one place: marked in English for the catalogue, read in the report's language."""

from __future__ import annotations

from logbook.render.language import N_, _

WORDS = {
    "title": N_("Internship logbook"),
    "page": N_("Page {n} of {m}"),
    "made_with": N_("Made with logbook {version}"),
    "made_on": N_("Made with logbook {version} on {date}"),
    "profile": (N_("Resident"), N_("Specialty"), N_("Home institution"), N_("Host institution"), N_("Internship"),
                N_("Report of")),
    "from_to": N_("{first} to {last}"),
    "attendance": N_("Attendance"),
    "legend": N_("Green: clinical. Purple: cultural visits only. Red: not logged. Grey: weekend, nothing logged."),
    "legend_left_out": N_("Blue: logged, not in this report."),
    "hours_per": {"day": N_("Clinical hours per day"), "week": N_("Clinical hours per week"),
                  "month": N_("Clinical hours per month")},
    "hours": N_("Hours by clinical base"),
    "by_department": N_("By department"),
    "supervisors_by_base": N_("Supervisors by clinical base"),
    "supervisors_col": N_("Supervisors"),
    "site": N_("Site"), "department": N_("Department"), "days": N_("Days"), "hours_col": N_("Hours"), "total": N_("Total"),
    "procedures": N_("Procedures by level of involvement"),
    "procedure": N_("Procedure"),
    "per_level": N_("Procedures per level of involvement"),
    "targets": N_("Targets"),
    "pace": N_("Pace: {elapsed} of {total} internship days completed by {as_of}; a target is behind when less than "
               "that share is done."),
    "target_cols": (N_("Target"), N_("Progress"), N_("Done"), N_("Target"), "%", N_("Pace")),
    "culture": N_("Cultural programme"),
    "culture_cols": (N_("Date"), N_("Place"), N_("Category"), N_("Note")),
    "notes": N_("Notes"),
    "notes_cols": (N_("Date"), N_("About"), N_("Note")),
    "reflections": N_("Reflections"),
    "sign_off": N_("Sign-off"),
    "sign_off_at": N_("Sign-off: {site}"),
    "supervisors": N_("Supervisors: {names}"),
    "confirm_title": N_("Supervisor's confirmation"),
    "confirm": N_("I confirm that the resident took part in the internship as recorded in this report."),
    "sign_lines": (N_("Supervisor (name)"), N_("Position"), N_("Signature"), N_("Date")),
    "stamp": N_("Stamp"),
    "digest_title": N_("Report digest"),
    "digest": N_("SHA-256 of the internship and its {entries}:"),
    "token": N_("Verification token (lists every entry the report was made from):"),
    "qr_token": N_("The QR code holds the verification token."),
    "qr_digest": N_("The token is too long for one QR code; the QR code holds the digest."),
    "check": N_("Check the report with {command}."),
    "cohort_title": N_("Cohort report"),
}


class _Words(dict):
    """WORDS[key] translated when read, so one process can print reports in several languages."""

    def __getitem__(self, key: str):
        value = super().__getitem__(key)
        if isinstance(value, str):
            return _(value)
        if isinstance(value, tuple):
            return tuple(_(v) for v in value)
        return {k: _(v) for k, v in value.items()}


WORDS = _Words(WORDS)
