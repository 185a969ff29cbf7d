"""Signed reports: a SHA-256 digest of the internship and its entries, checked later by `logbook verify`."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.conftest import export, succeed
from tests.test_report import FORMATS


def _signed(run, tmp_path, fmt: str, *args: str):
    path = tmp_path / f"signed.{fmt}"
    result = run("summary", "--sign", "--format", fmt, "--output", path, *args)
    assert result.code == 0, result.err
    return path


def test_the_digest_is_sha256_of_the_canonical_json_of_the_internship_and_its_entries(demo, run):
    doc = export(run)
    # What a report shows of each entry: every field but when it was logged and last edited.
    shown = [{k: v for k, v in e.items() if k not in ("created_at", "updated_at")} for e in doc["entries"]]
    canonical = json.dumps({"internship": doc["internship"], "entries": shown},
                           sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    expected = hashlib.sha256(canonical).hexdigest()
    s = json.loads(run("summary", "--sign", "--format", "json").out)
    assert s["signature"]["digest"] == expected
    assert s["signature"]["algorithm"] == "sha256"
    assert s["signature"]["entries"] == len(doc["entries"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_signed_report_in_every_format_carries_the_digest_and_verifies(demo, run, tmp_path, fmt):
    path = _signed(run, tmp_path, fmt)
    s = json.loads(run("summary", "--sign", "--format", "json").out)
    assert s["signature"]["digest"] in path.read_text(encoding="utf-8")
    result = run("verify", path)
    assert result.code == 0, result.err
    assert "Match:" in result.out
    assert "32 entries" in result.out


def test_verify_lists_the_entries_added_changed_and_removed_since_signing(demo, run, tmp_path):
    path = _signed(run, tmp_path, "html")
    entries = export(run)["entries"]
    caudal = next(e for e in entries if e.get("procedure") == "Caudal block")
    samanid = next(e for e in entries if e.get("place") == "Samanid Mausoleum")
    assert run("edit", caudal["id"], "--count", "3").code == 0
    assert run("delete", samanid["id"], "--yes").code == 0
    assert run("add", "procedure", "Arterial line placement", "-d", "2024-12-10", "-r", "independent").code == 0
    added = next(e for e in export(run)["entries"] if e.get("role") == "independent" and e["date"] == "2024-12-10")
    result = run("verify", path)
    assert result.code == 1
    assert "1 added, 1 changed, 1 removed" in result.err
    assert len(result.err.strip().splitlines()) == 1
    lines = {line.split()[0]: line for line in result.out.splitlines() if line.split() and line.split()[0] in
             ("added", "changed", "removed")}
    assert added["id"][:8] in lines["added"]
    assert "Arterial line placement" in lines["added"]
    assert caudal["id"][:8] in lines["changed"]
    assert "2024-12-05" in lines["changed"]
    assert samanid["id"][:8] in lines["removed"]
    assert "2024-12-08" in lines["removed"]


def test_verify_notices_a_changed_internship_profile(demo, run, tmp_path):
    path = _signed(run, tmp_path, "md")
    succeed(run, "init", "--specialty", "Ophthalmology")
    result = run("verify", path)
    assert result.code == 1
    assert "internship profile changed" in result.err


def test_verify_against_an_export_instead_of_the_logbook(demo, run, tmp_path):
    path = _signed(run, tmp_path, "csv")
    before = tmp_path / "before.json"
    succeed(run, "export", "-o", before)
    succeed(run, "add", "cultural", "Bolo Hauz Mosque", "-d", "2024-12-10")
    assert run("verify", path).code == 1
    result = run("verify", path, "--export", before)
    assert result.code == 0
    assert str(before) in result.out


def test_a_report_of_a_selection_verifies_against_the_same_selection(demo, run, tmp_path):
    path = _signed(run, tmp_path, "text", "--kind", "procedure", "--from", "2024-12-05")
    succeed(run, "add", "cultural", "Bolo Hauz Mosque", "-d", "2024-12-10")  # outside the signed selection
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-04", "-r", "observed")  # before its first day
    assert run("verify", path).code == 0
    succeed(run, "add", "procedure", "Caudal block", "-d", "2024-12-06", "-r", "observed")
    result = run("verify", path)
    assert result.code == 1
    assert "1 added" in result.err


def test_verify_refuses_an_unsigned_or_damaged_report(demo, run, tmp_path):
    unsigned = tmp_path / "plain.html"
    succeed(run, "summary", "-o", unsigned)
    result = run("verify", unsigned)
    assert result.code == 1
    assert "--fingerprint" in result.err
    signed = _signed(run, tmp_path, "json")
    damaged = tmp_path / "damaged.json"
    body = signed.read_text()
    token = json.loads(body)["signature"]["token"]
    damaged.write_text(body.replace(token, token[:40] + "AAAA" + token[44:]))
    result = run("verify", damaged)
    assert result.code == 1
    assert "its fingerprint is damaged (was the report edited?)" in result.err, result.err
    assert run("verify", tmp_path / "missing.html").code == 1


def test_signature_covers_only_internship_and_entries_not_the_rendering(demo, run, tmp_path):
    first = json.loads(run("summary", "--sign", "--format", "json").out)["signature"]
    succeed(run, "reflect", "A new thought", "-d", "2024-12-06")
    succeed(run, "target", "add", "Caudal block", "--count", "9")
    again = json.loads(run("summary", "--sign", "--format", "json").out)["signature"]
    assert first["digest"] == again["digest"]
