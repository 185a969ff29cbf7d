"""The fingerprint covers what the report shows: an entry's fields, not when it was last edited; older tokens still verify."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib

from tests.conftest import export, succeed


def _procedure(run, name: str) -> dict:
    return next(e for e in export(run)["entries"] if e.get("procedure") == name)


def test_an_edit_and_its_revert_verify_again(demo, run, tmp_path):
    signed = tmp_path / "signed.pdf"
    assert run("summary", "--fingerprint", "-o", signed).code == 0
    caudal = _procedure(run, "Caudal block")
    assert run("edit", caudal["id"], "--count", "6").code == 0
    assert run("edit", caudal["id"], "--count", str(caudal["count"])).code == 0
    assert _procedure(run, "Caudal block")["updated_at"] != caudal["updated_at"]  # touched, and put back
    result = run("verify", signed)
    assert result.code == 0, result.err
    assert "Match:" in result.out


def test_an_edit_that_changes_what_the_report_shows_still_does_not_verify(demo, run, tmp_path):
    signed = tmp_path / "signed.html"
    assert run("summary", "--fingerprint", "-o", signed).code == 0
    caudal = _procedure(run, "Caudal block")
    assert run("edit", caudal["id"], "--count", "6").code == 0
    result = run("verify", signed)
    assert result.code == 1
    assert "1 changed" in result.err
    assert caudal["id"][:8] in result.out


def test_a_new_fingerprint_says_its_version(demo, run):
    token = json.loads(run("summary", "--fingerprint", "--json").out)["signature"]["token"]
    assert token.startswith("logbook-signature:v2:")


def _version_1_report(run, path, site: str | None = None) -> None:
    """A Markdown report as version 1 made it: the report's own page, its token made the old way (each entry digested
    with its edit times, --site matched as typed, in any case)."""
    assert run("summary", "--fingerprint", *(("--site", site) if site else ()), "-o", path).code == 0
    doc = export(run)

    def canonical(value) -> bytes:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    def short(value) -> str:
        return hashlib.sha256(canonical(value)).hexdigest()[:10]

    from logbook.domain.entries import in_date_order  # the order every version lists entries in

    entries = in_date_order([e for e in doc["entries"] if not site or site in (e.get("site") or "").casefold()])
    internship = doc["internship"]
    payload = {"digest": hashlib.sha256(canonical({"internship": internship, "entries": entries})).hexdigest(),
               "internship": short(internship),
               "scope": {"from": internship["start"], "to": internship["end"], "site": site, "kind": None},
               "entries": "".join(e["id"][:16] + short(e) + e["date"].replace("-", "") for e in entries)}
    token = "logbook-signature:v1:" + base64.b64encode(zlib.compress(canonical(payload), 9)).decode().rstrip("=")
    page = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"logbook-signature:v2:[A-Za-z0-9+/]+=*", token, page), encoding="utf-8")


def test_a_version_1_report_still_verifies_and_says_which_version_made_it(demo, run, tmp_path):
    old = tmp_path / "old.md"
    _version_1_report(run, old)
    result = run("verify", old)
    assert result.code == 0, result.err
    out = " ".join(result.out.split())
    assert "Match:" in out
    assert "The fingerprint is version 1" in out
    assert "A report made again now is version 2." in out


def test_a_version_1_report_after_an_edit_and_revert_says_why_it_no_longer_matches(demo, run, tmp_path):
    old = tmp_path / "old.md"
    _version_1_report(run, old)
    caudal = _procedure(run, "Caudal block")
    succeed(run, "edit", caudal["id"], "--count", "6")
    succeed(run, "edit", caudal["id"], "--count", str(caudal["count"]))
    result = run("verify", old)
    assert result.code == 1
    assert "1 changed" in result.err
    assert "an entry edited and changed back since shows as changed" in " ".join(result.out.split())


def test_a_version_1_report_of_one_site_still_covers_only_the_sites_it_chose(run, internship, tmp_path):
    """Version 1 matched --site as typed; a Cyrillic site found by its Latin letters since is not 'added' to it."""
    succeed(run, "add", "clinical", "-d", "2024-12-03", "-s", "Perinatal center", "-H", "6", "-a", "Theatre")
    old = tmp_path / "old.md"
    _version_1_report(run, old, site="perinatal")
    succeed(run, "add", "clinical", "-d", "2024-12-04", "-s", "Перинатальный центр", "-H", "5", "-a", "Обход")  # logged since
    result = run("verify", old)
    assert result.code == 0, result.out + result.err
    assert "1 entry" in " ".join(result.out.split())
