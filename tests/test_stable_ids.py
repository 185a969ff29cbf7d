"""An id a resident has seen never comes to mean another entry (issue 3, point 7)."""

from __future__ import annotations

import json

from tests.conftest import export, succeed


def stored_keys(logbook) -> dict[str, str]:
    """TinyDB's document number for each entry id, as the file holds them."""
    return {doc["id"]: key for key, doc in json.loads(logbook.read_text())["entries"].items()}


def test_the_id_of_a_deleted_newest_entry_is_not_found_after_another_add(run, internship):
    # Guards entry ids being our own uuid4s: deleting the newest and adding again cannot reuse one.
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    deleted = export(run)["entries"][-1]["id"]
    assert run("delete", deleted, "--yes").code == 0
    assert run("add", "cultural", "Poi Kalyan", "-d", "2024-12-08").code == 0
    for given in (deleted, deleted[:8]):
        for command in (("show", given), ("edit", given, "--note", "x"), ("delete", given, "--yes")):
            result = run(*command)
            assert result.code == 1, (command, result)
            assert "no entry has the id" in result.err, (command, result)
    places = {e["id"]: e["place"] for e in export(run)["entries"]}
    assert deleted not in places
    assert sorted(places.values()) == ["Ark of Bukhara", "Poi-Kalyan"]  # as the gazetteer spells it


def test_tinydb_reuses_its_document_numbers_but_they_never_reach_the_user(run, internship):
    # Guards Session mapping our ids to TinyDB's numbers: the reuse below is TinyDB's, and harmless.
    succeed(run, "add", "cultural", "Ark of Bukhara", "-d", "2024-12-07")
    succeed(run, "add", "cultural", "Chor Minor", "-d", "2024-12-08")
    ark, chor = (e["id"] for e in export(run)["entries"])
    number_of_chor = stored_keys(internship)[chor]
    succeed(run, "delete", chor, "--yes")
    succeed(run, "add", "cultural", "Poi Kalyan", "-d", "2024-12-08")
    poi = next(e["id"] for e in export(run)["entries"] if e["place"] == "Poi-Kalyan")
    assert stored_keys(internship)[poi] == number_of_chor  # TinyDB handed out the same number again

    assert run("edit", poi[:8], "--note", "Minaret").code == 0
    assert run("show", chor).code == 1
    assert all(len(e["id"]) == 32 and e["id"] not in ("1", "2") for e in export(run)["entries"])
    assert run("delete", ark, "--yes").code == 0  # removes the Ark by its id, whatever its number
    (left,) = export(run)["entries"]
    assert left["id"] == poi
    assert left["note"] == "Minaret"


def test_edit_reports_the_fields_it_changed(run, internship):
    # Guards Session._detach: TinyDB updates documents in place, which used to change the
    # `before` an edit compares against, so every edit said it had changed nothing.
    succeed(run, "add", "procedure", "Lumbar puncture", "-d", "2024-12-05", "-r", "observed")
    ident = export(run)["entries"][0]["id"]
    result = run("edit", ident[:8], "--role", "assisted", "--note", "Found the space myself")
    assert result.code == 0
    assert "role, note" in result.err
