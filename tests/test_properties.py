"""Random text, dates and numbers pushed through the real CLI: every run either stores the value exactly
(as export shows) or fails cleanly — exit 1 or 2, one line on stderr, no traceback, the file unchanged."""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from logbook.domain.privacy import findings
from tests.conftest import INTERNSHIP, TODAY, digest

# `run` and `tmp_path` are function-scoped but hold no state between examples: every example makes
# its own logbook file in a fresh folder, and `run` reads the captured output afresh on each call.
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

FIRST, LAST, TODAY_DATE = date(2024, 12, 2), date(2024, 12, 13), date.fromisoformat(TODAY)
SPECIAL = [
    "\x1b[31mred\x1b[0m", "\x1b]8;;http://evil\x07link\x1b]8;;\x07", "\x07", "\u202e", "\x9b2J", "\x00",
    "[bold]x[/bold]", "[link=http://x]y[/link]", "[/]", ":smile:", "Oʻzbekiston", "Чор Минор", "بخارا",
    "\udcff", "\ud800", " ", "\n", "\t", "-", "--", "-x", "--note", "MRN 1234567", "a@b.uz",
]
TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(exclude_categories=()), max_size=30),  # every code point, surrogates and controls too
    st.lists(st.sampled_from(SPECIAL) | st.text(max_size=5), max_size=4).map("".join),
)

# kind -> (the arguments that make a valid entry, with {value} where the field under test goes)
BASE = {
    "clinical": ["add", "clinical", "-d", "2024-12-05", "-s", "Perinatal center", "-H", "6", "-a", "Ward round"],
    "procedure": ["add", "procedure", "-d", "2024-12-05", "-r", "assisted", "--", "Caesarean section"],
    "cultural": ["add", "cultural", "-d", "2024-12-07", "--", "Ark of Bukhara"],
}
# (kind, field, option or None for the positional argument, required)
FIELDS = [
    ("clinical", "site", "-s", True), ("clinical", "activity", "-a", True), ("clinical", "department", "--department", False),
    ("clinical", "supervisor", "--supervisor", False), ("clinical", "note", "--note", False),
    ("procedure", "procedure", None, True), ("procedure", "site", "--site", False), ("procedure", "note", "--note", False),
    ("cultural", "place", None, True), ("cultural", "category", "--category", False), ("cultural", "note", "--note", False),
]


def new_logbook(run, base: Path) -> Path:
    db = Path(tempfile.mkdtemp(dir=base)) / "logbook.json"
    assert run("--db", db, *INTERNSHIP).code == 0
    return db


def entries(run, db: Path) -> list[dict]:
    result = run("--db", db, "export")
    assert result.code == 0, result.err
    return json.loads(result.out)["entries"]


def attempt(run, db: Path, *args: str):
    """Run a command; if it fails, check it failed cleanly. Returns the result."""
    before = digest(db)
    result = run("--db", db, *args)
    if result.code != 0:
        assert result.code in (1, 2), (result.code, result.err)
        assert len(result.err.splitlines()) == 1, result.err
        assert "Traceback" not in result.err
        assert result.out == ""
        assert digest(db) == before, "a refused command changed the logbook file"
    return result


def with_value(kind: str, option: str | None, value: str) -> list[str]:
    # --as-typed: the property is "stored exactly as typed"; names the catalogue would rename are tested in test_names.py.
    args = [*BASE[kind][:2], "--as-typed", *BASE[kind][2:]]
    if option is None:
        args[-1] = value  # after "--", so a value like "-x" is the argument, not an option
    elif option in args:
        args[args.index(option) + 1] = value
    else:
        args[-2:-2] = [option, value]
    return args


def acceptable(value: str, required: bool) -> bool:
    """Whether the logbook should take this text (with --allow-identifiers)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return bool(value.strip()) or not required


@PROPERTY
@given(case=st.sampled_from(FIELDS), value=TEXT, allow=st.booleans())
@example(case=FIELDS[5], value="[/]", allow=False)
@example(case=FIELDS[4], value="\x1b[2J\u202e", allow=False)
def test_random_text_is_stored_exactly_or_refused_cleanly(run, tmp_path, case, value, allow):
    kind, field, option, required = case
    db = new_logbook(run, tmp_path)
    args = with_value(kind, option, value)
    if allow:
        args.insert(2, "--allow-identifiers")
    result = attempt(run, db, *args)
    if result.code == 0:
        stored = entries(run, db)[-1][field]
        assert stored == (value if value.strip() else None)
    else:
        assert result.err.startswith(f"Error: {field}: "), result.err
    flagged = not allow and findings({field: value})
    assert (result.code == 0) == (acceptable(value, required) and not flagged), result.err


@PROPERTY
@given(case=st.sampled_from(FIELDS), value=TEXT)
def test_random_text_through_edit_is_stored_exactly_or_refused_cleanly(run, tmp_path, case, value):
    kind, field, option, required = case
    db = new_logbook(run, tmp_path)
    assert run("--db", db, *BASE[kind]).code == 0
    (entry,) = entries(run, db)
    result = attempt(run, db, "edit", entry["id"][:8], f"--{field}", value, "--allow-identifiers", "--as-typed")
    after = entries(run, db)[0]
    if result.code == 0:
        assert after[field] == (value if value.strip() else None)
    else:
        assert result.err.startswith(f"Error: {field}: "), result.err
        assert after == entry
    assert (result.code == 0) == acceptable(value, required), result.err


@PROPERTY
@given(day=st.dates(min_value=FIRST - timedelta(days=40), max_value=TODAY_DATE + timedelta(days=40)),
       form=st.sampled_from(["%Y-%m-%d", "%d.%m.%Y", "%-d.%-m.%Y"]), outside=st.booleans())
def test_a_date_is_stored_as_the_day_meant_or_refused_as_future_or_outside(run, tmp_path, day, form, outside):
    db = new_logbook(run, tmp_path)
    args = ["add", "cultural", "Chor Minor", "--date", day.strftime(form)] + (["--outside"] if outside else [])
    result = attempt(run, db, *args)
    expected_ok = day <= TODAY_DATE and (outside or FIRST <= day <= LAST)
    assert (result.code == 0) == expected_ok, result.err
    if expected_ok:
        assert entries(run, db)[0]["date"] == day.isoformat()
    else:
        assert "future" in result.err if day > TODAY_DATE else "outside the internship" in result.err


@PROPERTY
@given(text=st.one_of(TEXT, st.from_regex(r"\A\d{1,4}[-./]\d{1,2}[-./]\d{1,4}\Z"), st.sampled_from(
    ["today", "yesterday", "monday", "last friday", "Sunday", "3 days ago", "0 days ago", "9999 days ago"])))
def test_any_date_text_gives_a_day_in_the_window_or_a_clean_refusal(run, tmp_path, text):
    db = new_logbook(run, tmp_path)
    result = attempt(run, db, "add", "cultural", "Chor Minor", "--date", text)
    if result.code == 0:
        stored = date.fromisoformat(entries(run, db)[0]["date"])
        assert FIRST <= stored <= TODAY_DATE
    else:
        assert result.err.startswith("Error: date: "), result.err


DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(min_value=-2, max_value=30, places=3).map(str),
    st.integers(-5, 30).map(str),
    st.from_regex(r"\A\d{1,2}:\d{2}\Z"),
    TEXT,
)


@PROPERTY
@given(hours=NUMBERS)
@example(hours="0.004")
@example(hours="24.004")
def test_hours_are_stored_to_two_decimals_or_refused_cleanly(run, tmp_path, hours):
    db = new_logbook(run, tmp_path)
    result = attempt(run, db, *with_value("clinical", "-H", hours))
    text = hours.strip().replace(",", ".")
    clock = re.fullmatch(r"([0-9]{1,2}):([0-5][0-9])", text)  # ASCII digits only: '0:0١' is no time
    value = int(clock[1]) + int(clock[2]) / 60 if clock else float(text) if DECIMAL.fullmatch(text) else None
    expected_ok = value is not None and 0 < value <= 24 and round(value, 2) > 0
    assert (result.code == 0) == expected_ok, result.err
    if expected_ok:
        assert entries(run, db)[0]["hours"] == round(value, 2)
    else:
        assert result.err.startswith("Error: hours: ")
        assert "at most 24" in result.err


@PROPERTY
@given(count=st.one_of(st.integers(-10, 20_000).map(str), st.integers().map(str), TEXT))
def test_count_is_stored_as_the_whole_number_given_or_refused_cleanly(run, tmp_path, count):
    db = new_logbook(run, tmp_path)
    result = attempt(run, db, *with_value("procedure", "--count", count))
    whole = re.fullmatch(r"[+-]?[0-9]+", count.strip())
    expected_ok = bool(whole) and 1 <= int(count.strip()) <= 10_000
    assert (result.code == 0) == expected_ok, result.err
    if expected_ok:
        assert entries(run, db)[0]["count"] == int(count.strip())
    else:
        assert result.err.startswith("Error: count: ")
        assert "1 to 10000" in result.err
