"""Every way a resident can write a date, and the edges of the calendar they run into."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logbook.domain.dates import WEEKDAYS, days_between, parse_date, parse_iso, show_day
from logbook.errors import InvalidValue

TUESDAY = date(2024, 12, 10)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2024-12-03", date(2024, 12, 3)),
        ("03.12.2024", date(2024, 12, 3)),
        ("3.12.2024", date(2024, 12, 3)),
        ("3.1.2024", date(2024, 1, 3)),
        ("today", TUESDAY),
        ("Today", TUESDAY),
        ("  yesterday ", date(2024, 12, 9)),
        ("0 days ago", TUESDAY),
        ("1 day ago", date(2024, 12, 9)),
        ("3 days ago", date(2024, 12, 7)),
        ("3  DAYS   ago", date(2024, 12, 7)),
        ("10 days ago", date(2024, 11, 30)),
        ("monday", date(2024, 12, 9)),
        ("Wednesday", date(2024, 12, 4)),
        ("sunday", date(2024, 12, 8)),
        ("last monday", date(2024, 12, 9)),
        ("last  wednesday", date(2024, 12, 4)),
    ],
)
def test_each_written_form_means_one_day(typed, expected):
    assert parse_date(typed, TUESDAY) == expected


def test_a_weekday_that_is_today_means_today_and_last_means_a_week_before():
    assert parse_date("tuesday", TUESDAY) == TUESDAY
    assert parse_date("last tuesday", TUESDAY) == TUESDAY - timedelta(days=7)


@given(st.dates(min_value=date(1900, 1, 8), max_value=date(2100, 12, 31)), st.sampled_from(WEEKDAYS))
@settings(max_examples=60)
def test_weekdays_fall_in_the_last_week_and_on_that_weekday(today, name):
    plain, last = parse_date(name, today), parse_date(f"last {name}", today)
    assert plain.strftime("%A").lower() == name == last.strftime("%A").lower()
    assert 0 <= (today - plain).days <= 6
    assert 1 <= (today - last).days <= 7


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 9999))
@settings(max_examples=60)
def test_n_days_ago_counts_back_across_months_years_and_leap_days(today, n):
    assert parse_date(f"{n} days ago", today) == today - timedelta(days=n)


@pytest.mark.parametrize(
    ("typed", "today", "expected"),
    [
        ("yesterday", date(2024, 3, 1), date(2024, 2, 29)),  # leap year
        ("yesterday", date(2023, 3, 1), date(2023, 2, 28)),
        ("yesterday", date(2025, 1, 1), date(2024, 12, 31)),
        ("1 day ago", date(2024, 5, 1), date(2024, 4, 30)),
        ("last friday", date(2024, 3, 1), date(2024, 2, 23)),  # 2024-03-01 is a Friday
        ("thursday", date(2024, 3, 1), date(2024, 2, 29)),
        ("monday", date(2025, 1, 1), date(2024, 12, 30)),
        ("366 days ago", date(2025, 2, 28), date(2024, 2, 28)),
    ],
)
def test_relative_dates_cross_month_ends_year_ends_and_leap_days(typed, today, expected):
    assert parse_date(typed, today) == expected


@pytest.mark.parametrize("typed", ["29.02.2024", "2024-02-29", "31.12.2024", "31.01.2024", "30.04.2024"])
def test_the_last_day_of_each_month_is_a_day(typed):
    assert parse_date(typed, date(2025, 1, 1)).day in (29, 30, 31)


@pytest.mark.parametrize("typed", ["29.02.2023", "2023-02-29", "31.04.2024", "2024-06-31", "32.01.2024", "00.01.2024",
                                   "2024-13-01", "01.13.2024", "2024-00-10"])
def test_days_that_are_not_in_the_calendar_are_refused(typed):
    with pytest.raises(InvalidValue, match="not a day of the calendar"):
        parse_date(typed, date(2025, 1, 1))


@pytest.mark.parametrize("typed", ["03/04/2024", "3/4/2024", "2024/04/03", "12/31/2024"])
def test_slashed_dates_are_refused_as_ambiguous_with_a_hint(typed):
    with pytest.raises(InvalidValue) as refused:
        parse_date(typed, TUESDAY)
    assert "ambiguous" in refused.value.message
    assert "YYYY-MM-DD" in refused.value.message
    assert "DD.MM.YYYY" in refused.value.message


@pytest.mark.parametrize("typed", ["", "tomorrow", "next monday", "3 weeks ago", "-1 days ago", "2024-1-3", "24-12-03",
                                   "03.12.24", "monday last", "10000 days ago", "12 december"])
def test_other_text_is_refused_naming_the_accepted_forms(typed):
    with pytest.raises(InvalidValue) as refused:
        parse_date(typed, TUESDAY)
    assert refused.value.field == "date"
    assert "N days ago" in refused.value.message


def test_future_days_are_refused_unless_allowed():
    with pytest.raises(InvalidValue, match="in the future"):
        parse_date("2024-12-11", TUESDAY)
    assert parse_date("2024-12-11", TUESDAY, future=True) == date(2024, 12, 11)


def test_counting_back_past_the_first_calendar_day_is_refused_not_a_crash():
    with pytest.raises(InvalidValue, match=r"^date: '9 days ago' is before the first day of the calendar$"):
        parse_date("9 days ago", date(1, 1, 5))
    with pytest.raises(InvalidValue, match=r"^date: 'last monday' is before the first day of the calendar$"):
        parse_date("last monday", date(1, 1, 1))


def test_the_refusal_names_the_field_it_was_given_for():
    with pytest.raises(InvalidValue) as refused:
        parse_date("soon", TUESDAY, field="from")
    assert refused.value.message.startswith("from:")


def test_stored_dates_are_iso_and_nothing_else():
    assert parse_iso("2024-02-29") == date(2024, 2, 29)
    for bad in ("29.02.2024", "2024-02-30", 20240229, None):
        with pytest.raises(InvalidValue):
            parse_iso(bad)


def test_each_refusal_says_what_was_typed_and_what_is_accepted():
    refusals = {
        ("2024-12-11", "date"): "date: 2024-12-11 is in the future (today is 2024-12-10)",
        ("31.04.2024", "from"): "from: '31.04.2024' is not a day of the calendar; check the day and the month",
        ("2024-04-31", "end"): "end: '2024-04-31' is not a day of the calendar; check the day and the month",
        ("03/04/2024", "to"): "to: '03/04/2024' is ambiguous (day/month or month/day?); write it as YYYY-MM-DD or DD.MM.YYYY",
        ("soon", "date"): "date: 'soon' is not a date; use YYYY-MM-DD, DD.MM.YYYY, today, yesterday, a weekday name "
                          "(e.g. monday), 'last monday' or 'N days ago'",
        ("٠٣.١٢.٢٠٢٤", "date"): "date: '٠٣.١٢.٢٠٢٤' has the digit '٠' (U+0660); write a date with the digits 0-9",
    }
    for (typed, field), message in refusals.items():
        with pytest.raises(InvalidValue) as refused:
            parse_date(typed, TUESDAY, field=field)
        assert refused.value.field == field
        assert str(refused.value.message) == message


def test_a_stored_date_refusal_names_its_field_and_the_form():
    refusals = {
        ("29.02.2024", "start"): "start: '29.02.2024' is not a date in the form YYYY-MM-DD",
        ("2024-02-30", "end"): "end: '2024-02-30' is not a day of the calendar; check the day and the month",
        ("２０24-01-01", "date"): "date: '２０24-01-01' has the digit '２' (U+FF12); write a date with the digits 0-9",
        (20240229, "date"): "date: 20240229 is not a date in the form YYYY-MM-DD",
    }
    for (value, field), message in refusals.items():
        with pytest.raises(InvalidValue) as refused:
            parse_iso(value, field)
        assert refused.value.field == field
        assert refused.value.message == message
    with pytest.raises(InvalidValue) as refused:
        parse_iso("yesterday")
    assert refused.value.field == "date"


def test_a_day_is_shown_as_the_resident_chose():
    assert show_day("2024-12-03") == "2024-12-03"
    assert show_day("2024-12-03", "iso") == "2024-12-03"
    assert show_day("2024-12-03", "dd.mm.yyyy") == "03.12.2024"


def test_the_days_between_two_days_include_both():
    assert days_between(date(2024, 12, 2), date(2024, 12, 2)) == [date(2024, 12, 2)]
    assert days_between(date(2024, 2, 28), date(2024, 3, 1)) == [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]
