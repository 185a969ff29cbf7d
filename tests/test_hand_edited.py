"""Hand-edited logbook files: whatever `logbook doctor` passes, every command can read (issue 15.9).

Hypothesis edits a real logbook the way a person with a text editor (or a sync client) might: a value of
the wrong type in any field of an entry, a target, a reflection or the profile, a field dropped or added,
a key written twice, a table that is not a table. Then either doctor names a problem, or every reading
command answers with exit 0, the export imports into a new logbook and an `add` keeps every entry;
no command ever crashes (exit 70).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = ["internship", "entries", "targets", "reflections", "_meta"]
# Values a hand edit plausibly leaves: right-looking text of the wrong type, near-misses, other fields' values.
LIKELY = [
    None, True, False, 0, 1, 2, 6, 6.0, 6.5, 7.25, 24, 24.5, -1, 10_000, 10**20, 1e300, "6", "6.0", "7:30", "",
    " ", "x", "x" * 201, "x" * 10_001, "2024-12-05", "2024-12-5", "2024-12-32", "0001-01-01", "9999-12-31",
    "2024-12-05T10:00:00", "2024-12-05T10:00:00+05:00", "2024-12-05T10:00:00.000+00:00", "2024-12-05T10:00:00Z",
    "observed", "Observed", "assisted", "teaching", "obs", "procedure", "clinical", "cultural", "hours", "landmark",
    "mosque", "Caudal block", "Bukhara Regional Perinatal Center", "fc0e111cd0ec45129e593583102b39b7",
    "FC0E111CD0EC45129E593583102B39B7", "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", "[bold]x[/bold]", "\x1b[31mred",
    "\u202etxet", "a\nb", "\ud83d\ude00", [], {}, [1], {"a": 1}, ["2024-12-05"],
]
scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text(max_size=12)
values = st.sampled_from(LIKELY) | st.recursive(scalars, lambda inner: st.lists(inner, max_size=2)
                                                 | st.dictionaries(st.text(max_size=4), inner, max_size=2), max_leaves=4)
# Values a field may well hold and still be read: the edges of each field's range and forms a parser may accept.
PLAUSIBLE = {
    "hours": [6, 6.0, 0.01, 24, 23.99, 7.5, 1e-2], "count": [1, 2, 10_000, 2.0],
    "role": ["observed", "assisted", "supervised", "independent", "teaching", None],
    "date": ["2024-12-02", "2024-12-13", "2024-12-01", "0001-01-01", "9999-12-31", "2024-02-29", "2000-01-01"],
    "start": ["0001-01-01", "2024-12-01", "2017-01-01", "9992-01-01", "2024-12-13"],
    "end": ["9999-12-31", "2024-12-02", "2024-12-31", "2032-11-30", "0001-01-08"],
    "created_at": ["2024-12-05", "2024-12-05T10:00", "2024-12-05T10:00:00+14:00", "2024-12-05T10:00:00-12:00",
                   "20241205T100000", "2024-12-05 10:00:00.123456", "0001-01-01T00:00:00", "9999-12-31T23:59:59+00:00",
                   "2024-W49-4", "2024-12-05T10:00:00.000+00:00"],
    "id": ["1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", "00000000000000000000000000000000", "fc0e111cd0ec45129e593583102b39b7"],
    "text": ["[bold]x[/bold]", "\x1b[31mred\x1b[0m", "\u202etxet", "a\nb\n\nc", "=HYPERLINK(\"x\")", "x" * 200,
             "\ud83d\ude00" * 3, "<script>", "&amp;", "\t", "a\rb", "\\$(id)", "nul\x00", "é" * 200,
             "ن" * 50, "x" * 9_999, None],
}
PLAUSIBLE["updated_at"] = PLAUSIBLE["created_at"]
FIELDS = ["id", "kind", "date", "created_at", "updated_at", "site", "department", "hours", "activity", "role",
          "supervisor", "note", "procedure", "count", "place", "category", "text", "resident", "specialty",
          "home_institution", "host_institution", "start", "end", "format", "schema_version", "extra"]


@pytest.fixture
def filled(run, db) -> bytes:
    """A logbook with every kind of entry, both kinds of target and a reflection, as logbook writes it."""
    shutil.copyfile(FIXTURES / "logbook-v1.json", db)
    for command in (("add", "procedure", "Caudal block", "-d", "2024-12-03", "-r", "observed", "-c", "2"),
                    ("target", "add", "Caudal block", "--role", "assisted", "--count", "2"),
                    ("target", "add", "--site", "Bukhara Regional Perinatal Center", "--hours", "12"),
                    ("reflect", "First spinal under supervision", "-d", "2024-12-03")):
        assert run(*command).code == 0, command
    return db.read_bytes()


def dumps(value: object, twice: tuple[int, object] | None, counter: list[int]) -> str:
    """JSON text of `value`; the object numbered twice[0] (in writing order) gets its first key again, set to twice[1]."""
    if isinstance(value, dict):
        number, counter[0] = counter[0], counter[0] + 1
        pairs = [(k, dumps(v, twice, counter)) for k, v in value.items()]
        if twice and twice[0] == number and pairs:
            pairs.append((pairs[0][0], json.dumps(twice[1])))
        return "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(v, twice, counter) for v in value) + "]"
    return json.dumps(value)


@st.composite
def hand_edits(draw, tables: dict) -> tuple[str, list]:
    """The file's text after one to three hand edits, and what they were (for the failure message).

    Half the time the edits are careful (a field's value changed to one of the kind it holds), since
    those are the ones doctor may pass; the other half anything goes.
    """
    tables = json.loads(json.dumps(tables))
    careful = draw(st.booleans())
    done = []
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        how = "set" if careful else draw(st.sampled_from(["set"] * 8 + ["drop", "rekey", "table", "document"]))
        name = draw(st.sampled_from(TABLES[:4] if careful else TABLES[:4] * 3 + TABLES[4:]))
        table = tables.setdefault(name, {})
        if how == "table" or not isinstance(table, dict) or not table:
            tables[name] = draw(values) if how == "table" else {"1": draw(values)}
            done.append((how, name, tables[name]))
            continue
        key = draw(st.sampled_from(sorted(table)))
        doc = table[key]
        if how == "rekey":
            table[draw(st.sampled_from(["0", "99", "-1", "01", "03", "\u0663", "x", ""]))] = table.pop(key)
        elif how == "document":
            table[key] = draw(values)
        elif not isinstance(doc, dict) or not doc:
            continue
        elif how == "drop":
            doc.pop(draw(st.sampled_from(sorted(doc))))
        else:
            field = draw(st.sampled_from(sorted(doc) if careful else sorted(doc) + FIELDS))
            pool = PLAUSIBLE.get(field, PLAUSIBLE["text"] if field in doc and field in FIELDS[5:23] else [])
            doc[field] = draw(st.sampled_from(pool)) if pool and (careful or draw(st.booleans())) else draw(values)
        done.append((how, name, key, doc if how != "rekey" else "->"))
    twice = draw(st.tuples(st.integers(0, 40), values)) if not careful and draw(st.booleans()) else None
    text = dumps(tables, twice, [0])
    return (json.dumps(json.loads(text), indent=2) if twice is None and draw(st.booleans()) else text), [*done, twice]


def reading_commands(logbook: Path, folder: Path) -> list[tuple]:
    """Every command that only reads the logbook, with arguments taken from what the file holds."""
    stored = json.loads(logbook.read_bytes())
    entries = list(stored.get("entries", {}).values())
    ids = [e["id"] for e in entries[:3]] + [e["id"] for e in entries[-2:]]
    days = sorted({e["date"] for e in entries})[:3] + [r["date"] for r in stored.get("reflections", {}).values()][:2]
    commands = [("list",), ("list", "--all", "--json"), ("list", "--search", "a"), ("list", "--kind", "procedure"),
                ("list", "--site", "Bukhara"), ("targets",), ("targets", "--json"), ("target", "list"),
                ("export",), ("export", "-f", "jsonl"), ("summary",), ("summary", "--lang", "ru"),
                ("summary", "--from", "2024-12-01", "--to", "2024-12-31")]
    commands += [("summary", "-f", fmt, "-o", folder / f"report.{fmt}") for fmt in ("md", "html", "csv", "json", "pdf")]
    commands += [("summary", "--fingerprint", "-o", folder / "signed.html"), ("verify", folder / "signed.html")]
    commands += [("show", i) for i in ids] + [("show", i, "--json") for i in ids[:1]]
    commands += [("day", d) for d in days] + [("day", d, "--json") for d in days[:1]]
    return commands


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_whatever_doctor_passes_every_command_reads_and_a_write_keeps_whole(run, db, filled, tmp_path, monkeypatch, data):
    text, edits = data.draw(hand_edits(json.loads(filled)))
    db.write_text(text, encoding="utf-8", errors="surrogatepass")
    doctor = run("doctor")
    assert doctor.code in (0, 1), (edits, doctor)
    assert "Traceback" not in doctor.out + doctor.err, (edits, doctor)
    if doctor.code == 1:
        for command in (("list",), ("summary",), ("day", "2024-12-03"), ("targets",), ("export",)):
            result = run(*command)
            assert result.code in (0, 1), (edits, command, result.err)
            assert "Traceback" not in result.err, (edits, command, result.err)
        return
    no_profile = not json.loads(db.read_bytes()).get("internship")
    for command in reading_commands(db, tmp_path):
        result = run(*command)
        if no_profile and result.code == 1:  # a logbook without a profile is a new one: `init` is the answer
            assert "no internship profile yet" in result.err, (edits, command, result.err)
            assert "logbook init" in result.err, (edits, command, result.err)
            continue
        assert result.code == 0, (edits, command, result.err[-2000:])
    if not no_profile:  # what doctor passes, its export brings into a new logbook whole
        fresh = tmp_path / "fresh" / "logbook.json"
        shutil.rmtree(fresh.parent, ignore_errors=True)
        fresh.parent.mkdir()
        assert run("export", "-o", fresh.parent / "export.json").code == 0
        result = run("--db", fresh, "import", fresh.parent / "export.json", "--outside", "--allow-identifiers")
        # A day after today or a stamp ahead of the clock is import's refusal, not damage: doctor warns of it.
        assert result.code == 0 or "  warning  " in doctor.out, (edits, result.err, doctor.out)
    before = {e["id"] for e in json.loads(run("export").out)["entries"]}
    result = run("add", "cultural", "Chor Minor", "-d", "2024-12-09", "--outside")
    if result.code == 0:  # what doctor passes, a writer keeps whole
        assert {e["id"] for e in json.loads(run("export").out)["entries"]} > before, edits
    else:
        assert result.code == 1, (edits, result.err)
        assert "no internship profile" in result.err, (edits, result.err)


def test_a_category_as_long_as_the_logbook_allows_still_makes_a_pdf(run, internship, tmp_path):
    assert run("add", "cultural", "Ark of Bukhara", "--category", "x" * 200, "--as-typed", "-d", "2024-12-05").code == 0
    result = run("summary", "-o", tmp_path / "report.pdf")
    assert result.code == 0, result.err
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("note", [" ".join(["word"] * 2_000), "x" * 10_000])
def test_notes_as_long_as_the_logbook_allows_still_make_a_pdf(run, internship, tmp_path, note):
    assert run("add", "cultural", "Ark of Bukhara", "-d", "2024-12-05", "--note", note).code == 0
    assert run("add", "procedure", "Lumbar puncture", "-r", "observed", "-d", "2024-12-05", "--note", note).code == 0
    assert run("reflect", (note * 2)[:20_000], "-d", "2024-12-05").code == 0
    result = run("summary", "-o", tmp_path / "report.pdf")  # a table row taller than a page goes on over the next
    assert result.code == 0, result.err
