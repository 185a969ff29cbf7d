"""Importing an export into the logbook: the whole file checked, as `add` checks an entry, before one write."""

from __future__ import annotations

from logbook.domain.dates import today
from logbook.errors import LogbookError
from logbook.services.exports import plan_additions, plan_import, plan_synonyms, read_additions, read_document, read_synonyms
from logbook.services.log import changed_text, check_privacy
from logbook.storage.database import Logbook


def import_document(logbook: Logbook, document: object, source: str, track=iter, *, allow_identifiers: bool = False,
                    outside: bool = False, sample: bool = False) -> dict:
    """All or nothing: the whole file is validated before one entry is written; `track` follows the checking.

    What `add` and `reflect` refuse, an import refuses: a day after today, or outside the internship unless
    `outside`. A `sample` (the demo's fixed week) may lie after today.
    """
    from logbook.services.exports import check_days

    on = None if sample else today()
    internship, incoming = read_document(document, source, track)
    incoming_targets, incoming_reflections = read_additions(document, source)
    incoming_synonyms = read_synonyms(document, source)
    with logbook.change(backup_reason="before-import") as book:
        try:
            to_add, to_update, unchanged = plan_import(book.internship, book.entries(), internship, incoming, outside, on)
            targets, reflections = plan_additions(book.targets(), book.reflections(), incoming_targets, incoming_reflections)
            synonyms = plan_synonyms(book.synonyms(), incoming_synonyms)
            check_days([(f"the reflection of {r['date']}", r["date"]) for r in reflections], book.internship or internship,
                       outside, on)
        except LogbookError as err:  # the plan's refusals name the entry or the day; this names the file
            raise LogbookError(f"{source}: {err.message}") from None
        # What the import would write is checked as `add` checks it; what is already here was checked when logged.
        mine = {e["id"]: e for e in book.entries()} if to_update else {}
        if book.internship is None:
            check_privacy(internship, allow_identifiers, f"{source}: internship, ")
        for entry in to_add + to_update:
            check_privacy(changed_text(entry, mine.get(entry["id"], {})), allow_identifiers, f"{source}: entry {entry['id']}, ")
        for target in targets:
            check_privacy({f: target.get(f) for f in ("procedure", "site")}, allow_identifiers, f"{source}: target {target['id']}, ")
        for reflection in reflections:
            check_privacy({"text": reflection["text"]}, allow_identifiers, f"{source}: reflection of {reflection['date']}, ")
        for synonym in synonyms:
            check_privacy({f: synonym[f] for f in ("spelling", "name")}, allow_identifiers, f"{source}: synonym {synonym['spelling']!r}, ")
        if book.internship is None:
            book.set_internship(internship)
        if to_add:
            book.add(to_add)
        if to_update:
            book.replace(to_update)
        if targets:
            book.put_targets(targets)
        if reflections:
            book.put_reflections(reflections)
        if synonyms:
            book.put_synonyms(synonyms)
        return {"added": len(to_add), "updated": len(to_update), "unchanged": unchanged,
                "targets": len(targets), "reflections": len(reflections), "synonyms": len(synonyms)}
