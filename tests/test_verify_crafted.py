"""`verify` on crafted reports: one-line refusals, bounded work, inert output; its answer names what the fingerprint covers."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest

from tests.conftest import digest, succeed

TOKEN = re.compile(r"logbook-signature:v2:[A-Za-z0-9+/]+=*")


@pytest.fixture
def logged(run, internship):
    succeed(run, "add", "procedure", "Pyloromyotomy", "-d", "2024-12-05", "-r", "assisted", "-s", "Children's hospital")
    succeed(run, "add", "cultural", "Poi Kalyan", "-d", "2024-12-07")
    return internship


def token_of(payload: bytes) -> str:
    return "logbook-signature:v2:" + base64.b64encode(zlib.compress(payload, 9)).decode().rstrip("=")


def report_with(tmp_path, payload: bytes, name="crafted.md"):
    path = tmp_path / name
    path.write_text(f"# Report\n\n<!-- {token_of(payload)} -->\n")
    return path


def real_payload(run, tmp_path) -> dict:
    path = tmp_path / "real.md"
    succeed(run, "summary", "--fingerprint", "-o", path)
    raw = TOKEN.search(path.read_text()).group(0).removeprefix("logbook-signature:v2:")
    return json.loads(zlib.decompress(base64.b64decode(raw + "=" * (-len(raw) % 4))))


def crafted_payloads(real: dict) -> dict[str, bytes]:
    return {
        "scope not an object": json.dumps({**real, "scope": "everything"}).encode(),
        "scope without its period": json.dumps({**real, "scope": {}}).encode(),
        "site not text": json.dumps({**real, "scope": {**real["scope"], "site": ["x"]}}).encode(),
        "no digest": json.dumps({k: v for k, v in real.items() if k != "digest"}).encode(),
        "no entries": json.dumps({k: v for k, v in real.items() if k != "entries"}).encode(),
        "entries not text": json.dumps({**real, "entries": [1, 2]}).encode(),
        "a list": b"[1, 2, 3]",
        "deeply nested": b"[" * 100_000 + b"]" * 100_000,
        "escape in an id": json.dumps({**real, "entries": "\x1b]52;c;eA==\x07aaaaaaa" + "0123456789" + "20241205"}).encode(),
        "markup in an id": json.dumps({**real, "entries": "[red]xxxxxxxxxxxx" + "0123456789" + "20241205"}).encode(),
        "not JSON": b"\xff\xfe nonsense",
    }


def test_a_crafted_fingerprint_is_refused_in_one_line(run, logged, db, tmp_path):
    before = digest(db)
    for name, payload in crafted_payloads(real_payload(run, tmp_path)).items():
        result = run("verify", report_with(tmp_path, payload))
        assert result.code == 1, (name, result.err)
        assert result.err.count("\n") == 1, (name, result.err)
        assert "damaged" in result.err, (name, result.err)
        assert "\x1b" not in result.out + result.err
        assert "Traceback" not in result.err
    assert digest(db) == before


def test_a_fingerprint_that_unpacks_to_gigabytes_is_refused_without_unpacking_it(run, logged, tmp_path):
    from logbook.domain.fingerprint import MAX_PAYLOAD

    bomb = zlib.compressobj(9)
    packed = bomb.compress(b"{\"entries\": \"") + b"".join(bomb.compress(b"0" * 2**20) for _ in range(2 * MAX_PAYLOAD // 2**20))
    packed += bomb.flush()
    path = tmp_path / "bomb.md"
    path.write_text("<!-- logbook-signature:v1:" + base64.b64encode(packed).decode().rstrip("=") + " -->")
    import resource

    result = run("verify", path)
    assert result.code == 1
    assert f"more than {MAX_PAYLOAD // 2**20} MiB" in result.err
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2 * 1024 * 1024  # KiB: well under 2 GB


def test_verify_says_match_and_names_the_period_the_fingerprint_covers(run, logged, tmp_path):
    path = tmp_path / "r.html"
    succeed(run, "summary", "--fingerprint", "-o", path)
    result = run("verify", path)
    assert result.code == 0
    assert result.out.startswith("Match:")
    assert "OK" not in result.out
    assert "2 entries from 2024-12-02 to 2024-12-13" in " ".join(result.out.split())
    assert "only that part" not in result.out


def test_a_narrower_fingerprint_pasted_into_a_fuller_html_report_is_refused(run, logged, tmp_path):
    full, narrow = tmp_path / "full.html", tmp_path / "narrow.html"
    succeed(run, "summary", "--fingerprint", "-o", full)
    succeed(run, "summary", "--fingerprint", "--from", "2024-12-05", "--to", "2024-12-05", "-o", narrow)
    pasted = tmp_path / "pasted.html"
    body = full.read_text()
    pasted.write_text(body.replace(TOKEN.search(body).group(0), TOKEN.search(narrow.read_text()).group(0)))
    result = run("verify", pasted)
    assert result.code == 1
    assert "its fingerprint covers 1 entry from 2024-12-05 to 2024-12-05" in result.err
    assert "shows 2 entries from 2024-12-02 to 2024-12-13" in result.err
    assert "Match" not in result.out


def test_a_report_of_part_of_the_internship_still_verifies_naming_the_part(run, logged, tmp_path):
    narrow = tmp_path / "narrow.html"
    succeed(run, "summary", "--fingerprint", "--from", "2024-12-05", "--to", "2024-12-05", "-o", narrow)
    answer = " ".join(run("verify", narrow).out.split())
    assert "1 entry from 2024-12-05 to 2024-12-05" in answer
    assert "covers only that part of the internship" in answer


def test_sign_is_still_accepted_as_the_old_name_of_fingerprint(run, logged, tmp_path):
    result = run("summary", "--sign", "-o", tmp_path / "r.md")
    assert result.code == 0
    assert "with the fingerprint" in result.err + result.out
    assert "signed" not in result.err + result.out
    assert run("verify", tmp_path / "r.md").code == 0
    assert "--sign" not in run("summary", "--help").out


def test_a_json_report_nested_deeper_than_python_reads_is_refused_in_one_line(run, logged, tmp_path):
    path = tmp_path / "nested.json"
    path.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = run("verify", path)
    assert result.code == 1
    assert "holds no logbook fingerprint" in result.err
    assert result.err.count("\n") == 1


def crafted_pdf(info: str) -> bytes:
    """A minimal PDF whose document information dictionary is `info`."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", info]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


@pytest.mark.parametrize("body", [
    b"%PDF-1.4\ngarbage",
    crafted_pdf("<< /Keywords <4141> /Foo " + "<<" * 20_000 + ">>" * 20_000 + " >>"),
    crafted_pdf("<< /Keywords " + "[" * 50_000 + "]" * 50_000 + " >>"),
    crafted_pdf("<< /Keywords 3 0 R >>"),
])
def test_a_crafted_pdf_is_refused_in_one_line(run, logged, tmp_path, body):
    from tests.terminal import piped

    path = tmp_path / "crafted.pdf"
    path.write_bytes(body)
    result = piped("verify", path)  # a real process: pypdf's logging reaches stderr as a user would see it
    assert result.returncode == 1, result.stderr[:2000]
    assert result.stderr.count("\n") == 1, result.stderr[:2000]


def _pasted(fmt: str, full: bytes, narrow: bytes) -> bytes:
    """The full report with the narrow report's fingerprint put in place of its own, as a forger would."""
    if fmt == "pdf":
        from io import BytesIO

        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(BytesIO(full)))
        writer.add_metadata({"/Keywords": PdfReader(BytesIO(narrow)).metadata["/Keywords"]})
        out = BytesIO()
        writer.write(out)
        return out.getvalue()
    if fmt == "json":
        document = json.loads(full)
        document["signature"] = json.loads(narrow)["signature"]
        return json.dumps(document).encode()
    if fmt == "csv":
        signature = [line for line in narrow.split(b"\r\n") if b",signature," in line]
        return b"\r\n".join([line for line in full.split(b"\r\n") if b",signature," not in line][:-1] + signature) + b"\r\n"
    token = TOKEN.search(narrow.decode()).group(0)
    return TOKEN.sub(token, full.decode()).replace(
        re.search(r"[0-9a-f]{64}", full.decode()).group(0), re.search(r"[0-9a-f]{64}", narrow.decode()).group(0)).encode()


@pytest.mark.parametrize("fmt", ["md", "html", "text", "pdf", "json", "csv"])
def test_a_narrower_reports_fingerprint_pasted_into_a_fuller_report_is_refused(run, logged, db, tmp_path, fmt):
    narrow, full = tmp_path / f"narrow.{fmt}", tmp_path / f"full.{fmt}"
    assert run("summary", "--from", "2024-12-07", "--to", "2024-12-07", "--fingerprint", "-f", fmt, "-o", narrow).code == 0
    assert run("summary", "--fingerprint", "-f", fmt, "-o", full).code == 0
    assert run("verify", narrow).code == 0
    assert run("verify", full).code == 0
    forged = tmp_path / f"forged.{fmt}"
    forged.write_bytes(_pasted(fmt, full.read_bytes(), narrow.read_bytes()))
    assert run("verify", narrow).code == 0  # the forger's own narrow report still verifies
    before = digest(db)
    result = run("verify", forged)
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err, result.err
    assert "its fingerprint covers 1 entry from 2024-12-07 to 2024-12-07" in result.err, result.err
    assert "made for another report" in result.err
    assert digest(db) == before


def test_a_fingerprint_of_a_site_pasted_into_a_report_of_every_site_is_refused(run, logged, tmp_path):
    narrow, full = tmp_path / "narrow.md", tmp_path / "full.md"
    succeed(run, "add", "procedure", "Open appendectomy", "-d", "2024-12-05", "-r", "observed", "-s", "Emergency hospital")
    assert run("summary", "--site", "Children", "--fingerprint", "-o", narrow).code == 0
    assert run("summary", "--fingerprint", "-o", full).code == 0
    full.write_bytes(_pasted("md", full.read_bytes(), narrow.read_bytes()))
    result = run("verify", full)
    assert result.code == 1, result.err
    assert "only site containing 'Children'" in result.err, result.err


STATEMENT = re.compile(r"logbook-report:v1:[A-Za-z0-9+/]+=*")


def _real_token_on(fmt: str, other: bytes, real: bytes, statement: str) -> bytes:
    """Another report's pages carrying the real report's token, and `statement` in place of the page's own."""
    if fmt == "pdf":
        from io import BytesIO

        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(BytesIO(other)))
        writer.add_metadata({"/Keywords": PdfReader(BytesIO(real)).metadata["/Keywords"], "/Subject": statement})
        out = BytesIO()
        writer.write(out)
        return out.getvalue()
    page = TOKEN.sub(TOKEN.search(real.decode()).group(0), other.decode())
    if not statement:  # cut out whole: the Markdown comment, the HTML meta element, the text report's line
        return re.sub(r"<!-- logbook-report:v1:\S+ -->|<meta name=\"logbook-report\"[^>]*>|logbook-report:v1:\S+", "",
                      page).encode()
    return STATEMENT.sub(statement, page).encode()


@pytest.mark.parametrize("fmt", ["md", "html", "text", "pdf"])
def test_a_report_with_its_statement_cut_out_and_a_real_token_pasted_in_is_not_verified(run, logged, db, tmp_path, fmt):
    other, real = tmp_path / f"other.{fmt}", tmp_path / f"real.{fmt}"
    assert run("summary", "--from", "2024-12-07", "--to", "2024-12-07", "--fingerprint", "-f", fmt, "-o", other).code == 0
    assert run("summary", "--fingerprint", "-f", fmt, "-o", real).code == 0
    forged = tmp_path / f"forged.{fmt}"
    forged.write_bytes(_real_token_on(fmt, other.read_bytes(), real.read_bytes(), ""))
    before = digest(db)
    result = run("verify", forged)
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err, result.err
    assert "does not say what it shows" in result.err
    assert "Match" not in result.out + result.err
    assert digest(db) == before


@pytest.mark.parametrize("fmt", ["md", "html", "text", "pdf"])
def test_a_report_of_other_entries_with_a_real_reports_token_and_statement_is_not_verified(run, logged, db, tmp_path, fmt):
    """The statement is base64 anyone can write: what counts is whether the pages show what the token covers."""
    other, real = tmp_path / f"other.{fmt}", tmp_path / f"real.{fmt}"
    assert run("summary", "--from", "2024-12-07", "--to", "2024-12-07", "--fingerprint", "-f", fmt, "-o", other).code == 0
    assert run("summary", "--fingerprint", "-f", fmt, "-o", real).code == 0
    if fmt == "pdf":
        from pypdf import PdfReader

        statement = PdfReader(real).metadata["/Subject"]
    else:
        statement = STATEMENT.search(real.read_text()).group(0)
    forged = tmp_path / f"forged.{fmt}"
    forged.write_bytes(_real_token_on(fmt, other.read_bytes(), real.read_bytes(), statement))
    before = digest(db)
    result = run("verify", forged)
    assert result.code == 1, result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err, result.err
    assert "does not show what its fingerprint covers (2 entries from 2024-12-02 to 2024-12-13)" in result.err, result.err
    assert "Match" not in result.out
    assert digest(db) == before


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
@pytest.mark.parametrize("fmt", ["md", "html", "text", "pdf"])
def test_a_report_in_any_language_and_format_shows_what_its_token_covers(run, logged, tmp_path, fmt, lang):
    report = tmp_path / f"report.{fmt}"
    assert run("summary", "--fingerprint", "--lang", lang, "-f", fmt, "-o", report).code == 0
    result = run("verify", report)
    assert result.code == 0, result.err
    assert "Match" in result.out, result.err


@pytest.mark.parametrize("fmt", ["md", "html", "text", "pdf"])
def test_a_report_whose_names_hold_control_characters_still_verifies(run, internship, tmp_path, fmt):
    """Every report shows ESC as \\x1b: the check of what a page shows reads the names as the page does."""
    assert run("init", "--resident", "\x1b[31mRed\x1b[0m Karimova", "--allow-identifiers").code == 0
    assert run("add", "procedure", "Caudal block", "-r", "observed", "-s", "Perinatal\x07 center", "-d", "2024-12-03").code == 0
    report = tmp_path / f"report.{fmt}"
    assert run("summary", "--fingerprint", "-f", fmt, "-o", report).code == 0
    result = run("verify", report)
    assert result.code == 0, result.err
    assert "Match" in result.out


def test_a_report_whose_days_with_entries_were_edited_is_not_verified(run, logged, db, tmp_path):
    """Every attendance line but the clinical days is what a report shows of its token: each one is checked."""
    report = tmp_path / "report.md"
    succeed(run, "summary", "--fingerprint", "-f", "md", "-o", report)
    page = report.read_text(encoding="utf-8")
    assert "Days with entries: 2 of 12" in page
    report.write_text(page.replace("Days with entries: 2 of 12", "Days with entries: 3 of 12"), encoding="utf-8")
    result = run("verify", report)
    assert result.code == 1, result.err
    assert "does not show what its fingerprint covers" in result.err, result.err
