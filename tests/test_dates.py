"""Dates resolved against the publication date, with their precision."""

from __future__ import annotations

import pytest

from claimgraph.extract.dates import DateValue, parse_date_text, parse_time_text


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("in 1982", None, DateValue("1982")),
        ("October 2007", None, DateValue("2007-10")),
        ("January 3, 2020", None, DateValue("2020-01-03")),
        ("3 January 2020", None, DateValue("2020-01-03")),
        ("(1980-1988)", None, DateValue("1980", "1988")),
        ("1980–88", None, DateValue("1980", "1988")),
        ("July 19", "2022-07-25", DateValue("2022-07-19")),
        ("December 27th", "2020-01-02", DateValue("2019-12-27")),
        ("last Tuesday", "2022-07-25", DateValue("2022-07-19")),
        ("yesterday", "2021-11-08", DateValue("2021-11-07")),
        ("two days ago", "2021-11-09", DateValue("2021-11-07")),
        ("Sunday", "2021-11-08", DateValue("2021-11-07")),
        # ranges of days, within a month, across months and across a new year
        ("November 27 and 28, 2019", None, DateValue("2019-11-27", "2019-11-28")),
        ("27-28 November 2019", None, DateValue("2019-11-27", "2019-11-28")),
        ("between 5 and 7 May 2020", None, DateValue("2020-05-05", "2020-05-07")),
        ("December 27–28", "2020-01-02", DateValue("2019-12-27", "2019-12-28")),
        ("November 30 to December 2, 2019", None, DateValue("2019-11-30", "2019-12-02")),
        ("December 30 to January 2, 2020", None, DateValue("2019-12-30", "2020-01-02")),
        ("30 December 2019 to 2 January 2020", None, DateValue("2019-12-30", "2020-01-02")),
        ("January 3, 2020 – March 5, 2020", None, DateValue("2020-01-03", "2020-03-05")),
        # backwards is not a range; the year is all that is sure
        ("May 7-5, 2020", None, DateValue("2020")),
    ],
)
def test_parse(text: str, published: str | None, expected: DateValue) -> None:
    assert parse_date_text(text, published) == expected


@pytest.mark.parametrize(
    "text", ["July 19", "last Tuesday", "yesterday", "the last several months"]
)
def test_unresolvable_without_publication_date(text: str) -> None:
    assert parse_date_text(text, None) is None


def test_weekdays_and_weeks_follow_news_conventions() -> None:
    # 2020-01-02 was a Thursday
    assert parse_date_text("Thursday", "2020-01-02") == DateValue("2020-01-02")
    assert parse_date_text("on Friday", "2020-01-02") == DateValue("2019-12-27")
    assert parse_date_text("this week", "2020-01-02") == DateValue("2019-12-30", "2020-01-02")
    assert parse_date_text("earlier this week", "2020-01-02") == DateValue(
        "2019-12-30", "2020-01-02"
    )
    assert parse_date_text("last week", "2020-01-02") == DateValue("2019-12-23", "2019-12-29")
    assert parse_date_text("Thursday") is None  # no publication date: not guessed


@pytest.mark.parametrize(
    "text, expected",
    [
        ("this morning", "2013-02-09"),
        ("tonight", "2013-02-09"),
        ("last night", "2013-02-08"),
        ("yesterday evening", "2013-02-08"),
        ("the morning", None),  # no day named
        ("early morning", None),
        ("10:30 a.m.", None),  # a clock time dates nothing by itself
    ],
)
def test_parts_of_a_day_relative_to_publication(text: str, expected: str | None) -> None:
    value = parse_time_text(text, "2013-02-09")
    assert (value.value if value else None) == expected
    assert parse_time_text(text, None) is None


def test_this_morning_dates_the_event(analyze_small: object) -> None:
    ex = analyze_small(  # type: ignore[operator]
        "Hadi al-Amiri condemned the attack that took place this morning at Camp Ashraf"
        " killing 6 people.",
        published="2013-02-09",
    )
    assert {e.type: e.date for e in ex.events}.get("ASSAULT") == "2013-02-09"
