"""Dates in sentences: DATE entities resolved to partial ISO dates against the publication date.

Common forms are read by rule (fast and exact about precision); relative expressions ("last
Tuesday", "yesterday", "two days ago") go to dateparser with the publication date as the base.
Without a publication date, relative expressions are left unresolved rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
_PATTERNS = [
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),  # January 3, 2020
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),  # 3 January 2020
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),  # October 2007
    re.compile(rf"^{_MONTH}\s+{_DAY}$"),  # July 19
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH}$"),  # 19 July
    re.compile(rf"^{_YEAR}-(?P<mnum>\d\d)-(?P<dnum>\d\d)$"),  # 2020-01-03
    re.compile(rf"^(?:the\s+)?(?:year\s+)?{_YEAR}$"),  # 2021
    re.compile(rf"^{_MONTH}$"),  # October
]
_TO = r"\s*(?:-|–|—|and|to|until|through)\s*"
_D1 = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
_D2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
_M2 = _MONTH.replace("?P<month>", "?P<month2>")
_OPT_YEAR = rf"(?:,?\s+{_YEAR})?"
_DAY_RANGES = [
    re.compile(rf"^{_MONTH}\s+{_D1}{_TO}{_D2}{_OPT_YEAR}$"),  # November 27 and 28, 2019
    re.compile(rf"^(?:between\s+)?{_D1}{_TO}{_D2}\s+(?:of\s+)?{_MONTH}{_OPT_YEAR}$"),  # 27-28 Nov
    re.compile(rf"^{_MONTH}\s+{_D1}{_TO}{_M2}\s+{_D2}{_OPT_YEAR}$"),  # November 30 to December 2
    re.compile(rf"^(?:between\s+)?{_D1}\s+{_MONTH}{_TO}{_D2}\s+{_M2}{_OPT_YEAR}$"),  # 30 Nov-2 Dec
]
_RANGE = re.compile(
    r"(?P<a>1[6-9]\d\d|20\d\d)\s*(?:-|–|—|to|until|through)\s*(?P<b>1[6-9]\d\d|20\d\d|\d\d)\b"
)
_YEAR_ANYWHERE = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_STRIP = re.compile(
    r"^(?:on|in|since|from|by|during|early|late|mid|the|of|last|this|next)\s+", re.I
)
_RELATIVE_HINT = re.compile(
    r"\b(ago|yesterday|today|tonight|last|this|next|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|week|weekend|month|earlier|later)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A partial ISO date (``2021``, ``2021-11``, ``2021-11-07``) and, for ranges, its end."""

    value: str
    end: str | None = None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year_for(month: int, day: int | None, base: dt.date | None) -> int | None:
    """The year of a month (and day) given without one: the latest such date not after ``base``."""
    if base is None:
        return None
    year = base.year
    if (month, day or 1) > (base.month, base.day):
        year -= 1
    return year


@lru_cache(maxsize=8192)
def parse_date_text(
    text: str, published: str | None = None, year_hint: int | None = None
) -> DateValue | None:
    """Resolve the text of a DATE entity. ``published`` is the partial ISO publication date;
    without it, ``year_hint`` (the year the document last named) completes a date given without
    a year ("On December 27, …" after "In 2019 …")."""
    base = _base_date(published)
    t = " ".join(text.replace("\u2019", "'").split()).strip(" ,.()")
    rng = _RANGE.search(t)
    if rng:
        a, b = rng.group("a"), rng.group("b")
        if len(b) == 2:
            b = a[:2] + b
        if a <= b:
            return DateValue(a, b)
    low = t.lower()
    while True:
        stripped = _STRIP.sub("", low)
        if stripped == low:
            break
        relative = low.startswith(("last ", "this ", "next "))
        low = stripped
        if relative:
            return _relative(t, base)
    days = _day_range(low, base, year_hint)
    if days is not None:
        return days
    for pattern in _PATTERNS:
        m = pattern.match(low)
        if not m:
            continue
        groups = m.groupdict()
        year = int(groups["year"]) if groups.get("year") else None
        month = MONTHS[groups["month"]] if groups.get("month") else None
        if groups.get("mnum"):
            month = int(groups["mnum"])
        day_s = groups.get("day") or groups.get("dnum")
        day = int(day_s) if day_s else None
        if year is None:
            if month is None:
                return None
            year = _year_for(month, day, base) or year_hint
            if year is None:
                return None
        value = _iso(year, month, day)
        return DateValue(value) if value else None
    if _RELATIVE_HINT.search(low):
        return _relative(t, base)
    years = _YEAR_ANYWHERE.findall(t)
    if len(years) == 1:
        return DateValue(years[0])
    return None


def _day_range(low: str, base: dt.date | None, year_hint: int | None) -> DateValue | None:
    """Two days of one month or of two months: "November 27 and 28, 2019", "27-28 November",
    "November 30 to December 2, 2019". A range that does not run forward is no range."""
    for pattern in _DAY_RANGES:
        m = pattern.match(low)
        if not m:
            continue
        groups = m.groupdict()
        month = MONTHS[groups["month"]]
        month2 = MONTHS[groups["month2"]] if groups.get("month2") else month
        d1, d2 = int(groups["d1"]), int(groups["d2"])
        year = int(groups["year"]) if groups.get("year") else None
        if year is None:
            year = _year_for(month2, d2, base) or year_hint
            if year is None:
                return None
        # "December 30 to January 2, 2020": the range starts in the year before
        year1 = year - 1 if month2 < month else year
        start, end = _iso(year1, month, d1), _iso(year, month2, d2)
        if start is None or end is None or start >= end:
            return None
        return DateValue(start, end)
    halves = _SPLIT.split(low)
    if len(halves) == 2:  # "30 December 2019 to 2 January 2020": two dates in full
        first, last = (parse_date_text(h, None, year_hint) for h in halves)
        if first and last and not first.end and not last.end and first.value < last.value:
            return DateValue(first.value, last.value)
    return None


_SPLIT = re.compile(r"\s+(?:to|until|through|-|–|—)\s+|\s*[–—]\s*(?=[a-z0-9])")


def _base_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    if len(parts) < 3:
        return None  # a publication date known only to the month cannot anchor "last Tuesday"
    return dt.date(parts[0], parts[1], parts[2])


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ALONE = re.compile(r"^(?:on\s+)?(?:(?:early|late)\s+)?(" + "|".join(_WEEKDAYS) + r")$")
_WEEK = re.compile(r"^(?:(?:earlier|later)\s+)?(this|last|past|previous)\s+week$")


def _weekday_or_week(low: str, base: dt.date) -> DateValue | None:
    """News conventions: a bare weekday is the latest such day on or before publication
    ("Thursday" in a Thursday paper is that day); "this week" runs from its Monday to the
    publication day, "last week" is the whole week before."""
    m = _WEEKDAY_ALONE.match(low)
    if m:
        back = (base.weekday() - _WEEKDAYS.index(m.group(1))) % 7
        return DateValue((base - dt.timedelta(days=back)).isoformat())
    m = _WEEK.match(low)
    if m:
        monday = base - dt.timedelta(days=base.weekday())
        if m.group(1) == "this":
            return DateValue(monday.isoformat(), base.isoformat())
        start = monday - dt.timedelta(days=7)
        return DateValue(start.isoformat(), (start + dt.timedelta(days=6)).isoformat())
    return None


_DAY_PART = re.compile(
    r"^(?:(this|last|yesterday|early|late)\s+)?(morning|afternoon|evening|night)$|^(tonight)$"
)


def parse_time_text(text: str, published: str | None) -> DateValue | None:
    """The day of a TIME entity that names a part of a day relative to publication: "this
    morning" and "tonight" are the day of publication, "last night" and "yesterday evening" the
    day before. Clock times and bare day parts ("in the morning") date nothing."""
    base = _base_date(published)
    if base is None:
        return None
    m = _DAY_PART.match(" ".join(text.lower().split()).strip(" ,."))
    if m is None or (m[2] and m[1] in (None, "early", "late")):
        return None
    day = base - dt.timedelta(days=1) if m[1] in ("last", "yesterday") else base
    return DateValue(day.isoformat())


def _relative(text: str, base: dt.date | None) -> DateValue | None:
    """Relative expressions need a full publication date; weekdays and weeks are read by rule
    (:func:`_weekday_or_week`), the rest by dateparser."""
    if base is None:
        return None
    ruled = _weekday_or_week(" ".join(text.lower().split()), base)
    if ruled is not None:
        return ruled
    import dateparser  # slow to import: only when a relative date appears

    when = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12),
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": [],
        },
    )
    if when is None:
        return None
    low = text.lower()
    if re.search(r"\b(week|weekend)\b", low):
        return DateValue(when.date().isoformat())
    if re.search(r"\bmonth\b", low):
        return DateValue(when.strftime("%Y-%m"))
    if re.search(r"\byear\b", low):
        return DateValue(when.strftime("%Y"))
    return DateValue(when.date().isoformat())
